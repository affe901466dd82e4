/**
 * Tier benefits (docs/domain.md, "Benefits"): the catalogue setting, the uses recorded on the card with the rules'
 * refusals and the 支行长's override, and what a customer stands to lose at a downgrade.
 */
import { AppError } from '../../../shared/errors';
import {
  type BenefitCatalogue,
  type BenefitLoss,
  type BenefitUseInput,
  type CustomerBenefits,
  type DowngradeLosses,
} from '../../../shared/schemas/benefits';
import type { StaffRole } from '../../../shared/schemas/common';
import { findCustomerByNo, findMonthlyAssetsOfCustomer, requireCustomerByNo } from '../customers/lookup';
import { appendAudit } from '../platform/audit-log';
import type { CoreContext } from '../platform/context';
import { warningOfCustomer } from '../retention/retention';
import { explainCustomerTiers } from '../tiers/tier-history';
import { latestTierMonth, listTierSnapshotMonths, rulesForMonth, tiersOfCustomers } from '../tiers/tiers';
import {
  benefitsLost,
  catalogueFor,
  checkUse,
  lossText,
  standingOn,
  type AssessedMonth,
  type BenefitRefusal,
  type CountedUse,
  type UseToCheck,
} from './benefit-rules';
import {
  deleteBenefitCatalogue,
  insertBenefitUse,
  listBenefitCatalogues,
  listBenefitUsesOfCustomer,
  listBenefitUsesOfCustomers,
  saveBenefitCatalogue,
  type BenefitUseRow,
} from './benefits-repository';
import { pointsMultiplierFor } from '../loyalty/loyalty';

export function getBenefitCatalogues(ctx: CoreContext): { catalogues: BenefitCatalogue[] } {
  return { catalogues: listBenefitCatalogues(ctx.store.sqlite) };
}

/** Each quota names a tier of the rule set in force from the catalogue's month (or a later one). */
function checkTierCodes(ctx: CoreContext, catalogue: BenefitCatalogue): void {
  const known = new Set(rulesForMonth(ctx, catalogue.validFrom).tiers.map((t) => t.code));
  for (const t of rulesForMonth(ctx, '9999-12').tiers) known.add(t.code);
  catalogue.benefits.forEach((b, i) =>
    b.quotas.forEach((q, j) => {
      if (!known.has(q.tierCode))
        throw new AppError(
          'VALIDATION',
          `「${b.name}」的额度写了不存在的层级 ${q.tierCode}。`,
          `${b.name}: no tier ${q.tierCode} in the tier rules.`,
          { field: `catalogue.benefits.${i}.quotas.${j}.tierCode` },
        );
    }),
  );
}

/** Saves the catalogue of a month (replacing one of the same month); audited with what it replaced. */
export function saveBenefitCatalogueOf(
  ctx: CoreContext,
  catalogue: BenefitCatalogue,
  staffCode: string | null,
): { catalogues: BenefitCatalogue[] } {
  checkTierCodes(ctx, catalogue);
  const { sqlite } = ctx.store;
  sqlite.transaction(() => {
    const previous = listBenefitCatalogues(sqlite).find((c) => c.validFrom === catalogue.validFrom) ?? null;
    saveBenefitCatalogue(sqlite, catalogue, ctx.now(), staffCode);
    appendAudit(sqlite, {
      at: ctx.now(),
      actor: staffCode,
      action: 'benefits.saveCatalogue',
      target: catalogue.validFrom,
      detail: { previous, catalogue },
    });
  })();
  return getBenefitCatalogues(ctx);
}

/** Removes the catalogue of a month (the one before it then governs its months); audited. */
export function removeBenefitCatalogue(
  ctx: CoreContext,
  validFrom: string,
  staffCode: string | null,
): { catalogues: BenefitCatalogue[] } {
  const { sqlite } = ctx.store;
  sqlite.transaction(() => {
    const previous = listBenefitCatalogues(sqlite).find((c) => c.validFrom === validFrom);
    if (!previous || deleteBenefitCatalogue(sqlite, validFrom) === 0)
      throw new AppError('NOT_FOUND', `没有 ${validFrom} 生效的权益目录。`, `No benefit catalogue from ${validFrom}.`, {
        field: 'validFrom',
      });
    appendAudit(sqlite, {
      at: ctx.now(),
      actor: staffCode,
      action: 'benefits.removeCatalogue',
      target: validFrom,
      detail: { previous },
    });
  })();
  return getBenefitCatalogues(ctx);
}

