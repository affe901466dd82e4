/**
 * Complaint handling deadlines (docs/domain.md, "Complaints"; the PRC consumer-complaint rules of 2020). Pure.
 *
 * - The clock starts at acceptance (受理) and counts calendar days: the decision is due 15 days after it, 30 for a
 *   complex case; an approved extension adds up to 30 more, never beyond 60 days in all.
 * - Time spent on appraisal or a third party (a pause, from its first day to the day it is resumed) does not count:
 *   it moves the due date on by as many days. Pauses before acceptance or after the reply count for nothing; pauses
 *   that overlap count once. A pause not yet resumed counts up to the day asked about (the due date keeps moving).
 * - The reply (已答复) stops the clock: a complaint replied on or before its due date was handled on time.
 * - A review (复核) may be requested within 30 days of the reply (the 30th day included).
 */
import { addDays, daysBetween } from '../../../shared/month';

export const SIMPLE_DAYS = 15;
export const COMPLEX_DAYS = 30;
export const MAX_EXTENSION_DAYS = 30;
export const MAX_TOTAL_DAYS = 60;
export const REVIEW_WINDOW_DAYS = 30;

export interface ComplaintClock {
  /** 受理 date; null while only registered (no deadline yet). */
  acceptedDate: string | null;
  complex: boolean;
  /** Approved extension days in all (0–30). */
  extensionDays: number;
  /** Paused spans: `from` its first day, `to` the day it was resumed (null: still paused). */
  pauses: ReadonlyArray<{ from: string; to: string | null }>;
  /** 已答复 date; null until replied. */
  repliedDate: string | null;
}

export interface ComplaintDeadline {
  /** 15 or 30, plus the extension. */
  allowedDays: number;
  /** Days paused between acceptance and the reply (or `asOf`). */
  pausedDays: number;
  /** The last day to reply; null before acceptance. */
  dueDate: string | null;
  /** A pause not yet resumed. */
  paused: boolean;
  /** Days from `asOf` to the due date (negative when overdue); null before acceptance and once replied. */
  daysLeft: number | null;
  /** Past the due date without a reply, or replied after it. */
  overdue: boolean;
  /** Replied by the due date; null until replied. */
  onTime: boolean | null;
  /** Handling days so far (or in all, once replied), pauses excluded; null before acceptance. */
  handlingDays: number | null;
}

/** The days allowed: 15 or 30, plus the extension. */
export function allowedDays(complex: boolean, extensionDays: number): number {
  return (complex ? COMPLEX_DAYS : SIMPLE_DAYS) + extensionDays;
}

/**
 * Why an extension cannot be approved, or null when it can: more than 30 days of extensions in all, more than 60 days
 * in all, or none at all.
 */
export function extensionProblem(complex: boolean, currentExtensionDays: number, moreDays: number): string | null {
  if (!Number.isInteger(moreDays) || moreDays < 1) return '延期天数应为正整数';
  if (currentExtensionDays + moreDays > MAX_EXTENSION_DAYS)
    return `延期合计不能超过 ${MAX_EXTENSION_DAYS} 天（已延期 ${currentExtensionDays} 天）`;
  const total = allowedDays(complex, currentExtensionDays + moreDays);
  if (total > MAX_TOTAL_DAYS) return `办理期限合计不能超过 ${MAX_TOTAL_DAYS} 天（延期后为 ${total} 天）`;
  return null;
}

/** Days paused inside [start, end): overlapping spans once, an open span up to `end`. */
function pausedDaysWithin(pauses: ComplaintClock['pauses'], start: string, end: string): number {
  const spans = pauses
    .map((p) => ({ from: p.from < start ? start : p.from, to: p.to === null || p.to > end ? end : p.to }))
    .filter((p) => p.from < p.to)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let days = 0;
  let reached = start;
  for (const span of spans) {
    const from = span.from > reached ? span.from : reached;
    if (span.to > from) {
      days += daysBetween(from, span.to);
      reached = span.to;
    }
  }
  return days;
}

/**
 * How a replied complaint was handled: days from acceptance to the reply less the days paused, and whether that is
 * within the days allowed (the same as replying by the due date). Null until accepted and replied. Day numbers only,
 * no dates built: analyses run it for every complaint of a year.
 */
export function handlingOf(
  clock: ComplaintClock,
): { handlingDays: number; pausedDays: number; onTime: boolean } | null {
  if (clock.acceptedDate === null || clock.repliedDate === null) return null;
  const pausedDays =
    clock.pauses.length === 0 || clock.repliedDate <= clock.acceptedDate
      ? 0
      : pausedDaysWithin(clock.pauses, clock.acceptedDate, clock.repliedDate);
  const handlingDays = Math.max(0, daysBetween(clock.acceptedDate, clock.repliedDate) - pausedDays);
  return { handlingDays, pausedDays, onTime: handlingDays <= allowedDays(clock.complex, clock.extensionDays) };
}

/** Where a complaint stands against its deadline on `asOf` (YYYY-MM-DD). */
export function complaintDeadline(clock: ComplaintClock, asOf: string): ComplaintDeadline {
  const allowed = allowedDays(clock.complex, clock.extensionDays);
  const paused = clock.repliedDate === null && clock.pauses.some((p) => p.to === null);
  if (clock.acceptedDate === null) {
    return {
      allowedDays: allowed,
      pausedDays: 0,
      dueDate: null,
      paused,
      daysLeft: null,
      overdue: false,
      onTime: null,
      handlingDays: null,
    };
  }
  const handled = handlingOf(clock);
  if (handled) {
    const { handlingDays, pausedDays, onTime } = handled;
    return {
      allowedDays: allowed,
      pausedDays,
      dueDate: addDays(clock.acceptedDate, allowed + pausedDays),
      paused: false,
      daysLeft: null,
      overdue: !onTime,
      onTime,
      handlingDays,
    };
  }
  const pausedDays = asOf > clock.acceptedDate ? pausedDaysWithin(clock.pauses, clock.acceptedDate, asOf) : 0;
  const dueDate = addDays(clock.acceptedDate, allowed + pausedDays);
  const handlingDays = Math.max(0, daysBetween(clock.acceptedDate, asOf) - pausedDays);
  const daysLeft = daysBetween(asOf, dueDate);
  // A pause moves the due date with it, so the days left stand still while paused (and stay negative if overdue before).
  return {
    allowedDays: allowed,
    pausedDays,
    dueDate,
    paused,
    daysLeft,
    overdue: daysLeft < 0,
    onTime: null,
    handlingDays,
  };
}

/** The last day a review (复核) may be requested for a reply given on `repliedDate`. */
export function reviewDeadline(repliedDate: string): string {
  return addDays(repliedDate, REVIEW_WINDOW_DAYS);
}
