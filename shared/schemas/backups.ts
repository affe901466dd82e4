import { z } from 'zod';

export const BACKUP_REASONS = ['daily', 'manual', 'import', 'migration', 'restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

/** A backup file and, once inspected, what it holds. */
export const BackupInfoSchema = z.object({
  fileName: z.string(),
  reason: z.enum(BACKUP_REASONS),
  /** When it was made (ISO). */
  at: z.string(),
  bytes: z.number().int(),
  schemaVersion: z.number().int(),
  customers: z.number().int(),
  latestMonth: z.string().nullable(),
  auditEntries: z.number().int(),
});
export type BackupInfo = z.infer<typeof BackupInfoSchema>;

export const BackupListSchema = z.object({
  folder: z.string(),
  backups: z.array(BackupInfoSchema.pick({ fileName: true, reason: true, at: true, bytes: true })),
});

export const BackupFileInputSchema = z.strictObject({ fileName: z.string().max(100), staffCode: z.string().max(32).nullable() });
