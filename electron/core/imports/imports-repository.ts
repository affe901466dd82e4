import type { Database, Statement } from 'better-sqlite3';
import type { ImportKind } from '../../../shared/schemas/imports';
import type { AssetRecord, HoldingRecord } from './import-rows';
import { prepareNameKeyColumns, prepareNamePartsWrite, type NewCustomerRecord } from '../platform/bulk';
import type { PackedRecords } from './packed-records';
import { restoreProducts } from './product-import-repository';
import { forgetImportedAssessments } from './assessment-import-repository';
import { forgetImportedManagerChanges } from './manager-change-repository';
import { forgetImportedBenefitUses } from './benefit-usage-import-repository';
import { forgetImportedHouseholds } from './household-import-repository';

export interface ImportBatchRow {
  id: number;
  file_name: string;
  sha256: string;
  kind: ImportKind;
  summary: string;
  created_at: string;
  created_by: string | null;
  undone_at: string | null;
  undone_by: string | null;
  /** The set the batch was imported in: the id of the set's first batch. */
  set_id: number;
}

/** Customers by number: what a preview compares with and a commit updates (and undo restores). */
export type ExistingCustomer = NewCustomerRecord & { id: number };

const CUSTOMER_COLUMNS =
  'id, customer_no, name, gender, id_number, birth_date, mobile, occupation, annual_income, risk_level, risk_assessed_date, risk_assessed_channel, opened_date, closed_date, manager_code, lunar_birthday, id_expiry_date';
const ASSET_COLUMNS =
  'customer_id, month, aum_avg, deposit_avg, demand_avg, wealth_avg, fund_avg, insurance_avg, other_avg, loan_avg, aum_month_end';

/** The stored rows of the customers numbered (driven from the list: one index probe each). */
export function existingCustomers(sqlite: Database, customerNos: string[]): Map<string, ExistingCustomer> {
  const columns = CUSTOMER_COLUMNS.split(', ')
    .map((c) => `c.${c}`)
    .join(', ');
  const rows = sqlite
    .prepare(`SELECT ${columns} FROM json_each(?) j CROSS JOIN customers c ON c.customer_no = j.value`)
    .all(JSON.stringify(customerNos)) as ExistingCustomer[];
  return new Map(rows.map((r) => [r.customer_no, r]));
}

/** Only the ids of the customers numbered: all a monthly report needs (whole rows cost far more). */
export function existingCustomerIds(sqlite: Database, customerNos: string[]): Map<string, number> {
  const rows = sqlite
    .prepare('SELECT c.customer_no, c.id FROM json_each(?) j CROSS JOIN customers c ON c.customer_no = j.value')
    .raw()
    .all(JSON.stringify(customerNos)) as Array<[string, number]>;
  return new Map(rows);
}

/**
 * What a plan depends on: when it is unchanged, a plan made at preview still holds at commit (the customers, the
 * imports, the staff; the handovers, which move customers; the benefit uses and catalogue a usage file is checked
 * against).
 */
export function importStamp(sqlite: Database): string {
  return JSON.stringify(
    sqlite
      .prepare(
        `SELECT (SELECT max(id) FROM customers), (SELECT count(*) FROM customers),
           (SELECT max(id) || '/' || count(undone_at) FROM import_batches), (SELECT count(*) FROM staff),
           (SELECT max(id) || '/' || count(undone_at) FROM handovers), (SELECT max(id) || '/' || count(*) FROM benefit_uses),
           (SELECT group_concat(valid_from || created_at) FROM benefit_catalogues)`,
      )
      .raw()
      .get(),
  );
}

/** Returns a function that adds one staff member a file names but the branch lacks (a manager, active). */
export function prepareImportedStaffInsert(sqlite: Database): (code: string, name: string, createdAt: string) => void {
  const statement = sqlite.prepare(
    "INSERT INTO staff (code, name, role, active, created_at) VALUES (?, ?, 'manager', 1, ?)",
  );
  return (code, name, createdAt) => {
    statement.run(code, name, createdAt);
  };
}

/** The customer-master columns an import may change (all but the id and number). */
export type CustomerChanges = Partial<Omit<ExistingCustomer, 'id' | 'customer_no'>>;

