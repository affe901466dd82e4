import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { formatDateTime } from '../../../shared/format';
import {
  ColumnMappingSchema,
  type ColumnMapping,
  type ImportBatch,
  type ImportKind,
  type ImportPreview,
  type ImportProblem,
  type ImportResult,
} from '../../../shared/schemas/imports';
import { appendAudit } from '../platform/audit-log';
import { EVERY_MONTH, markTiersStale } from '../platform/settings';
import {
  dropUndoData,
  findActiveBatchBySha,
  listLayouts,
  importStamp,
  insertBatch,
  undoableBatch,
  listBatches,
  markUndone,
  rememberLayout,
  rememberStaffCreated,
  restoreBatch,
  prepareImportedStaffInsert,
  type ImportBatchRow,
} from './imports-repository';
import type { ReadLimits } from './parse/read-workbook';
import { parseInWorker, type PackedSink } from './parse-in-worker';
import { packRecords } from './packed-records';
import {
  parseSpreadsheet,
  type ParsedSpreadsheet,
  type ParsedTable,
  type ParseRequest,
} from './parse/parse-spreadsheet';
import { pause, throwIfCancelled, type JobControl } from '../platform/jobs';
import type { CoreContext } from '../platform/context';
import { plainWorkbook } from './templates';
import { listTemplates } from '../surveys/surveys';
import { recomputeTiers } from '../tiers/tier-recompute';
import { backupBefore } from '../trust/backups';
import { IMPORT_KIND_SPECS } from './kinds';
import type { BatchSummary, CommitBatch, PlannedImport } from './kinds/kind';
import { ImportPlanner, PLACEHOLDER_STAFF_NAME, type ImportPlan } from './kinds/planner';

/** Problems shown in a preview; all of them go into the problems workbook. */
const PREVIEW_PROBLEMS = 500;

export interface ImportFile {
  name: string;
  bytes: Buffer;
}

export interface AnalyzeOptions {
  /** Overrides the kind guessed from the headers. */
  kind?: ImportKind;
  /** The sheet to read (default: the first with a recognisable table). */
  sheet?: string;
  /** The user's column mapping (default: the remembered one for this layout, else the guess). */
  mapping?: ColumnMapping[];
  /** Reader limits (tests shrink them). */
  limits?: ReadLimits;
  /** Parse in this thread instead of a worker (tests of the service logic). */
  inProcess?: boolean;
  /** Survey answers: the template they are of (default: the one whose questions name most columns). */
  templateId?: number;
}

/** A dry run: the preview shown to the user, and what a commit writes. */
export interface ImportAnalysis extends PlannedImport {
  preview: ImportPreview;
  /** Every problem (the preview has the first ones). */
  problems: ImportProblem[];
  kind: ImportKind;
  signature: string;
  /** The user chose the mapping: remember it for this layout when committing. */
  mappingChosen: boolean;
  /** Lets go of the staged rows (done after a commit, and when a preview is dropped). */
  release(): void;
}

/** What the worker reads: the file, and what the branch knows of its files (mappings chosen before, survey templates). */
function parseRequest(ctx: CoreContext, file: ImportFile, options: AnalyzeOptions): ParseRequest {
  return {
    fileName: file.name,
    bytes: file.bytes,
    currentMonth: ctx.today().slice(0, 7),
    kind: options.kind,
    sheet: options.sheet,
    mapping: options.mapping,
    rememberedMappings: rememberedMappings(ctx.store.sqlite),
    limits: options.limits,
    today: ctx.today(),
    surveyTemplates: listTemplates(ctx).templates.map(({ id, name, questions }) => ({ id, name, questions })),
    templateId: options.templateId,
  };
}

/** The planner of a file's table, which plans its records with the planning of their kind. */
function plannerOf(ctx: CoreContext, fileName: string, table: ParsedTable): ImportPlanner {
  const { kind, sheet, keyColumn, template } = table;
  return new ImportPlanner(ctx.store.sqlite, { file: fileName, sheet, keyColumn, template }, (planner) =>
    IMPORT_KIND_SPECS[kind].plan(ctx, planner),
  );
}

