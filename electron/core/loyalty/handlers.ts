/** The points plan's handlers (the contract's `shared/contract/loyalty.ts`). */
import type { loyaltyChannels } from '../../../shared/contract/loyalty';
import { type ChannelHandlers } from '../trust/caller';
import { awardPoints, getCustomerPoints, getLoyaltySettings, redeemGift, saveGift, saveLoyaltyRules } from './loyalty';
import { getPointsAnalysis, pointsAnalysisCustomers } from './points-analysis';

export const loyaltyHandlers: ChannelHandlers<typeof loyaltyChannels> = {
  'loyalty.settings': async (ctx) => getLoyaltySettings(ctx),
  'loyalty.saveRules': async (ctx, input) => saveLoyaltyRules(ctx, input.rules, input.staffCode),
  'loyalty.saveGift': async (ctx, input) => saveGift(ctx, input.gift, input.staffCode),
  'loyalty.customer': async (ctx, input) => getCustomerPoints(ctx, input.customerNo),
  'loyalty.redeem': async (ctx, input) => redeemGift(ctx, input),
  'loyalty.bonus': async (ctx, input) => awardPoints(ctx, input),
  'loyalty.adjust': async (ctx, input) => awardPoints(ctx, { ...input, bonusEvent: null }),
  'loyalty.analysis': async (ctx, input) => getPointsAnalysis(ctx, input),
  'loyalty.analysisCustomers': async (ctx, input) => pointsAnalysisCustomers(ctx, input),
};
