/**
 * Moving the data directory while the app runs (docs/architecture.md, "The data directory"): the database closed
 * cleanly and read meanwhile through a read-only connection (state `moving`: changes wait), its files copied,
 * verified and renamed into place (`branch/data-directory.ts`), the new place remembered for the next start, and the
 * database opened there. On any failure the app opens the old one again, as it was, and the error names the step.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { DataDirMoveResult } from '../../shared/schemas/data-directory';
import { checkMoveTarget, moveDataDirectory } from './branch/data-directory';
import { within } from './branch/move-target';
import { checkpointAndClose, openStoreToRead, standInStore } from './platform/connection';
import type { CoreContext } from './platform/context';
import { recordPassedCheck } from './platform/integrity';
import type { JobControl } from './platform/jobs';

/**
 * Moves `ctx`'s data directory to `target`; `open` opens a database file in `ctx` (its checks as at start) in place
 * of the store it holds. Needs the desktop app's `ctx.dataLocation`.
 */
export async function relocate(
  ctx: CoreContext,
  target: string,
  control: JobControl,
  open: (file: string) => Promise<unknown>,
): Promise<DataDirMoveResult> {
  const location = ctx.dataLocation;
  if (!location) throw new AppError('INTERNAL', '此处不能移动数据目录', 'The data directory cannot be moved here');
  const { file: from, key } = ctx.store;
  // Refused before anything is closed.
  checkMoveTarget(from, target);
  const previous = location.previous();
  let release = () => undefined as void;
  ctx.database = {
    state: { state: 'moving' },
    checked: new Promise<void>((resolve) => (release = resolve)),
    suspect: () => undefined,
  };
  /** Opens `file` in place of the read-only connection held meanwhile. */
  const reopen = async (file: string) => {
    const readOnly = ctx.store;
    await open(file);
    await readOnly.close();
    if (ctx.database.state.state === 'damaged')
      throw new AppError('DB_CORRUPT', `数据库 ${file} 无法打开。`, `The database ${file} cannot be opened.`);
  };
  try {
    let moved: DataDirMoveResult;
    try {
      control.report('close', 0, 0);
      // Reading goes on through a read-only connection, opened first so that no call meets a closed one.
      const readWrite = ctx.store;
      ctx.store = openStoreToRead(from, key) ?? standInStore(from, key);
      await checkpointAndClose(readWrite);
      recordPassedCheck(from);
      moved = await moveDataDirectory({ file: from, key }, target, control);
    } catch (error) {
      await reopen(from);
      throw error;
    }
    try {
      location.remember(moved.to, moved.from);
      await reopen(path.join(moved.to, path.basename(from)));
    } catch (error) {
      // Back where it was: the old place remembered, the new copy removed (the target was empty), the old file open.
      location.remember(moved.from, previous);
      await reopen(from);
      rmSync(moved.to, { recursive: true, force: true });
      const why = error instanceof Error ? error.message : String(error);
      throw new AppError(
        'IO_ERROR',
        `移动数据目录失败（切换到新目录：${why}）。应用仍使用原数据目录 ${moved.from}，新位置的副本已删除。`,
        `Moving the data directory failed (switching to the new folder: ${why}). The app still uses ${moved.from}; the copy was removed.`,
        { step: 'switch' },
      );
    }
    if (ctx.keyWhere && within(ctx.keyWhere, moved.from))
      ctx.keyWhere = path.join(moved.to, path.relative(moved.from, ctx.keyWhere));
    return moved;
  } finally {
    // Not even the old file could be opened again: nothing but its recovery is served.
    if (ctx.database.state.state === 'moving')
      ctx.database.state = { state: 'damaged', file: from, problem: 'not reopened after a failed move' };
    release();
  }
}