/** What the user is shown of a planned file before anything is written. */
function previewOf(
  sqlite: Database,
  file: ImportFile & { sha256: string },
  parsed: ParsedSpreadsheet,
  planned: { plan: ImportPlan; recordCount: number; problems: ImportProblem[] },
): ImportPreview {
  const { plan, recordCount, problems } = planned;
  const errors = problems.filter((p) => p.severity === 'error').length;
  const batch = findActiveBatchBySha(sqlite, file.sha256);
  const ofKind = IMPORT_KIND_SPECS[parsed.kind].preview?.(plan, recordCount);
  return {
    fileName: file.name,
    sha256: file.sha256,
    format: parsed.format,
    encoding: parsed.encoding,
    sheet: parsed.sheet,
    sheets: parsed.sheets,
    headerRow: parsed.headerRow + 1,
    kind: parsed.kind,
    mapping: parsed.mapping,
    layoutRemembered: parsed.layoutRemembered,
    rows: parsed.rows,
    skipped: parsed.skipped,
    newCustomers: plan.created.size,
    updatedCustomers: plan.updated.size,
    unchangedCustomers: plan.unchanged,
    months: [...plan.months]
      .sort()
      .map(([month, rows]) => ({ month, rows, replacesRows: plan.replaces.get(month) ?? 0 })),
    newStaff: [...plan.newStaff.keys()],
    holdings: ofKind?.holdings ?? null,
    surveys: ofKind?.surveys ?? null,
    errors,
    warnings: problems.length - errors,
    problems: problems.slice(0, PREVIEW_PROBLEMS),
    alreadyImported: batch ? { batchId: batch.id, at: batch.created_at } : null,
    canCommit: errors === 0 && batch === null && recordCount > 0,
  };
}

/**
 * Reads a file (in a worker thread) and works out what importing it would change, writing nothing to the
 * branch database: the kind, the header and column mapping, every problem, and the customers and months
 * affected. The records are planned as the worker reads them, and a monthly report's rows are staged for
 * the commit (`ImportAnalysis.release` lets go of them).
 */
