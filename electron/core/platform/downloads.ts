import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

/** Finished exports kept for fetching at most at once (the oldest are deleted first). */
const MAX_FILES = 4;

export interface HeldDownload {
  file: string;
  fileName: string;
  /** The staff member whose export it is (null: made without a sign-in): nobody else may fetch it. */
  owner: string | null;
}

/**
 * Exports written by jobs, waiting for the user to fetch them: in a private folder (0700) under random names, each
 * under a token and for the one who made it, deleted once fetched, when more than a few wait, and when the app
 * closes. The renderer never sees a path: in browser mode it downloads GET /download/TOKEN, in Electron main saves it
 * where the user chooses.
 */
export class Downloads {
  private folder: string | null = null;
  private readonly files = new Map<string, HeldDownload>();

  /** A fresh path in the private folder, for a file to be fetched as `fileName`. */
  reserve(fileName: string): string {
    this.folder ??= mkdtempSync(path.join(tmpdir(), 'tierdesk-exports-'));
    return path.join(this.folder, `${randomUUID()}${path.extname(fileName)}`);
  }

  /** Holds a written file for `owner`; returns its token. */
  add(file: string, fileName: string, owner: string | null): string {
    const token = randomUUID();
    this.files.set(token, { file, fileName, owner });
    for (const [oldest, held] of this.files) {
      if (this.files.size <= MAX_FILES) break;
      this.files.delete(oldest);
      rmSync(held.file, { force: true });
    }
    return token;
  }

  /** The file held for `who`, or NOT_FOUND (also when it is someone else's: a token proves nothing alone). */
  get(token: string, who: string | null): HeldDownload {
    const held = this.files.get(token);
    if (!held || held.owner !== who)
      throw new AppError('NOT_FOUND', '导出文件已过期，请重新导出。', 'The export has expired; export again.', {
        field: 'token',
      });
    return held;
  }

  /** The file held for `who`, forgotten (one fetch each): the caller deletes it once sent. */
  take(token: string, who: string | null): HeldDownload {
    const held = this.get(token, who);
    this.files.delete(token);
    return held;
  }

  /** Moves `who`'s held file to `target` (a temporary name there, then renamed: never half a file), and forgets it. */
  saveAs(token: string, who: string | null, target: string): void {
    const held = this.get(token, who);
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID().slice(0, 8)}.part`);
    try {
      copyFileSync(held.file, temp);
      renameSync(temp, target);
    } catch (error) {
      rmSync(temp, { force: true });
      throw cannotWrite(target, error);
    }
    this.files.delete(token);
    rmSync(held.file, { force: true });
  }

  /** Deletes every held file and the folder (the app is closing). */
  dispose(): void {
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
    this.folder = null;
    this.files.clear();
  }
}

/** A file that could not be written where the user chose: say so, and to choose another place. */
export function cannotWrite(out: string, error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError(
    'VALIDATION',
    `无法写入 ${out}：${reason}。请换一个位置。`,
    `Cannot write ${out}: ${reason}. Choose another location.`,
    { field: 'out' },
  );
}
