import { z } from 'zod';
import { StaffRoleSchema, ActorSchema } from './common';
import { DatabaseStateSchema } from './recovery';

export const StaffCodeInputSchema = z
  .string()
  .trim()
  .min(1, { message: '请填写工号', abort: true })
  .regex(/^[A-Za-z0-9_-]{1,32}$/, '工号只能包含字母、数字、- 和 _（最多 32 位）');
/** A PIN of 6+ digits or a password: at least 6 characters. */
export const SecretSchema = z.string().min(6, '密码至少 6 位').max(64, '密码最多 64 位');

export const SignedInSchema = z.object({ code: z.string(), name: z.string(), role: StaffRoleSchema });
export type SignedIn = z.infer<typeof SignedInSchema>;

export const AuthStatusSchema = z.object({
  /** Who is signed in on this window (null: the sign-in screen). */
  staff: SignedInSchema.nullable(),
  /** No one can sign in yet: the first run creates the administrator. */
  needsSetup: z.boolean(),
  branchName: z.string(),
  idleMinutes: z.number().int(),
  /** The database file: being checked, sound, or damaged (the sign-in screen then offers the restore). */
  database: DatabaseStateSchema,
});
export type AuthStatus = z.infer<typeof AuthStatusSchema>;

export const SetupInputSchema = z.strictObject({
  code: StaffCodeInputSchema,
  name: z.string().trim().min(1, '请填写姓名').max(20),
  secret: SecretSchema,
});
export const SignInInputSchema = z.strictObject({
  code: StaffCodeInputSchema,
  secret: z.string().min(1, '请输入密码').max(64),
});

export const StaffAccountSchema = z.object({
  code: z.string(),
  name: z.string(),
  role: StaffRoleSchema,
  active: z.boolean(),
  /** Can sign in (a PIN or password is set). */
  hasSecret: z.boolean(),
  /** Locked after repeated failures until then (ISO), or null. */
  lockedUntil: z.string().nullable(),
});
export type StaffAccount = z.infer<typeof StaffAccountSchema>;

export const StaffSaveInputSchema = z.strictObject({
  code: StaffCodeInputSchema,
  name: z.string().trim().min(1, '请填写姓名').max(20),
  role: StaffRoleSchema,
  active: z.boolean(),
  /** Sets (or resets) the PIN or password; absent keeps it. Also unlocks the account. */
  secret: SecretSchema.optional(),
  staffCode: ActorSchema,
});
export type StaffSaveInput = z.infer<typeof StaffSaveInputSchema>;

export const AccessSettingsSchema = z.strictObject({
  /** Minutes without a call before the window locks (sign in again). */
  idleMinutes: z.number().int().min(1).max(120),
  /** 客户经理 may also see (not act on) the customers of other books. */
  managerBranchView: z.boolean(),
  /** 柜员 sees names as 张*明. */
  tellerMasksNames: z.boolean(),
  /** 柜员 sees the branch's tier counts and 月日均 totals (never a customer's balance, whatever this says). */
  tellerSeesAggregates: z.boolean(),
});
export type AccessSettings = z.infer<typeof AccessSettingsSchema>;
export const DEFAULT_ACCESS_SETTINGS: AccessSettings = {
  idleMinutes: 10,
  managerBranchView: false,
  tellerMasksNames: true,
  tellerSeesAggregates: true,
};

export const REVEAL_FIELDS = ['idNumber', 'mobile'] as const;
export const RevealInputSchema = z.strictObject({
  customerNo: z.string().trim().min(1).max(64),
  field: z.enum(REVEAL_FIELDS),
  reason: z.string().trim().min(2, '查看完整信息须写明原因（至少 2 个字）').max(200),
  staffCode: ActorSchema,
});
export type RevealInput = z.infer<typeof RevealInputSchema>;
/** Shown until `expiresAt`, then masked again. */
export const REVEAL_SECONDS = 60;
