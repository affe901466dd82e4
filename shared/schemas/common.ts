import { z } from 'zod';

/** A month as `YYYY-MM`. */
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

/** A date as `YYYY-MM-DD`. */
export const DateSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD');

/** Money in 分 (fen): an integer, never a float. */
export const FenSchema = z.number({ error: '应为金额数字' }).int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

export const StaffRoleSchema = z.enum(['manager', 'branch_manager', 'teller', 'admin']);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

export const StaffSchema = z.object({
  code: z.string(),
  name: z.string(),
  role: StaffRoleSchema,
  active: z.boolean(),
});
export type Staff = z.infer<typeof StaffSchema>;
