/**
 * 设置 · 关于's data directory (docs/architecture.md, "The data directory"): in the desktop app the administrator moves
 * it to a folder chosen in the system dialog, and later removes the old one; browser mode's is set by its command line.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type {
  DataDirChoiceSchema,
  DataDirMoveResult,
  RemoveOldDataDirResult,
} from '../../../shared/schemas/data-directory';
import type { z } from 'zod';
import { appendAudit } from '../platform/audit-log';
import type { CoreContext, DataLocation } from '../platform/context';
import type { JobControl } from '../platform/jobs';
import { removeBranchFiles } from './data-directory';
import { within } from './move-target';

function desktopOnly(ctx: CoreContext): {
  location: DataLocation;
  move: NonNullable<CoreContext['moveDataDirectory']>;
} {
  if (!ctx.dataLocation || !ctx.moveDataDirectory)
    throw new AppError(
      'CONFLICT',
      '浏览器模式的数据目录由启动命令决定（npm run serve -- --data-dir 目录，或环境变量 TIERDESK_DATA_DIR），不能在此移动。',
      'In browser mode the data directory is set on the command line (--data-dir DIR, or TIERDESK_DATA_DIR); it cannot be moved here.',
    );
  return { location: ctx.dataLocation, move: ctx.moveDataDirectory };
}

/** The system folder dialog; the folder stays here, the window gets a token for it. */
export async function chooseDataDirectory(ctx: CoreContext): Promise<z.infer<typeof DataDirChoiceSchema>> {
  const dir = await desktopOnly(ctx).location.chooseFolder();
  if (dir === null) return { choice: null };
  ctx.chosenFolder = { token: randomUUID(), dir };
  return { choice: { ...ctx.chosenFolder } };
}

/** Moves the data directory to the folder chosen under `token` (one move at a time, the old one removed first). Audited. */
export async function moveDataDirectoryTo(
  ctx: CoreContext,
  token: string,
  actor: string | null,
  control: JobControl,
): Promise<DataDirMoveResult> {
  const { location, move } = desktopOnly(ctx);
  const chosen = ctx.chosenFolder;
  if (chosen?.token !== token)
    throw new AppError(
      'NOT_FOUND',
      '找不到所选的文件夹，请重新选择。',
      'The folder chosen is no longer known; choose it again.',
      {
        field: 'targetToken',
      },
    );
  const previous = location.previous();
  if (previous !== null)
    throw new AppError(
      'CONFLICT',
      `上次移动后保留的旧数据目录 ${previous} 尚未删除：请先删除它，再移动。`,
      `The data directory kept after the last move (${previous}) is still there: remove it first.`,
    );
  ctx.chosenFolder = undefined;
  const moved = await move(chosen.dir, control);
  appendAudit(ctx.store.sqlite, { at: ctx.now(), actor, action: 'dataDir.move', target: null, detail: moved });
  return moved;
}

/** Removes the branch's files from the data directory kept after a move, once the administrator confirms. Audited. */
export function removeOldDataDirectory(ctx: CoreContext, actor: string | null): RemoveOldDataDirResult {
  const { location } = desktopOnly(ctx);
  const previous = location.previous();
  if (previous === null)
    throw new AppError('NOT_FOUND', '没有保留的旧数据目录。', 'There is no old data directory kept.');
  const current = path.dirname(ctx.store.file);
  // The one in use is never removed, whatever the location file says.
  if (within(current, previous) || within(previous, current)) {
    location.remember(current, null);
    throw new AppError(
      'CONFLICT',
      `${previous} 与当前数据目录 ${current} 重叠，未删除任何文件。`,
      `${previous} overlaps the data directory in use (${current}); nothing was removed.`,
    );
  }
  const files = removeBranchFiles(path.join(previous, path.basename(ctx.store.file)));
  location.remember(current, null);
  appendAudit(ctx.store.sqlite, {
    at: ctx.now(),
    actor,
    action: 'dataDir.removeOld',
    target: null,
    detail: { dir: previous, files },
  });
  return { removed: previous, files };
}
