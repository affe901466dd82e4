import { AppError } from '../../../shared/errors';
import type { ImportBatch, ImportProblem, ImportSetPreview, ImportSetResult } from '../../../shared/schemas/imports';
import type { JobResults } from '../../../shared/schemas/jobs';
import { appendAudit } from '../platform/audit-log';
import type { CoreContext } from '../platform/context';
import { markTiersStale } from '../platform/settings';
import { throwIfCancelled, type JobControl } from '../platform/jobs';
import { backupBefore } from '../trust/backups';
import {
  dropUndoData,
  importStamp,
  listBatches,
  markUndone,
  restoreBatch,
  undoableSet,
  type ImportBatchRow,
} from './imports-repository';
import { readImport, releaseReads, type ImportFile, type ReadImport, type ReadOptions } from './import-read';
import {
  importOrder,
  previewSet,
  setName,
  setPreview,
  writeSet,
  type CommitOptions,
  type PlannedFile,
} from './import-set';
import { recomputeAfterSet, tiersChangeFrom } from './set-tiers';
import { plainWorkbook } from './templates';
import { handoverInForceSince } from '../books/handovers';

export type { ImportFile, ReadOptions as AnalyzeOptions } from './import-read';
export type { CommitOptions } from './import-set';

/**
 * A dry run of one import (a set of one or more files): the preview shown to the user, and the plans a commit writes
 * (against the same database: a commit is refused when it changed).
 */
export interface ImportAnalysis {
  preview: ImportSetPreview;
  /** Every problem of every file, in import order (the preview has the first ones of each). */
  problems: ImportProblem[];
  /** Each file as the preview planned it, in import order. */
  planned: PlannedFile[];
  /** The database state the preview was planned against (`importStamp`). */
  stamp: string;
  /** Lets go of the rows staged for the files (done after a commit, and when a preview is dropped). */
  release(): void;
}

/** Reads a file of the import; when there are several, a file that cannot be read is named in the refusal. */
async function readNamed(
  ctx: CoreContext,
  file: ImportFile,
  name: boolean,
  options: ReadOptions,
  control?: JobControl,
): Promise<ReadImport> {
  try {
    return await readImport(ctx, file, options, control);
  } catch (error) {
    if (!name || !(error instanceof AppError) || error.code === 'CANCELLED') throw error;
    throw new AppError(
      error.code,
      `“${file.name}”：${error.message}`,
      `“${file.name}”: ${error.messageEn}`,
      error.details,
    );
  }
}

/**
 * Reads the files of one import (each in a worker thread) and works out what importing them would change, writing
 * nothing: each file in import order (master, books, assessments, months ascending, catalogue, holdings, surveys,
 * whatever the order given), planned against the branch as the files before it would leave it, with every problem,
 * and the totals.
 */
