import { z } from 'zod';
import { ActorSchema } from './common';

/** The words typed to remove the data directory kept after a move. */
export const REMOVE_OLD_DATA_DIR_CONFIRMATION = '删除旧数据目录';

/** The folder the administrator chose in the system dialog, held in main under a token (null: cancelled). */
export const DataDirChoiceSchema = z.object({ choice: z.object({ token: z.uuid(), dir: z.string() }).nullable() });

/** A finished move: where the data was and is now (the old directory is kept until its removal is confirmed). */
export const DataDirMoveResultSchema = z.object({
  from: z.string(),
  to: z.string(),
  files: z.number().int(),
  bytes: z.number().int(),
});
export type DataDirMoveResult = z.infer<typeof DataDirMoveResultSchema>;

export const RemoveOldDataDirInputSchema = z.strictObject({
  confirmation: z.literal(REMOVE_OLD_DATA_DIR_CONFIRMATION, {
    error: `请输入“${REMOVE_OLD_DATA_DIR_CONFIRMATION}”以确认`,
  }),
  staffCode: ActorSchema,
});

export const RemoveOldDataDirResultSchema = z.object({ removed: z.string(), files: z.number().int() });
export type RemoveOldDataDirResult = z.infer<typeof RemoveOldDataDirResultSchema>;
