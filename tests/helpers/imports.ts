import type { CoreContext } from '../../electron/core/platform/context';
import type { JobControl } from '../../electron/core/platform/jobs';
import { analyzeImport, type AnalyzeOptions, type ImportFile } from '../../electron/core/imports/imports';

/** How a test reads one file: its choices (kind, sheet, mapping, template) and the reader's options. */
export type OneFileOptions = Omit<ImportFile, 'name' | 'bytes'> & AnalyzeOptions;

/**
 * A single file analysed as an import of its own (a set of one), parsed in this thread unless `inProcess: false`;
 * `file` is its preview.
 */
export async function analyzeOne(
  ctx: CoreContext,
  file: Pick<ImportFile, 'name' | 'bytes'>,
  options: OneFileOptions = {},
  control?: JobControl,
) {
  const { limits, inProcess = true, ...chosen } = options;
  const analysis = await analyzeImport(ctx, [{ ...file, ...chosen }], { limits, inProcess }, control);
  return { ...analysis, file: analysis.preview.files[0] };
}
