import { z } from 'zod';
import { daysBetween, monthIndex } from '../month';
import { DateSchema, FenSchema, MonthSchema, ActorSchema } from './common';
import { ActionSchema, WarningRowSchema } from './retention';
import { ComplaintSummarySchema } from './complaints';
import { CoveredBookSchema, HandedOverSchema, NewInBookSchema } from './books';

// ── Contact standards (docs/domain.md, "Care and contact") ───────────────────────────────────────────────────────────

const days = (label: string) =>
  z
    .number({ error: `${label}应为天数` })
    .int(`${label}应为整数天`)
    .min(1, `${label}至少 1 天`)
    .max(366, `${label}最多 366 天`);

/** Per tier: contact at least every `contactDays` (any channel), and face to face (拜访/网点面谈) every `visitDays`. */
export const ContactStandardSchema = z.strictObject({
  contactDays: days('联系周期'),
  visitDays: days('面访周期').nullable(),
});
export type ContactStandard = z.infer<typeof ContactStandardSchema>;

/** Tiers not listed have no standard. */
export const ContactStandardsSchema = z.strictObject({
  tiers: z.record(z.string().min(1).max(12), ContactStandardSchema),
});
export type ContactStandards = z.infer<typeof ContactStandardsSchema>;

/** T4 monthly and a visit a quarter, T3 every 2 months, T2 quarterly, T1 half-yearly. */
export const DEFAULT_CONTACT_STANDARDS: ContactStandards = {
  tiers: {
    T4: { contactDays: 31, visitDays: 92 },
    T3: { contactDays: 62, visitDays: null },
    T2: { contactDays: 92, visitDays: null },
    T1: { contactDays: 183, visitDays: null },
  },
};

/** Contact channels that count as face to face for a visit standard. */
export const FACE_TO_FACE_CHANNELS = ['visit', 'branch'] as const;

// ── Care calendar ──────────────────────────────────────────────────────────────────────────────────────────────

export const CARE_KINDS = ['birthday', 'maturity', 'riskExpiry', 'idExpiry', 'anniversary'] as const;
export type CareKind = (typeof CARE_KINDS)[number];
export const CARE_KIND_NAMES: Record<CareKind, string> = {
  birthday: '生日',
  maturity: '产品到期',
  riskExpiry: '风险评估到期',
  idExpiry: '证件到期',
  anniversary: '开户周年',
};
export const CALENDAR_RULES = ['exact', 'feb28', 'regularMonth', 'lastDay', 'regularMonthLastDay'] as const;

export const CareItemSchema = z.object({
  /** The day to act: the birthday, the reminder day of a maturity (30/7/1 before), the expiry, the anniversary. */
  date: DateSchema,
  kind: z.enum(CARE_KINDS),
  customerNo: z.string(),
  name: z.string(),
  managerCode: z.string().nullable(),
  managerName: z.string().nullable(),
  tierCode: z.string().nullable(),
  tierName: z.string().nullable(),
  /** Birthdays: lunar kept, the lunar date (农历八月十五), and the rule for a date the year lacks. */
  lunar: z.boolean(),
  lunarLabel: z.string().nullable(),
  rule: z.enum(CALENDAR_RULES).nullable(),
  /** Maturities: the product, its amount, the maturity date, and how many days ahead the reminder is. */
  productName: z.string().nullable(),
  amountFen: FenSchema.nullable(),
  dueDate: DateSchema.nullable(),
  daysAhead: z.number().int().nullable(),
  /** Birthdays: the age reached; anniversaries: years with the bank. */
  years: z.number().int().nullable(),
  /** Risk-assessment expiries: the level assessed (C1–C5); `dueDate` is the last day the assessment is valid. */
  riskLevel: z.string().nullable(),
});
export type CareItem = z.infer<typeof CareItemSchema>;

