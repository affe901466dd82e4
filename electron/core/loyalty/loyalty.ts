/**
 * The points plan (积分计划, docs/domain.md "Loyalty points"): its settings, a customer's points on the card,
 * redemptions, bonuses and adjustments, and the analysis per tier and month. What other domains may read of it is
 * exported here (`pointsMultiplierOf`, `pointsMultiplierFor`).
 */
import { AppError } from '../../../shared/errors';
import type {
  BonusEvent,
  CustomerPoints,
  Gift,
  LoyaltyRuleSet,
  LoyaltySettings,
} from '../../../shared/schemas/loyalty';
import { requireCustomerByNo } from '../customers/lookup';
import { appendAudit } from '../platform/audit-log';
import type { CoreContext } from '../platform/context';
import { listTierSnapshotMonths, tierSnapshotOf } from '../tiers/tiers';
import { accruePoints, type AccrualSummary } from './accrual';
import {
  findGift,
  findLoyaltyRuleSet,
  insertLedgerLine,
  ledgerOfCustomer,
  listGifts,
  listLoyaltyRuleSets,
  pointsBalance,
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
 * Saves a rules version (refused naming the field when it cannot apply) and accrues again the months with tier
 * results it governs (from its month until the next version's), in one transaction with the audit entry.
 */
export function saveLoyaltyRules(ctx: CoreContext, rules: LoyaltyRuleSet, staffCode: string | null): AccrualSummary {
  validateLoyaltyRules(rules);
  const { sqlite } = ctx.store;
  return sqlite
    .transaction(() => {
      const previous = findLoyaltyRuleSet(sqlite, rules.validFrom);
      saveLoyaltyRuleSet(sqlite, rules, ctx.now(), staffCode);
      // The months it governs: from its own until the next version's (those after keep their accrual).
      const next = listLoyaltyRuleSets(sqlite).find((r) => r.validFrom > rules.validFrom)?.validFrom;
      const months = listTierSnapshotMonths(sqlite).filter(
        (m) => m >= rules.validFrom && (next === undefined || m < next),
      );
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
 * event (an event attended, a survey answered, a referral; as many points as the rules give). Audited.
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
  if (!rules?.enabled) throw new AppError('CONFLICT', '积分计划未开启。', 'The points plan is off.');
  const points = input.bonusEvent ? rules.bonus[input.bonusEvent] : (input.points ?? 0);
  if (input.bonusEvent && points <= 0)
    throw new AppError(
      'VALIDATION',
      '积分规则没有为这类事件设奖励积分。',
      'The points rules give no bonus for this kind of event.',
      { field: 'bonusEvent' },
    );
  if (!Number.isInteger(points) || points === 0)
    throw new AppError('VALIDATION', '调整积分应为非零整数。', 'An adjustment is a whole number, not 0.', {
      field: 'points',
    });
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
