/** The suitability channels' handlers (the contract's `shared/contract/suitability.ts`). */
import type { suitabilityChannels } from '../../../shared/contract/suitability';
import { type ChannelHandlers } from '../trust/caller';
import {
  getCustomerSuitability,
  getSuitabilityBench,
  getSuitabilityOverview,
  getSuitabilitySettings,
  listSuitabilityCustomers,
  recordAssessment,
  saveSuitabilitySettings,
} from './suitability';
import { getCustomerSuggestions } from './suggestions';

export const suitabilityHandlers: ChannelHandlers<typeof suitabilityChannels> = {
  'suitability.customer': async (ctx, input) => getCustomerSuitability(ctx, input.customerNo),
  'suitability.suggestions': async (ctx, input) => getCustomerSuggestions(ctx, input),
  'suitability.recordAssessment': async (ctx, input) => recordAssessment(ctx, input),
  'suitability.overview': async (ctx, input) => getSuitabilityOverview(ctx, input),
  'suitability.customers': async (ctx, input) => listSuitabilityCustomers(ctx, input),
  'suitability.bench': async (ctx, input) => getSuitabilityBench(ctx, input),
  'suitability.settings': async (ctx) => getSuitabilitySettings(ctx),
  'suitability.saveSettings': async (ctx, input) => saveSuitabilitySettings(ctx, input.settings, input.staffCode),
};