/** Returns a function that writes the changed columns of one customer, and its updated_at. */
export function prepareCustomerUpdates(sqlite: Database): (id: number, changes: CustomerChanges, now: string) => void {
  // One statement per set of changed columns (files change the same few columns of many customers).
  const updates = new Map<string, Statement>();
  const writeNameParts = prepareNamePartsWrite(sqlite);
  const nameKeyColumns = prepareNameKeyColumns();
  return (id, given, now) => {
    // A new name brings its search keys and parts.
    const changes = given.name === undefined ? given : { ...given, ...nameKeyColumns(given.name) };
    if (given.name !== undefined) writeNameParts(id, given.name);
    const columns = Object.keys(changes).join(',');
    let update = updates.get(columns);
    if (!update) {
      update = sqlite.prepare(
        `UPDATE customers SET ${Object.keys(changes)
          .map((c) => `${c} = @${c}`)
          .join(', ')}, updated_at = @now WHERE id = @id`,
      );
      updates.set(columns, update);
    }
    update.run({ ...changes, now, id });
  };
}

export function existingStaffCodes(sqlite: Database): Set<string> {
  return new Set(sqlite.prepare('SELECT code FROM staff').pluck().all() as string[]);
}

/** Rows already stored for each of `months`. */
export function rowsPerMonth(sqlite: Database, months: string[]): Map<string, number> {
  const rows = sqlite
    .prepare(
      'SELECT month, count(*) AS n FROM monthly_assets WHERE month IN (SELECT value FROM json_each(?)) GROUP BY month',
    )
    .all(JSON.stringify(months)) as Array<{ month: string; n: number }>;
  return new Map(rows.map((r) => [r.month, r.n]));
}

export function findActiveBatchBySha(sqlite: Database, sha256: string): ImportBatchRow | null {
  return (
    (sqlite
      .prepare('SELECT * FROM import_batches WHERE sha256 = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1')
      .get(sha256) as ImportBatchRow | undefined) ?? null
  );
}

/** Rewrites a batch's summary (JSON). */
export function updateBatchSummary(sqlite: Database, batchId: number, summary: string): void {
  sqlite.prepare('UPDATE import_batches SET summary = ? WHERE id = ?').run(summary, batchId);
}

export function listBatches(sqlite: Database, limit: number): ImportBatchRow[] {
  return sqlite.prepare('SELECT * FROM import_batches ORDER BY id DESC LIMIT ?').all(limit) as ImportBatchRow[];
}

