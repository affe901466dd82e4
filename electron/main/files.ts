import { dialog, type BrowserWindow } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileTooLarge, MAX_UPLOAD_BYTES, type HeldFile } from '../core/io/uploads';

/** The system open dialog for a spreadsheet to import; the renderer never sees the path, only a token. */
export async function pickSpreadsheet(window: BrowserWindow): Promise<HeldFile | null> {
  const choice = await dialog.showOpenDialog(window, {
    title: '选择要导入的文件 / Choose a file to import',
    filters: [{ name: 'Excel / CSV', extensions: ['xlsx', 'xls', 'csv'] }],
    properties: ['openFile'],
  });
  const file = choice.canceled ? undefined : choice.filePaths[0];
  if (!file) return null;
  if ((await stat(file)).size > MAX_UPLOAD_BYTES) throw fileTooLarge();
  return { name: path.basename(file), bytes: await readFile(file) };
}

/** The system save dialog for an export, offering its name; the chosen path stays in main. Null when cancelled. */
export async function chooseExportTarget(window: BrowserWindow, fileName: string): Promise<string | null> {
  const extension = path.extname(fileName).slice(1);
  const choice = await dialog.showSaveDialog(window, {
    title: '保存导出文件 / Save the export',
    defaultPath: fileName,
    filters: [{ name: extension === 'csv' ? 'CSV' : 'Excel', extensions: [extension] }],
  });
  return choice.canceled || !choice.filePath ? null : choice.filePath;
}
