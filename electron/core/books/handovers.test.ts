import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, seedBranch, TEST_TODAY } from '../../../tests/helpers/branch';
import { importFiles } from '../../../tests/helpers/imports';
import { undoLatestImport } from '../imports/imports';
import { xlsxFile } from '../../../tests/fixtures/spreadsheets';
import type { HandoverRequest } from '../../../shared/schemas/books';
import { getCustomerCard } from '../customers/customers';
import { insertAction } from '../retention/retention';
import { recomputeTiers } from '../tiers/tier-recompute';
import { saveSegment } from '../segments/saved-segments';
import { applyDueHandovers, handOver, listHandovers, previewHandover, undoHandover } from './handovers';
import { handoverSheets } from '../exports/templates/handover';
import type { ExportRequest } from '../../../shared/schemas/exports';
import type { CellValue } from '../exports/report-writer';
import type { ReportSheet } from '../exports/write-report';

let ctx: ReturnType<typeof createTestContext>;
beforeEach(async () => {
  ctx = createTestContext(); // today is 2024-04-10
  seedBranch(
    ctx.store,
    [
      { customer_no: '0510001', name: '王芳', manager_code: 'M01', assets: { '2024-03': 1_000_000_00 } },
      { customer_no: '0510002', name: '李强', manager_code: 'M01', assets: { '2024-03': 30_000_00 } },
      { customer_no: '0510003', name: '赵敏', manager_code: 'M02', assets: { '2024-03': 50_000_00 } },
    ],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '吴敏', role: 'manager' },
      { code: 'T01', name: '柜员甲', role: 'teller' },
    ],
  );
  await recomputeTiers(ctx.store.sqlite, TEST_TODAY);
  insertAction(ctx.store.sqlite, {
    customer_id: 1,
    month: '2024-03',
    tier_code: 'T2',
    kind: 'phone',
    owner_code: 'M01',
    due_date: '2024-04-20',
    notes: null,
    risk_score: null,
    created_at: 'x',
    created_by: null,
  });
});
afterEach(() => ctx.store.close());

const request = (over: Partial<HandoverRequest> = {}): HandoverRequest => ({
  selection: { by: 'book', managerCode: 'M01' },
  toManagerCode: 'M02',
  effectiveDate: TEST_TODAY,
  reason: 'leave',
  transitionDays: 30,
  staffCode: 'B01',
  ...over,
});
/** A small sheet's rows (its one chunk). */
const rowsOf = (sheet: ReportSheet) => (sheet.chunks as CellValue[][][])[0];
const managers = () =>
  ctx.store.sqlite.prepare('SELECT customer_no, manager_code FROM customers ORDER BY id').raw().all();
const actionOwner = () => ctx.store.sqlite.prepare('SELECT owner_code FROM retention_actions').pluck().get();

