import { afterEach, describe, expect, it } from 'vitest';
import { paperCaseFiles } from '../../../tests/fixtures/paper-case';
import { createTestContext } from '../../../tests/helpers/branch';
import { importFiles } from '../../../tests/helpers/imports';
import { getFlowReport } from './flows';

let ctx: ReturnType<typeof createTestContext>;
afterEach(() => ctx.store.close());

describe('the 2011 paper case, from raw monthly files through the importer', () => {
  it('reproduces the paper’s two-period table', async () => {
    ctx = createTestContext();
    for (const file of paperCaseFiles()) await importFiles(ctx, [file]);

    const report = getFlowReport(ctx, { fromMonth: '2011-01', toMonth: '2011-05', thresholdFen: 500 * 1_000_000 });
    const WAN = 1_000_000; // 1万元 in 分
    const g = report.groups;
    expect(g.start.count).toBe(72);
    expect(g.start.aumAFen).toBe(58_500 * WAN);
    expect((g.start.aumAFen as number) / g.start.count).toBe(812.5 * WAN);
    expect(g.end.count).toBe(150);
    expect(g.end.aumBFen).toBe(151_200 * WAN);
    expect(g.retained.count).toBe(39);
    expect(g.lost.count).toBe(33);
    expect(g.lostDown.count).toBe(25);
    expect(g.lostChurned.count).toBe(8);
    expect(g.new.count).toBe(111);
    expect(g.newOpened.count).toBe(14);
    expect(g.newUp.count).toBe(97);
    expect(report.net).toEqual({ count: 78, aumFen: 92_700 * WAN });
    expect(g.viaWealth.count).toBe(44);
    expect(report.viaWealthRiseFen).toBe(30_800 * WAN);
    expect(report.renumbered).toEqual([]);
  });
});
