/** The imports channels' handlers (the contract's `shared/contract/imports.ts`; dispatch applies its declarations around them). */
import { AppError } from '../../../shared/errors';
import { analyzeHeldFiles, commitAnalysis, listImports, problemsWorkbook, undoLatestImport } from './imports';
import { importTemplate } from './templates';
import { type ChannelHandlers, type JobWork } from '../trust/caller';
import type { importsChannels, importsJobs } from '../../../shared/contract/imports';

export const importsHandlers: ChannelHandlers<typeof importsChannels> = {
  'imports.history': async (ctx) => listImports(ctx),
  'imports.problems': (ctx, input) => problemsWorkbook(ctx, input.analysisId),
  'imports.template': async (_ctx, input) => {
    const { fileName, bytes } = await importTemplate(input.kind);
    return { fileName, base64: bytes.toString('base64') };
  },
  'files.pick': async (ctx) => {
    if (!ctx.pickFiles)
      throw new AppError('NOT_FOUND', '浏览器模式请用“选择文件”上传', 'In browser mode, upload the files instead');
    const files = await ctx.pickFiles();
    return { files: files.map((file) => ctx.uploads.put(file.name, file.bytes)) };
  },
};

export const importsJobWork: JobWork<typeof importsJobs> = {
  'imports.analyze': (ctx, request, _view, control) => analyzeHeldFiles(ctx, request, control),
  'imports.commit': (ctx, request, _view, control) => commitAnalysis(ctx, request, control),
  'imports.undo': (ctx, request, _view, control) => undoLatestImport(ctx, request.staffCode, control),
};