/** One customer's assessed tier and status per month, from the first with data (the card's tier history's). */
async function assessedMonthsOf(
  ctx: CoreContext,
  record: { id: number; opened_date: string | null; closed_date: string | null },
): Promise<AssessedMonth[]> {
  const assets = await findMonthlyAssetsOfCustomer(ctx.store.db, record.id);
  return explainCustomerTiers(ctx, record.id, record.opened_date, record.closed_date, assets)
    .map((h) => ({ month: h.month, tierCode: h.tierCode, status: h.status }))
    .reverse();
}

const counted = (rows: readonly BenefitUseRow[]): CountedUse[] =>
  rows.map((r) => ({ benefitCode: r.benefit_code, date: r.used_date, count: r.count }));

/** The tier a customer falls to from `tierCode` in `month`: the next one down (null below the lowest). */
function tierBelow(ctx: CoreContext, month: string, tierCode: string): string | null {
  const tiers = rulesForMonth(ctx, month).tiers;
  const i = tiers.findIndex((t) => t.code === tierCode);
  return i > 0 ? tiers[i - 1].code : null;
}

export interface DowngradeLoss {
  tierCode: string;
  nextTierCode: string | null;
  losses: BenefitLoss[];
  /** The points multiplier of the tier now and after (docs/domain.md, "Loyalty points"); null when it would not fall. */
  multiplier: { now: number; after: number } | null;
  text: { zh: string; en: string };
}

/** The multiplier part of a downgrade's cost in words: 积分倍数 ×1.5 → ×1.2. */
function multiplierText(multiplier: DowngradeLoss['multiplier']): { zh: string; en: string } | null {
  if (!multiplier) return null;
  const x = (m: number) => `×${Number(m.toFixed(2))}`;
  return {
    zh: `积分倍数 ${x(multiplier.now)} → ${x(multiplier.after)}`,
    en: `points multiplier ${x(multiplier.now)} → ${x(multiplier.after)}`,
  };
}

/**
 * What a warned customer would lose at the next assessment if the 月日均 stays below (docs/domain.md, "Benefits"):
 * the benefits of the warned tier the next tier down lacks or has fewer of, under the catalogue in force on
 * `today`. Null when the customer is not warned in `month`. The points multiplier can be added beside `losses`.
 */
export function downgradeLossOf(
  ctx: CoreContext,
  customerId: number,
  month: string,
  catalogues = listBenefitCatalogues(ctx.store.sqlite),
): DowngradeLoss | null {
  const warning = warningOfCustomer(ctx, customerId, month);
  if (!warning) return null;
  const next = tierBelow(ctx, month, warning.tierCode);
  const losses = benefitsLost(catalogueFor(catalogues, ctx.today().slice(0, 7)), warning.tierCode, next);
  const now = pointsMultiplierFor(ctx, month, warning.tierCode);
  const after = next === null ? 0 : pointsMultiplierFor(ctx, month, next);
  const multiplier = now > after ? { now, after } : null;
  const parts = [lossText(losses), multiplierText(multiplier)].filter((p) => p !== null && p.zh !== '');
  const text = {
    zh: parts.map((p) => p?.zh).join('；'),
    en: parts.map((p) => p?.en).join('; '),
  };
  return { tierCode: warning.tierCode, nextTierCode: next, losses, multiplier, text };
}

/** Whether a downgrade would cost the customer anything: a benefit or points. */
const costsSomething = (loss: DowngradeLoss | null): loss is DowngradeLoss =>
  loss !== null && (loss.losses.length > 0 || loss.multiplier !== null);

/** The warning list's 降级将失去 for the customers of a page: those warned in `month` with something to lose. */
export async function getDowngradeLosses(
  ctx: CoreContext,
  month: string,
  customerNos: readonly string[],
): Promise<DowngradeLosses> {
  const catalogues = listBenefitCatalogues(ctx.store.sqlite);
  const rows: DowngradeLosses['rows'] = [];
  for (const customerNo of new Set(customerNos)) {
    const record = await findCustomerByNo(ctx.store.db, customerNo);
    const loss = record ? downgradeLossOf(ctx, record.id, month, catalogues) : null;
    if (costsSomething(loss))
      rows.push({
        customerNo,
        nextTierCode: loss.nextTierCode,
        losses: loss.losses,
        multiplier: loss.multiplier,
        text: loss.text.zh,
        textEn: loss.text.en,
      });
  }
  return { rows };
}

