/**
 * The suitability check (docs/domain.md, "Suitability"): every holding of the branch checked against its
 * customer's assessment and the branch setting, kept per day checked as of (derived data), and what the screens,
 * the card and the workbench read of it.
 */
import { AppError } from '../../../shared/errors';
import { addDays, lastDayOfMonth } from '../../../shared/month';
import {
  EXPIRING_WITHIN_DAYS,
  SUITABILITY_FINDINGS,
  SUITABILITY_LIST_LIMIT,
  type AssessmentInput,
  type CustomerRiskLevel,
  type CustomerSuitability,
  type FindingCounts,
  type ProductRiskLevel,
  type SuitabilityBench,
  type SuitabilityCustomerRow,
  type SuitabilityFinding,
  type SuitabilityOverview,
  type SuitabilitySettings,
} from '../../../shared/schemas/suitability';
import { appendAudit } from '../platform/audit-log';
import type { CoreContext } from '../platform/context';
import { lastCustomerId } from '../platform/bulk';
import { inIdSteps } from '../platform/jobs';
import { derivedKind } from '../platform/derived-data';
import { readSuitabilitySettings, replaceJsonSetting } from '../platform/settings';
import { requireCustomerByNo } from '../customers/lookup';
import { staffNames } from '../trust/staff';
import {
  assessedBetween,
  assessedByIds,
  heldForCheck,
  type HeldForCheck,
  holdingsOfCustomers,
  holdingsWithRisk,
  writeAssessment,
  type AssessedRow,
} from './suitability-repository';
import {
  assessmentValidUntil,
  ceilingFrom,
  ceilingOf,
  expiredBefore,
  findingUnder,
  futureAssessmentProblem,
  worstFinding,
  type AssessedCustomer,
} from './suitability-rules';

/**
 * The branch checked as of a day, kept as columns (docs/domain.md, "Suitability"): per customer holding products,
 * in id order, their id, manager, worst finding (its place in `SUITABILITY_FINDINGS`) and number of holdings.
 */
interface BranchCheck {
  asOf: string;
  ids: Int32Array;
  managers: Array<string | null>;
  worst: Int8Array;
  counts: Int32Array;
  holdings: number;
}

export const BRANCH_CHECKS = derivedKind<BranchCheck>('suitability checks', 3);

export const assessedOf = (c: {
  riskLevel: string | null;
  assessedDate: string | null;
  professional: number | boolean;
}) =>
  ({
    riskLevel: c.riskLevel as CustomerRiskLevel | null,
    assessedDate: c.assessedDate,
    professional: Boolean(c.professional),
  }) satisfies AssessedCustomer;

const RANK = Object.fromEntries(SUITABILITY_FINDINGS.map((f, i) => [f, i])) as Record<SuitabilityFinding, number>;

/**
 * Every holding of the branch checked as of `asOf`. A customer's worst finding is that of two of their holdings:
 * the highest-level product of the catalogue and, if any, one not in it — the others can be no worse.
 */
function checkOf(ctx: CoreContext, asOf: string, held: HeldForCheck[]): BranchCheck {
  const settings = readSuitabilitySettings(ctx.store.sqlite);
  const ids = new Int32Array(held.length);
  const managers = new Array<string | null>(held.length);
  const worst = new Int8Array(held.length);
  const counts = new Int32Array(held.length);
  let holdings = 0;
  held.forEach(([id, manager, level, dated, expired, professional, count, top, unknown], i) => {
    const ceiling = ceilingFrom(
      { level, dated: dated === 1, expired: expired === 1, professional: professional === 1 },
      settings,
    );
    const known = top === null ? SUITABILITY_FINDINGS.length - 1 : RANK[findingUnder(ceiling, top)];
    ids[i] = id;
    managers[i] = manager;
    worst[i] = unknown > 0 ? Math.min(known, RANK[findingUnder(ceiling, null)]) : known;
    counts[i] = count;
    holdings += count;
  });
  return { asOf, ids, managers, worst, counts, holdings };
}

