/**
 * What a signed-in role sees and may touch (docs/architecture.md, "Trust"), applied in main by dispatch from each
 * channel's declaration, and by the exports from each template's: a 客户经理 reads their own book (others' too,
 * read-only, when the branch view is on) and acts only on it; a 柜员 sees customers' names masked (a setting) and no
 * customer's balance anywhere, and may not select, order or group customers by balance; neither sees the money of
 * branch figures but tier totals. ID numbers and mobiles are masked for everyone by the services themselves (and in
 * exports, by column).
 */
import { seesBalances } from '../../../shared/access';
import { AppError } from '../../../shared/errors';
import type { ActTarget, Acts, RowScope } from '../../../shared/roles';
import type { AccessSettings, SignedIn } from '../../../shared/schemas/auth';
import {
  coveredBooks,
  inMixedHouseholds,
  inTransitionFrom,
  managersOfCustomers,
  NOT_FOUND,
  ownerOf,
  UNOWNED,
} from '../customers/lookup';
import { CUSTOMER_NAME_FIELDS, HIDDEN_FROM_TELLERS, HOUSEHOLD_DERIVED, maskName } from './masking';
import type { CoreContext } from '../platform/context';
import { readSavedSegment } from '../segments/saved-segments';

/** Who is calling and the access settings in force, read once per call. */
export interface Viewer {
  staff: SignedIn;
  access: AccessSettings;
  /** The books of managers away today whom the caller backs up (AB角): read and acted on as the caller's own. */
  covers: readonly string[];
}

/** The viewer of a call by `staff` under `access`: a 客户经理's covered books read once per call. */
export function viewerOf(ctx: CoreContext, staff: SignedIn, access: AccessSettings): Viewer {
  const covers = staff.role === 'manager' ? coveredBooks(ctx.store.sqlite, staff.code, ctx.today()) : [];
  return { staff, access, covers };
}

/**
 * How customer rows reach one caller: whose book (null: the whole branch) with the books covered for managers away,
 * names masked, balances hidden. A narrowed caller also reads the customers handed over from them while the
 * transition period runs (docs/domain.md, "Book history").
 */
export interface CustomerView {
  bookOf: string | null;
  covers: readonly string[];
  masksNames: boolean;
  hidesBalances: boolean;
}

/** The data directory's owner (the CLI): the whole branch as it is. */
export const WHOLE_BRANCH: CustomerView = { bookOf: null, covers: [], masksNames: false, hidesBalances: false };

/** A 客户经理's own code when `scope` narrows them to their book (always for `book`; for `branchView` unless it is on). */
export function bookOf({ staff, access }: Viewer, scope: RowScope): string | null {
  if (staff.role !== 'manager') return null;
  return scope === 'book' || !access.managerBranchView ? staff.code : null;
}

export function customerViewOf(viewer: Viewer, scope: RowScope): CustomerView {
  const { staff, access } = viewer;
  const book = bookOf(viewer, scope);
  return {
    bookOf: book,
    covers: book === null ? [] : viewer.covers,
    masksNames: staff.role === 'teller' && access.tellerMasksNames,
    hidesBalances: !seesBalances(staff.role),
  };
}

/** Sees every customer row and the money of every branch figure as it is (not a teller, nor a 客户经理 without the branch view). */
export const isWholeBranch = (view: CustomerView): boolean =>
  view.bookOf === null && !view.masksNames && !view.hidesBalances;

function notYourBook(customerNo: string): AppError {
  return new AppError(
    'FORBIDDEN',
    `客户 ${customerNo} 不在您的管户名下，不能查看或操作`,
    `Customer ${customerNo} is not in your book`,
    { field: 'customerNo' },
  );
}

/** Every customer number named in an answer. */
function customerNumbersIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) customerNumbersIn(item, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'customerNo' && typeof item === 'string') into.add(item);
      else customerNumbersIn(item, into);
    }
  }
  return into;
}

/** A row dropped from its list: its customer is outside the caller's book. */
const OUTSIDE = Symbol('outside the book');

/**
 * An answer as `view` may see it. A customer row is any object with a `customerNo`: outside the book it is dropped
 * from its list (or the whole call is refused, when it is not in a list: a card, a complaint); inside it, a teller's
 * view masks the name and replaces whatever holds a balance (`HIDDEN_FROM_TELLERS`), however deep.
 */