/** The card's part 权益: each benefit in force today with used / quota / remaining, the uses, the downgrade's cost. */
export async function getCustomerBenefits(ctx: CoreContext, customerNo: string): Promise<CustomerBenefits> {
  const record = await requireCustomerByNo(ctx, customerNo);
  const { sqlite } = ctx.store;
  const catalogues = listBenefitCatalogues(sqlite);
  const months = await assessedMonthsOf(ctx, record);
  const rows = listBenefitUsesOfCustomer(sqlite, record.id);
  const today = ctx.today();
  const names = new Map<string, string>();
  for (const c of catalogues) for (const b of c.benefits) names.set(b.code, b.name);
  const latest = months.at(-1) ?? null;
  const warningMonth = latestTierMonth(ctx);
  const loss = warningMonth ? downgradeLossOf(ctx, record.id, warningMonth, catalogues) : null;
  return {
    customerNo: record.customer_no,
    today,
    tierCode: latest?.tierCode ?? null,
    tierStatus: latest?.status ?? null,
    benefits: standingOn(catalogues, months, counted(rows), today).map((s) => ({
      code: s.code,
      name: s.name,
      entitled: s.entitled,
      reason: s.reason,
      reasonEn: s.reasonEn,
      perYear: s.perYear,
      used: s.used,
      remaining: s.remaining,
      yearFrom: s.year?.from ?? null,
      yearTo: s.year?.to ?? null,
    })),
    uses: rows.map((r) => ({
      id: r.id,
      benefitCode: r.benefit_code,
      benefitName: names.get(r.benefit_code) ?? r.benefit_code,
      date: r.used_date,
      count: r.count,
      note: r.note,
      overrideReason: r.override_reason,
      createdBy: r.created_by,
      createdAt: r.created_at,
    })),
    downgradeLoss: loss?.losses ?? [],
    downgradeMultiplier: loss?.multiplier ?? null,
    downgradeTierCode: costsSomething(loss) ? loss.nextTierCode : null,
    downgradeText: loss?.text.zh ?? '',
    downgradeTextEn: loss?.text.en ?? '',
  };
}

/**
 * Records a use on the card. The rules' refusal (docs/domain.md, "Benefits") stops it with the reason, naming the
 * field; a refusal about entitlement or quota the 支行长 may override with a reason (audited with the refusal).
 */
export async function recordBenefitUse(
  ctx: CoreContext,
  input: BenefitUseInput,
  role: StaffRole | null,
): Promise<{ id: number; remaining: number | null; overridden: boolean }> {
  const record = await requireCustomerByNo(ctx, input.customerNo);
  const { sqlite } = ctx.store;
  const months = await assessedMonthsOf(ctx, record);
  let result: { id: number; remaining: number | null; overridden: boolean } | null = null;
  sqlite.transaction(() => {
    const catalogues = listBenefitCatalogues(sqlite);
    const earlier = counted(listBenefitUsesOfCustomer(sqlite, record.id));
    const check = checkUse(
      catalogues,
      months,
      earlier,
      { benefitCode: input.benefitCode, date: input.date, count: input.count },
      ctx.today(),
    );
    const override = input.overrideReason ?? null;
    if (override !== null && role !== 'branch_manager')
      throw new AppError('FORBIDDEN', '只有支行长可以越权登记权益使用。', 'Only the branch manager may override.', {
        field: 'overrideReason',
      });
    if (check.refusal && !(check.refusal.overridable && override !== null))
      throw new AppError('VALIDATION', check.refusal.message, check.refusal.messageEn, {
        field: check.refusal.field,
        refusal: check.refusal.code,
        overridable: check.refusal.overridable,
      });
    const overridden = check.refusal !== null;
    const id = insertBenefitUse(sqlite, {
      customer_id: record.id,
      benefit_code: input.benefitCode,
      used_date: input.date,
      count: input.count,
      note: input.note,
      override_reason: overridden ? override : null,
      import_batch_id: null,
      created_at: ctx.now(),
      created_by: input.staffCode,
    });
    appendAudit(sqlite, {
      at: ctx.now(),
      actor: input.staffCode,
      action: overridden ? 'benefits.overrideUse' : 'benefits.recordUse',
      target: input.customerNo,
      detail: {
        benefit: input.benefitCode,
        date: input.date,
        count: input.count,
        ...(overridden ? { refusal: check.refusal?.message, reason: override } : {}),
      },
    });
    result = {
      id,
      overridden,
      remaining: check.perYear === null ? null : Math.max(0, check.perYear - check.used - input.count),
    };
  })();
  if (!result) throw new AppError('INTERNAL', '登记失败。', 'Recording failed.');
  return result;
}

