/**
 * The benefits analysis over the branch (docs/domain.md, "Benefits"): a catalogue of six benefits and a year of uses
 * (one customer in four using something, a few times each), inside a transaction rolled back after. Measured: the
 * analysis of the data month (nothing kept between calls), against reading the year's uses (as the analysis reads them) as the floor.
 */
import { performance } from 'node:perf_hooks';
import { getBenefitAnalysis } from '../electron/core/benefits/benefit-analysis';
import { saveBenefitCatalogueOf } from '../electron/core/benefits/benefits';
import { readBenefitUseColumns } from '../electron/core/benefits/benefits-repository';
import type { CoreContext } from '../electron/core/platform/context';
import { rulesForMonth } from '../electron/core/tiers/tiers';
import type { BenefitDef } from '../shared/schemas/benefits';
import { lastDayOfMonth } from '../shared/month';

const BENEFITS = ['机场贵宾厅', '体检', '道路救援', '专属理财顾问', '费用减免', '生日礼遇'];

export interface BenefitsMeasure {
  uses: number;
  /** The analysis, each call timed (ms). */
  samples: number[];
  /** Reading the year's uses as the analysis does (ms, best of a few). */
  floor: number;
}

export async function measureBenefits(ctx: CoreContext, month: string, times: number): Promise<BenefitsMeasure> {
  const { sqlite } = ctx.store;
  const tiers = rulesForMonth(ctx, month).tiers.map((t) => t.code);
  sqlite.exec('BEGIN');
  try {
    const benefits: BenefitDef[] = BENEFITS.map((name, b) => ({
      code: `B${b}`,
      name,
      yearBasis: b % 2 === 0 ? 'calendar' : 'anniversary',
      heldInWatch: b % 3 !== 0,
      // The higher tiers get more; the lowest (and, for some benefits, the next) none.
      quotas: tiers.flatMap((code, i) => (i <= b % 3 ? [] : [{ tierCode: code, perYear: b === 3 ? null : i * 2 }])),
    }));
    saveBenefitCatalogueOf(ctx, { validFrom: `${month.slice(0, 4)}-01`, benefits }, null);
    const ids = sqlite.prepare('SELECT id FROM customers').pluck().all() as number[];
    const use = sqlite.prepare(
      "INSERT INTO benefit_uses (customer_id, benefit_code, used_date, count, created_at) VALUES (?, ?, ?, ?, '')",
    );
    const days = Number(lastDayOfMonth(month).slice(8));
    let uses = 0;
    for (const id of ids) {
      if (id % 4 !== 0) continue;
      for (let k = 0; k < 1 + (id % 5); k++) {
        const m = 1 + ((id + k) % Number(month.slice(5, 7)));
        const date = `${month.slice(0, 4)}-${String(m).padStart(2, '0')}-${String(1 + ((id * 7 + k) % days)).padStart(2, '0')}`;
        use.run(id, `B${(id + k) % BENEFITS.length}`, date, 1 + (k % 2));
        uses += 1;
      }
    }
    let floor = Infinity;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      readBenefitUseColumns(sqlite, `${month.slice(0, 4)}-01-01`, lastDayOfMonth(month));
      floor = Math.min(floor, performance.now() - start);
    }
    getBenefitAnalysis(ctx, { month }); // the warm-up: the month's tier results decoded once, as the screens have them
    const samples: number[] = [];
    for (let i = 0; i < times; i++) {
      const start = performance.now();
      getBenefitAnalysis(ctx, { month });
      samples.push(performance.now() - start);
    }
    return { uses, samples, floor };
  } finally {
    sqlite.exec('ROLLBACK');
    ctx.cache.clear();
  }
}
