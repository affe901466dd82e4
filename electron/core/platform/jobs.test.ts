import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { JobEvent } from '../../../shared/schemas/jobs';
import { JobRunner, pause, type JobControl } from './jobs';

describe('job runner', () => {
  it('reports start, phase changes and the result, and remembers the finished job', async () => {
    const jobs = new JobRunner();
    const events: JobEvent[] = [];
    jobs.subscribe((e) => events.push(e));
    const id = jobs.start('tiers.recompute', async ({ report }) => {
      report('read', 1, 2);
      report('assess', 5, 10);
      report('assess', 6, 10); // within the throttle interval: not sent
      report('write', 0, 1);
      return { months: 1 };
    });
    expect(jobs.current()).toMatchObject({ jobId: id, state: 'running' });
    await jobs.idle();
    expect(events.map((e) => [e.state, e.phase])).toEqual([
      ['running', 'read'],
      ['running', 'assess'],
      ['running', 'write'],
      ['done', 'write'],
    ]);
    expect(jobs.status(id)).toMatchObject({ state: 'done', result: { months: 1 } });
    expect(jobs.current()).toBeNull();
  });

  it('sends nothing after the final event, even when the work reports late', async () => {
    const jobs = new JobRunner();
    const events: JobEvent[] = [];
    jobs.subscribe((e) => events.push(e));
    let late: JobControl['report'] = () => undefined;
    const id = jobs.start('tiers.recompute', async ({ report }) => {
      report('write', 0, 189);
      late = report;
      return { months: 1 };
    });
    await jobs.idle();
    late('write', 189, 189);
    late('assess', 1, 2);
    expect(events.map((e) => [e.state, e.phase, e.done])).toEqual([
      ['running', 'read', 0],
      ['running', 'write', 0],
      ['done', 'write', 0],
    ]);
    expect(jobs.status(id)).toMatchObject({ state: 'done', phase: 'write', done: 0 });
  });

  it('cancels through the signal; the job ends cancelled with a Chinese and English message', async () => {
    const jobs = new JobRunner();
    const id = jobs.start('tiers.recompute', async ({ signal }) => {
      for (;;) await pause(signal);
    });
    expect(jobs.cancel('someone-else')).toBe(false);
    expect(jobs.cancel(id)).toBe(true);
    await jobs.idle();
    expect(jobs.status(id)).toMatchObject({
      state: 'cancelled',
      error: { code: 'CANCELLED', message: '已取消，数据保持原样。' },
    });
  });

  it('refuses a second job while one runs, and hides internal errors', async () => {
    const jobs = new JobRunner();
    let release: () => void = () => undefined;
    const id = jobs.start(
      'tiers.recompute',
      () => new Promise((_, reject) => (release = () => reject(new Error('SQLITE_IOERR at /secret/path')))),
    );
    expect(() => jobs.start('tiers.recompute', async () => 1)).toThrow(AppError);
    release();
    await jobs.idle();
    const status = jobs.status(id);
    expect(status).toMatchObject({ state: 'failed', error: { code: 'INTERNAL' } });
    expect(JSON.stringify(status)).not.toContain('/secret/path');
    expect(jobs.start('tiers.recompute', async () => 1)).toEqual(expect.any(String));
  });

  it('keeps a failing listener from breaking the job', async () => {
    const jobs = new JobRunner();
    jobs.subscribe(() => {
      throw new Error('renderer gone');
    });
    const id = jobs.start('tiers.recompute', async () => 'ok');
    await jobs.idle();
    expect(jobs.status(id)).toMatchObject({ state: 'done', result: 'ok' });
  });
});
