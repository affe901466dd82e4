/** The points plan (积分计划): channels (docs/architecture.md, "Channels"; docs/domain.md, "Loyalty points"). */
import { z } from 'zod';
import { actsOn, BOOK, customerRows, NO_CUSTOMERS, NOT_TELLER, SETTINGS } from '../roles';
import type { StaffRole } from '../schemas/common';
import { ActorSchema } from '../schemas/common';
import {
  PointsAnalysisCustomersQuerySchema,
  PointsAnalysisCustomersSchema,
  BONUS_EVENTS,
  CustomerPointsSchema,
  GiftSchema,
  LoyaltyRuleSetSchema,
  LoyaltySettingsSchema,
  PointsAnalysisQuerySchema,
  PointsAnalysisSchema,
} from '../schemas/loyalty';
import { type ChannelSpec } from './spec';

/** Adjusting points by hand is the 支行长's. */
const BRANCH_MANAGER: readonly StaffRole[] = ['branch_manager'];
const customerNo = z.string().trim().min(1).max(64);
const reason = z.string().trim().min(2, '请填写原因（至少 2 个字）').max(200);

export const loyaltyChannels = {
  'loyalty.settings': {
    input: z.strictObject({}),
    output: LoyaltySettingsSchema,
    doc: "The points plan's rules versions and its gift catalogue.",
    roles: NOT_TELLER,
    customers: NO_CUSTOMERS,
  },
  'loyalty.saveRules': {
    input: z.strictObject({ rules: LoyaltyRuleSetSchema, staffCode: ActorSchema }),
    output: z.object({
      months: z.number().int(),
      earned: z.number().int(),
      reversed: z.number().int(),
      expired: z.number().int(),
    }),
    doc: 'Save a version of the points rules (from its month on) and accrue those months again; audited.',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'loyalty.saveGift': {
    input: z.strictObject({ gift: GiftSchema, staffCode: ActorSchema }),
    output: GiftSchema,
    doc: 'Add or change a gift of the catalogue (points price, stock); audited.',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'loyalty.customer': {
    input: z.strictObject({ customerNo }),
    output: CustomerPointsSchema,
    doc: "A customer's points: balance, next expiry and ledger lines (not for tellers: points follow the balance).",
    roles: NOT_TELLER,
    customers: customerRows('branchView'),
  },
  'loyalty.redeem': {
    input: z.strictObject({
      customerNo,
      giftCode: z.string().trim().min(1).max(32),
      quantity: z.number().int().min(1).max(100),
      staffCode: ActorSchema,
    }),
    output: z.object({ balance: z.number().int(), stock: z.number().int() }),
    doc: 'Redeem a gift for a customer: the points and the stock in one transaction; audited.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('customer', 'customerNo')],
  },
  'loyalty.bonus': {
    input: z.strictObject({
      customerNo,
      bonusEvent: z.enum(BONUS_EVENTS),
      reason,
      staffCode: ActorSchema,
    }),
    output: z.object({ balance: z.number().int() }),
    doc: 'Bonus points for a named event (attended an event, answered a survey, a referral), as many as the rules give; audited.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('customer', 'customerNo')],
  },
  'loyalty.adjust': {
    input: z.strictObject({
      customerNo,
      points: z.number().int().min(-1_000_000).max(1_000_000),
      reason,
      staffCode: ActorSchema,
    }),
    output: z.object({ balance: z.number().int() }),
    doc: "Adjust a customer's points by hand with a reason (never below zero); audited.",
    roles: BRANCH_MANAGER,
    customers: NO_CUSTOMERS,
    acts: [actsOn('customer', 'customerNo')],
  },
  'loyalty.analysis': {
    input: PointsAnalysisQuerySchema,
    output: PointsAnalysisSchema,
    doc: 'Points per tier and month: earned, redeemed, expired and outstanding.',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'loyalty.analysisCustomers': {
    input: PointsAnalysisCustomersQuerySchema,
    output: PointsAnalysisCustomersSchema,
    doc: 'The customers behind one count of 积分分析: a tier with points unspent at a month end, most points first.',
    roles: BRANCH_MANAGER,
    customers: customerRows('branchView'),
  },
} as const satisfies Record<string, ChannelSpec>;
