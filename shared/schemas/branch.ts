import { z } from 'zod';

/** The branch as its reports name it: 支行名称, 机构号, the head office it reports to. */
export const BranchProfileSchema = z.strictObject({
  name: z.string().trim().min(1, '请填写支行名称').max(40, '支行名称最长 40 个字'),
  /** 机构号: digits and letters as head office writes it; empty when not used. */
  code: z
    .string()
    .trim()
    .max(20, '机构号最长 20 位')
    .regex(/^[0-9A-Za-z-]*$/, '机构号只能含数字、字母和 -'),
  headOffice: z.string().trim().max(40, '上级行名称最长 40 个字'),
});
export type BranchProfile = z.infer<typeof BranchProfileSchema>;

export const BranchProfileViewSchema = BranchProfileSchema.extend({
  /** The demo branch (invented customers): its reports say 演示数据 until it is cleared. */
  demo: z.boolean(),
});
export type BranchProfileView = z.infer<typeof BranchProfileViewSchema>;

/** What must be typed to clear the demo data (a click is not enough for what cannot be undone but by a restore). */
export const CLEAR_DEMO_CONFIRMATION = '清除演示数据';

export const ClearDemoInputSchema = z.strictObject({
  confirmation: z.literal(CLEAR_DEMO_CONFIRMATION, { error: `请输入“${CLEAR_DEMO_CONFIRMATION}”以确认` }),
  /** The branch's own profile, which replaces the demo's. */
  profile: BranchProfileSchema,
});

export const ClearDemoResultSchema = z.object({
  /** The backup taken first (null only for a database in memory). */
  backup: z.string().nullable(),
  removed: z.object({ customers: z.number().int(), staff: z.number().int() }),
});
export type ClearDemoResult = z.infer<typeof ClearDemoResultSchema>;

/** The steps a new branch goes through, in order, before its tiers mean anything. */
export const START_STEPS = ['customers', 'assignments', 'assets', 'holdings', 'rules'] as const;
export type StartStep = (typeof START_STEPS)[number];

/** 开始使用: each step's state, from what the database holds. */
export const GettingStartedSchema = z.object({
  steps: z.array(
    z.object({
      step: z.enum(START_STEPS),
      done: z.boolean(),
      /** Customers, customers with a manager, months, holdings, or tiers in the rules. */
      count: z.number().int(),
      /** When this kind of file was last imported (ISO), if ever. */
      lastImport: z.string().nullable(),
    }),
  ),
  /** Months of 月日均 the longest grace period needs to tell a downgrade (grace + 1). */
  monthsNeeded: z.number().int(),
  firstMonth: z.string().nullable(),
  lastMonth: z.string().nullable(),
});
export type GettingStarted = z.infer<typeof GettingStartedSchema>;
