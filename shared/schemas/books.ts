/** Handovers (管户交接): moving customers to another manager (docs/domain.md, "Book history"). */
import { z } from 'zod';
import { ActorSchema, DateSchema, FenSchema, MonthSchema } from './common';

export const HANDOVER_REASONS = ['transfer', 'leave', 'balance', 'request', 'other'] as const;
export type HandoverReason = (typeof HANDOVER_REASONS)[number];
export const HANDOVER_REASON_NAMES: Record<HandoverReason, string> = {
  transfer: '调岗',
  leave: '离职',
  balance: '均衡',
  request: '客户要求',
  other: '其他',
};
export const HANDOVER_REASON_NAMES_EN: Record<HandoverReason, string> = {
  transfer: 'Transfer',
  leave: 'Leaving',
  balance: 'Rebalancing',
  request: "Customer's request",
  other: 'Other',
};

/** Most customers one handover moves. */
export const HANDOVER_LIMIT = 50_000;

const StaffCode = z.string().trim().min(1, '请选择客户经理').max(32);

/** Whom a handover moves: a manager's whole book, customers by number, or a saved segment as of a month. */
export const HandoverSelectionSchema = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('book'), managerCode: StaffCode }),
  z.strictObject({
    by: z.literal('customers'),
    customerNos: z.array(z.string().trim().min(1).max(32)).min(1, '请至少选择一位客户').max(HANDOVER_LIMIT),
  }),
  z.strictObject({ by: z.literal('segment'), savedSegmentId: z.number().int().positive(), month: MonthSchema }),
]);
export type HandoverSelection = z.infer<typeof HandoverSelectionSchema>;

export const HandoverRequestSchema = z.strictObject({
  selection: HandoverSelectionSchema,
  toManagerCode: StaffCode,
  /** The new manager's first day: today or earlier, never before a customer's last move. */
  effectiveDate: DateSchema,
  reason: z.enum(HANDOVER_REASONS),
  note: z.string().trim().max(200, '备注最多 200 字').optional(),
  /** The handover: how many customers its preview showed (a selection that moved since is refused). */
  previewed: z.number().int().min(0).optional(),
  staffCode: ActorSchema,
});
export type HandoverRequest = z.infer<typeof HandoverRequestSchema>;

/** One customer a handover would move, with what goes with the customer. */
export const HandoverCustomerSchema = z.object({
  customerNo: z.string(),
  name: z.string(),
  fromManagerCode: z.string().nullable(),
  fromManagerName: z.string().nullable(),
  /** 月日均 of the latest month with tiers (null: no data that month). */
  aumFen: FenSchema.nullable(),
  tierName: z.string().nullable(),
  /** Open retention actions: they go to the new manager. */
  openActions: z.number().int(),
  /** Open complaints, this week's plan items and event invitations: they stay as they are. */
  openComplaints: z.number().int(),
  planItems: z.number().int(),
  invitations: z.number().int(),
});
export type HandoverCustomer = z.infer<typeof HandoverCustomerSchema>;

export const HandoverPreviewSchema = z.object({
  /** The month the 月日均 and tiers are of (the latest with tiers). */
  month: MonthSchema.nullable(),
  customers: z.array(HandoverCustomerSchema),
  totals: z.object({
    customers: z.number().int(),
    aumFen: FenSchema,
    openActions: z.number().int(),
    openComplaints: z.number().int(),
    planItems: z.number().int(),
    invitations: z.number().int(),
  }),
  /** Customers the selection names who already have the new manager: left out. */
  alreadyWithTarget: z.number().int(),
});
export type HandoverPreview = z.infer<typeof HandoverPreviewSchema>;

export const HandoverSchema = z.object({
  id: z.number().int(),
  toManagerCode: z.string(),
  toManagerName: z.string().nullable(),
  effectiveDate: DateSchema,
  reason: z.enum(HANDOVER_REASONS),
  note: z.string().nullable(),
  customers: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  undoneAt: z.string().nullable(),
  /** The latest handover in force, whose customers nothing has moved since. */
  canUndo: z.boolean(),
});
export type Handover = z.infer<typeof HandoverSchema>;
