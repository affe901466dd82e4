/**
 * Per-manager figures credit the manager of record at each month's end (docs/domain.md, "Book history"): a book of
 * four, half of it handed over in month 3, checked for months 1–6 in every per-manager figure.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callAs, createTestContext, seedBranch, testSession } from '../../../tests/helpers/branch';
import { recomputeTiers } from '../tiers/tier-recompute';
import { insertAction } from '../retention/retention';
import { monthlySheets } from '../exports/templates/monthly';
import { WHOLE_BRANCH } from '../trust/access-scope';
import type { CellValue } from '../exports/report-writer';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { ExportRequest } from '../../../shared/schemas/exports';

const WAN = 1_000_000;
const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];
const TODAY = '2024-07-10';
const steady = Object.fromEntries(MONTHS.map((m) => [m, 100 * WAN]));
/** 0510004 falls below 白金 (50万) from month 4: in 观察 under its new manager. */
const falling = Object.fromEntries(MONTHS.map((m, i) => [m, i < 3 ? 100 * WAN : 40 * WAN]));

let ctx: ReturnType<typeof createTestContext>;
const branch = testSession('B01', 'branch_manager', '支行长');
const call = <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> =>
  callAs(ctx, branch, channel, input);

beforeEach(async () => {
  ctx = createTestContext();
  ctx.today = () => TODAY;
  seedBranch(
    ctx.store,
    [
      { customer_no: '0510001', name: '王芳', manager_code: 'M01', assets: steady },
      { customer_no: '0510002', name: '李强', manager_code: 'M01', assets: steady },
      { customer_no: '0510003', name: '赵敏', manager_code: 'M01', assets: steady },
      { customer_no: '0510004', name: '钱进', manager_code: 'M01', assets: falling },
      { customer_no: '0520001', name: '孙丽', manager_code: 'M02', assets: steady },
    ],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '吴敏', role: 'manager' },
      { code: 'B01', name: '支行长', role: 'branch_manager' },
    ],
  );
  await recomputeTiers(ctx.store.sqlite, TODAY);
  // Before the handover: 周文静 carried out an action for 赵敏, a complaint came in and 赵敏 answered a survey.
  insertAction(ctx.store.sqlite, {
    customer_id: 3,
    month: '2024-02',
    tier_code: 'T2',
    kind: 'phone',
    owner_code: 'M01',
    due_date: '2024-02-20',
    notes: null,
    risk_score: null,
    created_at: 'x',
    created_by: null,
  });
  ctx.store.sqlite.prepare("UPDATE retention_actions SET done_date = '2024-02-18'").run();
  const complaint = (receivedAt: string) =>
    call('complaints.register', {
      receivedAt,
      channel: 'phone',
      category: 'fee',
      customerNo: '0510003',
      involvedStaffCode: null,
      description: '收费不明',
      demand: null,
      severity: 'low',
      regulatorReferred: false,
    });
  await complaint('2024-02-05');
  await call('surveys.templates.save', { name: '满意度', questions: [{ kind: 'score', text: '总体满意度' }] });
  const survey = (date: string) =>
    call('surveys.respond', { templateId: 1, customerNo: '0510003', date, channel: 'phone', answers: [5] });
  await survey('2024-02-10');
  // 赵敏 and 钱进 go to 吴敏 from 15 March.
  ctx.today = () => '2024-03-20';
  await call('books.handover', {
    selection: { by: 'customers', customerNos: ['0510003', '0510004'] },
    toManagerCode: 'M02',
    effectiveDate: '2024-03-15',
    reason: 'balance',
  });
  ctx.today = () => TODAY;
  await complaint('2024-05-06');
  await survey('2024-05-10');
});
afterEach(() => ctx.store.close());

/** Months 1–6: 周文静 has all four until month 2, two from month 3; 吴敏 her one, then three. */
const BOOK = { M01: [4, 4, 2, 2, 2, 2], M02: [1, 1, 3, 3, 3, 3] };

describe('manager of record', () => {
  it('counts contact coverage by the book at each month end', async () => {
    const coverage = await call('workbench.coverage', { fromMonth: '2024-01', toMonth: '2024-06' });
    const customers = (code: string) =>
      coverage.managers.find((m) => m.managerCode === code)?.months.map((f) => f.customers);
    expect(customers('M01')).toEqual(BOOK.M01);
    expect(customers('M02')).toEqual(BOOK.M02);
    expect(coverage.branch.map((f) => f.customers)).toEqual(MONTHS.map(() => 5));
  });

  it('groups customers by manager as of each month', async () => {
    for (const [i, month] of MONTHS.entries()) {
      const report = await call('groups.report', { month, thresholdFen: 1, dimension: 'manager' });
      const count = (key: string) => report.rows.find((r) => r.key === key)?.count ?? 0;
      expect([month, count('M01'), count('M02')]).toEqual([month, BOOK.M01[i], BOOK.M02[i]]);
    }
  });

  it('breaks the two-period flows down by the manager at each end', async () => {
    const breakdown = await call('flows.breakdown', {
      fromMonth: '2024-02',
      toMonth: '2024-05',
      thresholdFen: 1,
      dimension: 'manager',
    });
    const counts = (key: string) => breakdown.rows.find((r) => r.key === key)?.counts;
    expect(counts('M01')).toMatchObject({ start: 4, retained: 2, end: 2 });
    expect(counts('M02')).toMatchObject({ start: 1, retained: 3, end: 3 });
    expect(breakdown.rows.find((r) => r.key === 'M02')?.label).toBe('吴敏');
  });

  it('credits 保级成效 to the book at the start month end, and actions to whoever carried them', async () => {
    const before = await call('retention.results', { fromMonth: '2024-02', toMonth: '2024-03' });
    expect(before.managers.find((m) => m.managerCode === 'M01')).toMatchObject({ actions: 1 });
    expect(before.managers.find((m) => m.managerCode === 'M02')?.actions ?? 0).toBe(0);
    const after = await call('retention.results', { fromMonth: '2024-04', toMonth: '2024-06' });
    expect(after.managers.find((m) => m.managerCode === 'M02')).toMatchObject({ inWatch: 1 });
    expect(after.managers.find((m) => m.managerCode === 'M01')?.inWatch ?? 0).toBe(0);
    // The monthly report's 保级成效 sheet says the same.
    const request = { template: 'monthly', month: '2024-05' } as ExportRequest;
    const sheets = await monthlySheets(ctx, request, WHOLE_BRANCH, '月报');
    const sheet = sheets.find((s) => s.spec.name === '保级成效');
    const rows = (sheet?.chunks as CellValue[][][] | undefined)?.flat() ?? [];
    expect(rows.find((r) => r[0] === 'M02')?.slice(0, 4)).toEqual(['M02', '吴敏', expect.any(Number), 1]);
  });

  it('counts complaints and survey answers by the manager at the end of their month', async () => {
    const complaints = await call('complaints.analysis', { fromMonth: '2024-01', toMonth: '2024-06' });
    const complained = (code: string) => complaints.byManager.find((m) => m.managerCode === code)?.count;
    expect([complained('M01'), complained('M02')]).toEqual([1, 1]);
    const surveys = await call('surveys.results', { fromMonth: '2024-01', toMonth: '2024-06' });
    const answered = (code: string) => surveys.byManager.find((m) => m.key === code)?.respondents;
    expect([answered('M01'), answered('M02')]).toEqual([1, 1]);
  });
});
