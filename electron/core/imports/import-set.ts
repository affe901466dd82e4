import type { Database } from 'better-sqlite3';
import {
  IMPORT_KINDS,
  type ImportKind,
  type ImportPreview,
  type ImportProblem,
  type ImportSetPreview,
  type ImportSetResult,
} from '../../../shared/schemas/imports';
import { appendAudit } from '../platform/audit-log';
import type { CoreContext } from '../platform/context';
import { markTiersStale } from '../platform/settings';
import {
  dropUndoData,
  findActiveBatchBySha,
  insertBatch,
  prepareImportedStaffInsert,
  rememberLayout,
  rememberStaffCreated,
  type ImportBatchRow,
} from './imports-repository';
import type { ReadImport } from './import-read';
import { IMPORT_KIND_SPECS } from './kinds';
import type { BatchSummary, CommitBatch } from './kinds/kind';
import { ImportPlanner, type ImportPlan } from './kinds/planner';
import { PLACEHOLDER_STAFF_NAME } from '../../../shared/staff-name';
import { tiersChangeFrom } from './set-tiers';
import { refusal, refuseUnconfirmedMonths, replacedMonths, setProblems, type CommitOptions } from './set-refusals';

export type { CommitOptions } from './set-refusals';

/** Problems shown in a preview; all of them go into the problems workbook. */
const PREVIEW_PROBLEMS = 500;

/** A file of the set planned against the branch as the files before it leave it. */
export interface PlannedFile {
  read: ReadImport;
  preview: ImportPreview;
  /** Every problem (the preview has the first ones). */
  problems: ImportProblem[];
  plan: ImportPlan;
  /** The planner, holding the records to write. */
  planner: ImportPlanner;
}

/**
 * The files of one import in the order they are imported, whatever the order chosen: the customer master, the
 * books, the assessments, the monthly reports by month, the product catalogue, holdings, surveys (`IMPORT_KINDS`). Each with its place among those given.
 */
export function importOrder(reads: ReadImport[]): Array<{ read: ReadImport; given: number }> {
  const rank = ({ read }: { read: ReadImport }) => `${IMPORT_KINDS.indexOf(read.parsed.kind)}|${read.months[0] ?? ''}`;
  return reads.map((read, given) => ({ read, given })).sort((a, b) => rank(a).localeCompare(rank(b)));
}

/** What the user is shown of a planned file before anything is written. */
function previewOf(
  read: ReadImport,
  planned: { plan: ImportPlan; recordCount: number; problems: ImportProblem[] },
  already: ImportBatchRow | null,
): ImportPreview {
  const { parsed } = read;
  const { plan, recordCount, problems } = planned;
  const errors = problems.filter((p) => p.severity === 'error').length;
  const ofKind = IMPORT_KIND_SPECS[parsed.kind].preview?.(plan, recordCount);
  return {
    fileName: read.name,
    sha256: read.sha256,
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
    products: ofKind?.products ?? null,
    surveys: ofKind?.surveys ?? null,
    errors,
    warnings: problems.length - errors,
    problems: problems.slice(0, PREVIEW_PROBLEMS),
    alreadyImported: already ? { batchId: already.id, at: already.created_at } : null,
    canCommit: errors === 0 && already === null && recordCount > 0,
  };
}