const branchCheck = (ctx: CoreContext, asOf: string) =>
  ctx.cache.get(BRANCH_CHECKS, asOf, () =>
    checkOf(ctx, asOf, heldForCheck(ctx.store.sqlite, asOf, expiredBefore(asOf))),
  );

/**
 * The branch checked as of each of these days, read a step of customers at a time with other calls served between
 * (the first screens: the workbench's part as of today, the 适当性检查 screen as of the data month's end).
 */
export async function prepareSuitabilityChecks(
  ctx: CoreContext,
  days: readonly string[],
  signal?: AbortSignal,
): Promise<void> {
  const { sqlite } = ctx.store;
  for (const asOf of days)
    await ctx.cache.getInSteps(BRANCH_CHECKS, asOf, async () => {
      const held: HeldForCheck[] = [];
      await inIdSteps(
        lastCustomerId(sqlite),
        (ids) => {
          for (const row of heldForCheck(sqlite, asOf, expiredBefore(asOf), ids)) held.push(row);
        },
        signal,
      );
      return checkOf(ctx, asOf, held);
    });
}

const noCounts = (): FindingCounts => Object.fromEntries(SUITABILITY_FINDINGS.map((f) => [f, 0])) as FindingCounts;

const validUntilOf = (assessedDate: string | null) => (assessedDate ? assessmentValidUntil(assessedDate) : null);

/** The 适当性检查 counts as of the data month's end: customers by worst finding, in all and per manager. */
export function getSuitabilityOverview(
  ctx: CoreContext,
  input: { month: string; managerCode?: string },
): SuitabilityOverview {
  const check = branchCheck(ctx, lastDayOfMonth(input.month));
  const names = staffNames(ctx.store.sqlite);
  const counts = noCounts();
  const managers = new Map<string | null, { customers: number; counts: FindingCounts }>();
  let holdings = 0;
  let customers = 0;
  for (let i = 0; i < check.ids.length; i++) {
    const rank = check.worst[i];
    if (input.managerCode !== undefined && check.managers[i] !== input.managerCode) continue;
    const finding = SUITABILITY_FINDINGS[rank];
    customers++;
    holdings += check.counts[i];
    counts[finding]++;
    let manager = managers.get(check.managers[i]);
    if (!manager) managers.set(check.managers[i], (manager = { customers: 0, counts: noCounts() }));
    manager.customers++;
    manager.counts[finding]++;
  }
  return {
    asOf: check.asOf,
    customers,
    holdings,
    counts,
    managers: [...managers]
      .map(([managerCode, m]) => ({
        managerCode,
        managerName: managerCode ? (names.get(managerCode) ?? null) : null,
        ...m,
      }))
      .sort((a, b) => (a.managerCode ?? '\uffff').localeCompare(b.managerCode ?? '\uffff')),
  };
}

/** Each customer's worst finding as of `asOf`, by customer id (none: holds no product): the group analysis' dimension. */
export function findingsByCustomer(ctx: CoreContext, asOf: string): Array<SuitabilityFinding | undefined> {
  const check = branchCheck(ctx, asOf);
  const byId: Array<SuitabilityFinding | undefined> = [];
  for (let i = 0; i < check.ids.length; i++) byId[check.ids[i]] = SUITABILITY_FINDINGS[check.worst[i]];
  return byId;
}

/** The indexes of the checked customers a list asks for: a finding, and one manager (or those without one). */
function indexesOf(check: BranchCheck, finding: SuitabilityFinding, manager: { code: string | null } | null): number[] {
  const rank = RANK[finding];
  const chosen: number[] = [];
  for (let i = 0; i < check.ids.length; i++)
    if (check.worst[i] === rank && (manager === null || check.managers[i] === manager.code)) chosen.push(i);
  return chosen;
}

