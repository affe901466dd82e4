/**
 * Campaign lists (docs/domain.md, "Campaign lists"): head office's 20,000-member list (an xlsx of its own columns,
 * a hundred numbers outside the branch) read, assigned by book and held out 10 % end to end; a 客户经理's campaign
 * page through dispatch (their book's members, the first page); the comparison of the worked members with the
 * hold-out. Inside a transaction rolled back after.
 */
import { performance } from 'node:perf_hooks';
import { campaignResult, createCampaign } from '../electron/core/campaigns/campaigns';
import type { CoreContext } from '../electron/core/platform/context';
import { xlsxFile } from '../tests/fixtures/spreadsheets';
import { addMonths } from '../shared/month';

export const CAMPAIGN_MEMBERS = 20_000;

export interface CampaignsMeasure {
  members: number;
  /** The list read, assigned and written (ms). */
  importMs: number;
  /** The manager's page, each call timed (ms). */
  pageSamples: number[];
  /** The comparison, each call timed (ms). */
  resultSamples: number[];
  /** Counting the manager's members (ms, best of a few): the page's floor. */
  floor: number;
}

export async function measureCampaigns(
  ctx: CoreContext,
  month: string,
  times: number,
  callPage: (managerCode: string, campaignId: number) => Promise<unknown>,
): Promise<CampaignsMeasure> {
  const { sqlite } = ctx.store;
  // Every fifth customer of the branch, then a hundred numbers head office knows and the branch does not.
  const numbers = sqlite
    .prepare('SELECT customer_no FROM customers WHERE id % 5 = 0 ORDER BY id LIMIT ?')
    .pluck()
    .all(CAMPAIGN_MEMBERS - 100) as string[];
  for (let i = 0; numbers.length < CAMPAIGN_MEMBERS; i++) numbers.push(`HO${String(i).padStart(8, '0')}`);
  const rows: unknown[][] = [['序号', '客户姓名', '客户号', '证件号码', '推荐产品', '总行备注']];
  numbers.forEach((no, i) =>
    rows.push([i + 1, '客户', no, `11010119900101${String(i % 10_000).padStart(4, '0')}`, '稳健理财', '']),
  );
  const file = xlsxFile([{ name: '名单', rows }]);
  const manager = sqlite
    .prepare(
      'SELECT manager_code FROM customers WHERE manager_code IS NOT NULL AND id % 5 = 0 GROUP BY manager_code ORDER BY count(*) DESC LIMIT 1',
    )
    .pluck()
    .get() as string;
  sqlite.exec('BEGIN');
  try {
    const start = performance.now();
    const token = ctx.uploads.put('总行名单.xlsx', file).token;
    const created = await createCampaign(ctx, {
      name: '基准名单',
      goalKind: 'aum',
      startDate: `${month}-01`,
      endDate: ctx.today(),
      holdoutShare: 0.1,
      seed: 1,
      source: { by: 'file', fileToken: token },
      staffCode: null,
    });
    const importMs = performance.now() - start;
    // Measured a month on: the list's baseline moved back a month, so the comparison reads two months' results.
    sqlite
      .prepare('UPDATE campaigns SET baseline_month = ? WHERE id = ?')
      .run(addMonths(month, -1), created.campaignId);
    let floor = Infinity;
    for (let i = 0; i < 3; i++) {
      const at = performance.now();
      sqlite
        .prepare(
          'SELECT count(*) FROM campaign_members m JOIN customers c ON c.id = m.customer_id WHERE m.campaign_id = ? AND c.manager_code = ?',
        )
        .get(created.campaignId, manager);
      floor = Math.min(floor, performance.now() - at);
    }
    await callPage(manager, created.campaignId); // the warm-up
    const pageSamples: number[] = [];
    for (let i = 0; i < times; i++) {
      const at = performance.now();
      await callPage(manager, created.campaignId);
      pageSamples.push(performance.now() - at);
    }
    campaignResult(ctx, created.campaignId); // the warm-up: the months' tier results decoded once
    const resultSamples: number[] = [];
    for (let i = 0; i < Math.min(times, 20); i++) {
      const at = performance.now();
      campaignResult(ctx, created.campaignId);
      resultSamples.push(performance.now() - at);
    }
    return { members: created.members, importMs, pageSamples, resultSamples, floor };
  } finally {
    sqlite.exec('ROLLBACK');
    ctx.cache.clear();
  }
}
