/** The flows channels' handlers (the contract's `shared/contract/flows.ts`; dispatch applies its declarations around them). */
import { getFlowBreakdown, getFlowReport } from './flows';
import { type ChannelHandlers } from '../trust/caller';
import type { flowsChannels } from '../../../shared/contract/flows';

export const flowsHandlers: ChannelHandlers<typeof flowsChannels> = {
  'flows.report': async (ctx, input) => getFlowReport(ctx, input),
  'flows.breakdown': async (ctx, input) => getFlowBreakdown(ctx, input),
};
