import { z } from 'zod';
import { MonthSchema, StaffSchema } from './common';

export const AppInfoSchema = z.object({
  branchName: z.string(),
  /** Months with asset data, newest first. */
  months: z.array(MonthSchema),
  latestMonth: MonthSchema.nullable(),
  staff: z.array(StaffSchema),
  customerCount: z.number().int(),
  schemaVersion: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;