/** Rows read at a time for a list or the export. */
const ROWS_AT_ONCE = 5_000;

/** The customers of these ids as list rows, with the products each holds above their level (as of `asOf`). */
function customerRows(ctx: CoreContext, ids: readonly number[], asOf: string): SuitabilityCustomerRow[] {
  const { sqlite } = ctx.store;
  const settings = readSuitabilitySettings(sqlite);
  const names = staffNames(sqlite);
  const rows: SuitabilityCustomerRow[] = [];
  for (let start = 0; start < ids.length; start += ROWS_AT_ONCE) {
    const chunk = ids.slice(start, start + ROWS_AT_ONCE);
    const held = new Map<number, Array<[string, string | null]>>();
    for (const [id, product, risk] of holdingsOfCustomers(sqlite, chunk))
      held.set(id, [...(held.get(id) ?? []), [product, risk]]);
    for (const row of assessedByIds(sqlite, chunk)) {
      const customer = assessedOf(row);
      const ceiling = ceilingOf(customer, settings, asOf);
      const findings = (held.get(row.id) ?? []).map(([product, risk]) => ({
        product,
        finding: findingUnder(ceiling, risk === null ? null : Number(risk[1])),
      }));
      rows.push({
        customerNo: row.customerNo,
        name: row.name,
        managerCode: row.managerCode,
        managerName: row.managerCode ? (names.get(row.managerCode) ?? null) : null,
        ...customer,
        validUntil: validUntilOf(row.assessedDate),
        finding: worstFinding(findings.map((f) => f.finding)),
        holdings: findings.length,
        aboveLevel: findings.filter((f) => f.finding === 'aboveLevel').map((f) => f.product),
      });
    }
  }
  return rows;
}

/** At most `SUITABILITY_LIST_LIMIT` of the checked customers at these indexes, with their count. */
function listOf(ctx: CoreContext, check: BranchCheck, indexes: number[]) {
  const ids = indexes.slice(0, SUITABILITY_LIST_LIMIT).map((i) => check.ids[i]);
  return { total: indexes.length, rows: customerRows(ctx, ids, check.asOf) };
}

/** The customers behind one count of the screen: a finding, for the branch, one manager or those without one. */
export function listSuitabilityCustomers(
  ctx: CoreContext,
  input: { month: string; finding: SuitabilityFinding; managerCode?: string; unassigned?: boolean },
) {
  const check = branchCheck(ctx, lastDayOfMonth(input.month));
  const manager =
    input.managerCode !== undefined ? { code: input.managerCode } : input.unassigned ? { code: null } : null;
  return { asOf: check.asOf, ...listOf(ctx, check, indexesOf(check, input.finding, manager)) };
}

/** Every customer holding products, checked as of the data month's end (the export), for the branch or one book. */
export function suitabilityRows(ctx: CoreContext, month: string, managerCode: string | null): SuitabilityCustomerRow[] {
  const check = branchCheck(ctx, lastDayOfMonth(month));
  const ids: number[] = [];
  for (let i = 0; i < check.ids.length; i++)
    if (managerCode === null || check.managers[i] === managerCode) ids.push(check.ids[i]);
  return customerRows(ctx, ids, check.asOf);
}

/** The workbench's part as of today: the book's assessments expiring within 30 days, and its holdings above level. */
export function getSuitabilityBench(ctx: CoreContext, input: { managerCode?: string }): SuitabilityBench {
  const today = ctx.today();
  const check = branchCheck(ctx, today);
  const managerCode = input.managerCode ?? null;
  // Valid through today or later, and through today + 30 days at the latest.
  const expiring = assessedBetween(
    ctx.store.sqlite,
    expiredBefore(today),
    expiredBefore(addDays(today, EXPIRING_WITHIN_DAYS)),
    managerCode,
  );
  return {
    asOf: today,
    expiring: {
      total: expiring.length,
      rows: customerRows(
        ctx,
        expiring.slice(0, SUITABILITY_LIST_LIMIT).map((row) => row.id),
        today,
      ),
    },
    mismatches: listOf(ctx, check, indexesOf(check, 'aboveLevel', managerCode === null ? null : { code: managerCode })),
  };
}

