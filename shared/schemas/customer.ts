import { z } from 'zod';
import { DateSchema, FenSchema, MonthSchema, ActorSchema } from './common';
import { FlowGroupFilterSchema } from './flows';
import { GroupFilterSchema } from './groups';
import { ActionSchema, ContactSchema, WarningRowSchema } from './retention';
import { SegmentFilterSchema } from './segments';
import { TierHistoryMonthSchema, TierStatusSchema } from './tier-views';
import { TierOverrideSchema } from './tiers';
import { HANDOVER_REASONS } from './books';

export const CUSTOMER_SORT_FIELDS = ['customerNo', 'name', 'aum', 'manager', 'openedDate'] as const;
export type CustomerSortField = (typeof CUSTOMER_SORT_FIELDS)[number];

export const CustomerFilterSchema = z
  .strictObject({
    managerCode: z.string().min(1).max(32).optional(),
    aumMinFen: FenSchema.nonnegative().optional(),
    aumMaxFen: FenSchema.nonnegative().optional(),
    /** What the search palette finds a customer by: number prefix, mobile last 4, any part of the name, its pinyin. */
    search: z.string().trim().min(1).max(40).optional(),
    /** Assessed tier in the queried month (any of these). */
    tierCodes: z.array(z.string().min(1).max(12)).min(1).max(12).optional(),
    /** Tier status in the queried month (any of these). */
    tierStatuses: z.array(TierStatusSchema).min(1).max(6).optional(),
    /** Other dimensions in the queried month (the segment grid's cells). */
    segment: SegmentFilterSchema.optional(),
    /** Assessed tier in given months, whatever the queried month ('missing' = not assessed): a migration-matrix cell. */
    tierAt: z
      .array(z.strictObject({ month: MonthSchema, tierCode: z.string().min(1).max(12) }))
      .min(1)
      .max(2)
      .optional(),
    /** One group of a two-period analysis (a number on the migration screen). */
    migration: FlowGroupFilterSchema.optional(),
    /** One value of one dimension of a segment's group analysis (a cell of its tables). */
    group: GroupFilterSchema.optional(),
  })
  .refine((f) => f.aumMinFen === undefined || f.aumMaxFen === undefined || f.aumMinFen <= f.aumMaxFen, {
    message: '月日均下限不能大于上限',
    path: ['aumMaxFen'],
  });
export type CustomerFilter = z.infer<typeof CustomerFilterSchema>;

/** A named filter, reusable in the customer list for any month. */
export const SavedSegmentSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  filter: CustomerFilterSchema,
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type SavedSegment = z.infer<typeof SavedSegmentSchema>;

export const SaveSegmentInputSchema = z
  .strictObject({
    name: z.string().trim().min(1, '请填写细分名称').max(30, '细分名称最多 30 个字'),
    filter: CustomerFilterSchema,
    /** Replace the segment of the same name instead of refusing. */
    replace: z.boolean(),
    staffCode: ActorSchema,
  })
  .refine((input) => Object.keys(input.filter).length > 0, { path: ['filter'], message: '细分至少要有一个筛选条件' });
export type SaveSegmentInput = z.infer<typeof SaveSegmentInputSchema>;

export const CustomerSortSchema = z.strictObject({
  field: z.enum(CUSTOMER_SORT_FIELDS),
  direction: z.enum(['asc', 'desc']),
});
export type CustomerSort = z.infer<typeof CustomerSortSchema>;

export const CustomerPageQuerySchema = z.strictObject({
  month: MonthSchema,
  sort: CustomerSortSchema,
  filter: CustomerFilterSchema,
  /** Opaque keyset cursor from the previous page; null for the first page. */
  cursor: z.string().max(512).nullable(),
  limit: z.number().int().min(1).max(500),
});
export type CustomerPageQuery = z.infer<typeof CustomerPageQuerySchema>;

export const CustomerCountQuerySchema = z.strictObject({
  month: MonthSchema,
  filter: CustomerFilterSchema,
});
export type CustomerCountQuery = z.infer<typeof CustomerCountQuerySchema>;

const GenderSchema = z.enum(['M', 'F']).nullable();

