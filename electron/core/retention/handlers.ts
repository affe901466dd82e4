/** The retention channels' handlers (the contract's `shared/contract/retention.ts`; dispatch applies its declarations around them). */
import {
  createAction,
  getActionBoard,
  getRetentionResults,
  getWarnings,
  getWarningSettings,
  logContact,
  saveWarningSettings,
  setOutcome,
} from './retention';
import { type ChannelHandlers } from '../trust/caller';
import type { retentionChannels } from '../../../shared/contract/retention';
import { benefitToOffer } from '../benefits/benefits';

export const retentionHandlers: ChannelHandlers<typeof retentionChannels> = {
  'warnings.list': async (ctx, input) => getWarnings(ctx, input),
  'warnings.settings': async (ctx) => getWarningSettings(ctx),
  'warnings.saveSettings': async (ctx, input) => saveWarningSettings(ctx, input.settings, input.staffCode),
  'retention.board': async (ctx, input) => getActionBoard(ctx, input),
  'retention.createAction': async (ctx, input) =>
    createAction(ctx, input, input.benefitCode ? await benefitToOffer(ctx, input.customerNo, input.benefitCode) : null),
  'retention.setOutcome': async (ctx, input) => setOutcome(ctx, input),
  'retention.results': (ctx, input) => getRetentionResults(ctx, input),
  'contacts.log': (ctx, input) => logContact(ctx, input),
};
