import { dialog, type BrowserWindow } from 'electron';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { DataLocation } from '../core/platform/context';

/**
 * Where the desktop app's data directory is (docs/architecture.md, "The data directory"): `location.json` in the
 * app's own folder (Electron's userData) names it once it was moved; without that file it is the app's folder itself.
 */
export const LOCATION_FILE_NAME = 'location.json';

const LocationFileSchema = z.object({
  dataDir: z.string().min(1),
  previous: z.string().min(1).nullable().default(null),
});
type LocationFile = z.infer<typeof LocationFileSchema>;

function readLocationFile(userData: string): LocationFile | null {
  const file = path.join(userData, LOCATION_FILE_NAME);
  if (!existsSync(file)) return null;
  let parsed: LocationFile | null = null;
  try {
    parsed = LocationFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    parsed = null;
  }
  if (parsed === null || !path.isAbsolute(parsed.dataDir))
    throw new AppError(
      'VALIDATION',
      `数据目录位置文件 ${file} 无法读取。请修复它，或删除它以使用默认位置 ${userData}。`,
      `The data location file ${file} cannot be read. Repair it, or delete it to use the default ${userData}.`,
    );
  return parsed;
}

/**
 * The data directory to open at start: the one `location.json` names, or `userData`. A named one that is not there
 * (a disk not connected) stops the start rather than begin an empty branch in its place.
 */
export function dataDirAtStart(userData: string): string {
  const location = readLocationFile(userData);
  if (location === null) return userData;
  if (!existsSync(location.dataDir))
    throw new AppError(
      'NOT_FOUND',
      `找不到数据目录 ${location.dataDir}（由 ${path.join(userData, LOCATION_FILE_NAME)} 指定）。如在移动硬盘或网络盘上，请先连接它再启动。`,
      `The data directory ${location.dataDir} (named in ${path.join(userData, LOCATION_FILE_NAME)}) is not there. Connect its disk and start again.`,
    );
  return location.dataDir;
}

/** The location file kept in `userData`, and the folder dialog of `window`, as the core asks for them. */
export function desktopDataLocation(userData: string, window: BrowserWindow): DataLocation {
  return {
    chooseFolder: async () => {
      const choice = await dialog.showOpenDialog(window, {
        title: '选择新的数据目录（空文件夹） / Choose the new data directory (an empty folder)',
        properties: ['openDirectory', 'createDirectory'],
      });
      return choice.canceled ? null : (choice.filePaths[0] ?? null);
    },
    previous: () => readLocationFile(userData)?.previous ?? null,
    remember: (dataDir, previous) => {
      const file = path.join(userData, LOCATION_FILE_NAME);
      writeFileSync(`${file}.part`, `${JSON.stringify({ dataDir, previous }, null, 2)}\n`);
      renameSync(`${file}.part`, file);
    },
  };
}