export const CareQuerySchema = z
  .strictObject({
    from: DateSchema,
    to: DateSchema,
    /** One manager's book; the whole branch when absent (a manager without the branch view gets their own). */
    managerCode: z.string().min(1).max(32).optional(),
    kinds: z.array(z.enum(CARE_KINDS)).min(1).max(5).optional(),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: '开始日期不能晚于结束日期' })
  .refine((q) => daysBetween(q.from, q.to) < 62, { path: ['to'], message: '日历一次最多查看 62 天' })
  // Lunar dates are known from 1900 to 2100.
  .refine((q) => q.from >= '1900-01-01' && q.to <= '2100-12-31', {
    path: ['from'],
    message: '日历只能查看 1900 至 2100 年',
  });
export type CareQuery = z.infer<typeof CareQuerySchema>;

export const CareCalendarSchema = z.object({
  from: DateSchema,
  to: DateSchema,
  /** Items in date order (at most 5,000; `total` counts them all). */
  items: z.array(CareItemSchema),
  total: z.number().int(),
});
export type CareCalendar = z.infer<typeof CareCalendarSchema>;

// ── Today's workbench ──────────────────────────────────────────────────────────────────────────────────────────

export const OverdueContactSchema = z.object({
  customerNo: z.string(),
  name: z.string(),
  tierCode: z.string(),
  tierName: z.string(),
  /** What is overdue: any contact, or a face-to-face visit. */
  kind: z.enum(['contact', 'visit']),
  lastDate: DateSchema.nullable(),
  standardDays: z.number().int(),
  /** Days past the standard (never contacted: counted from the customer's opening, at most a year). */
  daysOverdue: z.number().int(),
});
export type OverdueContact = z.infer<typeof OverdueContactSchema>;

export const OPPORTUNITY_SIGNALS = ['idleDemand', 'inflow', 'riskExpired', 'nearNextTier'] as const;
export const OpportunitySchema = z.object({
  customerNo: z.string(),
  name: z.string(),
  tierCode: z.string().nullable(),
  tierName: z.string().nullable(),
  aumFen: FenSchema.nullable(),
  signals: z.array(z.enum(OPPORTUNITY_SIGNALS)),
});
export type Opportunity = z.infer<typeof OpportunitySchema>;

const section = <T extends z.ZodType>(row: T) => z.object({ total: z.number().int(), rows: z.array(row) });

export const TodayQuerySchema = z.strictObject({
  /** The manager whose day it is (a 客户经理 always gets their own). */
  managerCode: z.string().min(1).max(32),
});
export type TodayQuery = z.infer<typeof TodayQuerySchema>;

/** Each list shows the most urgent 100; `total` counts them all. An item leaves its list once the contact that closes it is logged. */
export const TodaySchema = z.object({
  today: DateSchema,
  managerCode: z.string(),
  managerName: z.string().nullable(),
  /** The data month the warnings and opportunities come from (null: no tier results yet). */
  month: MonthSchema.nullable(),
  bookSize: z.number().int(),
  /** Retention actions overdue or due within 7 days. */
  actions: section(ActionSchema),
  /** High-risk warnings without an open action and without a contact since the data month. */
  warnings: section(WarningRowSchema),
  /** Open complaints of the book overdue or due within 3 days. */
  complaints: section(ComplaintSummarySchema),
  /** Care dates today and in the next 6 days without a contact logged since 7 days before. */
  care: section(CareItemSchema),
  /** Customers overdue for contact (or a visit) by their tier's standard, longest overdue first. */
  contacts: section(OverdueContactSchema),
  /** Priority A customers (by the month's signals) without a product contact in the last 30 days, largest first. */
  opportunities: section(OpportunitySchema),
  /** The books of managers away today whom this manager backs up (AB角). */
  covers: z.array(CoveredBookSchema),
  /** This manager away today, and who covers the book (null: at work). */
  away: z
    .object({ from: DateSchema, to: DateSchema, backupCode: z.string().nullable(), backupName: z.string().nullable() })
    .nullable(),
  /** Customers handed over from this book whose transition period runs (交接中: read-only here). */
  handedOver: section(HandedOverSchema),
  /** Customers handed over to this book whose transition period runs. */
  newInBook: section(NewInBookSchema),
  /** The book's campaign members still 待联系 past their campaign's contact deadline (docs/domain.md, "Campaign lists"). */
  campaignsOverdue: z.number().int(),
});
export type Today = z.infer<typeof TodaySchema>;

