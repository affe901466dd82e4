import { AppError } from '../../../../shared/errors';
import { insertStagedAssets, moveMonthToUndo, rowsPerMonth, unknownStagedNumbers } from '../imports-repository';
import type { AssetRecord } from '../import-rows';
import { packedField, unpackRecords, type PackedRecords } from '../packed-records';
import type { ImportKindSpec } from './kind';
import { createCustomers, givenColumns } from './customers';
import type { ImportPlanner } from './planner';

/** What a monthly report says of a customer the branch lacks. */
const reportedColumns = (record: AssetRecord) => givenColumns({ name: record.name, manager_code: record.managerCode });

/**
 * A batch of a monthly report's records as the worker sent them (columns: no object a row): the customers the branch
 * lacks (`unknown`, as the files before it in the set leave it) are new. Then duplicates, months, new customers and
 * staff. (Its rows were staged as they were read; a refused row is an error, and a set with errors is never committed.)
 */
function planReport(planner: ImportPlanner, records: PackedRecords, unknown: Set<string>): void {
  const { plan } = planner;
  // Row, customer and month are in every record; the manager and name may be empty in all of them.
  const { row } = records.numbers;
  const { customerNo, month } = records.texts;
  const [managerCode, managerName, name] = (['managerCode', 'managerName', 'name'] as const).map((key) =>
    packedField<string>(records, key),
  );
  // One key object, refilled for each row (the duplicate finder keeps its values, not the object).
  const key = { row: 0, customerNo: '', month: '' };
  // The batch as objects, made all at once when a first record is kept whole.
  let whole: AssetRecord[] | null = null;
  for (let i = 0; i < records.count; i++) {
    key.row = row[i];
    key.customerNo = customerNo[i] as string;
    key.month = month[i] as string;
    const duplicate = planner.duplicateOf(key);
    if (duplicate) {
      planner.refuseDuplicate(key, duplicate);
      continue;
    }
    planner.checkManager(key, managerCode(i), managerName(i));
    plan.months.set(key.month, (plan.months.get(key.month) ?? 0) + 1);
    if (unknown.has(key.customerNo) && !plan.created.has(key.customerNo)) {
      plan.created.set(key.customerNo, (whole ??= unpackRecords<AssetRecord>(records))[i]);
      if (!name(i))
        planner.problem(
          key,
          'warning',
          `新客户 ${key.customerNo} 没有姓名，暂以客户号作姓名；请导入客户信息补全`,
          `new customer ${key.customerNo} has no name; the number stands in until the customer master is imported`,
        );
    }
  }
}

/** The stage of a file's rows, refused once let go of (the preview was dropped). */
function liveStage(stage: string | null): string {
  if (stage === null)
    throw new AppError('NOT_FOUND', '预览已过期，请重新预览', 'the preview has expired; preview again', {
      field: 'analysisId',
    });
  return stage;
}

/**
 * The monthly asset report (金融资产月报): its months replace those stored (kept for undo), customers it names
 * that the branch lacks are created. Its rows are staged as they are read, and wait there from the preview to the commit.
 */
export const assets: ImportKindSpec = {
  staged: true,
  plan: (_ctx, planner, stage) => {
    const unknown = unknownStagedNumbers(planner.sqlite, liveStage(stage));
    return {
      add: (records) => planReport(planner, records, unknown),
      finish: () => {
        planner.plan.replaces = rowsPerMonth(planner.sqlite, [...planner.plan.months.keys()]);
      },
    };
  },
  commit: ({ store: { sqlite } }, { plan, recordCount, stage: staged }) => {
    const stage = liveStage(staged());
    return (batch) => {
      createCustomers(sqlite, batch, plan.created as Map<string, AssetRecord>, reportedColumns);
      for (const month of batch.summary.months) moveMonthToUndo(sqlite, batch.id, month);
      const written = insertStagedAssets(sqlite, stage);
      if (written !== recordCount)
        throw new AppError(
          'INTERNAL',
          `写入的月报行数（${written}）与预览（${recordCount}）不符，已全部撤回`,
          `rows written (${written}) differ from the preview (${recordCount}); nothing was written`,
        );
    };
  },
  summaryRows: 'assetRows',
  tiers: { from: 'firstMonth', valuesFromSnapshots: false },
};
