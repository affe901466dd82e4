/**
 * Where the data directory may move (docs/architecture.md, "The data directory"): refused before anything is closed
 * — the same folder, one inside the other, a file, a folder not empty, a disk's root, a place that cannot be written,
 * a disk without room.
 */
import { accessSync, constants, existsSync, readdirSync, realpathSync, statfsSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

/** Room kept free on the target's disk beyond the copy itself. */
const SPARE_BYTES = 64 * 1024 * 1024;

const megabytes = (bytes: number) => `${Math.ceil(bytes / 1024 / 1024).toLocaleString('en')} MB`;

/** `dir` and the folders above it resolved through links, as far as they exist. */
function realPath(dir: string): string {
  const resolved = path.resolve(dir);
  if (existsSync(resolved)) return realpathSync(resolved);
  const parent = path.dirname(resolved);
  return parent === resolved ? resolved : path.join(realPath(parent), path.basename(resolved));
}

/** Whether `inner` is `outer` or lies inside it. */
export function within(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function refused(message: string, messageEn: string, code: 'VALIDATION' | 'CONFLICT' = 'CONFLICT'): AppError {
  return new AppError(code, `不能移动到此位置：${message}数据目录未作任何改动。`, `Cannot move there: ${messageEn}`, {
    field: 'target',
  });
}

/**
 * Refuses a target the data directory cannot move to, before anything is closed: the same folder, one inside the
 * other, a file, a folder that is not empty, a disk root, a place that cannot be written, or a disk without room for
 * `bytes` (and a margin).
 */
export function refuseMoveTarget(currentDir: string, target: string, bytes: number): void {
  if (!path.isAbsolute(target))
    throw refused('请选择一个完整的文件夹路径。', 'choose a full folder path.', 'VALIDATION');
  const from = realPath(currentDir);
  const to = realPath(target);
  if (to === from) throw refused(`${to} 就是当前的数据目录。`, `${to} is the current data directory.`);
  if (within(to, from))
    throw refused(`${to} 在当前数据目录 ${from} 之内。`, `${to} lies inside the current data directory ${from}.`);
  if (within(from, to))
    throw refused(`当前数据目录 ${from} 在 ${to} 之内。`, `the current data directory ${from} lies inside ${to}.`);
  const parent = path.dirname(to);
  if (parent === to) throw refused(`${to} 是磁盘的根目录，请在其中新建一个文件夹。`, `${to} is a disk's root.`);
  if (existsSync(to)) {
    if (!statSync(to).isDirectory()) throw refused(`${to} 是一个文件，不是文件夹。`, `${to} is a file.`);
    if (readdirSync(to).length > 0)
      throw refused(
        `文件夹 ${to} 不是空的；请选择或新建一个空文件夹。`,
        `the folder ${to} is not empty; choose or create an empty one.`,
      );
  } else if (!existsSync(parent)) throw refused(`文件夹 ${parent} 不存在。`, `the folder ${parent} does not exist.`);
  try {
    accessSync(parent, constants.W_OK);
    if (existsSync(to)) accessSync(to, constants.W_OK);
  } catch {
    throw new AppError(
      'READ_ONLY',
      `不能移动到此位置：${to} 不可写入（只读磁盘或没有权限）。数据目录未作任何改动。`,
      `Cannot move there: ${to} cannot be written (a read-only disk, or no permission). Nothing was changed.`,
      { field: 'target' },
    );
  }
  const { bavail, bsize } = statfsSync(parent);
  const free = bavail * bsize;
  if (free < bytes + SPARE_BYTES)
    throw new AppError(
      'DISK_FULL',
      `不能移动到此位置：${to} 所在磁盘只剩 ${megabytes(free)}，数据目录需要 ${megabytes(bytes + SPARE_BYTES)}。数据目录未作任何改动。`,
      `Cannot move there: the disk of ${to} has ${megabytes(free)} free; the data needs ${megabytes(bytes + SPARE_BYTES)}. Nothing was changed.`,
      { field: 'target' },
    );
}