// ── Coverage ───────────────────────────────────────────────────────────────────────────────────────────────────

export const CoverageFiguresSchema = z.object({
  month: MonthSchema,
  /** Customers of the book with a contact standard (by their tier that month). */
  customers: z.number().int(),
  /** Of them, contacted within the standard at the month's end (or today, for the current month). */
  onTime: z.number().int(),
  /** Customers with a visit standard, and of them visited within it. */
  visitCustomers: z.number().int(),
  visitsOnTime: z.number().int(),
});
export type CoverageFigures = z.infer<typeof CoverageFiguresSchema>;

/** The most months one coverage table spans. */
export const COVERAGE_MONTHS = 60;
export const CoverageQuerySchema = z
  .strictObject({ fromMonth: MonthSchema, toMonth: MonthSchema })
  .refine((q) => q.fromMonth <= q.toMonth, { path: ['toMonth'], message: '起始月份不能晚于结束月份' })
  .refine((q) => monthIndex(q.toMonth) - monthIndex(q.fromMonth) < COVERAGE_MONTHS, {
    path: ['toMonth'],
    message: `一次最多查看 ${COVERAGE_MONTHS} 个月`,
  });
export type CoverageQuery = z.infer<typeof CoverageQuerySchema>;

export const CoverageSchema = z.object({
  fromMonth: MonthSchema,
  toMonth: MonthSchema,
  managers: z.array(
    z.object({ managerCode: z.string(), managerName: z.string().nullable(), months: z.array(CoverageFiguresSchema) }),
  ),
  branch: z.array(CoverageFiguresSchema),
});
export type Coverage = z.infer<typeof CoverageSchema>;

// ── Work plans ─────────────────────────────────────────────────────────────────────────────────────────────────

export const PLAN_KINDS = ['contact', 'visit', 'event'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
/** Where a plan item came from (a suggestion's source, or added by hand). */
export const PLAN_REASONS = [
  'action',
  'warning',
  'care',
  'overdueContact',
  'overdueVisit',
  'opportunity',
  'event',
  'manual',
] as const;
export type PlanReason = (typeof PLAN_REASONS)[number];

/** A Monday. */
export const WeekSchema = DateSchema.refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, '计划周应从周一开始');

export const PlanItemSchema = z.object({
  id: z.number().int(),
  kind: z.enum(PLAN_KINDS),
  customerNo: z.string().nullable(),
  name: z.string().nullable(),
  eventId: z.number().int().nullable(),
  eventTitle: z.string().nullable(),
  reason: z.enum(PLAN_REASONS),
  note: z.string().nullable(),
  /** Done: marked by hand, or a contact with the customer that week (a visit for a visit), or the event held. */
  doneDate: DateSchema.nullable(),
  doneBy: z.enum(['hand', 'contact', 'event']).nullable(),
});
export type PlanItem = z.infer<typeof PlanItemSchema>;

export const PlanSuggestionSchema = z.object({
  kind: z.enum(PLAN_KINDS),
  reason: z.enum(PLAN_REASONS),
  customerNo: z.string().nullable(),
  name: z.string().nullable(),
  eventId: z.number().int().nullable(),
  eventTitle: z.string().nullable(),
  /** The date behind it (due, care date, last contact, event). */
  date: DateSchema.nullable(),
});
export type PlanSuggestion = z.infer<typeof PlanSuggestionSchema>;

export const PlanQuerySchema = z.strictObject({ managerCode: z.string().min(1).max(32), week: WeekSchema });
export type PlanQuery = z.infer<typeof PlanQuerySchema>;

export const PlanSchema = z.object({
  week: DateSchema,
  managerCode: z.string(),
  managerName: z.string().nullable(),
  items: z.array(PlanItemSchema),
  /** Not yet in the plan (at most 60). */
  suggestions: z.array(PlanSuggestionSchema),
});
export type Plan = z.infer<typeof PlanSchema>;

