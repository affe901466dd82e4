import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import {
  complaintAnalysis,
  complaintBoard,
  complaintDetail,
  listComplaints,
  deadlineOf,
  extendComplaint,
  pauseComplaint,
  registerComplaint,
  requestReview,
  resumeComplaint,
  transitionComplaint,
} from './complaints';
import { openComplaintCounts } from './complaints-repository';
import { ComplaintTransitionSchema, type ComplaintInput } from '../../../shared/schemas/complaints';

let ctx: ReturnType<typeof createTestContext>;
beforeEach(() => {
  ctx = createTestContext();
  seedBranch(
    ctx.store,
    [{ customer_no: '0510000001', name: '王芳', manager_code: 'M01' }],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'B01', name: '支行长', role: 'branch_manager' },
    ],
  );
});
afterEach(() => ctx.store.close());

const complaint = (over: Partial<ComplaintInput> = {}): ComplaintInput => ({
  receivedAt: '2024-03-01',
  channel: 'counter',
  category: 'wealth',
  customerNo: '0510000001',
  involvedStaffCode: 'M01',
  description: '理财产品到期未按时到账',
  demand: '赔偿利息损失',
  severity: 'medium',
  regulatorReferred: false,
  staffCode: 'M01',
  ...over,
});
const step = (complaintId: number, to: 'accepted' | 'processing' | 'replied' | 'closed', date: string, extra = {}) =>
  transitionComplaint(ctx, {
    ...ComplaintTransitionSchema.parse({ complaintId, to, date, ...extra }),
    staffCode: 'M01',
  });

