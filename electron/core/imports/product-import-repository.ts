import type { Database } from 'better-sqlite3';
import type { ProductRecord } from './import-rows';

const PRODUCT_COLUMNS = 'code, name, type, risk_level, term, currency, issuer, sale_start, sale_end, min_amount';
const PRODUCT_UPSERT = `INSERT INTO products (${PRODUCT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (code) DO UPDATE SET name = excluded.name, type = excluded.type, risk_level = excluded.risk_level,
    term = excluded.term, currency = excluded.currency, issuer = excluded.issuer, sale_start = excluded.sale_start,
    sale_end = excluded.sale_end, min_amount = excluded.min_amount`;

/** A product's columns as stored, in `PRODUCT_COLUMNS` order (what a preview compares and undo puts back). */
export type StoredProduct = [string, string, ...Array<string | number | null>];

const columnsOf = (p: ProductRecord): StoredProduct => [
  p.productCode,
  p.productName,
  p.productType,
  p.productRisk,
  p.term,
  p.currency,
  p.issuer,
  p.saleStart,
  p.saleEnd,
  p.minAmountFen,
];

/** The stored rows of the products coded, by code. */
export function storedProducts(sqlite: Database, codes: string[]): Map<string, StoredProduct> {
  const rows = sqlite
    .prepare(`SELECT ${PRODUCT_COLUMNS} FROM products WHERE code IN (SELECT value FROM json_each(?))`)
    .raw()
    .all(JSON.stringify(codes)) as StoredProduct[];
  return new Map(rows.map((row) => [row[0], row]));
}

/** Whether a record would change its stored product (or add one). */
export function productChanges(record: ProductRecord, stored: StoredProduct | undefined): 'added' | 'changed' | 'same' {
  if (!stored) return 'added';
  return columnsOf(record).every((value, i) => value === stored[i]) ? 'same' : 'changed';
}

/** Writes a catalogue file's products (added, or replacing the stored ones), each one's row before kept for undo. */
export function saveProducts(sqlite: Database, batchId: number, records: ProductRecord[]): void {
  const keep = sqlite.prepare(
    `INSERT INTO import_undo_products (batch_id, code, before)
     VALUES (?, ?, (SELECT json_array(${PRODUCT_COLUMNS}) FROM products WHERE code = ?))`,
  );
  const upsert = sqlite.prepare(PRODUCT_UPSERT);
  for (const record of records) {
    keep.run(batchId, record.productCode, record.productCode);
    upsert.run(...columnsOf(record));
  }
}

/** Undoes a catalogue batch: products it added removed, those it changed put back. */
export function restoreProducts(sqlite: Database, batchId: number): void {
  const rows = sqlite
    .prepare('SELECT code, before FROM import_undo_products WHERE batch_id = ?')
    .raw()
    .all(batchId) as Array<[string, string | null]>;
  const remove = sqlite.prepare('DELETE FROM products WHERE code = ?');
  const upsert = sqlite.prepare(PRODUCT_UPSERT);
  for (const [code, before] of rows) {
    if (before === null) remove.run(code);
    else upsert.run(...(JSON.parse(before) as StoredProduct));
  }
}

/** The codes of every product in the catalogue (holdings naming another are listed as unknown). */
export function catalogueCodes(sqlite: Database): Set<string> {
  return new Set(sqlite.prepare('SELECT code FROM products').pluck().all() as string[]);
}