export function protectAnswer(ctx: CoreContext, view: CustomerView, value: unknown): unknown {
  if (isWholeBranch(view)) return value;
  let outside = new Set<string>();
  let mixed = new Set<string>();
  if (view.bookOf !== null) {
    const named = [...customerNumbersIn(value)];
    const managers = managersOfCustomers(ctx.store.sqlite, named);
    const readable = (code: string | null | undefined) =>
      code === view.bookOf || (code != null && view.covers.includes(code));
    outside = new Set(named.filter((no) => !readable(managers.get(no))));
    // Handed over from the caller's book, or from a book they cover, while the transition runs: read-only.
    for (const code of [view.bookOf, ...view.covers]) {
      if (outside.size === 0) break;
      for (const no of inTransitionFrom(ctx.store.sqlite, code, ctx.today(), [...outside])) outside.delete(no);
    }
    mixed = inMixedHouseholds(
      ctx.store.sqlite,
      [view.bookOf, ...view.covers],
      named.filter((no) => !outside.has(no)),
    );
    // The usual case, answered as it is: every row in the book, nothing to mask.
    if (outside.size === 0 && mixed.size === 0 && !view.masksNames && !view.hidesBalances) return value;
  }
  // `inRow`: inside a customer row; `inMixed`: inside the row of a customer whose household reaches another book.
  const walk = (item: unknown, inRow: boolean, inMixed: boolean): unknown => {
    if (Array.isArray(item)) return item.map((x) => walk(x, inRow, inMixed)).filter((x) => x !== OUTSIDE);
    if (item === null || typeof item !== 'object') return item;
    const customerNo = (item as { customerNo?: unknown }).customerNo;
    const row = typeof customerNo === 'string';
    if (row && outside.has(customerNo)) return OUTSIDE;
    const inside = inRow || row;
    const household = inMixed || (row && mixed.has(customerNo));
    const out: Record<string, unknown> = {};
    const hides = inside && view.hidesBalances;
    const masks = row && view.masksNames;
    for (const key of Object.keys(item)) {
      const field = (item as Record<string, unknown>)[key];
      if (hides && Object.hasOwn(HIDDEN_FROM_TELLERS, key)) out[key] = HIDDEN_FROM_TELLERS[key];
      else if (household && Object.hasOwn(HOUSEHOLD_DERIVED, key)) out[key] = HOUSEHOLD_DERIVED[key];
      else if (masks && typeof field === 'string' && CUSTOMER_NAME_FIELDS.has(key)) out[key] = maskName(field);
      // Most fields are plain values: kept without a call.
      else if (field === null || typeof field !== 'object') out[key] = field;
      else {
        const shown = walk(field, inside, household);
        if (shown === OUTSIDE) throw notYourBook(String((field as { customerNo: string }).customerNo));
        out[key] = shown;
      }
    }
    return out;
  };
  const shown = walk(value, false, false);
  if (shown === OUTSIDE) throw notYourBook(String((value as { customerNo: string }).customerNo));
  return shown;
}

/** A tier's total shows a restricted viewer its money only when it covers at least this many customers. */
export const SMALLEST_GROUP_SHOWN = 5;

/**
 * Withheld whole from a restricted viewer: shares of money from which one customer's amount follows (the top 1% of a
 * small group is one customer), and the customers a migration names as renumbered (perhaps outside the book).
 */
const WITHHELD_FIGURES: Readonly<Record<string, readonly never[]>> = { pareto: [], lorenz: [], renumbered: [] };

/** A money field of a branch figure (a threshold is the rules', not money). */
export const isMoneyField = (key: string): boolean => key.endsWith('Fen') && key !== 'thresholdFen';

/**
 * Branch figures as a restricted viewer (a teller, a 客户经理 without the branch view) may see them: their counts, and
 * no money — one allowed figure less others (a tier's total less the cells around one customer) would tell that
 * customer's balance — but each tier's own total (`tierTotals`: the tier overview) when it covers
 * `SMALLEST_GROUP_SHOWN` customers or more. The 支行长, an administrator and a 客户经理 with the branch view see every
 * figure.
 */
