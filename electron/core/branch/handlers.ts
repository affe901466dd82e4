/** The branch channels' handlers (the contract's `shared/contract/branch.ts`; dispatch applies its declarations around them). */
import { getAbout } from './about';
import { getAppInfo } from './app-info';
import { gettingStarted } from './getting-started';
import { clearDemo, readProfile, saveProfile, startBranch } from './profile';
import { type ChannelHandlers, type JobWork, viewerOf } from '../trust/caller';
import type { branchChannels, branchJobs } from '../../../shared/contract/branch';
import { chooseDataDirectory, moveDataDirectoryTo, removeOldDataDirectory } from './data-location';

export const branchHandlers: ChannelHandlers<typeof branchChannels> = {
  'app.info': (ctx) => getAppInfo(ctx),
  'app.about': (ctx) => getAbout(ctx),
  'setup.createBranch': (ctx, input) => startBranch(ctx, input.profile),
  'setup.checklist': (ctx) => gettingStarted(ctx),
  'branch.profile': async (ctx) => readProfile(ctx),
  'branch.saveProfile': async (ctx, input, caller) => saveProfile(ctx, input.profile, viewerOf(caller).staff.code),
  'branch.clearDemo': (ctx, input, caller) => clearDemo(ctx, input.profile, viewerOf(caller).staff.code),
  'dataDir.choose': (ctx) => chooseDataDirectory(ctx),
  'dataDir.removeOld': async (ctx, input) => removeOldDataDirectory(ctx, input.staffCode),
};

export const branchJobWork: JobWork<typeof branchJobs> = {
  'setup.loadDemo': (ctx, _request, _view, control) => startBranch(ctx, 'demo', control),
  'dataDir.move': (ctx, request, _view, control) =>
    moveDataDirectoryTo(ctx, request.targetToken, request.staffCode, control),
};
