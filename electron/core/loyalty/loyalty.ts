/**
 * The points plan (积分计划, docs/domain.md "Loyalty points"): its settings, a customer's points on the card,
 * redemptions, bonuses and adjustments, and the analysis per tier and month. What other domains may read of it is
 * exported here (`pointsMultiplierOf`, `pointsMultiplierFor`).
 */
import { AppError } from '../../../shared/errors';
import { monthRange } from '../../../shared/month';
import type {
  BonusEvent,
  CustomerPoints,
  Gift,
  LoyaltyRuleSet,
  LoyaltySettings,
  PointsAnalysis,
} from '../../../shared/schemas/loyalty';
import { requireCustomerByNo } from '../customers/lookup';
import { appendAudit } from '../platform/audit-log';
import type { CoreContext } from '../platform/context';
import { listTierSnapshotMonths, rulesForMonth, tierLabels, tierSnapshotOf } from '../tiers/tiers';
import { accruePoints, type AccrualSummary } from './accrual';
import {
  findGift,
  findLoyaltyRuleSet,
  insertLedgerLine,
  ledgerOfCustomer,
  listGifts,
  listLoyaltyRuleSets,
  pointsBalance,
  readPointsByMonth,
  saveGift as writeGift,
  saveLoyaltyRuleSet,
  takeGiftStock,
} from './loyalty-repository';
import {
  nextExpiryOf,
  pointsMultiplierOf,
  redemptionRefusal,
  ruleSetForMonth,
  validateLoyaltyRules,
} from './points-rules';

export { pointsMultiplierOf } from './points-rules';

/** The multiplier a customer in `tierCode` earns with in `month` (0 when the plan is off then). */
export function pointsMultiplierFor(ctx: CoreContext, month: string, tierCode: string): number {
  return pointsMultiplierOf(ruleSetForMonth(listLoyaltyRuleSets(ctx.store.sqlite), month), tierCode);
}

export function getLoyaltySettings(ctx: CoreContext): LoyaltySettings {
  return { ruleSets: listLoyaltyRuleSets(ctx.store.sqlite), gifts: listGifts(ctx.store.sqlite) };
}

/**
 * Saves a rules version (refused naming the field when it cannot apply) and accrues again every month with tier
 * results from its month on, in one transaction with the audit entry.
 */
export function saveLoyaltyRules(ctx: CoreContext, rules: LoyaltyRuleSet, staffCode: string | null): AccrualSummary {
  validateLoyaltyRules(rules);
  const { sqlite } = ctx.store;
  return sqlite
    .transaction(() => {
      const previous = findLoyaltyRuleSet(sqlite, rules.validFrom);
      saveLoyaltyRuleSet(sqlite, rules, ctx.now(), staffCode);
      const months = listTierSnapshotMonths(sqlite).filter((m) => m >= rules.validFrom);
      const snapshots = months.flatMap((m) => tierSnapshotOf(ctx, m) ?? []);
      const summary = accruePoints(sqlite, snapshots, ctx.now());
      appendAudit(sqlite, {
        at: ctx.now(),
        actor: staffCode,
        action: 'loyalty.saveRules',
        target: rules.validFrom,
        detail: { previous, rules, accrued: summary },
      });
      return summary;
    })
    .immediate();
}

/** Adds or changes a gift of the catalogue (audited with what it was). */
export function saveGift(ctx: CoreContext, gift: Gift, staffCode: string | null): Gift {
  if (!Number.isInteger(gift.pointsPrice) || gift.pointsPrice < 1)
    throw new AppError('VALIDATION', '礼品所需积分应为正整数。', 'The points price must be a whole number above 0.', {
      field: 'gift.pointsPrice',
    });
  if (!Number.isInteger(gift.stock) || gift.stock < 0)
    throw new AppError('VALIDATION', '礼品库存不能为负数。', 'The stock may not be negative.', { field: 'gift.stock' });
  const { sqlite } = ctx.store;
  sqlite
    .transaction(() => {
      const previous = findGift(sqlite, gift.code);
      writeGift(sqlite, gift);
      appendAudit(sqlite, {
        at: ctx.now(),
        actor: staffCode,
        action: 'loyalty.saveGift',
        target: gift.code,
        detail: { previous, gift },
      });
    })
    .immediate();
  return gift;
}

