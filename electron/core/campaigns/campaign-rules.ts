/**
 * Campaign lists' pure rules (docs/domain.md, "Campaign lists"): the checks of a campaign, the customer-number
 * column of head office's list, the seeded hold-out, and the comparison of worked members with the hold-out.
 */
import { AppError } from '../../../shared/errors';
import { seededRandom } from '../../../shared/seeded-random';
import { MAX_HOLDOUT_SHARE } from '../../../shared/schemas/campaigns';

/** The headers head office's lists name the customer number by (compared without spaces, case-insensitive). */
const NUMBER_HEADERS = [
  '客户号',
  '客户编号',
  '客户号码',
  '客户代码',
  '核心客户号',
  '客户id',
  'customerno',
  'customer_no',
  'custno',
];

const squash = (header: string) => header.replace(/\s+/g, '').toLowerCase();

/** The index of the customer-number column among `headers`, or a refusal naming what was looked for. */
export function numberColumnOf(headers: readonly string[]): number {
  const squashed = headers.map(squash);
  for (const wanted of NUMBER_HEADERS) {
    const at = squashed.indexOf(wanted);
    if (at >= 0) return at;
  }
  throw new AppError(
    'VALIDATION',
    `名单中找不到客户号列（表头应为 ${NUMBER_HEADERS.slice(0, 4).join('、')} 之一）`,
    `The list has no customer-number column (a header such as 客户号 or customer_no)`,
    { field: 'source' },
  );
}

/** Refuses a period ending before it starts, a contact deadline outside it, a hold-out share outside 0–50 %. */
export function checkCampaign(c: {
  startDate: string;
  endDate: string;
  contactBy: string;
  holdoutShare: number;
}): void {
  if (c.endDate < c.startDate)
    throw new AppError(
      'VALIDATION',
      `活动结束日 ${c.endDate} 早于开始日 ${c.startDate}`,
      `The period ends (${c.endDate}) before it starts (${c.startDate})`,
      { field: 'endDate' },
    );
  if (c.contactBy < c.startDate || c.contactBy > c.endDate)
    throw new AppError('VALIDATION', '联系截止日应在活动期内', 'The contact deadline must fall within the period', {
      field: 'contactBy',
    });
  if (!Number.isFinite(c.holdoutShare) || c.holdoutShare < 0 || c.holdoutShare > MAX_HOLDOUT_SHARE)
    throw new AppError(
      'VALIDATION',
      `对照组比例应在 0–${MAX_HOLDOUT_SHARE * 100}% 之间`,
      `The hold-out share must be between 0 and ${MAX_HOLDOUT_SHARE * 100}%`,
      { field: 'holdoutShare' },
    );
}

/**
 * Each customer number named more than once, with its rows, in the order first met; `rowOf` gives the i-th number's
 * row in its sheet (1-based; by default its place in the list).
 */
export function duplicatesOf(
  customerNos: readonly string[],
  rowOf: (i: number) => number = (i) => i + 1,
): Array<{ customerNo: string; rows: number[] }> {
  const rows = new Map<string, number[]>();
  customerNos.forEach((no, i) => {
    const list = rows.get(no);
    if (list) list.push(rowOf(i));
    else rows.set(no, [rowOf(i)]);
  });
  return [...rows].filter(([, r]) => r.length > 1).map(([customerNo, r]) => ({ customerNo, rows: r }));
}

/** Refuses a list naming a customer twice, naming the first few with their rows. */
export function refuseDuplicates(customerNos: readonly string[], rowOf?: (i: number) => number): void {
  const twice = duplicatesOf(customerNos, rowOf);
  if (twice.length === 0) return;
  const shown = twice.slice(0, 3);
  throw new AppError(
    'VALIDATION',
    `名单中有 ${twice.length} 个客户号重复出现：${shown.map((d) => `${d.customerNo}（第 ${d.rows.join('、')} 行）`).join('；')}${twice.length > 3 ? ' 等' : ''}，请去重后再导入`,
    `${twice.length} customer numbers appear more than once: ${shown.map((d) => `${d.customerNo} (rows ${d.rows.join(', ')})`).join('; ')}`,
    { field: 'source', duplicates: twice.length },
  );
}

/**
 * Which of `count` members (by index) are held out: floor(count × share) of them (never more than the share), drawn by a Fisher–Yates shuffle
 * seeded with `seed`, so the same list, share and seed always hold out the same members.
 */
export function holdoutOf(count: number, share: number, seed: number): boolean[] {
  const held = new Array<boolean>(count).fill(false);
  const take = Math.floor(count * share + 1e-9);
  if (take === 0) return held;
  const order = Array.from({ length: count }, (_, i) => i);
  const next = seededRandom(seed);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(next() * (count - i));
    [order[i], order[j]] = [order[j], order[i]];
    held[order[i]] = true;
  }
  return held;
}

/** z for a two-sided 95 % interval. */
const Z95 = 1.959964;

export interface Interval {
  /** Worked less hold-out. */
  difference: number;
  low: number;
  high: number;
}

/** Difference of two proportions (x1/n1 − x2/n2) with its normal-approximation 95 % interval; null when a group is empty. */
export function proportionDifference(x1: number, n1: number, x2: number, n2: number): Interval | null {
  if (n1 === 0 || n2 === 0) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const wald = (a: number, m: number, b: number, n: number) =>
    Math.sqrt(((a / m) * (1 - a / m)) / m + ((b / n) * (1 - b / n)) / n);
  // Both proportions 0 or 1 leave the Wald interval no width, as if certain: then the Agresti–Caffo width (one
  // success and one failure added to each group).
  const se = wald(x1, n1, x2, n2) || wald(x1 + 1, n1 + 2, x2 + 1, n2 + 2);
  const difference = p1 - p2;
  return { difference, low: difference - Z95 * se, high: difference + Z95 * se };
}

/** Mean and variance (n − 1) of values, one pass (Welford). */
export function meanAndVariance(values: ArrayLike<number>): { n: number; mean: number; variance: number } {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    n += 1;
    const delta = values[i] - mean;
    mean += delta / n;
    m2 += delta * (values[i] - mean);
  }
  return { n, mean, variance: n > 1 ? m2 / (n - 1) : 0 };
}

/** Difference of two means with its normal-approximation 95 % interval (unequal variances); null when a group is empty. */
export function meanDifference(a: ArrayLike<number>, b: ArrayLike<number>): Interval | null {
  const x = meanAndVariance(a);
  const y = meanAndVariance(b);
  if (x.n === 0 || y.n === 0) return null;
  const se = Math.sqrt(x.variance / x.n + y.variance / y.n);
  const difference = x.mean - y.mean;
  return { difference, low: difference - Z95 * se, high: difference + Z95 * se };
}
