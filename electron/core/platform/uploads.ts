import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { MAX_IMPORT_FILES } from '../../../shared/schemas/imports';

export interface HeldFile {
  name: string;
  bytes: Buffer;
}

/** Files held at most at once (one import's files), and their bytes together (the oldest are let go first). */
const MAX_FILES = MAX_IMPORT_FILES;
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const MAX_HELD_BYTES = 2 * MAX_UPLOAD_BYTES;
const MAX_RESULTS = 4;

export function fileTooLarge(maxBytes = MAX_UPLOAD_BYTES): AppError {
  const mb = Math.round(maxBytes / 1024 / 1024);
  return new AppError('FILE_TOO_LARGE', `文件超过 ${mb} MB`, `the file is larger than ${mb} MB`);
}

/**
 * Files the user chose (uploaded in browser mode, picked in a dialog in Electron), held in memory under a
 * random token so no copy of personal data is left on disk, and the analyses made of them. The renderer
 * never sends a path: only tokens.
 */
/** What is made of held files (an import's analysis) and kept for a later step. */
export interface HeldResult {
  fileTokens: string[];
  /** Lets go of what the result holds (the rows it staged). */
  release(): void;
}

export class Uploads {
  private readonly files = new Map<string, HeldFile>();
  private readonly results = new Map<string, HeldResult>();

  put(name: string, bytes: Buffer): { token: string; name: string; size: number } {
    if (bytes.length > MAX_UPLOAD_BYTES) throw fileTooLarge();
    const token = randomUUID();
    this.files.set(token, { name: name.replace(/[\\/]/g, '_').slice(0, 200) || 'file', bytes });
    let held = [...this.files.values()].reduce((n, f) => n + f.bytes.length, 0);
    for (const [oldest, file] of this.files) {
      if (this.files.size <= MAX_FILES && held <= MAX_HELD_BYTES) break;
      if (oldest === token) break;
      this.files.delete(oldest);
      held -= file.bytes.length;
    }
    return { token, name, size: bytes.length };
  }

  file(token: string): HeldFile {
    const file = this.files.get(token);
    if (!file)
      throw new AppError(
        'NOT_FOUND',
        '找不到该文件（可能已过期），请重新选择文件',
        'no such file (it may have expired); choose it again',
        { field: 'fileToken' },
      );
    return file;
  }

  /** Keeps a result (an analysis) for a later step; returns its id. */
  keep(result: HeldResult): string {
    const id = randomUUID();
    this.results.set(id, result);
    if (this.results.size > MAX_RESULTS) this.drop(this.results.keys().next().value as string);
    return id;
  }

  /** The result kept under `id`, as the domain that kept it made it (only that domain asks for its ids back). */
  result<Result extends HeldResult>(id: string): Result {
    const result = this.results.get(id) as Result | undefined;
    if (!result)
      throw new AppError('NOT_FOUND', '预览已过期，请重新预览', 'the preview has expired; preview again', {
        field: 'analysisId',
      });
    return result;
  }

  /** Lets go of files and the results made of them once imported. */
  release(tokens: string[]): void {
    for (const token of tokens) this.files.delete(token);
    for (const [id, result] of this.results)
      if (result.fileTokens.some((token) => tokens.includes(token))) this.drop(id);
  }

  private drop(id: string): void {
    this.results.get(id)?.release();
    this.results.delete(id);
  }
}