describe('complaint workflow on real SQLite', () => {
  it('numbers complaints by month and moves them 登记 → 受理 → 处理中 → 已答复 → 办结, each step recorded', async () => {
    const first = await registerComplaint(ctx, complaint());
    const second = await registerComplaint(ctx, complaint());
    const april = await registerComplaint(ctx, complaint({ receivedAt: '2024-04-02' }));
    expect([first.complaintNo, second.complaintNo, april.complaintNo]).toEqual([
      'TS2024030001',
      'TS2024030002',
      'TS2024040001',
    ]);
    step(first.id, 'accepted', '2024-03-02');
    expect(deadlineOf(ctx, first.id, '2024-03-10')).toMatchObject({ dueDate: '2024-03-17', daysLeft: 7 });
    step(first.id, 'processing', '2024-03-03');
    step(first.id, 'replied', '2024-03-15', { reply: '已补发利息并致歉' });
    step(first.id, 'closed', '2024-03-16', { satisfied: true });
    const events = ctx.store.sqlite
      .prepare(
        'SELECT kind, from_status, to_status, staff_code FROM complaint_events WHERE complaint_id = ? ORDER BY id',
      )
      .all(first.id);
    expect(events).toEqual([
      { kind: 'register', from_status: null, to_status: 'registered', staff_code: 'M01' },
      { kind: 'transition', from_status: 'registered', to_status: 'accepted', staff_code: 'M01' },
      { kind: 'transition', from_status: 'accepted', to_status: 'processing', staff_code: 'M01' },
      { kind: 'transition', from_status: 'processing', to_status: 'replied', staff_code: 'M01' },
      { kind: 'transition', from_status: 'replied', to_status: 'closed', staff_code: 'M01' },
    ]);
    expect(deadlineOf(ctx, first.id, '2024-05-01')).toMatchObject({ onTime: true, handlingDays: 13 });
    expect(
      ctx.store.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'complaints.%'").pluck().get(),
    ).toBe(7);
  });

  it('refuses steps out of order naming the next ones, and edits to a closed complaint', async () => {
    const { id } = await registerComplaint(ctx, complaint());
    expect(() => step(id, 'closed', '2024-03-05', { satisfied: true })).toThrow(
      '目前为“登记”，不能直接转为“办结”；下一步可为：受理',
    );
    step(id, 'accepted', '2024-03-02');
    expect(() => step(id, 'closed', '2024-03-05', { satisfied: false })).toThrow('下一步可为：处理中、已答复');
    expect(() => step(id, 'processing', '2024-03-01')).toThrow('早于受理日期 2024-03-02');
    step(id, 'replied', '2024-03-10', { reply: '已核实并答复' });
    step(id, 'closed', '2024-03-11', { satisfied: false });
    expect(() => step(id, 'processing', '2024-03-12')).toThrow('已办结，不能再改动');
    expect(() =>
      extendComplaint(ctx, { complaintId: id, days: 5, approverCode: 'B01', reason: '需调取录像', staffCode: 'M01' }),
    ).toThrow('已办结');
    expect(
      ComplaintTransitionSchema.safeParse({ complaintId: id, to: 'replied', date: '2024-03-10' }).error?.issues[0]
        .message,
    ).toBe('答复须写明答复内容');
  });

  it('extends with an approver and a reason up to the limits, and pauses the clock across a month end', async () => {
    const { id } = await registerComplaint(ctx, complaint({ receivedAt: '2024-01-19' }));
    step(id, 'accepted', '2024-01-20', { complex: true });
    expect(deadlineOf(ctx, id, '2024-01-21').dueDate).toBe('2024-02-19');
    expect(() =>
      extendComplaint(ctx, {
        complaintId: id,
        days: 20,
        approverCode: 'M01',
        reason: '涉及第三方机构',
        staffCode: 'M01',
      }),
    ).toThrow('延期须由支行长或管理员审批');
    expect(() => step(id, 'processing', '2024-04-11')).toThrow('日期 2024-04-11 晚于今天');
    await expect(registerComplaint(ctx, complaint({ receivedAt: '2024-04-11' }))).rejects.toThrow('晚于今天');
    expect(() =>
      extendComplaint(ctx, {
        complaintId: id,
        days: 20,
        approverCode: 'X99',
        reason: '涉及第三方机构',
        staffCode: 'M01',
      }),
    ).toThrow('没有工号为 X99 的员工');
    expect(
      extendComplaint(ctx, {
        complaintId: id,
        days: 20,
        approverCode: 'B01',
        reason: '涉及第三方机构',
        staffCode: 'M01',
      }),
    ).toMatchObject({ allowedDays: 50 });
    expect(() =>
      extendComplaint(ctx, { complaintId: id, days: 15, approverCode: 'B01', reason: '再延期', staffCode: 'M01' }),
    ).toThrow('延期合计不能超过 30 天（已延期 20 天）');
    pauseComplaint(ctx, { complaintId: id, from: '2024-01-30', reason: '司法鉴定', staffCode: 'M01' });
    expect(() =>
      pauseComplaint(ctx, { complaintId: id, from: '2024-01-31', reason: '又一项', staffCode: 'M01' }),
    ).toThrow('已在暂停中');
    expect(deadlineOf(ctx, id, '2024-02-03')).toMatchObject({ paused: true, pausedDays: 4 });
    resumeComplaint(ctx, { complaintId: id, date: '2024-02-05', staffCode: 'M01' });
    // 20 Jan + 50 days + 6 paused (30 Jan – 4 Feb) = 16 Mar 2024 (a leap year: 15 Mar in 2023).
    expect(deadlineOf(ctx, id, '2024-02-06')).toMatchObject({ paused: false, pausedDays: 6, dueDate: '2024-03-16' });
  });

  it('reopens on a review requested within 30 days of the reply, and refuses one after', async () => {
    const { id } = await registerComplaint(ctx, complaint());
    step(id, 'accepted', '2024-03-02');
    step(id, 'replied', '2024-03-10', { reply: '已答复' });
    step(id, 'closed', '2024-03-11', { satisfied: false });
    expect(() => requestReview(ctx, { complaintId: id, date: '2024-04-10', staffCode: 'M01' })).toThrow(
      '不晚于 2024-04-09',
    );
    expect(requestReview(ctx, { complaintId: id, date: '2024-04-09', staffCode: 'M01' })).toEqual({
      status: 'processing',
    });
    expect(deadlineOf(ctx, id, '2024-04-10')).toMatchObject({ dueDate: '2024-04-24', daysLeft: 14 });
    expect(ctx.store.sqlite.prepare('SELECT reviews, status FROM complaints WHERE id = ?').get(id)).toEqual({
      reviews: 1,
      status: 'processing',
    });
  });

  it('boards what is overdue, due within 3 days, paused and regulator-referred; counts open ones per customer', async () => {
    const late = await registerComplaint(ctx, complaint({ receivedAt: '2024-03-01' }));
    step(late.id, 'accepted', '2024-03-01');
    const soon = await registerComplaint(
      ctx,
      complaint({ receivedAt: '2024-03-20', regulatorReferred: true, channel: 'regulator' }),
    );
    step(soon.id, 'accepted', '2024-03-25');
    const paused = await registerComplaint(ctx, complaint({ receivedAt: '2024-04-01', customerNo: null }));
    step(paused.id, 'accepted', '2024-04-01');
    pauseComplaint(ctx, { complaintId: paused.id, from: '2024-04-02', reason: '等待鉴定', staffCode: null });
    const board = complaintBoard(ctx, {}, '2024-04-08');
    expect(board.overdue.map((i) => [i.complaintNo, i.deadline.daysLeft])).toEqual([['TS2024030001', -23]]);
    expect(board.dueSoon.map((i) => i.complaintNo)).toEqual(['TS2024030002']);
    expect(board.paused.map((i) => i.complaintNo)).toEqual(['TS2024040001']);
    expect(board.regulatorReferred.map((i) => i.complaintNo)).toEqual(['TS2024030002']);
    expect(board.managers).toEqual([
      { managerCode: 'M01', managerName: '周文静', open: 2, overdue: 1, dueSoon: 1 },
      { managerCode: null, managerName: null, open: 1, overdue: 0, dueSoon: 0 },
    ]);
    expect(complaintBoard(ctx, { managerCode: 'M01' }, '2024-04-08').paused).toEqual([]);
    expect([...openComplaintCounts(ctx.store.sqlite)]).toEqual([[1, 2]]);
    const log = listComplaints(ctx, { statuses: ['accepted'], offset: 0, limit: 2 });
    expect(log.total).toBe(3);
    expect(log.rows.map((r) => [r.complaintNo, r.customerName])).toEqual([
      ['TS2024040001', null],
      ['TS2024030002', '王芳'],
    ]);
    const detail = complaintDetail(ctx, paused.id);
    expect(detail).toMatchObject({
      nextStatuses: ['processing', 'replied'],
      reviewUntil: null,
      pauses: [{ from: '2024-04-02', to: null, reason: '等待鉴定' }],
    });
    expect(detail.events.map((e) => e.kind)).toEqual(['register', 'transition', 'pause']);
  });

  it('analyses a period: by category, channel, month and manager; median handling days, on-time and satisfied rates; repeat complainants', async () => {
    seedBranch(ctx.store, [{ customer_no: '0510000002', name: '李强' }], []);
    ctx.today = () => '2024-05-31';
    const handled = async (
      over: Partial<ComplaintInput>,
      accepted: string,
      replied: string | null,
      satisfied: boolean | null,
    ) => {
      const { id } = await registerComplaint(ctx, complaint(over));
      step(id, 'accepted', accepted);
      if (replied) step(id, 'replied', replied, { reply: '已答复' });
      if (satisfied !== null) step(id, 'closed', replied as string, { satisfied });
    };
    await handled({ receivedAt: '2024-03-01', category: 'wealth' }, '2024-03-01', '2024-03-05', true); // 4 days, on time
    await handled(
      { receivedAt: '2024-03-10', category: 'wealth', channel: 'hotline' },
      '2024-03-10',
      '2024-03-30',
      false,
    ); // 20 days, late
    await handled(
      { receivedAt: '2024-04-02', category: 'fee', customerNo: '0510000002' },
      '2024-04-02',
      '2024-04-12',
      null,
    ); // 10 days, on time
    await handled({ receivedAt: '2024-04-20', category: 'service' }, '2024-04-21', null, null); // open
    await handled({ receivedAt: '2024-05-02', category: 'fee' }, '2024-05-02', null, null); // outside the period
    const a = complaintAnalysis(ctx, { fromMonth: '2024-03', toMonth: '2024-04' });
    expect(a.total).toBe(4);
    expect(a.byCategory).toEqual([
      { key: 'wealth', count: 2 },
      { key: 'fee', count: 1 },
      { key: 'service', count: 1 },
    ]);
    expect(a.byChannel).toEqual([
      { key: 'counter', count: 3 },
      { key: 'hotline', count: 1 },
    ]);
    expect(a.byMonth).toEqual([
      { month: '2024-03', count: 2, replied: 2, onTime: 1 },
      { month: '2024-04', count: 2, replied: 1, onTime: 1 },
    ]);
    expect(a.byManager).toEqual([
      { managerCode: 'M01', managerName: '周文静', count: 3, open: 1 },
      { managerCode: null, managerName: null, count: 1, open: 1 },
    ]);
    expect(a).toMatchObject({ replied: 3, medianHandlingDays: 10, onTimeRate: 2 / 3, satisfiedRate: 0.5 });
    expect(a.repeatComplainants).toEqual([{ customerNo: '0510000001', customerName: '王芳', count: 3 }]);
  });
});
