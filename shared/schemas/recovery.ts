import { z } from 'zod';
import { BackupInfoSchema } from './backups';

/**
 * The database file as last checked: not there yet (first run), being checked (reading goes on; changes wait), sound, or damaged (nothing but the
 * restore of a sound backup is served; `problem` is SQLite's own words, for support).
 */
export const DatabaseStateSchema = z.discriminatedUnion('state', [
  /** No database yet: the first run chooses the demo branch or creates the branch's own. */
  z.object({ state: z.literal('new') }),
  z.object({ state: z.literal('checking') }),
  /** The data directory is being moved: reading goes on from the old one, changes wait for the new one. */
  z.object({ state: z.literal('moving') }),
  z.object({ state: z.literal('ok') }),
  z.object({ state: z.literal('damaged'), file: z.string(), problem: z.string() }),
]);
export type DatabaseState = z.infer<typeof DatabaseStateSchema>;

export const RecoveryBackupsSchema = z.object({
  database: DatabaseStateSchema,
  backups: z.array(BackupInfoSchema.pick({ fileName: true, reason: true, at: true, bytes: true })),
});

/**
 * Nobody is signed in to a damaged database: the screen restores only the newest backup that passes its check (an
 * older one, by name, is the data directory's owner's to choose: the command line's restore --backup).
 */
export const RecoveryRestoreInputSchema = z.strictObject({});

export const RecoveryRestoreSchema = BackupInfoSchema.extend({
  /** Where the damaged file was kept (never deleted). */
  damagedKeptAs: z.string(),
});
