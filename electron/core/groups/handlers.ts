/** The groups channels' handlers (the contract's `shared/contract/groups.ts`; dispatch applies its declarations around them). */
import { getGroupReport } from './groups';
import { type ChannelHandlers } from '../trust/caller';
import type { groupsChannels } from '../../../shared/contract/groups';

export const groupsHandlers: ChannelHandlers<typeof groupsChannels> = {
  'groups.report': (ctx, input) => getGroupReport(ctx, input),
};