export const PlanAddInputSchema = z.strictObject({
  managerCode: z.string().min(1).max(32),
  week: WeekSchema,
  items: z
    .array(
      z.strictObject({
        kind: z.enum(PLAN_KINDS),
        reason: z.enum(PLAN_REASONS),
        customerNo: z.string().min(1).max(32).optional(),
        eventId: z.number().int().positive().optional(),
        note: z.string().max(200).optional(),
      }),
    )
    .min(1, '请至少选择一项')
    .max(200, '一次最多加入 200 项'),
  staffCode: ActorSchema,
});
export type PlanAddInput = z.infer<typeof PlanAddInputSchema>;

export const PlanMarkInputSchema = z.strictObject({
  id: z.number().int().positive(),
  done: z.boolean(),
  staffCode: ActorSchema,
});
export type PlanMarkInput = z.infer<typeof PlanMarkInputSchema>;

export const BranchPlansSchema = z.object({
  week: DateSchema,
  managers: z.array(
    z.object({
      managerCode: z.string(),
      managerName: z.string().nullable(),
      planned: z.number().int(),
      done: z.number().int(),
    }),
  ),
});
export type BranchPlans = z.infer<typeof BranchPlansSchema>;

// ── Events ─────────────────────────────────────────────────────────────────────────────────────────────────────

export const EVENT_KINDS = ['forum', 'salon', 'care_visit', 'other'] as const;
export const INVITEE_STATUSES = ['invited', 'attended', 'absent'] as const;

export const EventSummarySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  kind: z.enum(EVENT_KINDS),
  date: DateSchema,
  place: z.string().nullable(),
  ownerCode: z.string().nullable(),
  ownerName: z.string().nullable(),
  notes: z.string().nullable(),
  invited: z.number().int(),
  attended: z.number().int(),
  absent: z.number().int(),
  followedUp: z.number().int(),
});
export type EventSummary = z.infer<typeof EventSummarySchema>;

export const InviteeSchema = z.object({
  customerNo: z.string(),
  name: z.string(),
  tierCode: z.string().nullable(),
  tierName: z.string().nullable(),
  managerCode: z.string().nullable(),
  managerName: z.string().nullable(),
  status: z.enum(INVITEE_STATUSES),
  followUp: z.string().nullable(),
});
export type Invitee = z.infer<typeof InviteeSchema>;

export const EventDetailSchema = z.object({ event: EventSummarySchema, invitees: z.array(InviteeSchema) });
export type EventDetail = z.infer<typeof EventDetailSchema>;

export const EventInputSchema = z.strictObject({
  /** Absent: a new event. */
  id: z.number().int().positive().optional(),
  title: z.string().trim().min(1, '请填写活动名称').max(60, '活动名称最多 60 字'),
  kind: z.enum(EVENT_KINDS),
  date: DateSchema,
  place: z.string().max(100).optional(),
  ownerCode: z.string().min(1).max(32),
  notes: z.string().max(500).optional(),
  staffCode: ActorSchema,
});
export type EventInput = z.infer<typeof EventInputSchema>;

/** Invite a saved segment's customers (as of the month), or named customers; at most 500 invitees an event. */
export const InviteInputSchema = z
  .strictObject({
    eventId: z.number().int().positive(),
    segmentId: z.number().int().positive().optional(),
    month: MonthSchema.optional(),
    customerNos: z.array(z.string().min(1).max(32)).min(1).max(500).optional(),
    staffCode: ActorSchema,
  })
  .refine((q) => (q.segmentId === undefined) !== (q.customerNos === undefined), {
    path: ['segmentId'],
    message: '请选择客户群或客户',
  })
  .refine((q) => q.segmentId === undefined || q.month !== undefined, {
    path: ['month'],
    message: '按客户群邀请需要数据月份',
  });
export type InviteInput = z.infer<typeof InviteInputSchema>;

export const AttendanceInputSchema = z.strictObject({
  eventId: z.number().int().positive(),
  customerNo: z.string().min(1).max(32),
  status: z.enum(INVITEE_STATUSES),
  followUp: z.string().max(300).optional(),
  staffCode: ActorSchema,
});
export type AttendanceInput = z.infer<typeof AttendanceInputSchema>;

export const MAX_INVITEES = 500;
