/** The branch channels' handlers (the contract's `shared/contract/branch.ts`; dispatch applies its declarations around them). */
import { getAppInfo } from './app-info';
import { type ChannelHandlers } from '../trust/caller';
import type { branchChannels } from '../../../shared/contract/branch';

export const branchHandlers: ChannelHandlers<typeof branchChannels> = {
  'app.info': (ctx) => getAppInfo(ctx),
};
