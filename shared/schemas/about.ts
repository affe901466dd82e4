import { z } from 'zod';
import { BACKUP_REASONS } from './backups';
import { MonthSchema } from './common';

/** 设置 · 关于: what is installed and what the data directory holds, for whoever supports the desk. */
export const AboutSchema = z.object({
  version: z.string(),
  dataDir: z.string(),
  /**
   * The desktop app moves its data directory from here (管理员); browser mode's is set by its command line
   * (`--data-dir`), not here.
   */
  movable: z.boolean(),
  /** The directory the data was moved from, kept until its removal is confirmed (null: none). */
  previousDataDir: z.string().nullable(),
  databaseFile: z.string(),
  /** Null for a database with no file (in memory). */
  databaseBytes: z.number().int().nullable(),
  encrypted: z.boolean(),
  /** Where the key is kept (null: plaintext, or a context that was not told). */
  keyWhere: z.string().nullable(),
  lastBackup: z.object({ at: z.string(), reason: z.enum(BACKUP_REASONS) }).nullable(),
  schemaVersion: z.number().int(),
  /** The newest schema this app knows (a database behind it is migrated at open). */
  latestSchemaVersion: z.number().int(),
  customerCount: z.number().int(),
  /** Months with asset data, newest first. */
  months: z.array(MonthSchema),
  versions: z.object({ node: z.string(), electron: z.string().nullable(), sqlite: z.string() }),
});
export type About = z.infer<typeof AboutSchema>;
