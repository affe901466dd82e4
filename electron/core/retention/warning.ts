/**
 * The early-warning model for downgrade prevention (docs/domain.md, "Downgrade warnings and retention"). Pure and configurable
 * (`WarningSettings`); each signal gives `weight × strength`, strength clamped to 0–1:
 *
 * | signal    | strength                                                                                       |
 * | --------- | ---------------------------------------------------------------------------------------------- |
 * | gap       | position p = (月日均 − threshold) / threshold: (margin − p) / (margin + gapFull); 0 at the top of  |
 * |           | the watched margin, 1 at a gap of gapFull below the threshold                                  |
 * | months    | months below / the tier's grace months (0 when the tier has no grace)                          |
 * | trend     | fall of 月日均 since three months before / trendFull (a rise gives 0)                            |
 * | maturity  | (maturing within 30 days + half of 31–60 days) / 月日均 / maturityFull                          |
 * | outflow   | fall on last month / outflowFull, only when the fall is at least outflowMin                    |
 * | complaint | 1 with an open complaint                                                                       |
 * | survey    | (4 − last CSAT score 1–5) / 2: 1 at a score of 2 or less, ½ at 3, 0 at 4–5                      |
 * | contact   | days since last contact / the tier's standard − 1: 0 on time, 1 at twice the standard or never |
 *
 * The score is the sum, rounded and capped at 100; level 高 at ≥ highScore, 中 at ≥ mediumScore, else 低.
 * The amount needed is what 月日均 must rise by this month to reach the threshold, exact to the 分.
 */
import type { WarningLevel, WarningReason, WarningSettings } from '../../../shared/schemas/retention';

export interface WarningInput {
  /** The threshold of the tier to hold, in 分 (> 0). */
  thresholdFen: number;
  /** This month's 月日均, in 分. */
  aumFen: number;
  /**
   * What the tier is held by when not the 月日均 itself: for a member their household may carry, the larger of their
   * own and the household's (docs/domain.md, "Households"). The gap and the amount needed are measured from it.
   */
  holdFen?: number;
  /** Consecutive months below the threshold, including this one; and the tier's grace. */
  monthsBelow: number;
  graceMonths: number;
  /** 月日均 of last month and of three months before (null = no data). */
  previousAumFen: number | null;
  threeMonthsAgoAumFen: number | null;
  threeMonthsAgo: string;
  /** Amounts maturing within 30 days, and within 31–60 days, in 分. */
  maturing30Fen: number;
  maturing60Fen: number;
  /** Open complaints, and the last survey's CSAT score 1–5 (null = none on record). */
  openComplaints: number;
  lastSurveyScore: number | null;
  /** Days since the last contact (null = never), and the tier's standard (null = the tier has none). */
  daysSinceContact: number | null;
  contactStandardDays: number | null;
}

export interface Warning {
  score: number;
  level: WarningLevel;
  /** Strongest first; only signals that scored. */
  reasons: WarningReason[];
  amountNeededFen: number;
}

const clamp01 = (x: number) => (x <= 0 || Number.isNaN(x) ? 0 : x >= 1 ? 1 : x);
const round1 = (x: number) => Math.round(x * 10) / 10;

export function assessWarning(input: WarningInput, settings: WarningSettings): Warning {
  const w = settings.weights;
  const reasons: WarningReason[] = [];
  let points = 0;
  const { thresholdFen: threshold, aumFen: aum } = input;
  const held = input.holdFen ?? aum;

  const position = (held - threshold) / threshold;
  points = w.gap * clamp01((settings.marginShare - position) / (settings.marginShare + settings.gapFullShare));
  if (points > 0)
    reasons.push({
      signal: 'gap',
      points: round1(points),
      gapFen: threshold - held,
      share: round1(-position * 100) / 100,
    });

  if (input.graceMonths > 0 && input.monthsBelow > 0) {
    points = w.months * clamp01(input.monthsBelow / input.graceMonths);
    if (points > 0)
      reasons.push({
        signal: 'months',
        points: round1(points),
        monthsBelow: input.monthsBelow,
        graceMonths: input.graceMonths,
      });
  }
  const before = input.threeMonthsAgoAumFen;
  if (before !== null && before > 0) {
    const fall = (before - aum) / before;
    points = w.trend * clamp01(fall / settings.trendFullShare);
    if (points > 0)
      reasons.push({
        signal: 'trend',
        points: round1(points),
        share: -round1(fall * 100) / 100,
        fromMonth: input.threeMonthsAgo,
      });
  }
  if (input.maturing30Fen + input.maturing60Fen > 0) {
    const maturing = (input.maturing30Fen + input.maturing60Fen / 2) / Math.max(aum, 1);
    points = w.maturity * clamp01(maturing / settings.maturityFullShare);
    if (points > 0)
      reasons.push({
        signal: 'maturity',
        points: round1(points),
        within30Fen: input.maturing30Fen,
        within60Fen: input.maturing60Fen,
      });
  }
  const previous = input.previousAumFen;
  if (previous !== null && previous > 0) {
    const fall = (previous - aum) / previous;
    points = fall >= settings.outflowMinShare ? w.outflow * clamp01(fall / settings.outflowFullShare) : 0;
    if (points > 0)
      reasons.push({
        signal: 'outflow',
        points: round1(points),
        amountFen: previous - aum,
        share: round1(fall * 100) / 100,
      });
  }
  if (input.openComplaints > 0 && w.complaint > 0)
    reasons.push({ signal: 'complaint', points: round1(w.complaint), open: input.openComplaints });
  if (input.lastSurveyScore !== null) {
    points = w.survey * clamp01((4 - input.lastSurveyScore) / 2);
    if (points > 0) reasons.push({ signal: 'survey', points: round1(points), score: input.lastSurveyScore });
  }
  if (input.contactStandardDays !== null) {
    const overdue = input.daysSinceContact === null ? 1 : input.daysSinceContact / input.contactStandardDays - 1;
    points = w.contact * clamp01(overdue);
    if (points > 0)
      reasons.push({
        signal: 'contact',
        points: round1(points),
        days: input.daysSinceContact,
        standardDays: input.contactStandardDays,
      });
  }

  let total = 0;
  for (const r of reasons) total += r.points;
  if (reasons.length > 1) reasons.sort((a, b) => b.points - a.points);
  const score = Math.min(100, Math.round(total));
  const level: WarningLevel = score >= settings.highScore ? 'high' : score >= settings.mediumScore ? 'medium' : 'low';
  return { score, level, reasons, amountNeededFen: Math.max(0, threshold - held) };
}
