import type { Envelope } from '../../../shared/errors';
import { ApiError, invoke } from './api';

export interface HeldFileInfo {
  token: string;
  name: string;
  size: number;
}

/** Electron: the system dialog in main, one or several files (the renderer never sees a path). None when cancelled. */
export async function pickFilesInMain(): Promise<HeldFileInfo[]> {
  return (await invoke('files.pick', {})).files;
}

/** Browser mode: sends a chosen file to the local server, which holds it under a token. */
export async function uploadFile(file: File): Promise<HeldFileInfo> {
  const response = await fetch('/upload', {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
    body: file,
    credentials: 'same-origin',
  });
  if (!response.headers.get('Content-Type')?.startsWith('application/json')) {
    const text = await response.text();
    throw new ApiError({ code: 'FORBIDDEN', message: text, messageEn: text });
  }
  const envelope = (await response.json()) as Envelope<HeldFileInfo>;
  if (!envelope.ok) throw new ApiError(envelope.error);
  return envelope.value;
}

/** Whether files come from the system dialog (Electron) or an upload (browser mode). */
export const picksInMain = () => window.tierdesk !== undefined;

/** Saves bytes the main process made (base64) as a download: the browser's, or Electron's save dialog. */
export function saveDownload(
  fileName: string,
  base64: string,
  type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  followDownload(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Lets the browser download `href` under `fileName`. */
export function followDownload(href: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.click();
}
