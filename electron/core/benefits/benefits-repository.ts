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

/** Uses summed by customer and benefit over a span of dates (the analysis's year to date). */
export function sumBenefitUses(sqlite: Database, from: string, to: string): Map<number, Map<string, number>> {
  const rows = sqlite
    .prepare(
      'SELECT customer_id, benefit_code, SUM(count) FROM benefit_uses WHERE used_date BETWEEN ? AND ? GROUP BY 1, 2',
    )
    .raw()
    .all(from, to) as Array<[number, string, number]>;
  const byCustomer = new Map<number, Map<string, number>>();
  for (const [id, code, count] of rows) {
    let uses = byCustomer.get(id);
    if (!uses) byCustomer.set(id, (uses = new Map()));
    uses.set(code, count);
  }
  return byCustomer;
}