/** The card's part: balance, the next expiry and every ledger line, newest first. */
export async function getCustomerPoints(ctx: CoreContext, customerNo: string): Promise<CustomerPoints> {
  const customer = await requireCustomerByNo(ctx, customerNo);
  const { sqlite } = ctx.store;
  const ruleSets = listLoyaltyRuleSets(sqlite);
  const today = ctx.today();
  const rules = ruleSetForMonth(ruleSets, today.slice(0, 7)) ?? ruleSets.at(-1) ?? null;
  const lines = ledgerOfCustomer(sqlite, customer.id);
  return {
    customerNo,
    enabled: rules?.enabled ?? false,
    balance: lines.reduce((sum, l) => sum + l.points, 0),
    nextExpiry: rules ? nextExpiryOf(lines, today, rules.expireAfterYears) : null,
    lines: lines.reverse(),
  };
}

/**
 * Redeems a gift: the points and the stock taken in one transaction, or nothing — refused beyond the balance or the
 * stock with the reason (read inside the transaction, so two redemptions of the last gift cannot both pass).
 */
export async function redeemGift(
  ctx: CoreContext,
  input: { customerNo: string; giftCode: string; quantity: number; staffCode: string | null },
): Promise<{ balance: number; stock: number }> {
  const customer = await requireCustomerByNo(ctx, input.customerNo);
  const { sqlite } = ctx.store;
  return sqlite
    .transaction(() => {
      const gift = findGift(sqlite, input.giftCode);
      if (!gift || !gift.active)
        throw new AppError(
          'NOT_FOUND',
          `没有可兑换的礼品 ${input.giftCode}。`,
          `No gift ${input.giftCode} to redeem.`,
          {
            field: 'giftCode',
          },
        );
      const balance = pointsBalance(sqlite, customer.id);
      const refusal = redemptionRefusal(balance, gift.pointsPrice, input.quantity, gift.stock);
      if (refusal) throw refusal;
      if (!takeGiftStock(sqlite, gift.code, input.quantity))
        throw redemptionRefusal(balance, gift.pointsPrice, input.quantity, 0) as AppError;
      const points = gift.pointsPrice * input.quantity;
      insertLedgerLine(sqlite, {
        customerId: customer.id,
        kind: 'redeem',
        points: -points,
        month: ctx.today().slice(0, 7),
        giftCode: gift.code,
        quantity: input.quantity,
        reason: gift.name,
        createdAt: ctx.now(),
        createdBy: input.staffCode,
      });
      appendAudit(sqlite, {
        at: ctx.now(),
        actor: input.staffCode,
        action: 'loyalty.redeem',
        target: input.customerNo,
        detail: { gift: gift.code, quantity: input.quantity, points },
      });
      return { balance: balance - points, stock: gift.stock - input.quantity };
    })
    .immediate();
}

/**
 * A manual line with its reason: an adjustment (支行长, either sign, never below a zero balance) or a bonus for a named
 * event (an event attended, a survey answered, a referral; the rules' points unless given). Audited.
 */
export async function awardPoints(
  ctx: CoreContext,
  input: {
    customerNo: string;
    points?: number;
    bonusEvent: BonusEvent | null;
    reason: string;
    staffCode: string | null;
  },
): Promise<{ balance: number }> {
  const customer = await requireCustomerByNo(ctx, input.customerNo);
  const { sqlite } = ctx.store;
  const month = ctx.today().slice(0, 7);
  const rules = ruleSetForMonth(listLoyaltyRuleSets(sqlite), month);
  if (!rules?.enabled)
    throw new AppError('CONFLICT', '积分计划未开启。', 'The points plan is off.', { field: 'customerNo' });
  const points = input.points ?? (input.bonusEvent ? rules.bonus[input.bonusEvent] : 0);
  if (!Number.isInteger(points) || points === 0 || (input.bonusEvent !== null && points < 0))
    throw new AppError(
      'VALIDATION',
      input.bonusEvent ? '奖励积分应为正整数。' : '调整积分应为非零整数。',
      input.bonusEvent ? 'Bonus points must be a whole number above 0.' : 'An adjustment is a whole number, not 0.',
      { field: 'points' },
    );
  return sqlite
    .transaction(() => {
      const balance = pointsBalance(sqlite, customer.id);
      if (balance + points < 0)
        throw new AppError(
          'CONFLICT',
          `调减后积分为负：余额 ${balance} 积分，调减 ${-points} 积分。`,
          `The balance would go below zero: ${balance} available, ${-points} taken.`,
          { field: 'points', balance },
        );
      insertLedgerLine(sqlite, {
        customerId: customer.id,
        kind: input.bonusEvent ? 'bonus' : 'adjust',
        points,
        month,
        bonusEvent: input.bonusEvent,
        reason: input.reason,
        createdAt: ctx.now(),
        createdBy: input.staffCode,
      });
      appendAudit(sqlite, {
        at: ctx.now(),
        actor: input.staffCode,
        action: input.bonusEvent ? 'loyalty.bonus' : 'loyalty.adjust',
        target: input.customerNo,
        detail: { points, event: input.bonusEvent, reason: input.reason },
      });
      return { balance: balance + points };
    })
    .immediate();
}

