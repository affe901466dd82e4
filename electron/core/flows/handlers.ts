/** The flows channels' handlers (the contract's `shared/contract/flows.ts`; dispatch applies its declarations around them). */
import { getMigrationReport } from './flows';
import { type ChannelHandlers } from '../trust/caller';
import type { flowsChannels } from '../../../shared/contract/flows';

export const flowsHandlers: ChannelHandlers<typeof flowsChannels> = {
  'migration.report': async (ctx, input) => getMigrationReport(ctx, input),
};