export function protectAggregates(view: CustomerView, value: unknown, tierTotals = false): unknown {
  if (isWholeBranch(view)) return value;
  const walk = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(walk);
    if (item === null || typeof item !== 'object') return item;
    const object = item as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(object).map(([key, field]) => {
        if (Object.hasOwn(WITHHELD_FIGURES, key)) return [key, WITHHELD_FIGURES[key]];
        if (!isMoneyField(key)) return [key, walk(field)];
        const count = key.startsWith('previous') ? object.previousCount : object.count;
        return [key, tierTotals && typeof count === 'number' && count >= SMALLEST_GROUP_SHOWN ? field : null];
      }),
    );
  };
  return walk(value);
}

/**
 * Parts of a query that select or order customers by their balance: a range, a threshold, AUM bands, and a warning
 * reason (`signal`: the gap to a threshold, a large outflow, a maturing amount, the trend, all built from balances).
 */
const BALANCE_KEYS = new Set(['aumMinFen', 'aumMaxFen', 'thresholdFen', 'bandWidthFen', 'signal']);

/** The path of the first part of a query `matches` accepts (`filter.aumMinFen`, `sort`), or null. */
function pathIn(value: unknown, matches: (key: string, item: unknown) => boolean, at = ''): string | null {
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const path = at ? `${at}.${key}` : key;
    if (item === undefined) continue;
    if (matches(key, item)) return path;
    const inner = pathIn(item, matches, path);
    if (inner !== null) return inner;
  }
  return null;
}

/** Where a query selects or orders customers by balance (`filter.aumMinFen`, `sort`), or null. */
export function balanceQueryIn(value: unknown): string | null {
  return pathIn(
    value,
    (key, item) =>
      BALANCE_KEYS.has(key) ||
      (key === 'sort' && (item as { field?: unknown } | null)?.field === 'aum') ||
      (key === 'dimension' && item === 'aumBand'),
  );
}

/**
 * Refuses ordering customers by name to a viewer who sees names masked: the order of the hidden characters would tell
 * what they are (a page sorted by name, its masked rows in order, narrows each name down).
 */
export function refuseNameOrder(view: CustomerView, query: unknown): void {
  if (!view.masksNames) return;
  const path = pathIn(query, (key, item) => key === 'sort' && (item as { field?: unknown } | null)?.field === 'name');
  if (path !== null)
    throw new AppError(
      'FORBIDDEN',
      `姓名已遮蔽，不能按姓名排序（${path}.field）；请按客户号或其他列排序`,
      `Names are masked for you, so customers cannot be ordered by name (${path}.field); order by customer number or another column`,
      { field: `${path}.field` },
    );
}

/** Every saved segment a query names (`savedSegmentId`, however deep). */
function savedSegmentsIn(value: unknown, into: number[] = []): number[] {
  if (value === null || typeof value !== 'object') return into;
  for (const [key, item] of Object.entries(value)) {
    if (key === 'savedSegmentId' && typeof item === 'number') into.push(item);
    else savedSegmentsIn(item, into);
  }
  return into;
}

/**
 * Refuses a query that selects, orders or groups customers by balance — a balance range, threshold, band, order, or a
 * warning's reason built from a balance — in the query itself and in any saved segment it names: a teller's always,
 * and a 客户经理's without the branch view over the branch (`aggregates`), where the count of customers above a
 * threshold, moved a 分 at a time, tells another book's customer's balance. Branch figures over a saved segment that
 * names customers (a search) are refused to them too.
 */
export function refuseBalanceQuery(
  ctx: CoreContext,
  view: CustomerView,
  query: unknown,
  answers: 'rows' | 'aggregates',
): void {
  if (!view.hidesBalances && !(view.bookOf !== null && answers === 'aggregates')) return;
  const balanceRefused = (path: string) =>
    view.hidesBalances
      ? new AppError(
          'FORBIDDEN',
          `柜员不能按客户金额筛选、排序或分组（${path}）`,
          `A teller may not select, order or group customers by balance (${path})`,
          { field: path },
        )
      : new AppError(
          'FORBIDDEN',
          `未开启全行查看时，不能按金额对全行客户做统计（${path}）；请在自己的客户名单中按金额筛选`,
          `Without the branch view, branch figures by balance are not available (${path}); filter your own customers by balance instead`,
          { field: path },
        );
  const direct = balanceQueryIn(query);
  if (direct !== null) throw balanceRefused(direct);
  for (const id of savedSegmentsIn(query)) {
    const { filter } = readSavedSegment(ctx, id);
    const inSegment =
      balanceQueryIn(filter) ?? (answers === 'aggregates' && filter.search !== undefined ? 'search' : null);
    if (inSegment !== null) throw balanceRefused(`savedSegmentId ${id}: ${inSegment}`);
  }
}

