/**
 * The care calendar (关怀日历, issue 9): birthdays (solar, or lunar where the customer keeps it), product maturities
 * 30/7/1 days ahead, risk-assessment expiry (a year after the assessment), ID-document expiry and account
 * anniversaries (1, 3, 5 years and every 5), for a manager's book or the whole branch.
 */
import { addDays } from '../../../shared/month';
import { CARE_KINDS, type CareItem, type CareKind, type CareQuery, type CareCalendar } from '../../../shared/schemas/workbench';
import { listTierSnapshotMonths, snapshotSlot } from '../db/repositories/tier-snapshots';
import { lunarBirthdayIn, lunarLabel, lunarOf, maturityReminder, sameDayIn, solarBirthdayIn, type CalendarRule } from '../engine/care-calendar';
import type { CoreContext } from './context';
import { tierNames } from './tier-history';
import { rulesForMonth, tierSnapshotOf } from './tiers';

/** The calendar shows at most this many items (a month of the whole branch can hold tens of thousands). */
const MAX_ITEMS = 5_000;
const MATURITY_DAYS = [30, 7, 1] as const;
const isMilestone = (years: number) => years === 1 || years === 3 || (years > 0 && years % 5 === 0);

type CustomerRow = [id: number, no: string, name: string, manager: string | null, managerName: string | null, birth: string | null, lunar: number, risk: string | null, idExpiry: string | null, opened: string | null];

/** Open customers of a manager's book, or of the branch. */
function customersOf(ctx: CoreContext, managerCode: string | null): CustomerRow[] {
  const columns = `SELECT c.id, c.customer_no, c.name, c.manager_code, s.name, c.birth_date, c.lunar_birthday, c.risk_assessed_date, c.id_expiry_date, c.opened_date
     FROM customers c LEFT JOIN staff s ON s.code = c.manager_code WHERE c.closed_date IS NULL`;
  const statement = ctx.store.sqlite.prepare(managerCode === null ? columns : `${columns} AND c.manager_code = ?`).raw();
  return (managerCode === null ? statement.all() : statement.all(managerCode)) as CustomerRow[];
}

/** The tier of each customer in the latest month with tier results (the items' tier column), and a tier's rank. */
function latestTiers(ctx: CoreContext): { of(id: number): { tierCode: string | null; tierName: string | null }; rank(code: string | null): number } {
  const month = listTierSnapshotMonths(ctx.store.sqlite).at(-1);
  const snapshot = month ? tierSnapshotOf(ctx, month) : null;
  if (!month || !snapshot) return { of: () => ({ tierCode: null, tierName: null }), rank: () => -1 };
  const names = tierNames(rulesForMonth(ctx, month));
  return {
    of(id) {
      const slot = snapshotSlot(snapshot, id);
      const tier = slot < 0 ? -1 : snapshot.tier[slot];
      const tierCode = tier < 0 ? null : snapshot.tierCodes[tier];
      return { tierCode, tierName: tierCode === null ? null : (names.get(tierCode) ?? tierCode) };
    },
    rank: (code) => (code === null ? -1 : snapshot.tierCodes.indexOf(code)),
  };
}

/**
 * Every care date from `from` to `to` (inclusive) of a book (`managerCode`) or the branch (null), in date order,
 * higher tiers first within a day.
 */
export function careItems(
  ctx: CoreContext,
  from: string,
  to: string,
  managerCode: string | null,
  kinds: readonly CareKind[] = CARE_KINDS,
  /** Leaves out a customer's item for a date (today's list: already contacted). */
  done: (customerId: number, date: string) => boolean = () => false,
): CareItem[] {
  const wanted = new Set(kinds);
  const tiers = latestTiers(ctx);
  const items: CareItem[] = [];
  const years = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) years.push(y);
  const inRange = (date: string) => date >= from && date <= to;
  const customers = customersOf(ctx, managerCode);
  const byId = new Map<number, CustomerRow>();
  const add = (row: CustomerRow, kind: CareKind, date: string, extra: Partial<CareItem> = {}): void => {
    if (!done(row[0], date)) items.push(item(row, kind, date, extra));
  };
  const item = (row: CustomerRow, kind: CareKind, date: string, extra: Partial<CareItem>): CareItem => ({
    date,
    kind,
    customerNo: row[1],
    name: row[2],
    managerCode: row[3],
    managerName: row[4],
    ...tiers.of(row[0]),
    lunar: false,
    lunarLabel: null,
    rule: null,
    productName: null,
    amountFen: null,
    dueDate: null,
    daysAhead: null,
    years: null,
    ...extra,
  });
  for (const row of customers) {
    byId.set(row[0], row);
    const [, , , , , birth, lunar, risk, idExpiry, opened] = row;
    if (birth && wanted.has('birthday')) {
      const birthYear = Number(birth.slice(0, 4));
      if (lunar === 1) {
        const born = lunarOf(birth);
        // Lunar year y's birthday may fall in January of y + 1.
        for (const y of [years[0] - 1, ...years]) {
          const { date, rule } = lunarBirthdayIn(born, y);
          if (inRange(date)) add(row, 'birthday', date, { lunar: true, lunarLabel: lunarLabel(born), rule: rule as CalendarRule, years: y - birthYear });
        }
      } else {
        for (const y of years) {
          const { date, rule } = solarBirthdayIn(birth, y);
          if (inRange(date)) add(row, 'birthday', date, { rule, years: y - birthYear });
        }
      }
    }
    if (risk && wanted.has('riskExpiry')) {
      const expires = sameDayIn(risk, Number(risk.slice(0, 4)) + 1);
      if (inRange(expires)) add(row, 'riskExpiry', expires, { dueDate: expires });
    }
    if (idExpiry && wanted.has('idExpiry') && inRange(idExpiry)) add(row, 'idExpiry', idExpiry, { dueDate: idExpiry });
    if (opened && wanted.has('anniversary')) {
      for (const y of years) {
        const date = sameDayIn(opened, y);
        const count = y - Number(opened.slice(0, 4));
        if (inRange(date) && isMilestone(count)) add(row, 'anniversary', date, { years: count });
      }
    }
  }
  if (wanted.has('maturity')) {
    const holdings = ctx.store.sqlite
      .prepare('SELECT customer_id, product_name, amount, maturity_date FROM holdings WHERE maturity_date >= ? AND maturity_date <= ?')
      .raw()
      .all(addDays(from, 1), addDays(to, 30)) as Array<[number, string, number | null, string]>;
    for (const [id, productName, amountFen, dueDate] of holdings) {
      const row = byId.get(id);
      if (!row) continue;
      for (const ahead of MATURITY_DAYS) {
        const date = addDays(dueDate, -ahead);
        if (inRange(date) && maturityReminder(dueDate, date, MATURITY_DAYS) === ahead) add(row, 'maturity', date, { productName, amountFen, dueDate, daysAhead: ahead });
      }
    }
  }
  return items.sort((a, b) => a.date.localeCompare(b.date) || tiers.rank(b.tierCode) - tiers.rank(a.tierCode) || a.customerNo.localeCompare(b.customerNo) || a.kind.localeCompare(b.kind));
}

/** The calendar of a period (at most 62 days: the schema's limit) for the month and week views. */
export function careCalendar(ctx: CoreContext, query: CareQuery): CareCalendar {
  const items = careItems(ctx, query.from, query.to, query.managerCode ?? null, query.kinds);
  return { from: query.from, to: query.to, items: items.slice(0, MAX_ITEMS), total: items.length };
}
