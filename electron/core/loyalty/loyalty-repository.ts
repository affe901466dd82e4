/** The points plan's SQL: its rules versions, gift catalogue and append-only ledger (migration 0027). */
import type { Database } from 'better-sqlite3';
import type { BonusEvent, Gift, LedgerKind, LedgerLine, LoyaltyRuleSet } from '../../../shared/schemas/loyalty';

export function listLoyaltyRuleSets(sqlite: Database): LoyaltyRuleSet[] {
  return (sqlite.prepare('SELECT rules FROM loyalty_rule_sets ORDER BY valid_from').pluck().all() as string[]).map(
    (text) => JSON.parse(text) as LoyaltyRuleSet,
  );
}

export function findLoyaltyRuleSet(sqlite: Database, validFrom: string): LoyaltyRuleSet | null {
  const text = sqlite.prepare('SELECT rules FROM loyalty_rule_sets WHERE valid_from = ?').pluck().get(validFrom) as
    string | undefined;
  return text === undefined ? null : (JSON.parse(text) as LoyaltyRuleSet);
}

export function saveLoyaltyRuleSet(sqlite: Database, rules: LoyaltyRuleSet, now: string, by: string | null): void {
  sqlite
    .prepare(
      `INSERT INTO loyalty_rule_sets (valid_from, rules, created_at, created_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (valid_from) DO UPDATE SET rules = excluded.rules, created_at = excluded.created_at,
         created_by = excluded.created_by`,
    )
    .run(rules.validFrom, JSON.stringify(rules), now, by);
}

interface GiftRow {
  code: string;
  name: string;
  points_price: number;
  stock: number;
  active: number;
}
const giftOf = (row: GiftRow): Gift => ({
  code: row.code,
  name: row.name,
  pointsPrice: row.points_price,
  stock: row.stock,
  active: row.active === 1,
});

export function listGifts(sqlite: Database): Gift[] {
  return (sqlite.prepare('SELECT * FROM loyalty_gifts ORDER BY code').all() as GiftRow[]).map(giftOf);
}

export function findGift(sqlite: Database, code: string): Gift | null {
  const row = sqlite.prepare('SELECT * FROM loyalty_gifts WHERE code = ?').get(code) as GiftRow | undefined;
  return row ? giftOf(row) : null;
}

export function saveGift(sqlite: Database, gift: Gift): void {
  sqlite
    .prepare(
      `INSERT INTO loyalty_gifts (code, name, points_price, stock, active) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, points_price = excluded.points_price,
         stock = excluded.stock, active = excluded.active`,
    )
    .run(gift.code, gift.name, gift.pointsPrice, gift.stock, gift.active ? 1 : 0);
}

/** Takes `quantity` from the gift's stock only if that much is left; false when not (nothing changed). */
export function takeGiftStock(sqlite: Database, code: string, quantity: number): boolean {
  return (
    sqlite
      .prepare('UPDATE loyalty_gifts SET stock = stock - ? WHERE code = ? AND stock >= ?')
      .run(quantity, code, quantity).changes === 1
  );
}

export function pointsBalance(sqlite: Database, customerId: number): number {
  return sqlite
    .prepare('SELECT total(points) FROM loyalty_ledger WHERE customer_id = ?')
    .pluck()
    .get(customerId) as number;
}

/** A prepared balance query, for loops. */
export function preparePointsBalance(sqlite: Database): (customerId: number) => number {
  const statement = sqlite.prepare('SELECT total(points) FROM loyalty_ledger WHERE customer_id = ?').pluck();
  return (customerId) => statement.get(customerId) as number;
}

interface LedgerRow {
  id: number;
  kind: LedgerKind;
  points: number;
  month: string;
  gift_code: string | null;
  quantity: number | null;
  bonus_event: BonusEvent | null;
  reason: string | null;
  created_at: string;
  created_by: string | null;
}

/** A customer's lines, oldest first. */
export function ledgerOfCustomer(sqlite: Database, customerId: number): LedgerLine[] {
  const rows = sqlite
    .prepare(
      `SELECT id, kind, points, month, gift_code, quantity, bonus_event, reason, created_at, created_by
       FROM loyalty_ledger WHERE customer_id = ? ORDER BY id`,
    )
    .all(customerId) as LedgerRow[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    points: r.points,
    month: r.month,
    giftCode: r.gift_code,
    quantity: r.quantity,
    bonusEvent: r.bonus_event,
    reason: r.reason,
    createdAt: r.created_at,
    createdBy: r.created_by,
  }));
}

export interface NewLedgerLine {
  customerId: number;
  kind: LedgerKind;
  points: number;
  month: string;
  giftCode?: string | null;
  quantity?: number | null;
  bonusEvent?: BonusEvent | null;
  reason?: string | null;
  createdAt: string;
  createdBy: string | null;
}