describe('handovers (管户交接)', () => {
  it('previews a whole book with its 月日均, tiers and what goes with each customer', () => {
    const preview = previewHandover(ctx, request());
    expect(preview.month).toBe('2024-03');
    expect(preview.customers.map((c) => [c.customerNo, c.fromManagerCode, c.aumFen, c.openActions])).toEqual([
      ['0510001', 'M01', 1_000_000_00, 1],
      ['0510002', 'M01', 30_000_00, 0],
    ]);
    expect(preview.customers[0].tierName).not.toBeNull();
    expect(preview.totals).toMatchObject({ customers: 2, aumFen: 1_030_000_00, openActions: 1 });
    expect(managers()).toEqual([
      ['0510001', 'M01'],
      ['0510002', 'M01'],
      ['0510003', 'M02'],
    ]);
  });

  it('moves the customers and their open actions in one go, keeps the history, audits it, and undo takes it all back', async () => {
    expect(handOver(ctx, request({ note: '调往总行' }))).toMatchObject({ customers: 2 });
    expect(managers()).toEqual([
      ['0510001', 'M02'],
      ['0510002', 'M02'],
      ['0510003', 'M02'],
    ]);
    expect(actionOwner()).toBe('M02');
    const history = (await getCustomerCard(ctx, '0510001')).managerHistory;
    expect(history.map((p) => [p.managerCode, p.from, p.to, p.source, p.reason])).toEqual([
      ['M01', '2024-03-01', '2024-04-09', 'first', null],
      ['M02', TEST_TODAY, null, 'handover', 'leave'],
    ]);
    const audit = ctx.store.sqlite
      .prepare("SELECT actor, target, detail FROM audit_log WHERE action = 'books.handover'")
      .get() as { actor: string; target: string; detail: string };
    expect(audit).toMatchObject({ actor: 'B01', target: 'M02' });
    expect(JSON.parse(audit.detail)).toMatchObject({ customers: 2, from: ['M01'], reason: '离职', note: '调往总行' });

    const [latest] = listHandovers(ctx).handovers;
    expect(latest).toMatchObject({ toManagerCode: 'M02', toManagerName: '吴敏', customers: 2, canUndo: true });
    undoHandover(ctx, { handoverId: latest.id, staffCode: 'B01' });
    expect(managers()).toEqual([
      ['0510001', 'M01'],
      ['0510002', 'M01'],
      ['0510003', 'M02'],
    ]);
    expect(actionOwner()).toBe('M01');
    expect((await getCustomerCard(ctx, '0510001')).managerHistory).toHaveLength(1);
    expect(listHandovers(ctx).handovers[0]).toMatchObject({ canUndo: false, undoneAt: expect.any(String) });
    // An undone handover has no list to sign.
    const undone = { template: 'handover', month: '2024-03', handoverId: latest.id } as ExportRequest;
    expect(() => handoverSheets(ctx, undone, 'T')).toThrow(/已撤销/);
  });

  it('lists a handover for both managers to sign (交接清单): its customers with what they carry, and the signatures', () => {
    const { handoverId } = handOver(ctx, request({ note: '调往总行' }));
    const request_ = { template: 'handover', month: '2024-03', handoverId } as ExportRequest;
    const [customers, signing] = handoverSheets(ctx, request_, '太湖支行 交接清单');
    expect(customers.spec.title).toBe(`太湖支行 交接清单 交接编号 ${handoverId}`);
    expect(rowsOf(customers)).toEqual([
      ['0510001', '王芳', '周文静（M01）', expect.any(String), 1_000_000_00, 1, 0, 0, 0],
      ['0510002', '李强', '周文静（M01）', expect.any(String), 30_000_00, 0, 0, 0, 0],
    ]);
    expect(Object.fromEntries(rowsOf(signing) as Array<[string, string]>)).toMatchObject({
      原因: '离职',
      备注: '调往总行',
      原客户经理: '周文静（M01）',
      接手客户经理: '吴敏（M02）',
      客户数: '2',
      '月日均合计（2024-03）': '103.00万',
      交出客户经理签字: '',
    });
    // No handover named: the latest; an unknown one is refused.
    expect(rowsOf(handoverSheets(ctx, { ...request_, handoverId: undefined }, 'T')[0])).toHaveLength(2);
    expect(() => handoverSheets(ctx, { ...request_, handoverId: 99 }, 'T')).toThrow(/没有编号为 99 的交接/);
  });

  it('takes a saved segment as of a month: the customers it selects then', async () => {
    const { id } = await saveSegment(ctx, {
      name: '大额',
      filter: { aumMinFen: 500_000_00 },
      replace: false,
      staffCode: 'B01',
    });
    const preview = previewHandover(
      ctx,
      request({ selection: { by: 'segment', savedSegmentId: id, month: '2024-03' } }),
    );
    expect(preview.customers.map((c) => c.customerNo)).toEqual(['0510001']);
  });

  it('and imports are undone newest first across both: an import is not undone over a handover made after it', async () => {
    await importFiles(ctx, [
      {
        name: '客户信息.xlsx',
        bytes: xlsxFile([
          {
            name: '客户信息',
            rows: [
              ['客户号', '客户名称', '手机号'],
              ['0510001', '王芳', '13800138000'],
            ],
          },
        ]),
      },
    ]);
    const { handoverId } = handOver(ctx, request({ selection: { by: 'customers', customerNos: ['0510001'] } }));
    await expect(undoLatestImport(ctx, 'B01')).rejects.toThrow(/这次导入之后已有管户交接（编号 \d+）/);
    expect(managers()[0]).toEqual(['0510001', 'M02']);
    undoHandover(ctx, { handoverId, staffCode: 'B01' });
    await undoLatestImport(ctx, 'B01');
    expect(managers()[0]).toEqual(['0510001', 'M01']);
  });

  it('cannot be undone once a customer of it has moved again (here by a book assignment file)', async () => {
    const { handoverId } = handOver(ctx, request({ selection: { by: 'customers', customerNos: ['0510002'] } }));
    await importFiles(ctx, [
      {
        name: '管户.xlsx',
        bytes: xlsxFile([
          {
            name: '管户关系',
            rows: [
              ['客户号', '客户名称', '客户经理工号', '客户经理'],
              ['0510002', '李强', 'M01', '周文静'],
            ],
          },
        ]),
      },
    ]);
    expect(listHandovers(ctx).handovers[0].canUndo).toBe(false);
    expect(() => undoHandover(ctx, { handoverId, staffCode: 'B01' })).toThrow(/只能撤销最近一次交接/);
  });

  it.each([
    [{ toManagerCode: 'T01' }, /不是在岗的客户经理或支行长/],
    [{ toManagerCode: 'X99' }, /不是在岗的客户经理或支行长/],
    [{ effectiveDate: '2024-05-12' }, /交接生效日最晚为 2024-05-11（今天起 31 天内）/],
    [{ selection: { by: 'book' as const, managerCode: 'M02' } }, /没有需要交接的客户/],
    [{ selection: { by: 'customers' as const, customerNos: ['0510001', '0519999'] } }, /客户号 0519999 不在客户名单中/],
  ])('refuses %j, writing nothing', (over, message) => {
    expect(() => previewHandover(ctx, request(over))).toThrow(message);
    expect(() => handOver(ctx, request(over))).toThrow(message);
    expect(ctx.store.sqlite.prepare('SELECT count(*) FROM handovers').pluck().get()).toBe(0);
  });

  it('refuses a commit whose selection changed since its preview', () => {
    const { totals } = previewHandover(ctx, request());
    ctx.store.sqlite.prepare("UPDATE customers SET manager_code = 'M01' WHERE customer_no = '0510003'").run();
    expect(() => handOver(ctx, request({ previewed: totals.customers }))).toThrow(
      /预览后所选客户有变化（预览 2 位，现在 3 位）/,
    );
    expect(handOver(ctx, request({ previewed: 3 }))).toMatchObject({ customers: 3 });
  });

  it('keeps a handover dated ahead until its day, then moves the customers and their actions; undone before, nothing moved', async () => {
    const { handoverId } = handOver(ctx, request({ effectiveDate: '2024-04-15' }));
    expect(managers()).toEqual([
      ['0510001', 'M01'],
      ['0510002', 'M01'],
      ['0510003', 'M02'],
    ]);
    expect(listHandovers(ctx).handovers[0]).toMatchObject({ scheduled: true, canUndo: true });
    // The card already shows the move to come.
    const card = await getCustomerCard(ctx, '0510001');
    expect(card.managerHistory.map((p) => [p.managerCode, p.from])).toEqual([
      ['M01', '2024-03-01'],
      ['M02', '2024-04-15'],
    ]);
    // A customer moved meanwhile by an import: on the day, the move starts from the manager it has then.
    ctx.store.sqlite
      .prepare("INSERT INTO staff (code, name, role, active, created_at) VALUES ('M03', '陈立', 'manager', 1, 'x')")
      .run();
    ctx.store.sqlite.prepare("UPDATE customers SET manager_code = 'M03' WHERE customer_no = '0510002'").run();
    applyDueHandovers(ctx);
    expect(managers()[0]).toEqual(['0510001', 'M01']);

    ctx.today = () => '2024-04-15';
    applyDueHandovers(ctx);
    expect(managers()).toEqual([
      ['0510001', 'M02'],
      ['0510002', 'M02'],
      ['0510003', 'M02'],
    ]);
    expect(ctx.store.sqlite.prepare('SELECT owner_code FROM retention_actions').pluck().all()).toEqual(['M02']);
    expect(
      ctx.store.sqlite
        .prepare('SELECT from_code FROM manager_changes WHERE handover_id = ? ORDER BY customer_id')
        .pluck()
        .all(handoverId),
    ).toEqual(['M01', 'M03']);
    expect(
      ctx.store.sqlite.prepare("SELECT actor, detail FROM audit_log WHERE action = 'books.handoverApplied'").all(),
    ).toEqual([{ actor: null, detail: JSON.stringify({ handoverId, customers: 2 }) }]);
    expect(listHandovers(ctx).handovers[0].scheduled).toBe(false);
    applyDueHandovers(ctx); // once only
    expect(
      ctx.store.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'books.handoverApplied'").pluck().get(),
    ).toBe(1);

    // Dated ahead and undone before its day: nobody moves, ever.
    const ahead = handOver(
      ctx,
      request({ toManagerCode: 'M01', selection: { by: 'book', managerCode: 'M02' }, effectiveDate: '2024-04-20' }),
    );
    undoHandover(ctx, { handoverId: ahead.handoverId, staffCode: 'B01' });
    ctx.today = () => '2024-04-21';
    applyDueHandovers(ctx);
    expect((managers() as string[][]).map((m) => m[1])).toEqual(['M02', 'M02', 'M02']);
  });

  it('refuses a day before a customer last moved', () => {
    handOver(ctx, request({ selection: { by: 'customers', customerNos: ['0510001'] } }));
    expect(() =>
      handOver(
        ctx,
        request({ toManagerCode: 'M01', selection: { by: 'book', managerCode: 'M02' }, effectiveDate: '2024-04-01' }),
      ),
    ).toThrow(/客户 0510001 已于 2024-04-10 调整过客户经理/);
  });
});