export const CustomerListRowSchema = z.object({
  customerNo: z.string(),
  name: z.string(),
  gender: GenderSchema,
  age: z.number().int().nullable(),
  mobileMasked: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  managerCode: z.string().nullable(),
  managerName: z.string().nullable(),
  openedDate: DateSchema.nullable(),
  closedDate: DateSchema.nullable(),
  riskLevel: z.string().nullable(),
  /** 月日均 of the queried month in 分; null when that month has no data. */
  aumFen: FenSchema.nullable(),
  /** Assessed tier of the queried month (null = 数据缺失). */
  tierCode: z.string().nullable(),
  tierName: z.string().nullable(),
  tierStatus: TierStatusSchema,
});
export type CustomerListRow = z.infer<typeof CustomerListRowSchema>;

export const CustomerPageSchema = z.object({
  rows: z.array(CustomerListRowSchema),
  nextCursor: z.string().nullable(),
  /** Names are masked for the caller (they may not be ordered by name either). */
  namesMasked: z.boolean(),
});
export type CustomerPage = z.infer<typeof CustomerPageSchema>;

export const MonthlyAssetsSchema = z.object({
  month: MonthSchema,
  aumFen: FenSchema,
  depositFen: FenSchema.nullable(),
  demandFen: FenSchema.nullable(),
  wealthFen: FenSchema.nullable(),
  fundFen: FenSchema.nullable(),
  insuranceFen: FenSchema.nullable(),
  otherFen: FenSchema.nullable(),
  loanFen: FenSchema.nullable(),
  monthEndFen: FenSchema.nullable(),
});
export type MonthlyAssets = z.infer<typeof MonthlyAssetsSchema>;

/** A period a customer was managed by one manager (or by none): from its first day to its last (null: to date). */
export const ManagerPeriodSchema = z.object({
  managerCode: z.string().nullable(),
  managerName: z.string().nullable(),
  /** The first day (null: since before any data — the customer has no month and no opening date). */
  from: DateSchema.nullable(),
  to: DateSchema.nullable(),
  /** How the period began: the customer's first manager, an import that moved the customer, or a handover. */
  source: z.enum(['first', 'import', 'handover']),
  /** A handover's reason (null otherwise). */
  reason: z.enum(HANDOVER_REASONS).nullable(),
  /** The import batch or the handover that began it (null for the first period). */
  batchId: z.number().int().nullable(),
  handoverId: z.number().int().nullable(),
});
export type ManagerPeriod = z.infer<typeof ManagerPeriodSchema>;

export const CustomerCardSchema = z.object({
  /** Whose card it is (also `customer.customerNo`): the whole card is that customer's row. */
  customerNo: z.string(),
  customer: CustomerListRowSchema.omit({ aumFen: true, tierCode: true, tierName: true, tierStatus: true }).extend({
    occupation: z.string().nullable(),
    annualIncomeFen: FenSchema.nullable(),
    riskAssessedDate: DateSchema.nullable(),
    /** The next birthday (lunar where the customer keeps it: its lunar date, and the rule when the year lacks it). */
    nextBirthday: z
      .object({
        date: DateSchema,
        lunarLabel: z.string().nullable(),
        rule: z.enum(['exact', 'feb28', 'regularMonth', 'lastDay', 'regularMonthLastDay']),
      })
      .nullable(),
    idExpiryDate: DateSchema.nullable(),
  }),
  /** Every month with data, oldest first. */
  months: z.array(MonthlyAssetsSchema),
  /** The assessed tier of every month from the first with data to the branch's latest, newest first. */
  tierHistory: z.array(TierHistoryMonthSchema),
  /** Manual tiers with reason and expiry, latest start first. */
  overrides: z.array(TierOverrideSchema),
  /** The tiers an override may choose, from the latest rules, lowest first. */
  tierChoices: z.array(z.object({ code: z.string(), name: z.string() })),
  /** The branch's latest month with tier results, and the customer's warning in it (null: not on the list). */
  warningMonth: MonthSchema.nullable(),
  warning: WarningRowSchema.nullable(),
  /** Newest first. */
  contacts: z.array(ContactSchema),
  /** Retention actions, by due date. */
  actions: z.array(ActionSchema),
  /** Who managed the customer when (docs/domain.md, "Book history"), oldest first. */
  managerHistory: z.array(ManagerPeriodSchema),
});
export type CustomerCard = z.infer<typeof CustomerCardSchema>;
