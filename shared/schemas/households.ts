import { z } from 'zod';
import { ActorSchema, DateSchema, FenSchema, MonthSchema } from './common';

// ── Households (家庭, docs/domain.md "Households") ─────────────────────────────────────────────────────────────────

/** A member's role: the head (户主), or the head's 配偶, 父母, 子女, 其他. */
export const HOUSEHOLD_ROLES = ['head', 'spouse', 'parent', 'child', 'other'] as const;
export type HouseholdRole = (typeof HOUSEHOLD_ROLES)[number];
export const HouseholdRoleSchema = z.enum(HOUSEHOLD_ROLES);
/** The roles a member other than the head may have. */
export const MEMBER_ROLES = ['spouse', 'parent', 'child', 'other'] as const;
export const MemberRoleSchema = z.enum(MEMBER_ROLES);

/** The most people a household may have at a time (the head included). */
export const HOUSEHOLD_MAX_MEMBERS = 10;

/**
 * A membership, current or past. A member outside the viewer's book is shown masked (`customerNo` null, `shownNo`
 * and `name` masked, no figure); a 客户经理 sees that the household has them, not who they are.
 */
export const HouseholdMemberSchema = z.object({
  customerNo: z.string().nullable(),
  shownNo: z.string(),
  name: z.string(),
  role: HouseholdRoleSchema,
  joinedDate: DateSchema,
  leftDate: DateSchema.nullable(),
  /** The member's own 月日均 of the household's latest month (null: masked, or no data that month). */
  aumFen: FenSchema.nullable(),
});
export type HouseholdMember = z.infer<typeof HouseholdMemberSchema>;

/** The household's figures of a month: the exact sums of its members' (those in it that month), by part. */
export const HouseholdMonthSchema = z.object({
  month: MonthSchema,
  members: z.number().int(),
  aumFen: FenSchema,
  depositFen: FenSchema,
  wealthFen: FenSchema,
  fundFen: FenSchema,
  insuranceFen: FenSchema,
  otherFen: FenSchema,
});
export type HouseholdMonth = z.infer<typeof HouseholdMonthSchema>;

export const HouseholdSchema = z.object({
  id: z.number().int(),
  createdDate: DateSchema,
  closedDate: DateSchema.nullable(),
  /** Members now, then those who left (newest first). */
  members: z.array(HouseholdMemberSchema),
  /** The household's 月日均 of its latest month with data (null: none). */
  aumFen: FenSchema.nullable(),
  month: MonthSchema.nullable(),
  /** Its figures per month, newest first. */
  months: z.array(HouseholdMonthSchema),
  /**
   * The household's figures are withheld (`aumFen` null, no months): it has a member of another book, whose money
   * a 客户经理 without the branch view would learn from the sum less their own customers' (docs/architecture.md, "Trust").
   */
  withheld: z.boolean(),
});
export type Household = z.infer<typeof HouseholdSchema>;

/** The card's 家庭 part: the customer's household now (null: none). */
export const CustomerHouseholdSchema = z.object({
  customerNo: z.string(),
  today: DateSchema,
  household: HouseholdSchema.nullable(),
});
export type CustomerHousehold = z.infer<typeof CustomerHouseholdSchema>;

export const HouseholdCreateInputSchema = z.strictObject({
  headCustomerNo: z.string().trim().min(1).max(64),
  joinedDate: DateSchema,
  staffCode: ActorSchema,
});
export const HouseholdAddInputSchema = z.strictObject({
  headCustomerNo: z.string().trim().min(1).max(64),
  customerNo: z.string().trim().min(1).max(64),
  role: MemberRoleSchema,
  joinedDate: DateSchema,
  staffCode: ActorSchema,
});
export type HouseholdAddInput = z.infer<typeof HouseholdAddInputSchema>;
export const HouseholdLeaveInputSchema = z.strictObject({
  customerNo: z.string().trim().min(1).max(64),
  leftDate: DateSchema,
  staffCode: ActorSchema,
});

export const HOUSEHOLD_SORT_FIELDS = ['headNo', 'size', 'aum'] as const;
export const HouseholdListQuerySchema = z.strictObject({
  month: MonthSchema,
  sort: z.strictObject({ field: z.enum(HOUSEHOLD_SORT_FIELDS), direction: z.enum(['asc', 'desc']) }),
  filter: z.strictObject({
    /** The head's manager (a 客户经理 without the branch view: always their own). */
    managerCode: z.string().max(32).optional(),
    minSize: z.number().int().min(1).max(HOUSEHOLD_MAX_MEMBERS).optional(),
    /** 户主 number or name, as typed. */
    text: z.string().trim().max(64).optional(),
  }),
  offset: z.number().int().min(0).max(1_000_000),
  limit: z.number().int().min(1).max(500),
});
export type HouseholdListQuery = z.infer<typeof HouseholdListQuerySchema>;

/** A household of the list, named by its head (a customer row: narrowed to the book and masked like customers). */
export const HouseholdListRowSchema = z.object({
  id: z.number().int(),
  customerNo: z.string(),
  name: z.string(),
  managerCode: z.string().nullable(),
  size: z.number().int(),
  /** Members in the household in the month (those with data or not). */
  aumFen: FenSchema.nullable(),
  /** 理财 share of the household's 月日均, in percent (null: no figure, or withheld as on the card). */
  wealthPct: z.number().nullable(),
});
export type HouseholdListRow = z.infer<typeof HouseholdListRowSchema>;
export const HouseholdPageSchema = z.object({
  rows: z.array(HouseholdListRowSchema),
  total: z.number().int(),
});
export type HouseholdPage = z.infer<typeof HouseholdPageSchema>;