/** Checks the uses of an import one by one as the card would (docs/domain.md, "Benefits"). */
export interface BenefitUseChecker {
  /** The code of the benefit a file's text names in the catalogue of the date's month (by code, else by name). */
  resolve(text: string, date: string): string | null;
  /** Reads what checking needs of the customers of a batch of records: their assessed months and stored uses. */
  addCustomers(customerIds: readonly number[]): void;
  /** Why the use is refused, or null: then it counts against the later uses of the file. */
  check(customerId: number, use: UseToCheck): BenefitRefusal | null;
}

/**
 * A checker of imported uses: the assessed tier and status of each month from the stored tier results (the same
 * engine as the card's history), the uses stored and those of the file before.
 */
export function benefitUseChecker(ctx: CoreContext): BenefitUseChecker {
  const { sqlite } = ctx.store;
  const catalogues = listBenefitCatalogues(sqlite);
  const tierMonths = listTierSnapshotMonths(sqlite);
  const months = new Map<number, AssessedMonth[]>();
  const uses = new Map<number, CountedUse[]>();
  const today = ctx.today();
  return {
    resolve(text, date) {
      const catalogue = catalogueFor(catalogues, date.slice(0, 7));
      const wanted = text.trim();
      const found =
        catalogue?.benefits.find((b) => b.code.toLowerCase() === wanted.toLowerCase()) ??
        catalogue?.benefits.find((b) => b.name === wanted);
      return found?.code ?? null;
    },
    addCustomers(customerIds) {
      const fresh = customerIds.filter((id) => !months.has(id));
      if (fresh.length === 0) return;
      for (const id of fresh) months.set(id, []);
      for (const month of tierMonths) {
        const tiers = tiersOfCustomers(ctx, month, fresh);
        fresh.forEach((id, i) => {
          const list = months.get(id) as AssessedMonth[];
          // Before the first month with a state there is nothing to judge by (docs/domain.md, "Presence").
          if (list.length === 0 && tiers[i].status === 'absent') return;
          list.push({ month, tierCode: tiers[i].tierCode, status: tiers[i].status });
        });
      }
      const stored = listBenefitUsesOfCustomers(sqlite, fresh);
      for (const id of fresh) uses.set(id, counted(stored.get(id) ?? []));
    },
    check(customerId, use) {
      const earlier = uses.get(customerId) ?? [];
      const result = checkUse(catalogues, months.get(customerId) ?? [], earlier, use, today);
      if (result.refusal) return result.refusal;
      uses.set(customerId, [...earlier, use]);
      return null;
    },
  };
}

/**
 * A benefit a retention action may offer the customer (docs/domain.md, "Benefits"): one of the catalogue in force
 * today the customer is entitled to and has left this counting year. Refused otherwise, naming the field.
 */
export async function benefitToOffer(
  ctx: CoreContext,
  customerNo: string,
  benefitCode: string,
): Promise<{ code: string; name: string }> {
  const standing = (await getCustomerBenefits(ctx, customerNo)).benefits.find((b) => b.code === benefitCode);
  if (!standing)
    throw new AppError('VALIDATION', `权益 ${benefitCode} 不在现行的权益目录中`, `No benefit ${benefitCode} in force`, {
      field: 'benefitCode',
    });
  if (!standing.entitled)
    throw new AppError(
      'VALIDATION',
      `客户目前不享有“${standing.name}”${standing.reason ? `：${standing.reason}` : ''}`,
      `The customer is not entitled to ${standing.name}${standing.reasonEn ? `: ${standing.reasonEn}` : ''}`,
      { field: 'benefitCode' },
    );
  if (standing.remaining !== null && standing.remaining <= 0)
    throw new AppError(
      'VALIDATION',
      `“${standing.name}”本年度已用完（${standing.used}/${standing.perYear} 次）`,
      `${standing.name} is used up this year (${standing.used}/${standing.perYear})`,
      { field: 'benefitCode' },
    );
  return { code: standing.code, name: standing.name };
}