/** The customer's assessment as the check reads it, or NOT_FOUND naming the number. */
export async function requireAssessed(ctx: CoreContext, customerNo: string): Promise<AssessedRow> {
  const c = await requireCustomerByNo(ctx, customerNo);
  return {
    id: c.id,
    customerNo: c.customer_no,
    name: c.name,
    managerCode: c.manager_code,
    riskLevel: c.risk_level,
    assessedDate: c.risk_assessed_date,
    channel: c.risk_assessed_channel,
    professional: c.professional_investor,
  };
}

/** One customer's assessment and each holding checked as of today (the card). */
export async function getCustomerSuitability(ctx: CoreContext, customerNo: string): Promise<CustomerSuitability> {
  const row = await requireAssessed(ctx, customerNo);
  const asOf = ctx.today();
  const settings = readSuitabilitySettings(ctx.store.sqlite);
  const customer = assessedOf(row);
  const ceiling = ceilingOf(customer, settings, asOf);
  const holdings = holdingsWithRisk(ctx.store.sqlite, row.id).map((h) => ({
    ...h,
    productRisk: h.productRisk as ProductRiskLevel | null,
    finding: findingUnder(ceiling, h.productRisk === null ? null : Number(h.productRisk[1])),
  }));
  return {
    customerNo: row.customerNo,
    ...customer,
    validUntil: validUntilOf(row.assessedDate),
    channel: row.channel,
    asOf,
    finding: worstFinding(holdings.map((h) => h.finding)),
    holdings,
  };
}

/**
 * Records an assessment on the card: a level needs its date, and a date after today is refused (naming the
 * field); the customer's columns and the assessment record written with the audit entry, in one transaction.
 */
export async function recordAssessment(
  ctx: CoreContext,
  input: AssessmentInput,
): Promise<{ validUntil: string | null }> {
  const row = await requireAssessed(ctx, input.customerNo);
  if ((input.riskLevel === null) !== (input.assessedDate === null))
    throw new AppError(
      'VALIDATION',
      '风险等级与评估日期须同时填写（或同时清空）',
      'the risk level and the assessment date go together',
      { field: input.riskLevel === null ? 'riskLevel' : 'assessedDate' },
    );
  const future = input.assessedDate ? futureAssessmentProblem(input.assessedDate, ctx.today()) : null;
  if (future) throw new AppError('VALIDATION', future.message, future.messageEn, { field: 'assessedDate' });
  const { sqlite } = ctx.store;
  sqlite.transaction(() => {
    writeAssessment(sqlite, row.id, input, { at: ctx.now(), by: input.staffCode });
    appendAudit(sqlite, {
      at: ctx.now(),
      actor: input.staffCode,
      action: 'suitability.recordAssessment',
      target: input.customerNo,
      detail: {
        from: { level: row.riskLevel, date: row.assessedDate, professional: Boolean(row.professional) },
        to: { level: input.riskLevel, date: input.assessedDate, professional: input.professional },
        channel: input.channel,
      },
    });
  })();
  return { validUntil: validUntilOf(input.assessedDate) };
}

export const getSuitabilitySettings = (ctx: CoreContext): SuitabilitySettings =>
  readSuitabilitySettings(ctx.store.sqlite);

/** Replaces the branch setting (audited with what it was). */
export function saveSuitabilitySettings(
  ctx: CoreContext,
  settings: SuitabilitySettings,
  staffCode: string | null,
): SuitabilitySettings {
  replaceJsonSetting(ctx.store.sqlite, 'suitability_settings', settings, {
    at: ctx.now(),
    actor: staffCode,
    action: 'suitability.saveSettings',
  });
  return settings;
}