export async function analyzeImport(
  ctx: CoreContext,
  file: ImportFile,
  options: AnalyzeOptions = {},
  control?: JobControl,
): Promise<ImportAnalysis> {
  // Reading the file has no measure of its own; the rows then count up.
  control?.report('parse', 0, 0);
  const request = parseRequest(ctx, file, options);
  // Made at the first batch of records (`as`: assigned in the sink, so not narrowed to null here).
  let planner = null as ImportPlanner | null;
  const release = () => planner?.release();
  const sink: PackedSink = {
    rows: control ? (done, total) => control.report('validate', done, total) : undefined,
    // Each batch planned as it comes (the main thread plans while the worker reads on).
    records: (records, table) => (planner ??= plannerOf(ctx, file.name, table)).add(records),
  };
  try {
    const parsing = options.inProcess
      ? parseSpreadsheet(request, {
          rows: sink.rows,
          records: (batch, table) => sink.records(packRecords(batch), table),
        })
      : parseInWorker(request, sink, control?.signal);
    const sha256 = createHash('sha256').update(file.bytes).digest('hex'); // while the worker starts
    const parsed = await parsing;
    const count = planner?.count ?? 0;
    control?.report('validate', count, count);
    await pause(control?.signal);
    const planned =
      planner ??
      plannerOf(ctx, file.name, { kind: parsed.kind, sheet: parsed.sheet, keyColumn: '', template: parsed.template });
    const plan = planned.finish();
    const recordCount = planned.count - plan.refused.size;
    const problems = [...parsed.problems, ...plan.problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const preview = previewOf(ctx.store.sqlite, { ...file, sha256 }, parsed, { plan, recordCount, problems });
    if (!preview.canCommit) release();
    return {
      preview,
      problems,
      kind: parsed.kind,
      signature: parsed.layout.signature,
      mappingChosen: options.mapping !== undefined,
      records: planned.records,
      recordCount,
      plan,
      stage: () => planned.stage,
      release,
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Column mappings users chose before, by layout signature (readable ones only). */
function rememberedMappings(sqlite: Database): NonNullable<ParseRequest['rememberedMappings']> {
  const entries = listLayouts(sqlite).flatMap((row) => {
    try {
      const mapping = ColumnMappingSchema.array().safeParse(JSON.parse(row.mapping));
      return mapping.success ? [[row.signature, { kind: row.kind, mapping: mapping.data }] as const] : [];
    } catch {
      return [];
    }
  });
  return Object.fromEntries(entries);
}

export interface CommitOptions {
  /** The user confirmed that months already in the database are replaced. */
  replaceMonths: boolean;
  staffCode: string | null;
}

/** Refuses to write a file already imported, one with errors, or one planned against a database changed since. */
function refuseStale(sqlite: Database, analysis: ImportAnalysis): void {
  const { preview } = analysis;
  const already = findActiveBatchBySha(sqlite, preview.sha256);
  if (already)
    throw new AppError(
      'CONFLICT',
      `该文件已于 ${formatDateTime(already.created_at)} 导入（批次 ${already.id}），不会重复导入`,
      `this file was already imported (batch ${already.id})`,
      { batchId: already.id },
    );
  if (preview.errors > 0)
    throw new AppError(
      'IMPORT_REJECTED',
      `有 ${preview.errors} 处错误，请修正后重新导入；未写入任何数据`,
      `${preview.errors} errors; fix them and import again — nothing was written`,
    );
  // What the preview showed is what is written: a database changed since (another import, an undo) needs a new preview.
  if (analysis.plan.stamp !== importStamp(sqlite))
    throw new AppError(
      'CONFLICT',
      '数据库在预览后有变化（例如又导入或撤销了文件），请重新预览',
      'the database changed since the preview (another import or undo); preview again',
    );
}

/** Months already in the database are replaced only once the user has confirmed it. */
function refuseUnconfirmedMonths(plan: ImportPlan, options: CommitOptions): void {
  const replaced = [...plan.replaces.keys()].sort();
  if (replaced.length > 0 && !options.replaceMonths) {
    throw new AppError(
      'CONFLICT',
      `将替换 ${replaced.join('、')} 已有的数据，请确认替换后再导入`,
      `this replaces the data of ${replaced.join(', ')}; confirm to go on`,
      { months: replaced },
    );
  }
}

function batchSummary(analysis: ImportAnalysis): BatchSummary {
  const { plan } = analysis;
  const summary: BatchSummary = {
    newCustomers: plan.created.size,
    updatedCustomers: plan.updated.size,
    months: [...plan.months.keys()].sort(),
    assetRows: 0,
    holdingRows: 0,
    surveyRows: 0,
    followUps: 0,
    newStaff: plan.newStaff.size,
  };
  const counted = IMPORT_KIND_SPECS[analysis.kind].summaryRows;
  if (counted) summary[counted] = analysis.recordCount;
  return summary;
}

/** The staff members the file names but the branch lacks, as placeholders (removed by undo). */
function createStaff(sqlite: Database, batch: CommitBatch, plan: ImportPlan): void {
  const insertStaff = prepareImportedStaffInsert(sqlite);
  for (const [code, name] of plan.newStaff) {
    insertStaff(code, name ?? PLACEHOLDER_STAFF_NAME, batch.now);
    rememberStaffCreated(sqlite, batch.id, code);
  }
}

/**
 * The batch in one transaction: its row (the latest batch's undo data dropped: only it can be undone), new staff,
 * what its kind writes, the tiers marked stale, the mapping remembered, the audit entry. Returns its id.
 */
function writeBatch(
  ctx: CoreContext,
  analysis: ImportAnalysis,
  options: CommitOptions,
  summary: BatchSummary,
  writeKind: (batch: CommitBatch) => void,
): number {
  const { sqlite } = ctx.store;
  const { preview } = analysis;
  const now = ctx.now();
  return sqlite
    .transaction(() => {
      dropUndoData(sqlite);
      const id = insertBatch(sqlite, {
        file_name: preview.fileName,
        sha256: preview.sha256,
        kind: analysis.kind,
        summary: JSON.stringify(summary),
        created_at: now,
        created_by: options.staffCode,
      });
      const batch: CommitBatch = { id, now, summary };
      createStaff(sqlite, batch, analysis.plan);
      writeKind(batch);
      const tiersFrom = tiersChangeFrom(analysis.kind, summary.months);
      if (tiersFrom) markTiersStale(sqlite, tiersFrom);
      if (analysis.mappingChosen)
        rememberLayout(sqlite, analysis.signature, analysis.kind, JSON.stringify(preview.mapping), now);
      appendAudit(sqlite, {
        at: now,
        actor: options.staffCode,
        action: 'imports.commit',
        target: preview.fileName,
        detail: { batchId: id, kind: analysis.kind, sha256: preview.sha256, ...summary },
      });
      return id;
    })
    .immediate();
}

/**
 * Writes an analysed import in one transaction as a batch (with what undo needs), then recomputes the tiers.
 * Refuses when the analysis has errors, the file is already imported, or months would be replaced unconfirmed.
 */
export async function commitImport(
  ctx: CoreContext,
  analysis: ImportAnalysis,
  options: CommitOptions,
  control?: JobControl,
): Promise<ImportResult> {
  refuseStale(ctx.store.sqlite, analysis);
  // The kind's own refusals (a monthly report's preview expired), and what it reads before writing.
  const writeKind = IMPORT_KIND_SPECS[analysis.kind].commit(ctx, analysis);
  refuseUnconfirmedMonths(analysis.plan, options);
  control?.report('commit', 0, 0);
  throwIfCancelled(control?.signal);
  const summary = batchSummary(analysis);
  const batchId = writeBatch(ctx, analysis, options, summary, writeKind);
  analysis.release();
  await recomputeAfter(ctx, analysis.kind, summary.months, control);
  return { batchId, ...summary };
}

/**
 * The first month whose tiers an import of `kind` (or its undo) changes (the kind's `tiers`): the first month of a
 * monthly report, every month for the customer master (opening dates), none for the others.
 */
function tiersChangeFrom(kind: ImportKind, months: string[]): string | null {
  const { tiers } = IMPORT_KIND_SPECS[kind];
  if (tiers === null) return null;
  return tiers.from === 'everyMonth' ? EVERY_MONTH : (months[0] ?? null);
}

/** Tiers after an import or its undo, from the first month it changes. */
async function recomputeAfter(
  ctx: CoreContext,
  kind: ImportKind,
  months: string[],
  control?: JobControl,
): Promise<void> {
  const fromMonth = tiersChangeFrom(kind, months);
  if (fromMonth === null) return;
  control?.report('read', 0, 0); // the data is written: the recompute's reading starts
  await recomputeTiers(ctx.store.sqlite, ctx.now(), {
    fromMonth,
    valuesFromSnapshots: IMPORT_KIND_SPECS[kind].tiers?.valuesFromSnapshots === true,
    onProgress: control?.report,
    signal: control?.signal,
  });
}

function toBatch(row: ImportBatchRow, undoable: number | null): ImportBatch {
  return {
    id: row.id,
    fileName: row.file_name,
    kind: row.kind,
    createdAt: row.created_at,
    createdBy: row.created_by,
    undoneAt: row.undone_at,
    summary: JSON.parse(row.summary) as ImportBatch['summary'],
    canUndo: row.id === undoable,
  };
}

/** The import history, newest first. */
export function listImports(ctx: CoreContext, limit = 100): { batches: ImportBatch[] } {
  const { sqlite } = ctx.store;
  const undoable = undoableBatch(sqlite)?.id ?? null;
  return { batches: listBatches(sqlite, limit).map((row) => toBatch(row, undoable)) };
}

/** Undoes the latest batch still in force: the database as it was before it, then tiers recomputed. */
export async function undoLatestImport(
  ctx: CoreContext,
  staffCode: string | null,
  control?: JobControl,
): Promise<{ batchId: number }> {
  const { sqlite } = ctx.store;
  const latest = undoableBatch(sqlite);
  if (!latest)
    throw new AppError(
      'NOT_FOUND',
      '没有可撤销的导入（只能撤销最近一次导入）',
      'nothing to undo (only the latest import can be undone)',
    );
  const summary = JSON.parse(latest.summary) as ImportBatch['summary'];
  control?.report('commit', 0, 0);
  sqlite
    .transaction(() => {
      restoreBatch(sqlite, latest.id, summary.months);
      const tiersFrom = tiersChangeFrom(latest.kind, summary.months);
      if (tiersFrom) markTiersStale(sqlite, tiersFrom);
      markUndone(sqlite, latest.id, ctx.now(), staffCode);
      dropUndoData(sqlite);
      appendAudit(sqlite, {
        at: ctx.now(),
        actor: staffCode,
        action: 'imports.undo',
        target: latest.file_name,
        detail: { batchId: latest.id },
      });
    })
    .immediate();
  await recomputeAfter(ctx, latest.kind, summary.months, control);
  return { batchId: latest.id };
}

/** An analysis kept by `analyzeHeldFile`. */
const heldAnalysis = (ctx: CoreContext, id: string) => ctx.uploads.result<ImportAnalysis & { fileToken: string }>(id);

/** A held file analysed (a job): the preview, and an id to commit it by. */
export async function analyzeHeldFile(
  ctx: CoreContext,
  input: { fileToken: string; importKind?: ImportKind; sheet?: string; mapping?: ColumnMapping[]; templateId?: number },
  control?: JobControl,
): Promise<{ analysisId: string; preview: ImportPreview }> {
  const analysis = await analyzeImport(
    ctx,
    ctx.uploads.file(input.fileToken),
    { kind: input.importKind, sheet: input.sheet, mapping: input.mapping, templateId: input.templateId },
    control,
  );
  return { analysisId: ctx.uploads.keep({ ...analysis, fileToken: input.fileToken }), preview: analysis.preview };
}

/** Commits an analysis made by `analyzeHeldFile`, then lets go of the file. */
export async function commitAnalysis(
  ctx: CoreContext,
  input: { analysisId: string; replaceMonths: boolean; staffCode: string | null },
  control?: JobControl,
): Promise<ImportResult> {
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
  ctx.uploads.release(analysis.fileToken);
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
  return {
    fileName: `${analysis.preview.fileName.replace(/\.[^.]+$/, '')}-问题清单.xlsx`,
    base64: bytes.toString('base64'),
  };
}
