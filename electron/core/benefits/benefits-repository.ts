/** The benefits' SQL (docs/domain.md, "Benefits"): the catalogues and the uses recorded. */
import type { Database } from 'better-sqlite3';
import type { BenefitCatalogue, BenefitDef } from '../../../shared/schemas/benefits';

/** All catalogues, oldest first. */
export function listBenefitCatalogues(sqlite: Database): BenefitCatalogue[] {
  const rows = sqlite
    .prepare('SELECT valid_from, benefits FROM benefit_catalogues ORDER BY valid_from')
    .all() as Array<{
    valid_from: string;
    benefits: string;
  }>;
  return rows.map((r) => ({ validFrom: r.valid_from, benefits: JSON.parse(r.benefits) as BenefitDef[] }));
}

export function saveBenefitCatalogue(sqlite: Database, c: BenefitCatalogue, now: string, by: string | null): void {
  sqlite
    .prepare(
      'INSERT OR REPLACE INTO benefit_catalogues (valid_from, benefits, created_at, created_by) VALUES (?, ?, ?, ?)',
    )
    .run(c.validFrom, JSON.stringify(c.benefits), now, by);
}

export function deleteBenefitCatalogue(sqlite: Database, validFrom: string): number {
  return sqlite.prepare('DELETE FROM benefit_catalogues WHERE valid_from = ?').run(validFrom).changes;
}

export interface BenefitUseRow {
  id: number;
  customer_id: number;
  benefit_code: string;
  used_date: string;
  count: number;
  note: string;
  override_reason: string | null;
  import_batch_id: number | null;
  created_at: string;
  created_by: string | null;
}

/** One customer's uses, newest first. */
export function listBenefitUsesOfCustomer(sqlite: Database, customerId: number): BenefitUseRow[] {
  return sqlite
    .prepare('SELECT * FROM benefit_uses WHERE customer_id = ? ORDER BY used_date DESC, id DESC')
    .all(customerId) as BenefitUseRow[];
}

export function insertBenefitUse(sqlite: Database, row: Omit<BenefitUseRow, 'id'>): number {
  return Number(
    sqlite
      .prepare(
        'INSERT INTO benefit_uses (customer_id, benefit_code, used_date, count, note, override_reason, import_batch_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        row.customer_id,
        row.benefit_code,
        row.used_date,
        row.count,
        row.note,
        row.override_reason,
        row.import_batch_id,
        row.created_at,
        row.created_by,
      ).lastInsertRowid,
  );
}

/** The uses of the customers given, by customer id (what an import's uses are counted against). */
export function listBenefitUsesOfCustomers(
  sqlite: Database,
  customerIds: readonly number[],
): Map<number, BenefitUseRow[]> {
  const rows = sqlite
    .prepare('SELECT u.* FROM json_each(?) j JOIN benefit_uses u ON u.customer_id = j.value')
    .all(JSON.stringify(customerIds)) as BenefitUseRow[];
  const byCustomer = new Map<number, BenefitUseRow[]>();
  for (const r of rows) byCustomer.set(r.customer_id, [...(byCustomer.get(r.customer_id) ?? []), r]);
  return byCustomer;
}

/**
 * The uses over a span of dates (the analysis's year to date) as columns: one `json_group_array` each, parsed in JS
 * (docs/architecture.md, "Rules": values crossing one at a time cost twice as much).
 */
export function readBenefitUseColumns(
  sqlite: Database,
  from: string,
  to: string,
): { customerIds: number[]; codes: string[]; counts: number[] } {
  const [ids, codes, counts] = sqlite
    .prepare(
      `SELECT json_group_array(customer_id), json_group_array(benefit_code), json_group_array(count)
       FROM benefit_uses WHERE used_date BETWEEN ? AND ?`,
    )
    .raw()
    .get(from, to) as [string, string, string];
  return {
    customerIds: JSON.parse(ids) as number[],
    codes: JSON.parse(codes) as string[],
    counts: JSON.parse(counts) as number[],
  };
}
