/** The benefits channels' handlers (the contract's `shared/contract/benefits.ts`). */
import type { benefitsChannels } from '../../../shared/contract/benefits';
import { type ChannelHandlers, viewerOf } from '../trust/caller';
import {
  getBenefitCatalogues,
  getCustomerBenefits,
  getDowngradeLosses,
  recordBenefitUse,
  removeBenefitCatalogue,
  saveBenefitCatalogueOf,
} from './benefits';
import { getBenefitAnalysis, listBenefitAnalysisCustomers } from './benefit-analysis';

export const benefitsHandlers: ChannelHandlers<typeof benefitsChannels> = {
  'benefits.catalogues': async (ctx) => getBenefitCatalogues(ctx),
  'benefits.saveCatalogue': async (ctx, input) => saveBenefitCatalogueOf(ctx, input.catalogue, input.staffCode),
  'benefits.removeCatalogue': async (ctx, input) => removeBenefitCatalogue(ctx, input.validFrom, input.staffCode),
  'benefits.customer': async (ctx, input) => getCustomerBenefits(ctx, input.customerNo),
  'benefits.downgradeLosses': async (ctx, input) => getDowngradeLosses(ctx, input.month, input.customerNos),
  'benefits.analysis': async (ctx, input) => getBenefitAnalysis(ctx, input),
  'benefits.analysisCustomers': async (ctx, input) => listBenefitAnalysisCustomers(ctx, input),
  'benefits.recordUse': async (ctx, input, caller) => recordBenefitUse(ctx, input, viewerOf(caller).staff.role),
};
