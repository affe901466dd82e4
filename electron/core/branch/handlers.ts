/** The branch channels' handlers (the contract's `shared/contract/branch.ts`; dispatch applies its declarations around them). */
import { getAbout } from './about';
import { getAppInfo } from './app-info';
import { gettingStarted } from './getting-started';
import { clearDemo, readProfile, saveProfile, startBranch } from './profile';
import { type ChannelHandlers, viewerOf } from '../trust/caller';
import type { branchChannels } from '../../../shared/contract/branch';

export const branchHandlers: ChannelHandlers<typeof branchChannels> = {
  'app.info': (ctx) => getAppInfo(ctx),
  'app.about': (ctx) => getAbout(ctx),
  'setup.createBranch': (ctx, input) => startBranch(ctx, input.profile),
  'setup.loadDemo': (ctx) => startBranch(ctx, 'demo'),
  'setup.checklist': (ctx) => gettingStarted(ctx),
  'branch.profile': async (ctx) => readProfile(ctx),
  'branch.saveProfile': async (ctx, input, caller) => saveProfile(ctx, input.profile, viewerOf(caller).staff.code),
  'branch.clearDemo': (ctx, input, caller) => clearDemo(ctx, input.profile, viewerOf(caller).staff.code),
};
