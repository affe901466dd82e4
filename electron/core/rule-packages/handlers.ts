/** The rule packages' handlers (contract: `shared/contract/rule-packages.ts`; dispatch applies its declarations). */
import { exportRulePackage, importRulePackage, previewRulePackage } from './rule-packages';
import { type ChannelHandlers, type JobWork } from '../trust/caller';
import type { rulePackagesChannels, rulePackagesJobs } from '../../../shared/contract/rule-packages';

export const rulePackagesHandlers: ChannelHandlers<typeof rulePackagesChannels> = {
  'rules.exportPackage': async (ctx, input) => {
    const { fileName, text, checksum } = exportRulePackage(ctx, input.staffCode);
    return { fileName, base64: Buffer.from(text, 'utf8').toString('base64'), checksum };
  },
  'rules.previewPackage': async (ctx, input) => previewRulePackage(ctx, ctx.uploads.file(input.fileToken)),
};

export const rulePackagesJobWork: JobWork<typeof rulePackagesJobs> = {
  'rules.importPackage': (ctx, request, _view, control) =>
    importRulePackage(ctx, ctx.uploads.file(request.fileToken), request.checksum, request.staffCode, control),
};
