import { recordImportedAssessments } from '../assessment-import-repository';
import type { CustomerChanges, ExistingCustomer } from '../imports-repository';
import type { CustomerRecord } from '../import-rows';
import { givenColumns, planCustomers, updateCustomers } from './customers';
import type { ImportKindSpec } from './kind';
import type { ImportPlanner } from './planner';

/**
 * A row's assessment, unless the customer already has a newer one (docs/domain.md, "Suitability"): an older
 * assessment never replaces it; the row is passed over with a warning naming both dates.
 */
function assessmentColumns(planner: ImportPlanner, record: CustomerRecord, known: ExistingCustomer): CustomerChanges {
  const stored = known.risk_assessed_date;
  if (stored !== null && record.riskAssessedDate !== null && record.riskAssessedDate < stored) {
    planner.problem(
      record,
      'warning',
      `客户 ${record.customerNo} 的评估日期 ${record.riskAssessedDate} 早于已有的评估（${known.risk_level ?? '未评估'}，${stored}），保留较新的评估，这一行不导入`,
      `customer ${record.customerNo}: the assessment of ${record.riskAssessedDate} is older than the one on file (${stored}); the newer is kept`,
      record.riskAssessedDate,
      planner.columnOf('riskAssessedDate'),
    );
    return {};
  }
  return givenColumns({
    risk_level: record.riskLevel,
    risk_assessed_date: record.riskAssessedDate,
    risk_assessed_channel: record.riskAssessedChannel,
  });
}

/**
 * Assessment files (风险评估: 客户号, 风险等级, 评估日期, 评估渠道): each existing customer's assessment replaced
 * by the file's (the row before kept for undo) and recorded; an unknown customer is refused, as in every file
 * but the master; a customer twice in the file too.
 */
export const assessments: ImportKindSpec = {
  plan: (_ctx, planner) =>
    planCustomers(planner, {
      refuseUnknown: (record) =>
        planner.refuse(
          record,
          `客户号 ${record.customerNo} 不在客户名单中；风险评估只能记到已有客户名下，请先导入客户信息`,
          `customer ${record.customerNo} is unknown; an assessment file only changes existing customers`,
          record.customerNo,
          planner.where.keyColumn,
        ),
      columns: (record, known) => assessmentColumns(planner, record, known),
    }),
  commit:
    ({ store: { sqlite } }, { plan }) =>
    (batch) => {
      updateCustomers(sqlite, batch, plan);
      recordImportedAssessments(sqlite, batch, [...plan.updated.keys()]);
    },
  summaryRows: null,
  tiers: null,
};
