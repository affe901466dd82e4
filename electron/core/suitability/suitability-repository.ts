import type { Database } from 'better-sqlite3';
import type { IdRange } from '../platform/jobs';
import type { CatalogueProduct, HeldProduct } from './suggestion-rules';

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

/** Every customer id: a read done at once. */
const EVERY_ID: IdRange = { from: 0, to: Number.MAX_SAFE_INTEGER };

/** A customer holding products, as the whole branch's check reads them (numbers, one row per customer). */
export type HeldForCheck = [
  id: number,
  managerCode: string | null,
  /** 1–5, null: none. */
  level: number | null,
  dated: number,
  /** Assessed before the day given (1/0). */
  expired: number,
  professional: number,
  holdings: number,
  /** The highest level of the products held that are in the catalogue (null: none is). */
  top: number | null,
  /** Holdings of a product not in the catalogue. */
  unknown: number,
];

/**
 * Every customer not closed by `asOf` who holds products, with their holdings summed up in SQLite (how many, the
 * highest catalogue level among them, how many are of a product not in the catalogue): 200,000 rows read rather
 * than 600,000.
 */
export function heldForCheck(
  sqlite: Database,
  asOf: string,
  expiredBefore: string,
  ids: IdRange = EVERY_ID,
): HeldForCheck[] {
  return sqlite
    .prepare(
      `SELECT c.id, c.manager_code, CAST(substr(c.risk_level, 2) AS INTEGER), c.risk_assessed_date IS NOT NULL,
         ifnull(c.risk_assessed_date < ?, 0), c.professional_investor, h.held, h.top, h.unknown
       FROM (SELECT h.customer_id, count(*) AS held, max(CAST(substr(p.risk_level, 2) AS INTEGER)) AS top,
               count(*) - count(p.code) AS unknown
             FROM holdings h LEFT JOIN products p ON p.code = h.product_code
             WHERE h.customer_id >= ? AND h.customer_id < ? GROUP BY h.customer_id) h
       JOIN customers c ON c.id = h.customer_id
       WHERE c.closed_date IS NULL OR c.closed_date > ?
       ORDER BY c.id`,
    )
    .raw()
    .all(expiredBefore, ids.from, ids.to, asOf) as HeldForCheck[];
}

/** The customers of these ids, in the order given. */
export function assessedByIds(sqlite: Database, ids: readonly number[]): AssessedRow[] {
  return sqlite
    .prepare(`SELECT ${ASSESSED_COLUMNS} FROM json_each(?) j JOIN customers c ON c.id = j.value ORDER BY j.key`)
    .all(JSON.stringify(ids)) as AssessedRow[];
}

/** The holdings of these customers, each `[customer id, product name, the product's level or null]`. */
export function holdingsOfCustomers(sqlite: Database, ids: readonly number[]): Array<[number, string, string | null]> {
  return sqlite
    .prepare(
      `SELECT h.customer_id, h.product_name, p.risk_level FROM json_each(?) j
       JOIN holdings h ON h.customer_id = j.value LEFT JOIN products p ON p.code = h.product_code
       ORDER BY h.customer_id, h.product_key`,
    )
    .raw()
    .all(JSON.stringify(ids)) as Array<[number, string, string | null]>;
}

/** Customers (not professional investors, not closed) assessed between two days, oldest first; of one book or all. */
export function assessedBetween(sqlite: Database, from: string, to: string, managerCode: string | null): AssessedRow[] {
  return sqlite
    .prepare(
      `SELECT ${ASSESSED_COLUMNS} FROM customers c
       WHERE c.risk_assessed_date BETWEEN ? AND ? AND c.risk_level IS NOT NULL AND c.professional_investor = 0
         AND c.closed_date IS NULL AND (? IS NULL OR c.manager_code = ?)
       ORDER BY c.risk_assessed_date, c.id`,
    )
    .all(from, to, managerCode, managerCode) as AssessedRow[];
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

/** The whole catalogue as suggestions read it (risk 1–5). */
export function catalogueProducts(sqlite: Database): CatalogueProduct[] {
  return sqlite
    .prepare(
      `SELECT code, name, type, CAST(substr(risk_level, 2) AS INTEGER) AS risk, sale_start AS saleStart,
         sale_end AS saleEnd FROM products ORDER BY code`,
    )
    .all() as CatalogueProduct[];
}

/** One catalogue product (null: not in the catalogue). */
export function productByCode(sqlite: Database, code: string): CatalogueProduct | null {
  return (
    (sqlite
      .prepare(
        `SELECT code, name, type, CAST(substr(risk_level, 2) AS INTEGER) AS risk, sale_start AS saleStart,
           sale_end AS saleEnd FROM products WHERE code = ?`,
      )
      .get(code) as CatalogueProduct | undefined) ?? null
  );
}

/** One customer's holdings as suggestions read them: the type is the catalogue's, else the holdings file's. */
export function heldProducts(sqlite: Database, customerId: number): HeldProduct[] {
  return sqlite
    .prepare(
      `SELECT h.product_code AS code, coalesce(p.type, h.product_type) AS type, h.amount AS amountFen,
         h.maturity_date AS maturityDate
       FROM holdings h LEFT JOIN products p ON p.code = h.product_code WHERE h.customer_id = ?`,
    )
    .all(customerId) as HeldProduct[];
}

/** A customer's 月日均 and 活期 part in a month (分), null without data. */
export function monthAumAndDemand(
  sqlite: Database,
  customerId: number,
  month: string,
): { aumFen: number | null; demandFen: number | null } {
  const row = sqlite
    .prepare(
      'SELECT aum_avg AS aumFen, demand_avg AS demandFen FROM monthly_assets WHERE month = ? AND customer_id = ?',
    )
    .get(month, customerId) as { aumFen: number | null; demandFen: number | null } | undefined;
  return row ?? { aumFen: null, demandFen: null };
}

/**
 * Every holding of a catalogue product as two columns, holder ids and the product's place in `codes`, in the
 * holdings' order: one JSON array per column crosses from SQLite (no sort, no row or string per holding). A customer
 * holds a code once (it is the key).
 */
export function catalogueHolders(
  sqlite: Database,
  ids: IdRange = EVERY_ID,
): { customerIds: number[]; products: number[]; codes: string[] } {
  const codes = sqlite.prepare('SELECT code FROM products ORDER BY rowid').pluck().all() as string[];
  const [holders, places] = sqlite
    .prepare(
      `SELECT json_group_array(h.customer_id), json_group_array(p.place) FROM holdings h
       JOIN (SELECT code, row_number() OVER (ORDER BY rowid) - 1 AS place FROM products) p ON p.code = h.product_code
       WHERE h.customer_id >= ? AND h.customer_id < ?`,
    )
    .raw()
    .get(ids.from, ids.to) as [string, string];
  return { customerIds: JSON.parse(holders) as number[], products: JSON.parse(places) as number[], codes };
}
