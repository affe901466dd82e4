import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { databaseError } from './sqlite-errors';
import type { JobEvent, JobKind, JobPhase } from '../../../shared/schemas/jobs';

/** What a job's work gets: a progress reporter and the signal that says it was cancelled. */
export interface JobControl {
  report(phase: JobPhase, done: number, total: number): void;
  signal: AbortSignal;
}

export type JobWork = (control: JobControl) => Promise<unknown>;
export type JobListener = (event: JobEvent) => void;

/** A job and the staff member who started it (null: the CLI or a test): only they see its result or may cancel it. */
interface OwnedJob {
  event: JobEvent;
  owner: string | null;
}

/** Progress events at most this often (terminal and phase changes always go out). */
const PROGRESS_INTERVAL_MS = 100;
/** Finished jobs remembered for `status`. */
const KEEP_FINISHED = 20;

export function cancelledError(): AppError {
  return new AppError('CANCELLED', '已取消，数据保持原样。', 'Cancelled; the data is unchanged.');
}

/** Throws the cancellation error when `signal` has fired; long loops call it between steps. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}

/** Lets queued calls and events run between steps of long work, then checks for a cancel. */
export async function pause(signal: AbortSignal | undefined): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  throwIfCancelled(signal);
}

/** Customer ids from `from` up to (not including) `to`: one step of a read done in steps. */
export interface IdRange {
  from: number;
  to: number;
}

/** Customer ids read per step: a step holds the thread for well under 100 ms on a branch of 200,000. */
const ID_STEP = 25_000;

/**
 * Calls `read` for each step of customer ids up to `lastId`, with queued calls served and a cancel checked in between
 * (derived data made before anyone asks: docs/architecture.md, "Derived data").
 */
export async function inIdSteps(
  lastId: number,
  read: (ids: IdRange) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  for (let from = 0; from <= lastId; from += ID_STEP) {
    read({ from, to: from + ID_STEP });
    await pause(signal);
  }
}

/**
 * Runs long work (recompute, import, export) one job at a time, so no two writers interleave their
 * reads and writes. Each job reports progress to subscribers; cancel aborts its signal and the work,
 * which writes only in its final transaction, leaves the database as it was. A job belongs to whoever started it:
 * its progress, its result (an export's download token) and its cancel are theirs alone.
 */
export class JobRunner {
  private running: (OwnedJob & { controller: AbortController }) | null = null;
  private readonly finished = new Map<string, OwnedJob>();
  private readonly listeners = new Set<{ listener: JobListener; who: (() => string | null) | null }>();

  start(kind: JobKind, work: JobWork, owner: string | null = null): string {
    if (this.running) {
      throw new AppError(
        'CONFLICT',
        '另一项任务正在进行，请等它完成或取消后再试。',
        'Another job is running; wait for it to finish or cancel it.',
        {
          jobId: this.running.event.jobId,
        },
      );
    }
    const controller = new AbortController();
    const event: JobEvent = { jobId: randomUUID(), kind, state: 'running', phase: 'read', done: 0, total: 0 };
    const job = { event, owner };
    this.running = { ...job, controller };
    let lastSent = Date.now();
    const report = (phase: JobPhase, done: number, total: number) => {
      // A report from work left behind after the job ended (a stray callback) must not alter or resend its outcome.
      if (event.state !== 'running') return;
      const now = Date.now();
      const phaseChanged = phase !== event.phase;
      Object.assign(event, { phase, done, total });
      if (phaseChanged || now - lastSent >= PROGRESS_INTERVAL_MS) {
        lastSent = now;
        this.emit(job);
      }
    };
    this.emit(job);
    void work({ report, signal: controller.signal }).then(
      (result) => this.settle(job, { state: 'done', result }),
      (thrown: unknown) => {
        const error = thrown instanceof AppError ? thrown : databaseError(thrown);
        const cancelled = error?.code === 'CANCELLED';
        if (!(thrown instanceof AppError))
          console.error(
            `[tierdesk] job ${kind} failed:`,
            error ? (thrown as { code: string }).code : thrown instanceof Error ? thrown.stack : thrown,
          );
        const body =
          error !== null
            ? { code: error.code, message: error.message, messageEn: error.messageEn }
            : {
                code: 'INTERNAL',
                message: '任务失败，数据保持原样。请重试；若仍失败请联系管理员。',
                messageEn: 'The job failed; the data is unchanged. Try again, or contact the administrator.',
              };
        this.settle(job, { state: cancelled ? 'cancelled' : 'failed', error: body });
      },
    );
    return event.jobId;
  }

  /** Asks `who`'s running job to stop; false when `jobId` is not running or not theirs. */
  cancel(jobId: string, who: string | null = null): boolean {
    if (this.running?.event.jobId !== jobId || this.running.owner !== who) return false;
    this.running.controller.abort();
    return true;
  }

  /** A job of `who`'s by its id (running or lately finished), or null. */
  status(jobId: string, who: string | null = null): JobEvent | null {
    const job = this.running?.event.jobId === jobId ? this.running : this.finished.get(jobId);
    return job && job.owner === who ? { ...job.event } : null;
  }

  /** The running job of `who`'s, if any (for a screen opened while one runs). */
  current(who: string | null = null): JobEvent | null {
    return this.running && this.running.owner === who ? { ...this.running.event } : null;
  }

  /** Every job's events, or (with `who`) only those of the jobs of whoever `who` says is signed in at the time. */
  subscribe(listener: JobListener, who: (() => string | null) | null = null): () => void {
    const entry = { listener, who };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  /** Resolves when no job is running (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  private settle(job: OwnedJob, outcome: Partial<JobEvent>): void {
    Object.assign(job.event, outcome);
    this.running = null;
    this.finished.set(job.event.jobId, job);
    if (this.finished.size > KEEP_FINISHED) this.finished.delete(this.finished.keys().next().value as string);
    this.emit(job);
  }

  private emit({ event, owner }: OwnedJob): void {
    for (const { listener, who } of this.listeners) {
      if (who !== null && who() !== owner) continue;
      try {
        listener({ ...event });
      } catch (error) {
        console.error('[tierdesk] job listener failed:', error);
      }
    }
  }
}
