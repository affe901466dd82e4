/** Error codes that may cross the IPC boundary. */
export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'UNKNOWN_CHANNEL'
  | 'FORBIDDEN'
  /** Not signed in on this window (or locked after idling): sign in again. */
  | 'UNAUTHENTICATED'
  | 'CONFLICT'
  | 'CANCELLED'
  | 'SCHEMA_TOO_NEW'
  | 'DB_CORRUPT'
  /** The disk is full: nothing was changed. */
  | 'DISK_FULL'
  /** The data directory or the database file cannot be written: nothing was changed. */
  | 'READ_ONLY'
  /** The disk or file system failed reading or writing the database. */
  | 'IO_ERROR'
  | 'IMPORT_REJECTED'
  | 'FILE_TOO_LARGE'
  | 'INTERNAL';

export interface ErrorBody {
  code: ErrorCode;
  /** User-facing Chinese message. */
  message: string;
  /** The same message in English. */
  messageEn: string;
  details?: Record<string, unknown>;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** An expected failure with a user-facing message; handlers turn it into an error envelope. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageEn: string;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, messageEn: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.messageEn = messageEn;
    this.details = details;
  }

  toBody(): ErrorBody {
    return {
      code: this.code,
      message: this.message,
      messageEn: this.messageEn,
      ...(this.details ? { details: this.details } : {}),
    };
  }
}
