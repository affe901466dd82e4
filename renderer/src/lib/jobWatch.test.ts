import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../../shared/schemas/jobs';
import { NEW_JOB_WATCH, takeJobEvent, type JobWatch } from './jobWatch';

const running = (done: number): JobEvent => ({
  jobId: 'j',
  kind: 'imports.commit',
  state: 'running',
  phase: 'write',
  done,
  total: 189,
});
const final = (state: 'done' | 'failed' | 'cancelled'): JobEvent => ({ ...running(189), state });

/** Feeds events (with the `taken` count their status request went out at, for replies); the events that got through. */
function replay(steps: Array<{ event: JobEvent; askedAt?: number }>): JobEvent[] {
  let watch: JobWatch = NEW_JOB_WATCH;
  const shown: JobEvent[] = [];
  for (const { event, askedAt } of steps) {
    const next = takeJobEvent(watch, event, askedAt);
    if (!next) continue;
    watch = next;
    shown.push(event);
  }
  return shown;
}

describe('taking a job’s events', () => {
  it('takes progress in order and settles on each final state', () => {
    for (const state of ['done', 'failed', 'cancelled'] as const) {
      const watch = takeJobEvent(takeJobEvent(NEW_JOB_WATCH, running(1)) as JobWatch, final(state));
      expect(watch).toEqual({ taken: 2, settled: true });
    }
  });

  it('ignores everything after the final state: a late status reply or a pushed event', () => {
    const settled = { taken: 3, settled: true };
    expect(takeJobEvent(settled, running(189), 2)).toBeNull();
    expect(takeJobEvent(settled, running(189))).toBeNull();
    expect(takeJobEvent(settled, final('done'))).toBeNull();
    // The reported case: a reply asked for while writing, arriving after 'done'.
    expect(replay([{ event: running(0) }, { event: final('done') }, { event: running(189), askedAt: 1 }])).toEqual([
      running(0),
      final('done'),
    ]);
  });

  it('drops a running reply asked for before a newer event was taken, keeps one asked for after', () => {
    expect(replay([{ event: running(10) }, { event: running(120) }, { event: running(40), askedAt: 1 }])).toEqual([
      running(10),
      running(120),
    ]);
    expect(replay([{ event: running(10) }, { event: running(120), askedAt: 1 }])).toEqual([running(10), running(120)]);
  });

  it('takes a final reply however late: the pushed final event may have been missed', () => {
    expect(replay([{ event: running(10) }, { event: running(120) }, { event: final('done'), askedAt: 0 }])).toEqual([
      running(10),
      running(120),
      final('done'),
    ]);
  });
});