/** Months the analysis covers by default: the last twelve with tier results. */
const DEFAULT_ANALYSIS_MONTHS = 12;

/**
 * Per month and tier (the customer's assessed tier that month): points earned (net of reversals, with bonuses and
 * adjustments), redeemed and expired in the month, and outstanding at its end, with the customers holding points.
 */
export function getPointsAnalysis(ctx: CoreContext, query: { fromMonth?: string; toMonth?: string }): PointsAnalysis {
  const available = listTierSnapshotMonths(ctx.store.sqlite);
  const toMonth = query.toMonth ?? available.at(-1);
  if (!toMonth) return { months: [], tiers: [], cells: [] };
  const fromMonth =
    query.fromMonth ?? available.filter((m) => m <= toMonth).slice(-DEFAULT_ANALYSIS_MONTHS)[0] ?? toMonth;
  if (fromMonth > toMonth)
    throw new AppError('VALIDATION', '开始月份不能晚于结束月份。', 'The first month is after the last.', {
      field: 'fromMonth',
    });
  const months = monthRange(fromMonth, toMonth);
  if (months.length > 36)
    throw new AppError('VALIDATION', '最多分析 36 个月。', 'At most 36 months.', { field: 'fromMonth' });
  const data = readPointsByMonth(ctx.store.sqlite, fromMonth, toMonth);
  const balance = new Map<number, number>();
  data.before.customerIds.forEach((id, k) => balance.set(id, data.before.balances[k]));
  const cells: PointsAnalysis['cells'] = [];
  const tiers = tierLabels(rulesForMonth(ctx, toMonth));
  let r = 0;
  // Rows come grouped by customer then month: walk them month by month.
  const byMonth = new Map<string, number[]>();
  for (r = 0; r < data.rows.months.length; r++) {
    const list = byMonth.get(data.rows.months[r]) ?? [];
    list.push(r);
    byMonth.set(data.rows.months[r], list);
  }
  for (const month of months) {
    const snapshot = tierSnapshotOf(ctx, month);
    const slotOf = new Map<number, number>();
    if (snapshot) snapshot.customerIds.forEach((id, slot) => slotOf.set(id, slot));
    const tierOf = (id: number): string => {
      const slot = slotOf.get(id);
      if (!snapshot || slot === undefined || snapshot.tier[slot] < 0) return '';
      return snapshot.tierCodes[snapshot.tier[slot]];
    };
    const acc = new Map<string, PointsAnalysis['cells'][number]>();
    const cellOf = (tierCode: string) => {
      let cell = acc.get(tierCode);
      if (!cell) {
        cell = { month, tierCode, customers: 0, earned: 0, redeemed: 0, expired: 0, outstanding: 0 };
        acc.set(tierCode, cell);
      }
      return cell;
    };
    for (const k of byMonth.get(month) ?? []) {
      const id = data.rows.customerIds[k];
      const cell = cellOf(tierOf(id));
      cell.earned += data.rows.earned[k];
      cell.redeemed += data.rows.redeemed[k];
      cell.expired += data.rows.expired[k];
      balance.set(id, (balance.get(id) ?? 0) + data.rows.earned[k] - data.rows.redeemed[k] - data.rows.expired[k]);
    }
    for (const [id, points] of balance) {
      if (points <= 0) continue;
      const cell = cellOf(tierOf(id));
      cell.outstanding += points;
      cell.customers += 1;
    }
    cells.push(...[...acc.values()].sort((a, b) => a.tierCode.localeCompare(b.tierCode)));
  }
  return { months, tiers, cells };
}
