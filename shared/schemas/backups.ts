import { z } from 'zod';
import { ActorSchema } from './common';
import { AuditTailSchema } from './audit';

export const BACKUP_REASONS = ['daily', 'manual', 'import', 'migration', 'restore', 'reset'] as const;
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
  /**
   * Its audit log checked: the first broken link (null: none) and its end against the anchor saved beside it (no
   * tail: a backup without one — made before anchors, or by an upgrade). Absent for a log older than its hash chain.
   */
  audit: z.object({ firstBrokenId: z.number().int().nullable(), tail: AuditTailSchema.optional() }).optional(),
});
export type BackupInfo = z.infer<typeof BackupInfoSchema>;

export const BackupListSchema = z.object({
  folder: z.string(),
  backups: z.array(BackupInfoSchema.pick({ fileName: true, reason: true, at: true, bytes: true })),
});

export const BackupFileInputSchema = z.strictObject({
  fileName: z.string().max(100),
  staffCode: ActorSchema,
});
