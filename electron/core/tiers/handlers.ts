/** The tiers channels' handlers (the contract's `shared/contract/tiers.ts`; dispatch applies its declarations around them). */
import { recomputeAllTiers } from './tier-recompute';
import { getTierMatrix, getTierOverview } from './tiers';
import { removeTierOverride, saveTierOverride } from './tier-overrides';
import { getTierRules, previewTierRules, saveTierRules } from './tier-rules';
import { type ChannelHandlers, type JobWork } from '../trust/caller';
import type { tiersChannels, tiersJobs } from '../../../shared/contract/tiers';

export const tiersHandlers: ChannelHandlers<typeof tiersChannels> = {
  'tiers.overview': async (ctx, input) => getTierOverview(ctx, input.month),
  'tiers.matrix': async (ctx, input) => getTierMatrix(ctx, input.fromMonth, input.toMonth),
  'tiers.rules': async (ctx) => getTierRules(ctx),
  'tiers.previewRules': async (ctx, input) => previewTierRules(ctx, input.rules),
};

export const tiersJobWork: JobWork<typeof tiersJobs> = {
  'tiers.recompute': (ctx, request, _view, control) => recomputeAllTiers(ctx, control),
  'tiers.saveRules': (ctx, request, _view, control) => saveTierRules(ctx, request.rules, request.staffCode, control),
  'tiers.saveOverride': (ctx, request, _view, control) =>
    saveTierOverride(ctx, request.override, request.staffCode, control),
  'tiers.removeOverride': (ctx, request, _view, control) =>
    removeTierOverride(ctx, request.overrideId, request.staffCode, control),
};
