import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { JobEvent, JobKind, JobPhase } from '../../shared/schemas/jobs';

/** What a job's work gets: a progress reporter and the signal that says it was cancelled. */
export interface JobControl {
  report(phase: JobPhase, done: number, total: number): void;
  signal: AbortSignal;
}

export type JobWork = (control: JobControl) => Promise<unknown>;
export type JobListener = (event: JobEvent) => void;

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

/**
 * Runs long work (recompute, import, export) one job at a time, so no two writers interleave their
 * reads and writes. Each job reports progress to subscribers; cancel aborts its signal and the work,
 * which writes only in its final transaction, leaves the database as it was.
 */
export class JobRunner {
  private running: { event: JobEvent; controller: AbortController } | null = null;
  private readonly finished = new Map<string, JobEvent>();
  private readonly listeners = new Set<JobListener>();

  start(kind: JobKind, work: JobWork): string {
    if (this.running) {
      throw new AppError('CONFLICT', '另一项任务正在进行，请等它完成或取消后再试。', 'Another job is running; wait for it to finish or cancel it.', {
        jobId: this.running.event.jobId,
      });
    }
    const controller = new AbortController();
    const event: JobEvent = { jobId: randomUUID(), kind, state: 'running', phase: 'read', done: 0, total: 0 };
    this.running = { event, controller };
    let lastSent = Date.now();
    const report = (phase: JobPhase, done: number, total: number) => {
      const now = Date.now();
      const phaseChanged = phase !== event.phase;
      Object.assign(event, { phase, done, total });
      if (phaseChanged || now - lastSent >= PROGRESS_INTERVAL_MS) {
        lastSent = now;
        this.emit(event);
      }
    };
    this.emit(event);
    void work({ report, signal: controller.signal }).then(
      (result) => this.settle(event, { state: 'done', result }),
      (error: unknown) => {
        const cancelled = error instanceof AppError && error.code === 'CANCELLED';
        if (!cancelled && !(error instanceof AppError)) console.error(`[tierdesk] job ${kind} failed:`, error instanceof Error ? error.stack : error);
        const body =
          error instanceof AppError
            ? { code: error.code, message: error.message, messageEn: error.messageEn }
            : { code: 'INTERNAL', message: '任务失败，数据保持原样。请重试；若仍失败请联系管理员。', messageEn: 'The job failed; the data is unchanged. Try again, or contact the administrator.' };
        this.settle(event, { state: cancelled ? 'cancelled' : 'failed', error: body });
      },
    );
    return event.jobId;
  }

  /** Asks the running job to stop; false when `jobId` is not running. */
  cancel(jobId: string): boolean {
    if (this.running?.event.jobId !== jobId) return false;
    this.running.controller.abort();
    return true;
  }

  status(jobId: string): JobEvent | null {
    if (this.running?.event.jobId === jobId) return { ...this.running.event };
    return this.finished.get(jobId) ?? null;
  }

  /** The running job, if any (for a screen opened while one runs). */
  current(): JobEvent | null {
    return this.running ? { ...this.running.event } : null;
  }

  subscribe(listener: JobListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when no job is running (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  private settle(event: JobEvent, outcome: Partial<JobEvent>): void {
    Object.assign(event, outcome);
    this.running = null;
    this.finished.set(event.jobId, event);
    if (this.finished.size > KEEP_FINISHED) this.finished.delete(this.finished.keys().next().value as string);
    this.emit(event);
  }

  private emit(event: JobEvent): void {
    for (const listener of this.listeners) {
      try {
        listener({ ...event });
      } catch (error) {
        console.error('[tierdesk] job listener failed:', error);
      }
    }
  }
}