export async function analyzeImport(
  ctx: CoreContext,
  files: ImportFile[],
  options: ReadOptions = {},
  control?: JobControl,
): Promise<ImportAnalysis> {
  const read: ReadImport[] = [];
  const release = () => releaseReads(ctx.store.sqlite, read);
  try {
    for (const file of files) read.push(await readNamed(ctx, file, files.length > 1, options, control));
    const ordered = importOrder(read);
    const reads = ordered.map((o) => o.read);
    const stamp = importStamp(ctx.store.sqlite);
    const planned = previewSet(ctx, reads);
    const preview = setPreview(
      planned,
      ordered.map((o) => o.given),
    );
    return { preview, problems: planned.flatMap((f) => f.problems), planned, stamp, release };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Writes an analysed import in one transaction, each file a batch of one set (with what undo needs), then
 * recomputes the tiers once. Refuses, writing nothing, when the database changed since the preview, a file has
 * errors or is already imported, or months would be replaced unconfirmed.
 */
export async function commitImport(
  ctx: CoreContext,
  analysis: ImportAnalysis,
  options: CommitOptions,
  control?: JobControl,
): Promise<ImportSetResult> {
  // What the preview showed is what is written: a database changed since (another import, an undo) needs a new preview.
  if (analysis.stamp !== importStamp(ctx.store.sqlite))
    throw new AppError(
      'CONFLICT',
      '数据库在预览后有变化（例如又导入或撤销了文件），请重新预览',
      'the database changed since the preview (another import or undo); preview again',
    );
  control?.report('commit', 0, 0);
  throwIfCancelled(control?.signal);
  const files = writeSet(ctx, analysis.planned, options);
  analysis.release();
  const tiersRecomputed = await recomputeAfterSet(ctx, files, control);
  const total = (
    key:
      | 'newCustomers'
      | 'updatedCustomers'
      | 'assetRows'
      | 'productRows'
      | 'holdingRows'
      | 'surveyRows'
      | 'benefitUseRows'
      | 'householdRows'
      | 'followUps'
      | 'newStaff',
  ) => files.reduce((n, f) => n + f[key], 0);
  return {
    setId: files[0].batchId,
    files,
    newCustomers: total('newCustomers'),
    updatedCustomers: total('updatedCustomers'),
    months: files.flatMap((f) => f.months).sort(),
    assetRows: total('assetRows'),
    holdingRows: total('holdingRows'),
    productRows: total('productRows'),
    surveyRows: total('surveyRows'),
    benefitUseRows: total('benefitUseRows'),
    householdRows: total('householdRows'),
    followUps: total('followUps'),
    newStaff: total('newStaff'),
    tiersRecomputed,
  };
}

function toBatch(row: ImportBatchRow, undoable: number | null): ImportBatch {
  return {
    id: row.id,
    setId: row.set_id,
    fileName: row.file_name,
    kind: row.kind,
    createdAt: row.created_at,
    createdBy: row.created_by,
    undoneAt: row.undone_at,
    summary: JSON.parse(row.summary) as ImportBatch['summary'],
    canUndo: row.set_id === undoable,
  };
}

/** The import history, newest first (a set's batches side by side). */
export function listImports(ctx: CoreContext, limit = 100): { batches: ImportBatch[] } {
  const { sqlite } = ctx.store;
  const undoable = undoableSet(sqlite)[0]?.set_id ?? null;
  return { batches: listBatches(sqlite, limit).map((row) => toBatch(row, undoable)) };
}

/**
 * Undoes the latest import still in force, every file of its set, newest batch first, in one transaction: the
 * database as it was before it; then tiers recomputed once.
 */
export async function undoLatestImport(
  ctx: CoreContext,
  staffCode: string | null,
  control?: JobControl,
): Promise<JobResults['imports.undo']> {
  const { sqlite } = ctx.store;
  const set = undoableSet(sqlite);
  if (set.length === 0)
    throw new AppError(
      'NOT_FOUND',
      '没有可撤销的导入（只能撤销最近一次导入）',
      'nothing to undo (only the latest import can be undone)',
    );
  const handover = handoverInForceSince(ctx, set[set.length - 1].id);
  if (handover !== null)
    throw new AppError(
      'CONFLICT',
      `这次导入之后已有管户交接（编号 ${handover}），请先撤销该交接，再撤销导入`,
      `A handover (${handover}) was made after this import: undo it first, then the import`,
    );
  const batches = set.map((b) => ({ ...b, months: (JSON.parse(b.summary) as ImportBatch['summary']).months }));
  const setId = set[0].set_id;
  const fileNames = set.map((b) => b.file_name);
  control?.report('commit', 0, 0);
  sqlite
    .transaction(() => {
      for (const batch of [...batches].reverse()) {
        restoreBatch(sqlite, batch.id, batch.months);
        const tiersFrom = tiersChangeFrom(batch.kind, batch.months);
        if (tiersFrom) markTiersStale(sqlite, tiersFrom);
        markUndone(sqlite, batch.id, ctx.now(), staffCode);
      }
      dropUndoData(sqlite);
      appendAudit(sqlite, {
        at: ctx.now(),
        actor: staffCode,
        action: 'imports.undo',
        target: setName(fileNames),
        detail: { setId, batchIds: set.map((b) => b.id) },
      });
    })
    .immediate();
  const tiersRecomputed = await recomputeAfterSet(ctx, batches, control);
  return { setId, batchIds: set.map((b) => b.id), fileNames, tiersRecomputed };
}

/** An analysis kept by `analyzeHeldFiles`. */
const heldAnalysis = (ctx: CoreContext, id: string) =>
  ctx.uploads.result<ImportAnalysis & { fileTokens: string[] }>(id);

/** Held files analysed as one import (a job): the preview, and an id to commit it by. */
export async function analyzeHeldFiles(
  ctx: CoreContext,
  input: {
    files: Array<Omit<ImportFile, 'name' | 'bytes' | 'kind'> & { fileToken: string; importKind?: ImportFile['kind'] }>;
  },
  control?: JobControl,
): Promise<{ analysisId: string; preview: ImportSetPreview }> {
  const files = input.files.map(({ fileToken, importKind, ...chosen }) => ({
    ...ctx.uploads.file(fileToken),
    ...chosen,
    kind: importKind,
  }));
  const analysis = await analyzeImport(ctx, files, {}, control);
  const fileTokens = input.files.map((f) => f.fileToken);
  return { analysisId: ctx.uploads.keep({ ...analysis, fileTokens }), preview: analysis.preview };
}

/** Commits an analysis made by `analyzeHeldFiles` (after a backup), then lets go of its files. */
export async function commitAnalysis(
  ctx: CoreContext,
  input: { analysisId: string; replaceMonths: boolean; staffCode: string | null },
  control?: JobControl,
): Promise<ImportSetResult> {
  const analysis = heldAnalysis(ctx, input.analysisId);
  // The database as it was, whatever happens next (undo covers only the latest import).
  control?.report('backup', 0, 0);
  await backupBefore(ctx, 'import');
  const result = await commitImport(
    ctx,
    analysis,
    { replaceMonths: input.replaceMonths, staffCode: input.staffCode },
    control,
  );
  ctx.uploads.release(analysis.fileTokens);
  return result;
}

/** Every problem of an analysis as an xlsx (the original file, sheet, row and column of each), base64 for IPC. */
export async function problemsWorkbook(
  ctx: CoreContext,
  analysisId: string,
): Promise<{ fileName: string; base64: string }> {
  const analysis = heldAnalysis(ctx, analysisId);
  const rows = [
    ['级别 / Level', '文件 / File', '工作表 / Sheet', '行 / Row', '列 / Column', '内容 / Value', '说明', 'Message'],
    ...analysis.problems.map((p) => [
      p.severity === 'error' ? '错误' : '警告',
      p.file,
      p.sheet,
      p.row,
      p.column,
      p.value,
      p.message,
      p.messageEn,
    ]),
  ];
  const bytes = await plainWorkbook([{ name: '问题清单', rows, widths: [8, 24, 14, 8, 22, 24, 60, 60] }]);
  const { files } = analysis.preview;
  return {
    fileName: `${files.length === 1 ? files[0].fileName.replace(/\.[^.]+$/, '') : `导入${files.length}个文件`}-问题清单.xlsx`,
    base64: bytes.toString('base64'),
  };
}