function batchSummary(kind: ImportKind, plan: ImportPlan, recordCount: number): BatchSummary {
  const summary: BatchSummary = {
    newCustomers: plan.created.size,
    updatedCustomers: plan.updated.size,
    months: [...plan.months.keys()].sort(),
    assetRows: 0,
    holdingRows: 0,
    productRows: 0,
    surveyRows: 0,
    benefitUseRows: 0,
    householdRows: 0,
    followUps: 0,
    newStaff: plan.newStaff.size,
  };
  const counted = IMPORT_KIND_SPECS[kind].summaryRows;
  if (counted) summary[counted] = recordCount;
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
 * A planned file written as a batch of the set: its row, new staff, what its kind writes (and keeps for undo), the
 * tiers marked stale, the mapping remembered. Returns what it wrote.
 */
function writeBatch(
  ctx: CoreContext,
  file: PlannedFile,
  batch: { setId: number | null; staffCode: string | null },
): ImportSetResult['files'][number] {
  const { sqlite } = ctx.store;
  const { read, plan, planner, preview } = file;
  const { kind } = read.parsed;
  const recordCount = planner.count - plan.refused.size;
  const now = ctx.now();
  const summary = batchSummary(kind, plan, recordCount);
  const writeKind = IMPORT_KIND_SPECS[kind].commit(ctx, {
    plan,
    records: planner.records,
    recordCount,
    stage: () => read.stage,
  });
  const id = insertBatch(
    sqlite,
    {
      file_name: read.name,
      sha256: read.sha256,
      kind,
      summary: JSON.stringify(summary),
      created_at: now,
      created_by: batch.staffCode,
    },
    batch.setId,
  );
  const written: CommitBatch = { id, now, today: ctx.today(), by: batch.staffCode, summary };
  createStaff(sqlite, written, plan);
  writeKind(written);
  const tiersFrom = tiersChangeFrom(kind, summary.months);
  if (tiersFrom) markTiersStale(sqlite, tiersFrom);
  if (read.mappingChosen)
    rememberLayout(sqlite, read.parsed.layout.signature, kind, JSON.stringify(preview.mapping), now);
  return { batchId: id, fileName: read.name, kind, ...summary };
}

/**
 * A dry run of the set, nothing kept: the files planned one after the other in one transaction, rolled back, each
 * against the branch as the files before it leave it — each file that can be imported is written before the next is
 * planned (a monthly report then finds the customers the set's master creates, the staff an earlier file added); the
 * last need not be.
 */
export function previewSet(ctx: CoreContext, reads: ReadImport[]): PlannedFile[] {
  const { sqlite } = ctx.store;
  const refusedBySet = setProblems(reads);
  const already = reads.map((read) => findActiveBatchBySha(sqlite, read.sha256));
  const work = (): PlannedFile[] => {
    const files: PlannedFile[] = [];
    let setId: number | null = null;
    for (const [i, read] of reads.entries()) {
      const { kind, sheet, keyColumn, template } = read.table;
      const planner = new ImportPlanner(
        sqlite,
        { file: read.name, sheet, keyColumn, template, mapping: read.parsed.mapping },
        (p) => IMPORT_KIND_SPECS[kind].plan(ctx, p, read.stage),
      );
      for (const batch of read.batches) planner.add(batch);
      read.batches = []; // planned: the planner holds what is written
      const plan = planner.finish();
      const recordCount = planner.count - plan.refused.size;
      const problems = [...refusedBySet[i], ...read.parsed.problems, ...plan.problems].sort(
        (a, b) => (a.row ?? 0) - (b.row ?? 0),
      );
      const file = {
        read,
        plan,
        planner,
        problems,
        preview: previewOf(read, { plan, recordCount, problems }, already[i]),
      };
      files.push(file);
      if (file.preview.canCommit && i < reads.length - 1)
        setId ??= writeBatch(ctx, file, { setId, staffCode: null }).batchId;
    }
    return files;
  };
  return dryRun(sqlite, work);
}

/** One audit entry for the set, listing its files. */
function auditSet(
  ctx: CoreContext,
  files: PlannedFile[],
  written: ImportSetResult['files'],
  staffCode: string | null,
): void {
  const [first] = written;
  appendAudit(ctx.store.sqlite, {
    at: ctx.now(),
    actor: staffCode,
    action: 'imports.commit',
    target: setName(written.map((w) => w.fileName)),
    detail: {
      setId: first.batchId,
      files: written.map((w, i) => ({ ...w, sha256: files[i].read.sha256 })),
    },
  });
}

/** How the audit log and the history name a set: its file, or its first file and how many. */
export function setName(fileNames: string[]): string {
  return fileNames.length === 1 ? fileNames[0] : `${fileNames[0]} 等 ${fileNames.length} 个文件`;
}

/** Thrown to roll back a dry run, carrying what it found. */
class DryRun<T> {
  constructor(readonly value: T) {}
}

/** Runs `work` in one immediate transaction, rolled back (a dry run), giving what it found. */
function dryRun<T>(sqlite: Database, work: () => T): T {
  try {
    sqlite
      .transaction(() => {
        throw new DryRun(work());
      })
      .immediate();
  } catch (outcome) {
    if (outcome instanceof DryRun) return outcome.value as T;
    throw outcome;
  }
  throw new Error('unreachable: a dry run always rolls back');
}

/** The set's preview: each file in import order, and the totals. */
export function setPreview(files: PlannedFile[], order: number[]): ImportSetPreview {
  const previews = files.map((f) => f.preview);
  const sum = (
    key: 'rows' | 'skipped' | 'newCustomers' | 'updatedCustomers' | 'unchangedCustomers' | 'errors' | 'warnings',
  ) => previews.reduce((n, p) => n + p[key], 0);
  return {
    files: previews,
    order,
    totals: {
      rows: sum('rows'),
      skipped: sum('skipped'),
      newCustomers: sum('newCustomers'),
      updatedCustomers: sum('updatedCustomers'),
      unchangedCustomers: sum('unchangedCustomers'),
      months: previews.flatMap((p) => p.months).sort((a, b) => a.month.localeCompare(b.month)),
      newStaff: [...new Set(previews.flatMap((p) => p.newStaff))],
      errors: sum('errors'),
      warnings: sum('warnings'),
    },
    replaces: replacedMonths(previews),
    canCommit: previews.every((p) => p.canCommit),
  };
}

/**
 * The set written as its preview planned it, in one transaction (the caller made sure the database is as it was
 * then); refused, nothing written, when any file cannot be imported or months would be replaced unconfirmed. The ids
 * a plan holds for customers an earlier file of the set creates are those the dry run gave them: the same inserts,
 * in the same order, into the same database give the same rowids.
 */
export function writeSet(ctx: CoreContext, files: PlannedFile[], options: CommitOptions): ImportSetResult['files'] {
  const { sqlite } = ctx.store;
  return sqlite
    .transaction(() => {
      for (const file of files) if (!file.preview.canCommit) throw refusal(file);
      refuseUnconfirmedMonths(
        files.map((f) => f.preview),
        options,
      );
      dropUndoData(sqlite); // only the latest set can be undone
      const written: ImportSetResult['files'] = [];
      for (const file of files)
        written.push(writeBatch(ctx, file, { setId: written[0]?.batchId ?? null, staffCode: options.staffCode }));
      auditSet(ctx, files, written, options.staffCode);
      return written;
    })
    .immediate();
}
