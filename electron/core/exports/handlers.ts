/** The exports channels' handlers (the contract's `shared/contract/exports.ts`; dispatch applies its declarations around them). */
import { AppError } from '../../../shared/errors';
import { exportForDownload } from './exports';
import { type ChannelHandlers, type JobWork, viewerOf } from '../trust/caller';
import type { exportsChannels, exportsJobs } from '../../../shared/contract/exports';

export const exportsHandlers: ChannelHandlers<typeof exportsChannels> = {
  'exports.save': async (ctx, input, caller) => {
    const who = viewerOf(caller).staff.code;
    const held = ctx.downloads.get(input.token, who);
    if (!ctx.chooseSaveTarget)
      throw new AppError('NOT_FOUND', '浏览器模式请从浏览器下载', 'In browser mode, download the file instead');
    const target = await ctx.chooseSaveTarget(held.fileName);
    if (target === null) return { saved: false };
    ctx.downloads.saveAs(input.token, who, target);
    return { saved: true };
  },
};

export const exportsJobWork: JobWork<typeof exportsJobs> = {
  'exports.report': (ctx, request, view, control) => exportForDownload(ctx, request.export, view, control),
};
