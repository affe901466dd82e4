import type { JobEvent } from '../../../shared/schemas/jobs';

/** What has been taken of one job: how many of its events, and whether one was final. */
export interface JobWatch {
  readonly taken: number;
  readonly settled: boolean;
}

export const NEW_JOB_WATCH: JobWatch = { taken: 0, settled: false };

/**
 * The watch after `event`, or null when the event must be ignored. Pushed events come in the order the job sent
 * them, but a `jobs.status` reply (`askedAt`: `taken` when it was asked for) can cross them on the way: a 'running'
 * reply is stale once anything was taken after it was asked for. Nothing moves a job on after its final state.
 */
export function takeJobEvent(watch: JobWatch, event: JobEvent, askedAt?: number): JobWatch | null {
  if (watch.settled) return null;
  if (event.state === 'running' && askedAt !== undefined && askedAt < watch.taken) return null;
  return { taken: watch.taken + 1, settled: event.state !== 'running' };
}
