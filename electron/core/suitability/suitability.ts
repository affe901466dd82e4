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
import { derivedKind } from '../platform/derived-data';
import { readSuitabilitySettings, replaceJsonSetting } from '../platform/settings';
import { staffNames } from '../trust/staff';
import {
  assessmentOf,
  branchForCheck,
  holdingsWithRisk,
  writeAssessment,
  type AssessedRow,
} from './suitability-repository';
import {
  assessmentExpired,
  assessmentValidUntil,
  checkHolding,
  futureAssessmentProblem,
  worstFinding,
  type AssessedCustomer,
} from './suitability-rules';

/** A customer holding products, as the branch's check found them. */
interface CheckedCustomer {
  customerNo: string;
  name: string;
  managerCode: string | null;
  riskLevel: CustomerRiskLevel | null;
  assessedDate: string | null;
  professional: boolean;
  finding: SuitabilityFinding;
  holdings: number;
  aboveLevel: string[];
}

/** The branch checked as of a day: customers holding products, and every customer's assessment (the workbench). */
interface BranchCheck {
  asOf: string;
  held: CheckedCustomer[];
  holdings: number;
  /** Every customer not closed, with their assessment (those without holdings too). */
  assessed: Array<Omit<CheckedCustomer, 'finding' | 'holdings' | 'aboveLevel'>>;
}

const BRANCH_CHECKS = derivedKind<BranchCheck>('suitability checks', 3);

const assessedOf = (c: { riskLevel: string | null; assessedDate: string | null; professional: number | boolean }) =>
  ({
    riskLevel: c.riskLevel as CustomerRiskLevel | null,
    assessedDate: c.assessedDate,
    professional: Boolean(c.professional),
  }) satisfies AssessedCustomer;

/** Every holding of the branch checked as of `asOf`; one pass over two column reads. */
function checkBranch(ctx: CoreContext, asOf: string): BranchCheck {
  const { sqlite } = ctx.store;
  const settings = readSuitabilitySettings(sqlite);
  const { customers, holdings } = branchForCheck(sqlite, asOf);
  const at = new Map<number, number>();
  const assessed = customers.map(([id, customerNo, name, managerCode, riskLevel, assessedDate, professional], i) => {
    at.set(id, i);
    return { customerNo, name, managerCode, ...assessedOf({ riskLevel, assessedDate, professional }) };
  });
  const worst = new Int8Array(customers.length).fill(-1);
  const counts = new Int32Array(customers.length);
  const above = new Map<number, string[]>();
  const SUITABLE = SUITABILITY_FINDINGS.indexOf('suitable');
  for (const [customerId, productRisk, productName] of holdings) {
    const i = at.get(customerId);
    if (i === undefined) continue; // closed
    const finding = checkHolding(assessed[i], productRisk as ProductRiskLevel | null, settings, asOf);
    const rank = SUITABILITY_FINDINGS.indexOf(finding);
    worst[i] = worst[i] < 0 ? rank : Math.min(worst[i], rank);
    counts[i]++;
    if (finding === 'aboveLevel') above.set(i, [...(above.get(i) ?? []), productName]);
  }
  const held: CheckedCustomer[] = [];
  let total = 0;
  for (let i = 0; i < customers.length; i++) {
    if (worst[i] < 0) continue;
    total += counts[i];
    held.push({
      ...assessed[i],
      finding: SUITABILITY_FINDINGS[worst[i] < 0 ? SUITABLE : worst[i]],
      holdings: counts[i],
      aboveLevel: above.get(i) ?? [],
    });
  }
  return { asOf, held, holdings: total, assessed };
}

