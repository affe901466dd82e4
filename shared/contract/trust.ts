/** Signing in, staff accounts, access settings, the audit log, backups and recovery: channels (docs/architecture.md, "Channels"). */
import { z } from 'zod';
import { ActorSchema } from '../schemas/common';
import { ADMIN, ANYONE, NO_CUSTOMERS, PUBLIC, SETTINGS } from '../roles';
import { RecoveryBackupsSchema, RecoveryRestoreInputSchema, RecoveryRestoreSchema } from '../schemas/recovery';
import { AuditPageSchema, AuditQuerySchema, AuditVerificationSchema } from '../schemas/audit';
import { BackupFileInputSchema, BackupInfoSchema, BackupListSchema } from '../schemas/backups';
import {
  AccessSettingsSchema,
  AuthStatusSchema,
  SetupInputSchema,
  SignedInSchema,
  SignInInputSchema,
  StaffAccountSchema,
  StaffSaveInputSchema,
} from '../schemas/auth';
import { type ChannelSpec } from './spec';

export const trustChannels = {
  'auth.status': {
    input: z.strictObject({}),
    output: AuthStatusSchema,
    doc: 'Who is signed in on this window, whether the administrator must first be created, the idle lock.',
    roles: PUBLIC,
    customers: NO_CUSTOMERS,
  },
  'auth.setup': {
    input: SetupInputSchema,
    output: SignedInSchema,
    doc: 'First run only: create the administrator (工号, name, PIN or password) and sign in.',
    roles: PUBLIC,
    customers: NO_CUSTOMERS,
  },
  'auth.signIn': {
    input: SignInInputSchema,
    output: SignedInSchema,
    doc: 'Sign in with 工号 and PIN or password; 5 failures in a row lock the account for 15 minutes. Audited.',
    roles: PUBLIC,
    customers: NO_CUSTOMERS,
  },
  'auth.signOut': {
    input: z.strictObject({}),
    output: z.object({ signedOut: z.literal(true) }),
    doc: 'Sign out of this window. Audited.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'recovery.backups': {
    input: z.strictObject({}),
    output: RecoveryBackupsSchema,
    doc: 'A damaged database only: the file, what its check said, and the backups, newest first.',
    roles: PUBLIC,
    customers: NO_CUSTOMERS,
  },
  'recovery.restore': {
    input: RecoveryRestoreInputSchema,
    output: RecoveryRestoreSchema,
    doc: 'A damaged database only: restore the newest backup that passes its integrity check, the damaged file kept aside. Audited.',
    roles: PUBLIC,
    customers: NO_CUSTOMERS,
  },
  'staff.list': {
    input: z.strictObject({}),
    output: z.object({ staff: z.array(StaffAccountSchema) }),
    doc: 'Staff accounts with role, active flag, whether they can sign in and any lock (管理员).',
    roles: ADMIN,
    customers: NO_CUSTOMERS,
  },
  'staff.save': {
    input: StaffSaveInputSchema,
    output: z.object({ staff: z.array(StaffAccountSchema) }),
    doc: 'Add or change a staff account, optionally setting its PIN or password (which unlocks it). Audited.',
    roles: ADMIN,
    customers: NO_CUSTOMERS,
  },
  'access.settings': {
    input: z.strictObject({}),
    output: z.object({ settings: AccessSettingsSchema }),
    doc: "Idle lock minutes, the managers' branch view, what tellers see.",
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'access.saveSettings': {
    input: z.strictObject({ settings: AccessSettingsSchema, staffCode: ActorSchema }),
    output: z.object({ settings: AccessSettingsSchema }),
    doc: 'Change the access settings (管理员). Audited.',
    roles: ADMIN,
    customers: NO_CUSTOMERS,
  },
  'audit.list': {
    input: AuditQuerySchema,
    output: AuditPageSchema,
    doc: 'The audit log, newest first, by period, staff and action.',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'audit.verify': {
    input: z.strictObject({ staffCode: ActorSchema }),
    output: AuditVerificationSchema,
    doc: "Check every link of the audit log's hash chain; the first broken entry, if any.",
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'backups.list': {
    input: z.strictObject({}),
    output: BackupListSchema,
    doc: 'The backups folder and its backups, newest first.',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'backups.inspect': {
    input: BackupFileInputSchema,
    output: BackupInfoSchema,
    doc: 'What a backup holds (date, schema, customers, latest month), checked; a bad one is refused.',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'backups.create': {
    input: z.strictObject({ chooseLocation: z.boolean(), staffCode: ActorSchema }),
    output: BackupInfoSchema.nullable(),
    doc: 'Back up now: into the backups folder, or (desktop app) where the user chooses; null when the dialog is cancelled.',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'backups.restore': {
    input: BackupFileInputSchema,
    output: BackupInfoSchema,
    doc: 'Replace the live database with a backup (the live one backed up first). Audited.',
    roles: ADMIN,
    customers: NO_CUSTOMERS,
  },
} as const satisfies Record<string, ChannelSpec>;
