import { z } from 'zod';

/** A month as `YYYY-MM`. */
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

/** A day the month has (no 02-30); false for anything not shaped like a date. */
function isCalendarDate(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(date);
}

/** A date as `YYYY-MM-DD`. */
export const DateSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: '日期格式应为 YYYY-MM-DD', abort: true })
  .refine(isCalendarDate, '没有这一天（请检查月份的天数）');

/** Money in 分 (fen): an integer, never a float. */
export const FenSchema = z
  .number({ error: '应为金额数字' })
  .int()
  .min(-Number.MAX_SAFE_INTEGER)
  .max(Number.MAX_SAFE_INTEGER);

/**
 * Who acts in a call: never sent by the window (sending it is refused), filled by dispatch with the 工号 of the staff
 * member signed in on it (docs/architecture.md, "Trust"); null only outside a window (the command line).
 */
export const ActorSchema = z
  .undefined()
  .optional()
  .transform((): string | null => null);

export const StaffRoleSchema = z.enum(['manager', 'branch_manager', 'teller', 'admin']);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

export const StaffSchema = z.object({
  code: z.string(),
  name: z.string(),
  role: StaffRoleSchema,
  active: z.boolean(),
});
export type Staff = z.infer<typeof StaffSchema>;

/** A customer behind a count an analysis opened, with the manager (each analysis adds its own figure). */
export const CountedCustomerSchema = z.object({
  customerNo: z.string(),
  name: z.string(),
  managerCode: z.string().nullable(),
  managerName: z.string().nullable(),
});
export type CountedCustomer = z.infer<typeof CountedCustomerSchema>;
