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
/** How far ahead a handover may be dated (it applies on its day). */
export const HANDOVER_AHEAD_DAYS = 31;
/** The transition period after a handover, in days: the previous manager still reads the customers. */
export const TRANSITION_DAYS = { default: 30, max: 90 } as const;
/** The longest time away one entry records. */
export const MAX_AWAY_DAYS = 180;

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
  /** The new manager's first day: at most HANDOVER_AHEAD_DAYS ahead (applied on the day), never before a customer's last move. */
  effectiveDate: DateSchema,
  reason: z.enum(HANDOVER_REASONS),
  note: z.string().trim().max(200, '备注最多 200 字').optional(),
  /** Days the previous manager still reads the customers handed over (0–90). */
  transitionDays: z
    .number()
    .int('过渡期应为整数天')
    .min(0, `过渡期为 0–${TRANSITION_DAYS.max} 天`)
    .max(TRANSITION_DAYS.max, `过渡期为 0–${TRANSITION_DAYS.max} 天`)
    .default(TRANSITION_DAYS.default),
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
  transitionDays: z.number().int(),
  /** Dated ahead and not applied yet: the customers move on the effective date. */
  scheduled: z.boolean(),
  /** The last day of the transition period (null: none). */
  transitionUntil: DateSchema.nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  undoneAt: z.string().nullable(),
  /** The latest handover in force, whose customers nothing has moved since. */
  canUndo: z.boolean(),
});
export type Handover = z.infer<typeof HandoverSchema>;

// ── Backup managers (AB角) and time away ──────────────────────────────────────────────────────────────────────

export const AbsenceSchema = z.object({
  id: z.number().int(),
  managerCode: z.string(),
  from: DateSchema,
  to: DateSchema,
  note: z.string().nullable(),
  /** Today is within it: the backup covers the book now. */
  current: z.boolean(),
});
export type Absence = z.infer<typeof AbsenceSchema>;

/** Each manager with a book: the backup, and the time away not yet over. */
export const BookCoverSchema = z.object({
  managers: z.array(
    z.object({
      managerCode: z.string(),
      managerName: z.string(),
      backupCode: z.string().nullable(),
      backupName: z.string().nullable(),
      absences: z.array(AbsenceSchema),
    }),
  ),
});
export type BookCover = z.infer<typeof BookCoverSchema>;

export const SetBackupSchema = z.strictObject({
  managerCode: StaffCode,
  /** null: no backup. */
  backupCode: StaffCode.nullable(),
  staffCode: ActorSchema,
});
export type SetBackup = z.infer<typeof SetBackupSchema>;

export const MarkAwaySchema = z
  .strictObject({
    managerCode: StaffCode,
    from: DateSchema,
    to: DateSchema,
    note: z.string().trim().max(200, '备注最多 200 字').optional(),
    staffCode: ActorSchema,
  })
  .refine((a) => a.to >= a.from, { path: ['to'], message: '结束日期不能早于开始日期' });
export type MarkAway = z.infer<typeof MarkAwaySchema>;

// ── The workbench's parts about books moving and covered ─────────────────────────────────────────────────────

/** A customer handed over from the manager whose transition period runs: read-only for them, marked 交接中. */
export const HandedOverSchema = z.object({
  customerNo: z.string(),
  name: z.string(),
  toManagerCode: z.string().nullable(),
  toManagerName: z.string().nullable(),
  effectiveDate: DateSchema,
  until: DateSchema,
});
export type HandedOver = z.infer<typeof HandedOverSchema>;

/** A customer new in the book (its transition period runs), with the previous manager's last contact and open items. */
export const NewInBookSchema = z.object({
  customerNo: z.string(),
  name: z.string(),
  fromManagerCode: z.string().nullable(),
  fromManagerName: z.string().nullable(),
  effectiveDate: DateSchema,
  until: DateSchema,
  /** The previous manager's last contact with the customer (null: none logged). */
  lastContactByPrevious: DateSchema.nullable(),
  openActions: z.number().int(),
  openComplaints: z.number().int(),
});
export type NewInBook = z.infer<typeof NewInBookSchema>;

/** A book covered: whose, and until when. */
export const CoveredBookSchema = z.object({
  managerCode: z.string(),
  managerName: z.string().nullable(),
  until: DateSchema,
});
export type CoveredBook = z.infer<typeof CoveredBookSchema>;
