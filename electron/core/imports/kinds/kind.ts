import type { ImportPreview, ImportResult } from '../../../../shared/schemas/imports';
import type { CoreContext } from '../../platform/context';
import type { ImportRecord } from '../import-rows';
import type { ImportPlan, ImportPlanner, KindPlanning } from './planner';

/** A batch's summary: stored with it (JSON), shown in the history, returned by the commit. */
export type BatchSummary = Omit<ImportResult, 'batchId'>;

/** An analysis as a kind's commit reads it: the plan made at preview and the records it keeps. */
export interface PlannedImport {
  /** The plan made at preview: what the commit writes (refused there if the database has changed since). */
  plan: ImportPlan;
  /** The records to write (those the plan refused left out); a monthly report's are staged instead (`stage`). */
  records: ImportRecord[];
  /** How many records will be written. */
  recordCount: number;
  /** A monthly report: the staged rows the commit moves (see `createAssetStage`); null once let go of. */
  stage(): string | null;
}

/** The batch being written, as a kind's commit sees it (inside the commit's transaction). */
export interface CommitBatch {
  id: number;
  now: string;
  /** The branch's day it is imported on (YYYY-MM-DD): what it changes takes effect from then. */
  today: string;
  /** Who imports it (null: the command line). */
  by: string | null;
  /** Its summary (a kind adds what only the writing tells: follow-ups). */
  summary: BatchSummary;
}

/**
 * What differs between the kinds of import file (docs/architecture.md, "Adding things"): each kind's file in
 * `kinds/` says what it plans from its records, what its commit writes (and keeps for undo), and which tiers it
 * changes; `imports.ts` runs the same steps for all. How its rows are read is in `import-rows.ts` and
 * `import-layout.ts`, which the import worker loads (no database code there).
 */
export interface ImportKindSpec {
  /**
   * Its rows are staged as the worker reads them (a connection-private table, `createAssetStage`): the commit moves
   * them in one statement, whatever the files before it in the set changed.
   */
  staged?: boolean;
  /** Begins planning a file of the kind, at its first batch of records (`stage`: where a staged kind's rows are). */
  plan(ctx: CoreContext, planner: ImportPlanner, stage: string | null): KindPlanning;
  /** Its part of the preview (none when absent). */
  preview?(plan: ImportPlan, recordCount: number): Partial<Pick<ImportPreview, 'holdings' | 'surveys' | 'products'>>;
  /**
   * Called before the commit's transaction: refuses a commit its preview no longer backs and reads what the writes
   * need; gives what the transaction then writes of the kind, after any new staff (and what undo restores).
   */
  commit(ctx: CoreContext, planned: PlannedImport): (batch: CommitBatch) => void;
  /** The summary's count its records are (null: they only change customers). */
  summaryRows: 'assetRows' | 'productRows' | 'holdingRows' | 'surveyRows' | 'benefitUseRows' | 'householdRows' | null;
  /**
   * The tiers an import of the kind, or its undo, changes (null: none): from its first month, or every month; and
   * whether each month's 月日均 in the tier snapshots still holds (the recompute need not read the assets again).
   */
  tiers: { from: 'firstMonth' | 'everyMonth'; valuesFromSnapshots: boolean } | null;
}