/** Adds a batch to the set `setId`, or as the first of a new set (null). Returns its id. */
export function insertBatch(
  sqlite: Database,
  row: Omit<ImportBatchRow, 'id' | 'undone_at' | 'undone_by' | 'set_id'>,
  setId: number | null,
): number {
  const id = Number(
    sqlite
      .prepare(
        'INSERT INTO import_batches (file_name, sha256, kind, summary, created_at, created_by, set_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(row.file_name, row.sha256, row.kind, row.summary, row.created_at, row.created_by, setId).lastInsertRowid,
  );
  if (setId === null) sqlite.prepare('UPDATE import_batches SET set_id = id WHERE id = ?').run(id);
  return id;
}

/** Only the latest set can be undone: a new set drops the before-images of the last one. */
export function dropUndoData(sqlite: Database): void {
  sqlite.exec(
    'DELETE FROM import_undo_customers; DELETE FROM import_undo_assets; DELETE FROM import_undo_staff; DELETE FROM import_undo_holdings; DELETE FROM import_undo_products;',
  );
}

/**
 * The batches undo can take back, oldest first: the set of the latest batch still in force, unless a later batch was
 * undone (each commit and each undo drops the undo data kept before it, so only the newest set's survives). Whatever
 * they changed or added — a month not there before included — their undo data and summaries name.
 */
export function undoableSet(sqlite: Database): ImportBatchRow[] {
  return sqlite
    .prepare(
      `SELECT * FROM import_batches WHERE undone_at IS NULL AND set_id = (
         SELECT b.set_id FROM import_batches b WHERE b.undone_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM import_batches u WHERE u.id > b.id AND u.undone_at IS NOT NULL)
         ORDER BY b.id DESC LIMIT 1)
       ORDER BY id`,
    )
    .all() as ImportBatchRow[];
}

/** Keeps a customer's stored row for undo (none: a customer the batch creates, which undo removes). */
export function prepareCustomerBefore(
  sqlite: Database,
  batchId: number,
): (customer: ExistingCustomer | { id: number }) => void {
  const insert = sqlite.prepare(
    'INSERT OR IGNORE INTO import_undo_customers (batch_id, customer_id, before) VALUES (?, ?, ?)',
  );
  return (customer) => {
    insert.run(batchId, customer.id, 'customer_no' in customer ? JSON.stringify(customer) : null);
  };
}

/** Keeps for undo, as customers to remove, the customers created with ids above `lastId` (see `lastCustomerId`). */
export function rememberCustomersCreated(sqlite: Database, batchId: number, lastId: number): void {
  sqlite
    .prepare(
      'INSERT OR IGNORE INTO import_undo_customers (batch_id, customer_id, before) SELECT ?, id, NULL FROM customers WHERE id > ? ORDER BY id',
    )
    .run(batchId, lastId);
}

export function rememberStaffCreated(sqlite: Database, batchId: number, code: string): void {
  sqlite.prepare('INSERT INTO import_undo_staff (batch_id, code) VALUES (?, ?)').run(batchId, code);
}

/** Keeps the month's rows for undo, then removes them (the batch's rows replace them). */
export function moveMonthToUndo(sqlite: Database, batchId: number, month: string): void {
  sqlite
    .prepare(
      `INSERT INTO import_undo_assets (batch_id, ${ASSET_COLUMNS}) SELECT ?, ${ASSET_COLUMNS} FROM monthly_assets WHERE month = ?`,
    )
    .run(batchId, month);
  sqlite.prepare('DELETE FROM monthly_assets WHERE month = ?').run(month);
}

/** Holdings already stored for these customers (what a holdings import replaces). */
export function holdingsOf(sqlite: Database, customerIds: number[]): number {
  return sqlite
    .prepare('SELECT count(*) FROM holdings WHERE customer_id IN (SELECT value FROM json_each(?))')
    .pluck()
    .get(JSON.stringify(customerIds)) as number;
}

/** Keeps each customer's holdings for undo, then removes them (the batch's rows replace them). */
export function moveHoldingsToUndo(sqlite: Database, batchId: number, customerIds: number[]): void {
  const save = sqlite.prepare(
    `INSERT INTO import_undo_holdings (batch_id, customer_id, before)
     SELECT ?, ?, ifnull((SELECT json_group_array(json_array(product_key, product_code, product_name, product_type, amount, start_date, maturity_date)) FROM holdings WHERE customer_id = ?), '[]')`,
  );
  const clear = sqlite.prepare('DELETE FROM holdings WHERE customer_id = ?');
  for (const id of customerIds) {
    save.run(batchId, id, id);
    clear.run(id);
  }
}

export const HOLDING_INSERT_SQL =
  'INSERT INTO holdings (customer_id, product_key, product_code, product_name, product_type, amount, start_date, maturity_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';

/** Returns a function that inserts one holding of a file for its customer (prepared once for the whole file). */
export function prepareHoldingInsert(
  sqlite: Database,
): (customerId: number | undefined, holding: HoldingRecord) => void {
  const statement = sqlite.prepare(HOLDING_INSERT_SQL);
  return (customerId, h) => {
    statement.run(
      customerId,
      h.productKey,
      h.productCode,
      h.productName,
      h.productType,
      h.amountFen,
      h.startDate,
      h.maturityDate,
    );
  };
}

/** Undoes a batch from its before-images: months restored, customers restored or removed, placeholder staff removed. */
export function restoreBatch(sqlite: Database, batchId: number, months: string[]): void {
  const deleteMonth = sqlite.prepare('DELETE FROM monthly_assets WHERE month = ?');
  for (const month of months) deleteMonth.run(month);
  sqlite
    .prepare(
      `INSERT INTO monthly_assets (${ASSET_COLUMNS}) SELECT ${ASSET_COLUMNS} FROM import_undo_assets WHERE batch_id = ?`,
    )
    .run(batchId);
  const customers = sqlite
    .prepare('SELECT customer_id, before FROM import_undo_customers WHERE batch_id = ?')
    .all(batchId) as Array<{ customer_id: number; before: string | null }>;
  const remove = sqlite.prepare('DELETE FROM customers WHERE id = ?');
  const restore = sqlite.prepare(`
    UPDATE customers SET name = @name, gender = @gender, id_number = @id_number, birth_date = @birth_date, mobile = @mobile,
      occupation = @occupation, annual_income = @annual_income, risk_level = @risk_level, risk_assessed_date = @risk_assessed_date,
      opened_date = @opened_date, closed_date = @closed_date, manager_code = @manager_code,
      name_pinyin = @name_pinyin, name_initials = @name_initials, name_first_pinyin = @name_first_pinyin,
      -- Before-images from before these columns existed leave them as they are.
      lunar_birthday = CASE WHEN @known THEN @lunar_birthday ELSE lunar_birthday END,
      id_expiry_date = CASE WHEN @known THEN @id_expiry_date ELSE id_expiry_date END,
      risk_assessed_channel = CASE WHEN @knownChannel THEN @risk_assessed_channel ELSE risk_assessed_channel END
    WHERE id = @id`);
  const writeNameParts = prepareNamePartsWrite(sqlite);
  const nameKeyColumns = prepareNameKeyColumns();
  for (const c of customers) {
    if (c.before === null) remove.run(c.customer_id);
    else {
      const before = JSON.parse(c.before) as ExistingCustomer;
      writeNameParts(c.customer_id, before.name);
      restore.run({
        lunar_birthday: 0,
        id_expiry_date: null,
        risk_assessed_channel: null,
        ...before,
        ...nameKeyColumns(before.name),
        known: 'lunar_birthday' in before ? 1 : 0,
        knownChannel: 'risk_assessed_channel' in before ? 1 : 0,
      });
    }
  }
  const holdings = sqlite
    .prepare('SELECT customer_id, before FROM import_undo_holdings WHERE batch_id = ?')
    .all(batchId) as Array<{ customer_id: number; before: string }>;
  const clearHoldings = sqlite.prepare('DELETE FROM holdings WHERE customer_id = ?');
  const insertHolding = sqlite.prepare(HOLDING_INSERT_SQL);
  for (const h of holdings) {
    clearHoldings.run(h.customer_id);
    for (const row of JSON.parse(h.before) as unknown[][]) insertHolding.run(h.customer_id, ...row);
  }
  restoreProducts(sqlite, batchId);
  sqlite
    .prepare('DELETE FROM staff WHERE code IN (SELECT code FROM import_undo_staff WHERE batch_id = ?)')
    .run(batchId);
  // Survey answers the batch recorded, and the follow-ups their low scores created.
  sqlite.prepare('DELETE FROM retention_actions WHERE import_batch_id = ?').run(batchId);
  sqlite.prepare('DELETE FROM survey_responses WHERE import_batch_id = ?').run(batchId);
  forgetImportedAssessments(sqlite, batchId);
  forgetImportedManagerChanges(sqlite, batchId);
  forgetImportedBenefitUses(sqlite, batchId);
  forgetImportedHouseholds(sqlite, batchId);
}

/** Of the customers given, those who already answered a template family on a day: `customerId|date`. */
export function answeredOn(sqlite: Database, familyId: number, customerIds: number[]): Set<string> {
  const rows = sqlite
    .prepare(
      `SELECT r.customer_id || '|' || r.response_date FROM json_each(?) j CROSS JOIN survey_responses r ON r.customer_id = j.value
       JOIN survey_templates t ON t.id = r.template_id WHERE t.family_id = ?`,
    )
    .pluck()
    .all(JSON.stringify(customerIds), familyId) as string[];
  return new Set(rows);
}

/** The family of a survey template. */
export function findTemplateFamilyId(sqlite: Database, templateId: number): number {
  return sqlite.prepare('SELECT family_id FROM survey_templates WHERE id = ?').pluck().get(templateId) as number;
}

/** The managers of the customers given (id → code or null). */
export function managersOf(sqlite: Database, customerIds: number[]): Map<number, string | null> {
  return new Map(
    sqlite
      .prepare('SELECT c.id, c.manager_code FROM json_each(?) j CROSS JOIN customers c ON c.id = j.value')
      .raw()
      .all(JSON.stringify(customerIds)) as Array<[number, string | null]>,
  );
}

export function markUndone(sqlite: Database, batchId: number, at: string, by: string | null): void {
  sqlite.prepare('UPDATE import_batches SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, by, batchId);
}

export function rememberLayout(
  sqlite: Database,
  signature: string,
  kind: ImportKind,
  mapping: string,
  at: string,
): void {
  sqlite
    .prepare(
      'INSERT INTO import_layouts (signature, kind, mapping, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (signature) DO UPDATE SET kind = excluded.kind, mapping = excluded.mapping, updated_at = excluded.updated_at',
    )
    .run(signature, kind, mapping, at);
}

export function listLayouts(sqlite: Database): Array<{ signature: string; kind: ImportKind; mapping: string }> {
  return sqlite.prepare('SELECT signature, kind, mapping FROM import_layouts').all() as Array<{
    signature: string;
    kind: ImportKind;
    mapping: string;
  }>;
}

let stages = 0;

/**
 * A connection-private temporary table (never in the branch database file; gone when the connection closes)
 * that holds an analysed monthly report's rows from the preview to the commit, which then moves them in one
 * statement. Each row has its customer's id looked up as it is staged (while the worker parses the next rows),
 * null for a customer the commit will create (or an earlier file of its set has). Returns its name.
 */
export function createAssetStage(sqlite: Database): string {
  const name = `import_stage_${++stages}`;
  sqlite.exec(`CREATE TEMP TABLE ${name} (customer_no TEXT NOT NULL, ${ASSET_COLUMNS})`);
  return name;
}

/** Rows per statement when staging: a third less time than one row per statement. */
const STAGE_ROWS = 100;
/** A row's parameters: the customer number, then month to month-end balance. */
const STAGE_COLUMNS = 11;

/** A staged row's amounts, in the stage's column order after the customer number and month (see `ASSET_COLUMNS`). */
const STAGED_AMOUNTS = [
  'aumFen',
  'depositFen',
  'demandFen',
  'wealthFen',
  'fundFen',
  'insuranceFen',
  'otherFen',
  'loanFen',
  'monthEndFen',
] as const satisfies ReadonlyArray<keyof AssetRecord>;

/**
 * Adds a batch of a monthly report's records (as the import worker sent them, in columns) to a stage, in one
 * transaction (of the temporary database only).
 */
export function stageAssets(sqlite: Database, stage: string, records: PackedRecords): void {
  const values = (count: number) =>
    Array.from({ length: count }, () => `(${'?, '.repeat(STAGE_COLUMNS - 1)}?)`).join(', ');
  // The rows as given, each with its customer's id (null when there is none yet).
  const columns = Array.from({ length: STAGE_COLUMNS - 1 }, (_, i) => `v.column${i + 2}`).join(', ');
  const insert = (count: number) =>
    sqlite.prepare(
      `INSERT INTO temp.${stage} SELECT v.column1, c.id, ${columns} FROM (VALUES ${values(count)}) v LEFT JOIN main.customers c ON c.customer_no = v.column1`,
    );
  const many = insert(STAGE_ROWS);
  const one = insert(1);
  // The customer number and month as text, the amounts as numbers (NaN: empty), each straight from its column.
  const customerNo = records.texts.customerNo;
  const month = records.texts.month;
  const amounts = STAGED_AMOUNTS.map((key) => records.numbers[key] ?? new Float64Array(records.count).fill(Number.NaN));
  const params: unknown[] = new Array(STAGE_ROWS * STAGE_COLUMNS);
  const put = (index: number, at: number) => {
    params[at] = customerNo[index];
    params[at + 1] = month[index];
    for (let f = 0; f < amounts.length; f++) {
      const amount = amounts[f][index];
      params[at + 2 + f] = amount === amount ? amount : null;
    }
  };
  sqlite.transaction(() => {
    let i = 0;
    for (; i + STAGE_ROWS <= records.count; i += STAGE_ROWS) {
      for (let j = 0; j < STAGE_ROWS; j++) put(i + j, j * STAGE_COLUMNS);
      many.run(params);
    }
    for (; i < records.count; i++) {
      put(i, 0);
      one.run(params.slice(0, STAGE_COLUMNS));
    }
  })();
}

/**
 * Moves a stage into monthly_assets, each row to its customer: by the id staged, or by number for a customer the
 * commit has just created (a number still unknown fails the insert). The rows written.
 */
export function insertStagedAssets(sqlite: Database, stage: string): number {
  const values = ASSET_COLUMNS.replace('customer_id, ', '').replaceAll(/(\w+)/g, 's.$1');
  return sqlite
    .prepare(
      `INSERT INTO monthly_assets (${ASSET_COLUMNS}) SELECT coalesce(s.customer_id, (SELECT id FROM customers c WHERE c.customer_no = s.customer_no)), ${values} FROM temp.${stage} s`,
    )
    .run().changes;
}

/**
 * The customer numbers of a stage the branch lacks: those staged without an id that no customer has now (an earlier
 * file of the set may have created some since they were staged).
 */
export function unknownStagedNumbers(sqlite: Database, stage: string): Set<string> {
  return new Set(
    sqlite
      .prepare(
        `SELECT DISTINCT s.customer_no FROM temp.${stage} s WHERE s.customer_id IS NULL AND NOT EXISTS (SELECT 1 FROM main.customers c WHERE c.customer_no = s.customer_no)`,
      )
      .pluck()
      .all() as string[],
  );
}

export function dropAssetStage(sqlite: Database, stage: string): void {
  if (sqlite.open) sqlite.exec(`DROP TABLE IF EXISTS temp.${stage}`);
}