export function insertLedgerLine(sqlite: Database, line: NewLedgerLine): number {
  return Number(
    sqlite
      .prepare(
        `INSERT INTO loyalty_ledger (customer_id, kind, points, month, gift_code, quantity, bonus_event, reason,
           created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        line.customerId,
        line.kind,
        line.points,
        line.month,
        line.giftCode ?? null,
        line.quantity ?? null,
        line.bonusEvent ?? null,
        line.reason ?? null,
        line.createdAt,
        line.createdBy,
      ).lastInsertRowid,
  );
}

/** A month's earn lines not reversed: customer ids, line ids and points, read as one array per column. */
export function readActiveEarns(
  sqlite: Database,
  month: string,
): { customerIds: number[]; ids: number[]; points: number[] } {
  const row = sqlite
    .prepare(
      `SELECT json_group_array(e.customer_id) AS c, json_group_array(e.id) AS i, json_group_array(e.points) AS p
       FROM loyalty_ledger e
       WHERE e.month = ? AND e.kind = 'earn'
         AND NOT EXISTS (SELECT 1 FROM loyalty_ledger r WHERE r.reverses = e.id)`,
    )
    .get(month) as { c: string; i: string; p: string };
  return { customerIds: JSON.parse(row.c), ids: JSON.parse(row.i), points: JSON.parse(row.p) };
}

/**
 * What a month's reversed earns still leave each customer (customer id → points, those with any): a reversal capped at
 * the balance (points already spent are not owed) leaves part of its earn, which the month has paid already.
 */
export function readKeptOfReversedEarns(sqlite: Database, month: string): Map<number, number> {
  const rows = sqlite
    .prepare(
      `SELECT r.customer_id, sum(r.points + e.points) FROM loyalty_ledger r JOIN loyalty_ledger e ON e.id = r.reverses
       WHERE r.month = ? AND r.kind = 'reversal' GROUP BY r.customer_id HAVING sum(r.points + e.points) <> 0`,
    )
    .raw()
    .all(month) as Array<[number, number]>;
  return new Map(rows);
}

/** Writes a month's earn lines, `[customerId, points]` each, in one statement. */
export function insertEarns(sqlite: Database, month: string, earns: Array<[number, number]>, now: string): void {
  if (earns.length === 0) return;
  sqlite
    .prepare(
      `INSERT INTO loyalty_ledger (customer_id, kind, points, month, created_at)
       SELECT value ->> 0, 'earn', value ->> 1, ?, ? FROM json_each(?)`,
    )
    .run(month, now, JSON.stringify(earns));
}

/** Writes reversal lines, `[customerId, points, reversedLineId]` each, in one statement. */
export function insertReversals(
  sqlite: Database,
  month: string,
  reversals: Array<[number, number, number]>,
  now: string,
): void {
  if (reversals.length === 0) return;
  sqlite
    .prepare(
      `INSERT INTO loyalty_ledger (customer_id, kind, points, month, reverses, reason, created_at)
       SELECT value ->> 0, 'reversal', value ->> 1, ?, value ->> 2, '重新计提', ? FROM json_each(?)`,
    )
    .run(month, now, JSON.stringify(reversals));
}

/** Writes expire lines, `[customerId, points, month]` each, in one statement. */
export function insertExpiries(sqlite: Database, expiries: Array<[number, number, string]>, now: string): void {
  if (expiries.length === 0) return;
  sqlite
    .prepare(
      `INSERT INTO loyalty_ledger (customer_id, kind, points, month, created_at)
       SELECT value ->> 0, 'expire', value ->> 1, value ->> 2, ? FROM json_each(?)`,
    )
    .run(now, JSON.stringify(expiries));
}

/**
 * Every customer's credits per year and debits in all (what expiry needs), for customers with credits in a year up
 * to `lastYear`: columns of customer id, year, credits and debits (debits repeated on each of the customer's years).
 */
export function readCreditsByYear(
  sqlite: Database,
  lastYear: number,
): { customerIds: number[]; years: number[]; credits: number[]; debits: number[] } {
  const row = sqlite
    .prepare(
      `WITH per AS (
         SELECT customer_id, CAST(substr(month, 1, 4) AS INTEGER) AS year,
           -- A reversal lessens its own year's credit (it names an earn of its month); it spends nothing.
           sum(CASE WHEN kind = 'reversal' THEN points ELSE max(points, 0) END) AS credits,
           sum(CASE WHEN kind = 'reversal' THEN 0 ELSE max(-points, 0) END) AS debits
         FROM loyalty_ledger GROUP BY customer_id, year),
       owed AS (SELECT customer_id, sum(debits) AS debits FROM per GROUP BY customer_id),
       due AS (
         SELECT per.customer_id, per.year, per.credits, owed.debits FROM per JOIN owed USING (customer_id)
         WHERE per.credits > 0
           AND per.customer_id IN (SELECT customer_id FROM per WHERE year <= ? AND credits > 0)
         ORDER BY per.customer_id, per.year)
       SELECT json_group_array(customer_id) AS c, json_group_array(year) AS y, json_group_array(credits) AS cr,
         json_group_array(debits) AS d
       FROM due`,
    )
    .get(lastYear) as { c: string; y: string; cr: string; d: string };
  return {
    customerIds: JSON.parse(row.c),
    years: JSON.parse(row.y),
    credits: JSON.parse(row.cr),
    debits: JSON.parse(row.d),
  };
}

/** The newest line's id (0 when none): with the branch's data version, it names the ledger's state (append-only). */
export function lastLedgerId(sqlite: Database): number {
  return (sqlite.prepare('SELECT max(id) FROM loyalty_ledger').pluck().get() as number | null) ?? 0;
}

const MONTH_FIGURES = `sum(CASE WHEN kind IN ('earn', 'reversal', 'bonus', 'adjust') THEN points ELSE 0 END) AS e,
  sum(CASE WHEN kind = 'redeem' THEN -points ELSE 0 END) AS r,
  sum(CASE WHEN kind = 'expire' THEN -points ELSE 0 END) AS x`;

/**
 * The lines up to `maxId`: each customer's balance before `fromMonth`, and per customer and month from `fromMonth` to
 * `toMonth` the points earned (earn, reversal, bonus, adjust), redeemed and expired, by customer then month. As
 * arrays per column.
 */
export function readPointsByMonth(
  sqlite: Database,
  fromMonth: string,
  toMonth: string,
  maxId: number,
): {
  before: { customerIds: number[]; balances: number[] };
  rows: { customerIds: number[]; months: string[]; earned: number[]; redeemed: number[]; expired: number[] };
} {
  const before = sqlite
    .prepare(
      `SELECT json_group_array(customer_id) AS c, json_group_array(b) AS b
       FROM (SELECT customer_id, sum(points) AS b FROM loyalty_ledger WHERE month < ? AND id <= ? GROUP BY customer_id)`,
    )
    .get(fromMonth, maxId) as { c: string; b: string };
  const rows = sqlite
    .prepare(
      `SELECT json_group_array(customer_id) AS c, json_group_array(month) AS m, json_group_array(e) AS e,
         json_group_array(r) AS r, json_group_array(x) AS x
       FROM (SELECT customer_id, month, ${MONTH_FIGURES}
             FROM loyalty_ledger WHERE month BETWEEN ? AND ? AND id <= ?
             GROUP BY customer_id, month ORDER BY customer_id, month)`,
    )
    .get(fromMonth, toMonth, maxId) as { c: string; m: string; e: string; r: string; x: string };
  return {
    before: { customerIds: JSON.parse(before.c), balances: JSON.parse(before.b) },
    rows: {
      customerIds: JSON.parse(rows.c),
      months: JSON.parse(rows.m),
      earned: JSON.parse(rows.e),
      redeemed: JSON.parse(rows.r),
      expired: JSON.parse(rows.x),
    },
  };
}

/** Customers with lines after `afterId` up to `maxId` counting in `toMonth` or before (at most `limit`). */
export function customersWithLinesBetween(
  sqlite: Database,
  afterId: number,
  maxId: number,
  toMonth: string,
  limit: number,
): number[] {
  return sqlite
    .prepare('SELECT DISTINCT customer_id FROM loyalty_ledger WHERE id > ? AND id <= ? AND month <= ? LIMIT ?')
    .pluck()
    .all(afterId, maxId, toMonth, limit) as number[];
}

/** One customer's lines up to `maxId`, per month up to `toMonth`: earned, redeemed, expired (oldest first). */
export function customerPointsByMonth(
  sqlite: Database,
  customerId: number,
  toMonth: string,
  maxId: number,
): Array<{ month: string; e: number; r: number; x: number }> {
  return sqlite
    .prepare(
      `SELECT month, ${MONTH_FIGURES} FROM loyalty_ledger
       WHERE customer_id = ? AND month <= ? AND id <= ? GROUP BY month ORDER BY month`,
    )
    .all(customerId, toMonth, maxId) as Array<{ month: string; e: number; r: number; x: number }>;
}

/** The last year an expiry pass ran in, or null. */
export function lastExpiryYear(sqlite: Database): number | null {
  return (sqlite.prepare('SELECT max(year) FROM loyalty_expiry_runs').pluck().get() as number | null) ?? null;
}

export function recordExpiryRun(sqlite: Database, year: number, now: string): void {
  sqlite
    .prepare(
      'INSERT INTO loyalty_expiry_runs (year, ran_at) VALUES (?, ?) ON CONFLICT (year) DO UPDATE SET ran_at = excluded.ran_at',
    )
    .run(year, now);
}

/** Each customer's points unspent at the end of `month` (those with any), as columns. */
export function balancesAt(sqlite: Database, month: string): { customerIds: number[]; points: number[] } {
  const row = sqlite
    .prepare(
      `SELECT json_group_array(customer_id) AS c, json_group_array(b) AS b
       FROM (SELECT customer_id, sum(points) AS b FROM loyalty_ledger WHERE month <= ? GROUP BY customer_id HAVING b > 0)`,
    )
    .get(month) as { c: string; b: string };
  return { customerIds: JSON.parse(row.c) as number[], points: JSON.parse(row.b) as number[] };
}

/** The months from `month` on with earn lines (some may be reversed already). */
export function monthsEarnedFrom(sqlite: Database, month: string): string[] {
  return sqlite
    .prepare("SELECT DISTINCT month FROM loyalty_ledger WHERE kind = 'earn' AND month >= ? ORDER BY month")
    .pluck()
    .all(month) as string[];
}
