import type { JobEvent, JobKind, JobRequestInput, JobResults } from '../../../shared/schemas/jobs';
import { ApiError, invoke } from './api';
import { NEW_JOB_WATCH, takeJobEvent } from './jobWatch';

type Listener = (event: JobEvent) => void;

/** Browser mode: one shared Server-Sent Events stream while anything listens. */
const sseListeners = new Set<Listener>();
let source: EventSource | null = null;

function subscribeOverSse(listener: Listener): () => void {
  sseListeners.add(listener);
  if (!source) {
    source = new EventSource('/events');
    source.addEventListener('job', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as JobEvent;
      for (const l of sseListeners) l(event);
    });
  }
  return () => {
    sseListeners.delete(listener);
    if (sseListeners.size === 0) {
      source?.close();
      source = null;
    }
  };
}

/** Job progress events, from Electron's preload or browser mode's event stream. */
export function subscribeJobEvents(listener: Listener): () => void {
  return window.tierdesk ? window.tierdesk.onJobEvent(listener) : subscribeOverSse(listener);
}

/** How often the job's status is asked for directly, in case an event was missed (a stream still connecting). */
const POLL_MS = 1000;

/**
 * Starts a job and resolves with its result when it is done; rejects with the job's error when it fails
 * or is cancelled. `onProgress` gets the job's events up to its final one, never a stale or later one.
 */
export async function runJob<K extends JobKind>(
  request: Extract<JobRequestInput, { kind: K }>,
  onProgress: (event: JobEvent) => void,
): Promise<JobResults[K]> {
  let jobId: string | null = null;
  const early: JobEvent[] = [];
  let watch = NEW_JOB_WATCH;
  let settle: (event: JobEvent) => void = () => undefined;
  const finished = new Promise<JobEvent>((resolve) => (settle = resolve));
  const take = (event: JobEvent, askedAt?: number) => {
    const next = takeJobEvent(watch, event, askedAt);
    if (!next) return;
    watch = next;
    onProgress(event);
    if (next.settled) settle(event);
  };
  const unsubscribe = subscribeJobEvents((event) => {
    if (jobId === null) early.push(event);
    else if (event.jobId === jobId) take(event);
  });
  let timer: ReturnType<typeof setInterval> | undefined;
  try {
    jobId = (await invoke('jobs.start', { request })).jobId;
    for (const event of early) if (event.jobId === jobId) take(event);
    const id = jobId;
    timer = setInterval(() => {
      const askedAt = watch.taken;
      invoke('jobs.status', { jobId: id }).then(
        (event) => take(event, askedAt),
        () => undefined,
      );
    }, POLL_MS);
    const last = await finished;
    if (last.state === 'done') return last.result as JobResults[K];
    const error = last.error ?? { code: 'INTERNAL', message: '任务失败', messageEn: 'The job failed' };
    throw new ApiError({ ...error, code: error.code as ApiError['body']['code'] });
  } finally {
    clearInterval(timer);
    unsubscribe();
  }
}

export function cancelJob(jobId: string): Promise<unknown> {
  return invoke('jobs.cancel', { jobId });
}
