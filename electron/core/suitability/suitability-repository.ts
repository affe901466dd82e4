import type { Database } from 'better-sqlite3';

/** A customer as the check reads them. */
export interface AssessedRow {
  id: number;
  customerNo: string;
  name: string;
  managerCode: string | null;
  riskLevel: string | null;
  assessedDate: string | null;
  channel: string | null;
  professional: number;
}

const ASSESSED_COLUMNS = `c.id, c.customer_no AS customerNo, c.name, c.manager_code AS managerCode, c.risk_level AS riskLevel,
  c.risk_assessed_date AS assessedDate, c.risk_assessed_channel AS channel, c.professional_investor AS professional`;

/** One customer's assessment. */
export function assessmentOf(sqlite: Database, customerNo: string): AssessedRow | undefined {
  return sqlite.prepare(`SELECT ${ASSESSED_COLUMNS} FROM customers c WHERE c.customer_no = ?`).get(customerNo) as
    AssessedRow | undefined;
}

/** A holding with its product's risk level (null: not in the catalogue). */
export interface HoldingRow {
  productKey: string;
  productCode: string | null;
  productName: string;
  productRisk: string | null;
  amountFen: number | null;
  maturityDate: string | null;
}

/** One customer's holdings, each with its catalogue risk level. */
export function holdingsWithRisk(sqlite: Database, customerId: number): HoldingRow[] {
  return sqlite
    .prepare(
      `SELECT h.product_key AS productKey, h.product_code AS productCode, h.product_name AS productName,
         p.risk_level AS productRisk, h.amount AS amountFen, h.maturity_date AS maturityDate
       FROM holdings h LEFT JOIN products p ON p.code = h.product_code WHERE h.customer_id = ? ORDER BY h.product_key`,
    )
    .all(customerId) as HoldingRow[];
}

/**
 * Every customer not closed by `asOf`, in id order (`[id, number, name, manager, level, date, professional]`), and
 * every holding in customer order (`[customer id, product risk or null, product name]`): the whole branch's check
 * reads these two, column arrays rather than objects.
 */
export function branchForCheck(
  sqlite: Database,
  asOf: string,
): {
  customers: Array<[number, string, string, string | null, string | null, string | null, number]>;
  holdings: Array<[number, string | null, string]>;
} {
  const customers = sqlite
    .prepare(
      `SELECT id, customer_no, name, manager_code, risk_level, risk_assessed_date, professional_investor
       FROM customers WHERE closed_date IS NULL OR closed_date > ? ORDER BY id`,
    )
    .raw()
    .all(asOf) as Array<[number, string, string, string | null, string | null, string | null, number]>;
  const holdings = sqlite
    .prepare(
      `SELECT h.customer_id, p.risk_level, h.product_name FROM holdings h LEFT JOIN products p ON p.code = h.product_code`,
    )
    .raw()
    .all() as Array<[number, string | null, string]>;
  return { customers, holdings };
}

/** Writes the customer's assessment and keeps it in the assessment record (which makes derived data stale). */
export function writeAssessment(
  sqlite: Database,
  customerId: number,
  assessment: { riskLevel: string | null; assessedDate: string | null; channel: string | null; professional: boolean },
  recorded: { at: string; by: string | null },
): void {
  const professional = assessment.professional ? 1 : 0;
  sqlite
    .prepare(
      `UPDATE customers SET risk_level = ?, risk_assessed_date = ?, risk_assessed_channel = ?, professional_investor = ?,
         updated_at = ? WHERE id = ?`,
    )
    .run(assessment.riskLevel, assessment.assessedDate, assessment.channel, professional, recorded.at, customerId);
  sqlite
    .prepare(
      `INSERT INTO risk_assessments (customer_id, risk_level, assessed_date, channel, professional, recorded_at, recorded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      customerId,
      assessment.riskLevel,
      assessment.assessedDate,
      assessment.channel,
      professional,
      recorded.at,
      recorded.by,
    );
}
