import { dialog, type BrowserWindow } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { IMPORT_FILE_EXTENSIONS } from '../../shared/import-fields';
import { fileTooLarge, MAX_UPLOAD_BYTES, type HeldFile } from '../core/platform/uploads';

/** The system open dialog for the files of an import (one or several spreadsheets, or a rule package); the renderer never sees a path, only tokens. */
export async function pickSpreadsheets(window: BrowserWindow): Promise<HeldFile[]> {
  const choice = await dialog.showOpenDialog(window, {
    title: '选择要导入的文件（可多选） / Choose the files to import',
    filters: [
      { name: 'Excel / CSV', extensions: IMPORT_FILE_EXTENSIONS },
      { name: '规则包 / Rule package', extensions: ['json'] },
    ],
    properties: ['openFile', 'multiSelections'],
  });
  if (choice.canceled) return [];
  for (const file of choice.filePaths) if ((await stat(file)).size > MAX_UPLOAD_BYTES) throw fileTooLarge();
  return Promise.all(
    choice.filePaths.map(async (file) => ({ name: path.basename(file), bytes: await readFile(file) })),
  );
}

const FILE_KINDS: Record<string, string> = {
  csv: 'CSV',
  xlsx: 'Excel',
  db: '备份 / Backup',
  json: '规则包 / Rule package',
};

/** The system save dialog for an export or a backup, offering its name; the chosen path stays in main. Null when cancelled. */
export async function chooseExportTarget(window: BrowserWindow, fileName: string): Promise<string | null> {
  const extension = path.extname(fileName).slice(1);
  const choice = await dialog.showSaveDialog(window, {
    title: '保存文件 / Save',
    defaultPath: fileName,
    filters: [{ name: FILE_KINDS[extension] ?? extension, extensions: [extension] }],
  });
  return choice.canceled || !choice.filePath ? null : choice.filePath;
}
