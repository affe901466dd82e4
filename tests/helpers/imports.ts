import type { CoreContext } from '../../electron/core/platform/context';
import type { JobControl } from '../../electron/core/platform/jobs';
import { expect } from 'vitest';
import { analyzeImport, commitImport, type AnalyzeOptions, type ImportFile } from '../../electron/core/imports/imports';

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

/** Files imported as one set and committed (months replaced), after checking the preview found no error. */
export async function importFiles(ctx: CoreContext, files: ImportFile[]): Promise<void> {
  const analysis = await analyzeImport(ctx, files, { inProcess: true });
  expect(analysis.problems.filter((p) => p.severity === 'error')).toEqual([]);
  await commitImport(
    ctx,
    analysis,
    { replaceMonths: true, staffCode: null },
    { signal: new AbortController().signal, report: () => undefined },
  );
}