/** The values at a dotted path (`items[].customerNo`: one per item), skipping what is absent or null. */
export function valuesAt(value: unknown, path: string): Array<string | number> {
  const [head, ...rest] = path.split('.');
  const list = head.endsWith('[]');
  const key = list ? head.slice(0, -2) : head;
  const next = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  const items = list ? (Array.isArray(next) ? next : []) : [next];
  return items.flatMap((item) =>
    rest.length > 0
      ? valuesAt(item, rest.join('.'))
      : typeof item === 'string' || typeof item === 'number'
        ? [item]
        : [],
  );
}

/** `value` with the field at a dotted path set to `code` (the objects on the way copied, created when absent). */
export function withBook<T>(value: T, path: string, code: string): T {
  const [head, ...rest] = path.split('.');
  const object = (value ?? {}) as Record<string, unknown>;
  return { ...object, [head]: rest.length > 0 ? withBook(object[head], rest.join('.'), code) : code } as T;
}

/** A complaint registered without a customer is in no 客户经理's book: the 支行长 handles it. */
const NOBODYS_COMPLAINT = (v: string | number): [string, string] => [
  `投诉（编号 ${v}）没有登记客户，由支行长办理`,
  `Complaint ${v} names no customer: the branch manager handles it`,
];

const NOT_YOURS: Record<ActTarget, (value: string | number) => [string, string]> = {
  customer: (v) => [`客户 ${v} 不在您的管户名下，不能查看或操作`, `Customer ${v} is not in your book`],
  complaint: (v) => [
    `投诉（编号 ${v}）的客户不在您的管户名下，不能办理`,
    `The customer of complaint ${v} is not in your book`,
  ],
  action: (v) => [
    `保级行动（编号 ${v}）的客户不在您的管户名下，不能更改`,
    `The customer of retention action ${v} is not in your book`,
  ],
  override: (v) => [
    `人工调整（编号 ${v}）的客户不在您的管户名下，不能撤销`,
    `The customer of override ${v} is not in your book`,
  ],
  event: (v) => [`活动（编号 ${v}）由其他同事负责，不能修改`, `Event ${v} belongs to a colleague`],
  segment: (v) => [`客户细分（编号 ${v}）由其他同事建立，不能修改或删除`, `Saved segment ${v} belongs to a colleague`],
  segmentName: (v) => [`客户细分“${v}”由其他同事建立，不能覆盖`, `The saved segment "${v}" belongs to a colleague`],
  plan: () => ['这不是您的工作计划，不能修改', 'This is not your work plan'],
  staff: (v) => [`只能以本人为负责人（不能填 ${v}）`, `You can only name yourself as the owner (not ${v})`],
};

/**
 * Refuses a 客户经理 acting outside their own book — on another manager's customer, or on a complaint, retention
 * action or tier override of one (or a complaint of no customer's), or on a colleague's event, saved segment or plan
 * item — whatever the branch view, but for the books they cover (AB角) today. Things that do not exist pass (the
 * service says so); other roles pass (the role table decides for them). Returns the covered managers acted for (the
 * call is audited on their behalf).
 */
export function requireOwnTargets(ctx: CoreContext, viewer: Viewer, acts: readonly Acts[], input: unknown): string[] {
  const { staff, covers } = viewer;
  const actedFor = new Set<string>();
  if (staff.role !== 'manager') return [];
  for (const { on, field } of acts) {
    for (const value of valuesAt(input, field)) {
      const owner = ownerOf(ctx.store.sqlite, on, value);
      if (owner === NOT_FOUND || owner === staff.code) continue;
      if (typeof owner === 'string' && covers.includes(owner)) {
        actedFor.add(owner);
        continue;
      }
      const [message, messageEn] = owner === UNOWNED ? NOBODYS_COMPLAINT(value) : NOT_YOURS[on](value);
      throw new AppError('FORBIDDEN', message, messageEn, { field: field.replace('[]', ''), target: on });
    }
  }
  return [...actedFor];
}
