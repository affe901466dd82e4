import type { Database } from 'better-sqlite3';

/** How many customers the branch database has. */
export function countCustomers(sqlite: Database): number {
  return (sqlite.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
}

/** The customers' ids in the order they were written. */
export function customerIdsInOrder(sqlite: Database): number[] {
  return sqlite.prepare('SELECT id FROM customers ORDER BY id').pluck().all() as number[];
}

/** Writes the demo branch's name and the seed its data was generated from. */
export function insertDemoBranchSettings(sqlite: Database, branchName: string, seed: string): void {
  sqlite
    .prepare('INSERT INTO branch_settings (key, value) VALUES (?, ?), (?, ?)')
    .run('branch_name', branchName, 'demo_seed', seed);
}

/** Returns a function that inserts one of a demo customer's past service contacts (prepared once for the load). */
export function prepareDemoContactInsert(
  sqlite: Database,
  now: string,
): (customerId: number, date: string, channel: string, staffCode: string | null) => void {
  const statement = sqlite.prepare(
    "INSERT INTO contacts (customer_id, contact_date, channel, staff_code, purpose, created_at) VALUES (?, ?, ?, ?, 'service', ?)",
  );
  return (customerId, date, channel, staffCode) => {
    statement.run(customerId, date, channel, staffCode, now);
  };
}

/** Refreshes the query planner's statistics (ANALYZE), so the first queries after a bulk load use the right indexes. */
export function analyzeDatabase(sqlite: Database): void {
  sqlite.exec('ANALYZE');
}

/**
 * The demo load's one transaction, begun and ended by hand: it is held across pauses that let other calls in, which
 * better-sqlite3's `transaction()` cannot span. Only the load uses this connection meanwhile.
 */
export function beginDemoLoad(sqlite: Database): void {
  sqlite.exec('BEGIN IMMEDIATE');
}

export function commitDemoLoad(sqlite: Database): void {
  sqlite.exec('COMMIT');
}

/** Undoes the demo load's transaction, if SQLite has not already. */
export function rollbackDemoLoad(sqlite: Database): void {
  if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
}

/**
 * Writes the demo's households: each one's members by customer id (the head first) with their roles, all joined on
 * `joinedDate`; two statements.
 */
export function insertDemoHouseholds(
  sqlite: Database,
  households: ReadonlyArray<Array<[number, string]>>,
  joinedDate: string,
  now: string,
): number {
  if (households.length === 0) return 0;
  const first = Number(sqlite.prepare('SELECT coalesce(max(id), 0) + 1 FROM households').pluck().get() as number);
  sqlite
    .prepare(
      `INSERT INTO households (id, created_date, created_at)
       SELECT ? + j.key, ?, ? FROM json_each(?) j`,
    )
    .run(first, joinedDate, now, JSON.stringify(households.map(() => 0)));
  const rows = households.flatMap((members, h) => members.map(([id, role]) => [first + h, id, role]));
  sqlite
    .prepare(
      `INSERT INTO household_members (household_id, customer_id, role, joined_date, created_at)
       SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'), ?, ?
       FROM json_each(?) j`,
    )
    .run(joinedDate, now, JSON.stringify(rows));
  return households.length;
}
