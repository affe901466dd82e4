import { describe, expect, it } from 'vitest';
import { complaintDeadline, extensionProblem, reviewDeadline, type ComplaintClock } from './complaint-deadline';

const clock = (over: Partial<ComplaintClock> = {}): ComplaintClock => ({
  acceptedDate: '2024-03-01',
  complex: false,
  extensionDays: 0,
  pauses: [],
  repliedDate: null,
  ...over,
});

describe('complaint deadlines (calendar days from acceptance)', () => {
  it.each([
    ['simple: 15 days', clock(), '2024-03-10', { dueDate: '2024-03-16', daysLeft: 6, overdue: false, handlingDays: 9 }],
    ['simple, on the due date', clock(), '2024-03-16', { dueDate: '2024-03-16', daysLeft: 0, overdue: false }],
    ['simple, a day late', clock(), '2024-03-17', { daysLeft: -1, overdue: true }],
    ['complex: 30 days', clock({ complex: true }), '2024-03-10', { allowedDays: 30, dueDate: '2024-03-31' }],
    [
      'complex with a 30-day extension: 60 days',
      clock({ complex: true, extensionDays: 30 }),
      '2024-03-10',
      { allowedDays: 60, dueDate: '2024-04-30' },
    ],
    [
      'simple with a 10-day extension',
      clock({ extensionDays: 10 }),
      '2024-03-10',
      { allowedDays: 25, dueDate: '2024-03-26' },
    ],
    ['leap year: 20 Feb + 15 = 6 Mar', clock({ acceptedDate: '2024-02-20' }), '2024-02-21', { dueDate: '2024-03-06' }],
    [
      'common year: 20 Feb + 15 = 7 Mar',
      clock({ acceptedDate: '2023-02-20' }),
      '2023-02-21',
      { dueDate: '2023-03-07' },
    ],
    [
      'a pause across a month end moves the due date',
      clock({ acceptedDate: '2024-01-20', pauses: [{ from: '2024-01-30', to: '2024-02-05' }] }),
      '2024-02-06',
      { pausedDays: 6, dueDate: '2024-02-10', daysLeft: 4 },
    ],
    [
      'a pause not yet resumed counts up to today; days left stand still',
      clock({ pauses: [{ from: '2024-03-05', to: null }] }),
      '2024-03-20',
      { pausedDays: 15, dueDate: '2024-03-31', daysLeft: 11, paused: true, overdue: false, handlingDays: 4 },
    ],
    [
      'overlapping pauses count once',
      clock({
        pauses: [
          { from: '2024-03-05', to: '2024-03-10' },
          { from: '2024-03-08', to: '2024-03-12' },
        ],
      }),
      '2024-03-20',
      { pausedDays: 7, dueDate: '2024-03-23' },
    ],
    [
      'time paused before acceptance does not count',
      clock({ pauses: [{ from: '2024-02-25', to: '2024-03-03' }] }),
      '2024-03-10',
      { pausedDays: 2, dueDate: '2024-03-18' },
    ],
    [
      'overdue before a pause stays overdue',
      clock({ pauses: [{ from: '2024-03-20', to: null }] }),
      '2024-03-25',
      { daysLeft: -4, overdue: true, paused: true },
    ],
    [
      'replied on the due date: on time, the clock stopped',
      clock({ repliedDate: '2024-03-16' }),
      '2024-05-01',
      { onTime: true, overdue: false, daysLeft: null, handlingDays: 15 },
    ],
    ['replied a day late', clock({ repliedDate: '2024-03-17' }), '2024-03-17', { onTime: false, overdue: true }],
    [
      'a pause after the reply counts for nothing',
      clock({ repliedDate: '2024-03-10', pauses: [{ from: '2024-03-12', to: null }] }),
      '2024-04-01',
      { pausedDays: 0, paused: false, handlingDays: 9 },
    ],
    [
      'registered only: no deadline yet',
      clock({ acceptedDate: null }),
      '2024-03-10',
      { dueDate: null, daysLeft: null, overdue: false, handlingDays: null },
    ],
  ] as const)('%s', (_name, input, asOf, expected) => {
    expect(complaintDeadline(input, asOf)).toMatchObject(expected);
  });

  it('approves extensions up to 30 days in all and 60 days of handling', () => {
    expect(extensionProblem(false, 0, 30)).toBeNull();
    expect(extensionProblem(true, 0, 30)).toBeNull();
    expect(extensionProblem(true, 20, 15)).toContain('延期合计不能超过 30 天（已延期 20 天）');
    expect(extensionProblem(false, 0, 31)).toContain('不能超过 30 天');
    expect(extensionProblem(false, 0, 0)).toContain('正整数');
  });

  it('allows a review within 30 days of the reply, the 30th day included', () => {
    expect(reviewDeadline('2024-03-01')).toBe('2024-03-31');
    expect(reviewDeadline('2024-01-31')).toBe('2024-03-01');
    expect(reviewDeadline('2023-01-31')).toBe('2023-03-02');
    expect(reviewDeadline('2024-12-15')).toBe('2025-01-14');
  });
});
