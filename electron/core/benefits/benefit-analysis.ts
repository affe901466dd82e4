/**
 * The benefits analysis (docs/domain.md, "Benefits"): per tier of a month, who is entitled to each benefit, who used
 * it in the calendar year to the month's end and how much of the quota, and who used none; each count's customers.
 */
import { AppError } from '../../../shared/errors';
import { lastDayOfMonth } from '../../../shared/month';
import {
  BENEFIT_LIST_LIMIT,
  type BenefitAnalysis,
  type BenefitAnalysisCustomers,
  type BenefitAnalysisCustomersQuery,
  type BenefitAnalysisQuery,
  type BenefitDef,
} from '../../../shared/schemas/benefits';
import { TIER_STATUSES } from '../../../shared/schemas/tiers';
import { findCustomerIdsOfManager, findCustomerNames } from '../customers/lookup';
import type { CoreContext } from '../platform/context';
import { rulesForMonth, tierSnapshotOf } from '../tiers/tiers';
import { catalogueFor, quotaOf } from './benefit-rules';
import { listBenefitCatalogues, readBenefitUseColumns } from './benefits-repository';

const WATCH = TIER_STATUSES.indexOf('watch');

interface Walk {
  from: string;
  to: string;
  tierCodes: string[];
  benefits: BenefitDef[];
  /**
   * Each customer in a tier that month (within the book when one is asked for): its id, the tier's index, the
   * benefits it is entitled to (indexes into `benefits`), and where its uses of each (in the year to the month's
   * end) start in `used` (the uses of benefit i at `at + i`).
   */
  each(visit: (id: number, tier: number, entitled: readonly number[], used: Int32Array, at: number) => void): void;
}

function walk(ctx: CoreContext, query: BenefitAnalysisQuery): Walk {
  const { sqlite } = ctx.store;
  const snapshot = tierSnapshotOf(ctx, query.month);
  if (!snapshot)
    throw new AppError('NOT_FOUND', `${query.month} 没有分层结果。`, `No tier results for ${query.month}.`, {
      field: 'month',
    });
  const benefits = catalogueFor(listBenefitCatalogues(sqlite), query.month)?.benefits ?? [];
  const from = `${query.month.slice(0, 4)}-01-01`;
  const to = lastDayOfMonth(query.month);
  // The year's uses per customer id and benefit, in one flat array (ids are dense; a use of a customer added since,
  // or of a benefit the month's catalogue lacks, counts nowhere).
  const width = Math.max(1, benefits.length);
  const { customerIds } = snapshot;
  const maxId = customerIds.length > 0 ? customerIds[customerIds.length - 1] : 0;
  const used = new Int32Array((maxId + 1) * width);
  const indexOf = new Map(benefits.map((b, i) => [b.code, i]));
  const columns = readBenefitUseColumns(sqlite, from, to);
  for (let u = 0; u < columns.customerIds.length; u++) {
    const b = indexOf.get(columns.codes[u]);
    const id = columns.customerIds[u];
    if (b !== undefined && id <= maxId) used[id * width + b] += columns.counts[u];
  }
  const book = query.managerCode ? new Set(findCustomerIdsOfManager(sqlite, query.managerCode)) : null;
  // Per tier index: which benefits it is entitled to, and which of those are kept during 观察.
  const byTier = snapshot.tierCodes.map((code) => {
    const all = benefits.flatMap((b, i) => (quotaOf(b, code) === undefined ? [] : [i]));
    return { all, inWatch: all.filter((i) => benefits[i].heldInWatch) };
  });
  return {
    from,
    to,
    tierCodes: snapshot.tierCodes,
    benefits,
    each(visit) {
      const { tier, status } = snapshot;
      for (let slot = 0; slot < customerIds.length; slot++) {
        const t = tier[slot];
        if (t < 0) continue;
        const id = customerIds[slot];
        if (book && !book.has(id)) continue;
        visit(id, t, status[slot] === WATCH ? byTier[t].inWatch : byTier[t].all, used, id * width);
      }
    },
  };
}

export function getBenefitAnalysis(ctx: CoreContext, query: BenefitAnalysisQuery): BenefitAnalysis {
  const w = walk(ctx, query);
  const names = new Map(rulesForMonth(ctx, query.month).tiers.map((t) => [t.code, t.name]));
  const tiers = w.tierCodes.map((code) => ({
    tierCode: code,
    tierName: names.get(code) ?? code,
    customers: 0,
    entitled: 0,
    neverUsed: 0,
    benefits: w.benefits.map((b) => ({
      code: b.code,
      name: b.name,
      entitled: 0,
      users: 0,
      uses: 0,
      quota: 0,
      quotaUsedShare: null as number | null,
    })),
  }));
  // Each tier's yearly quota of each benefit (0 for unlimited or none), looked up once.
  const quotas = tiers.map((row) => w.benefits.map((b) => quotaOf(b, row.tierCode) ?? 0));
  w.each((_id, t, entitled, used, at) => {
    const row = tiers[t];
    row.customers += 1;
    if (entitled.length === 0) return;
    row.entitled += 1;
    let usedAny = false;
    for (const i of entitled) {
      const figure = row.benefits[i];
      figure.entitled += 1;
      figure.quota += quotas[t][i];
      const n = used[at + i];
      if (n > 0) {
        usedAny = true;
        figure.users += 1;
        figure.uses += n;
      }
    }
    if (!usedAny) row.neverUsed += 1;
  });
  for (const row of tiers)
    for (const figure of row.benefits) figure.quotaUsedShare = figure.quota > 0 ? figure.uses / figure.quota : null;
  // Highest tier first, as every table shows them.
  return { month: query.month, from: w.from, to: w.to, tiers: tiers.reverse() };
}

/** The customers behind one count of the analysis, most uses first, at most `BENEFIT_LIST_LIMIT`. */
export function listBenefitAnalysisCustomers(
  ctx: CoreContext,
  query: BenefitAnalysisCustomersQuery,
): BenefitAnalysisCustomers {
  const w = walk(ctx, query);
  const wantedTier = w.tierCodes.indexOf(query.tierCode);
  const benefit = query.benefitCode === undefined ? -1 : w.benefits.findIndex((b) => b.code === query.benefitCode);
  if (query.count !== 'neverUsed' && benefit < 0)
    throw new AppError('VALIDATION', '请指定权益。', 'Name the benefit.', { field: 'benefitCode' });
  const found: Array<{ id: number; uses: number }> = [];
  w.each((id, t, entitled, used, at) => {
    if (t !== wantedTier || entitled.length === 0) return;
    if (query.count === 'neverUsed') {
      if (entitled.every((i) => used[at + i] === 0)) found.push({ id, uses: 0 });
      return;
    }
    if (!entitled.includes(benefit)) return;
    const n = used[at + benefit];
    if (query.count === 'entitled' || n > 0) found.push({ id, uses: n });
  });
  found.sort((a, b) => b.uses - a.uses || a.id - b.id);
  const shown = found.slice(0, BENEFIT_LIST_LIMIT);
  const people = findCustomerNames(
    ctx.store.sqlite,
    shown.map((f) => f.id),
  );
  return {
    total: found.length,
    rows: shown.flatMap((f) => {
      const p = people.get(f.id);
      return p ? [{ ...p, uses: f.uses }] : [];
    }),
  };
}