const branchCheck = (ctx: CoreContext, asOf: string) =>
  ctx.cache.get(BRANCH_CHECKS, asOf, () => checkBranch(ctx, asOf));

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
  for (const c of check.held) {
    if (input.managerCode !== undefined && c.managerCode !== input.managerCode) continue;
    customers++;
    holdings += c.holdings;
    counts[c.finding]++;
    let manager = managers.get(c.managerCode);
    if (!manager) managers.set(c.managerCode, (manager = { customers: 0, counts: noCounts() }));
    manager.customers++;
    manager.counts[c.finding]++;
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

function rowOf(c: CheckedCustomer, names: Map<string, string>): SuitabilityCustomerRow {
  return {
    customerNo: c.customerNo,
    name: c.name,
    managerCode: c.managerCode,
    managerName: c.managerCode ? (names.get(c.managerCode) ?? null) : null,
    riskLevel: c.riskLevel,
    assessedDate: c.assessedDate,
    validUntil: validUntilOf(c.assessedDate),
    professional: c.professional,
    finding: c.finding,
    holdings: c.holdings,
    aboveLevel: c.aboveLevel,
  };
}

/** At most `SUITABILITY_LIST_LIMIT` rows of those given, with their count. */
function listOf(ctx: CoreContext, customers: CheckedCustomer[]) {
  const names = staffNames(ctx.store.sqlite);
  return { total: customers.length, rows: customers.slice(0, SUITABILITY_LIST_LIMIT).map((c) => rowOf(c, names)) };
}

/** The customers behind one count of the screen: a finding, for the branch, one manager or those without one. */
export function listSuitabilityCustomers(
  ctx: CoreContext,
  input: { month: string; finding: SuitabilityFinding; managerCode?: string; unassigned?: boolean },
) {
  const check = branchCheck(ctx, lastDayOfMonth(input.month));
  const chosen = check.held.filter(
    (c) =>
      c.finding === input.finding &&
      (input.managerCode !== undefined
        ? c.managerCode === input.managerCode
        : !input.unassigned || c.managerCode === null),
  );
  return { asOf: check.asOf, ...listOf(ctx, chosen) };
}

/** Every customer holding products, checked as of the data month's end (the export), for the branch or one book. */
export function suitabilityRows(ctx: CoreContext, month: string, managerCode: string | null): SuitabilityCustomerRow[] {
  const names = staffNames(ctx.store.sqlite);
  return branchCheck(ctx, lastDayOfMonth(month))
    .held.filter((c) => managerCode === null || c.managerCode === managerCode)
    .map((c) => rowOf(c, names));
}

/** The workbench's part as of today: the book's assessments expiring within 30 days, and its holdings above level. */
export function getSuitabilityBench(ctx: CoreContext, input: { managerCode?: string }): SuitabilityBench {
  const today = ctx.today();
  const check = branchCheck(ctx, today);
  const mine = (c: { managerCode: string | null }) =>
    input.managerCode === undefined || c.managerCode === input.managerCode;
  const soon = addDays(today, EXPIRING_WITHIN_DAYS);
  const expiring = check.assessed
    .filter((c) => {
      if (!mine(c) || c.professional || c.assessedDate === null) return false;
      const until = assessmentValidUntil(c.assessedDate);
      return until >= today && until <= soon;
    })
    .map((c) => ({ ...c, finding: 'suitable' as const, holdings: 0, aboveLevel: [] }))
    .sort((a, b) => (a.assessedDate ?? '').localeCompare(b.assessedDate ?? ''));
  const heldCount = new Map(check.held.map((c) => [c.customerNo, c]));
  return {
    asOf: today,
    expiring: listOf(
      ctx,
      expiring.map((c) => heldCount.get(c.customerNo) ?? c),
    ),
    mismatches: listOf(
      ctx,
      check.held.filter((c) => mine(c) && c.finding === 'aboveLevel'),
    ),
  };
}

function requireAssessed(ctx: CoreContext, customerNo: string): AssessedRow {
  const row = assessmentOf(ctx.store.sqlite, customerNo);
  if (!row)
    throw new AppError(
      'NOT_FOUND',
      `找不到客户编号为 ${customerNo} 的客户。`,
      `No customer with number ${customerNo}.`,
      {
        field: 'customerNo',
      },
    );
  return row;
}

/** One customer's assessment and each holding checked as of today (the card). */
export function getCustomerSuitability(ctx: CoreContext, customerNo: string): CustomerSuitability {
  const row = requireAssessed(ctx, customerNo);
  const asOf = ctx.today();
  const settings = readSuitabilitySettings(ctx.store.sqlite);
  const customer = assessedOf(row);
  const holdings = holdingsWithRisk(ctx.store.sqlite, row.id).map((h) => ({
    ...h,
    productRisk: h.productRisk as ProductRiskLevel | null,
    finding: checkHolding(customer, h.productRisk as ProductRiskLevel | null, settings, asOf),
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
export function recordAssessment(ctx: CoreContext, input: AssessmentInput): { validUntil: string | null } {
  const row = requireAssessed(ctx, input.customerNo);
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

/** Whether an assessment made on `assessedDate` has expired by `asOf` (for other domains' signals). */
export { assessmentExpired };
