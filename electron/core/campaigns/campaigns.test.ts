import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callAs, createTestContext, seedBranch, testSession, TEST_TODAY } from '../../../tests/helpers/branch';
import { csvText, xlsxFile } from '../../../tests/fixtures/spreadsheets';
import type { CampaignInput, CampaignResult, MemberPage } from '../../../shared/schemas/campaigns';
import { recomputeTiers } from '../tiers/tier-recompute';
import { saveSegment } from '../segments/saved-segments';

let ctx: ReturnType<typeof createTestContext>;
const branch = testSession('B01', 'branch_manager', '陈行长');
const m01 = testSession('M01', 'manager', '周文静');
const m02 = testSession('M02', 'manager', '吴敏');

beforeEach(async () => {
  ctx = createTestContext(); // today is 2024-04-10
  seedBranch(
    ctx.store,
    [
      {
        customer_no: '0510001',
        name: '王芳',
        manager_code: 'M01',
        assets: { '2024-02': 40_000_00, '2024-03': 60_000_00 },
      },
      {
        customer_no: '0510002',
        name: '李强',
        manager_code: 'M01',
        assets: { '2024-02': 30_000_00, '2024-03': 30_000_00 },
      },
      {
        customer_no: '0510003',
        name: '赵敏',
        manager_code: 'M02',
        assets: { '2024-02': 50_000_00, '2024-03': 40_000_00 },
      },
      {
        customer_no: '0510004',
        name: '孙丽',
        manager_code: null,
        assets: { '2024-02': 10_000_00, '2024-03': 10_000_00 },
      },
    ],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '吴敏', role: 'manager' },
      { code: 'B01', name: '陈行长', role: 'branch_manager' },
    ],
  );
  await recomputeTiers(ctx.store.sqlite, TEST_TODAY);
});
afterEach(() => ctx.store.close());

/** Head office's list: its own columns, a customer outside the branch, a blank row. */
const HEAD_OFFICE_ROWS = [
  ['序号', '姓名', '客户号', '证件号码', '总行备注'],
  [1, '王芳', '0510001', '110101199001011234', '重点'],
  [2, '李强', '0510002', '110101199001015678', ''],
  [3, '外行客户', '9990001', '', '他行'],
  [4, '赵敏', '0510003', '', ''],
  [5, '孙丽', '0510004', '', ''],
];

/** A channel's answer, typed as the test reads it. */
const ask = <T>(who: typeof branch, channel: Parameters<typeof callAs>[2], input: unknown) =>
  callAs(ctx, who, channel, input) as Promise<T>;

const upload = (bytes: Buffer, name = '总行名单.xlsx') => ctx.uploads.put(name, bytes).token;

const campaign = (over: Partial<CampaignInput> = {}) => ({
  name: '理财推广',
  goalKind: 'aum',
  startDate: '2024-03-01',
  endDate: '2024-04-30',
  contactBy: '2024-04-05',
  holdoutShare: 0,
  source: { by: 'file', fileToken: upload(xlsxFile([{ name: '名单', rows: HEAD_OFFICE_ROWS }])) },
  ...over,
});

const members = (who = branch, query: Record<string, unknown> = {}): Promise<MemberPage> =>
  callAs(ctx, who, 'campaigns.members', { campaignId: 1, ...query });

describe('campaign lists', () => {
  it("imports head office's list: members outside the branch listed, each assigned to the manager of record or the 支行长", async () => {
    const created = await callAs(ctx, branch, 'campaigns.create', campaign());
    expect(created).toEqual({ campaignId: 1, members: 5, holdout: 0, outside: 1 });
    const page = await members();
    expect(page.rows.map((r) => [r.customerNo, r.name, r.outside, r.assignedCode, r.status])).toEqual([
      ['0510001', '王芳', false, 'M01', 'pending'],
      ['0510002', '李强', false, 'M01', 'pending'],
      ['9990001', null, true, null, 'pending'],
      ['0510003', '赵敏', false, 'M02', 'pending'],
      ['0510004', '孙丽', false, 'B01', 'pending'],
    ]);
    expect(page.campaign.columns).toEqual(['序号', '姓名', '客户号', '证件号码', '总行备注']);
    expect(page.campaign.baselineMonth).toBe('2024-03');
  });

  it.each([
    [{ startDate: '2024-04-30', endDate: '2024-03-01' }, /结束日 2024-03-01 早于开始日 2024-04-30/],
    [{ holdoutShare: 0.55 }, /对照组比例应在 0–50%/],
    [{ holdoutShare: -0.1 }, /对照组比例应在 0–50%/],
    [{ goalKind: 'tier' }, /请选择要达到的层级/],
  ])('refuses %j with a clear message', async (over, message) => {
    await expect(callAs(ctx, branch, 'campaigns.create', campaign(over as Partial<CampaignInput>))).rejects.toThrow(
      message,
    );
  });

  it('refuses a list naming a customer twice, naming its rows in the sheet, and one without a customer-number column', async () => {
    const twice = [...HEAD_OFFICE_ROWS, [6, '王芳', '0510001', '', '']];
    await expect(
      callAs(
        ctx,
        branch,
        'campaigns.create',
        campaign({ source: { by: 'file', fileToken: upload(xlsxFile([{ name: 'a', rows: twice }])) } }),
      ),
    ).rejects.toThrow(/0510001（第 2、7 行）/);
    const noNumber = [['姓名'], ['王芳']];
    await expect(
      callAs(
        ctx,
        branch,
        'campaigns.create',
        campaign({ source: { by: 'file', fileToken: upload(xlsxFile([{ name: 'a', rows: noNumber }])) } }),
      ),
    ).rejects.toThrow(/找不到客户号列/);
  });

  it('takes a saved segment as of a month, and draws the same hold-out for the same seed', async () => {
    const { id } = await saveSegment(ctx, { name: '全部', filter: {}, replace: false, staffCode: 'B01' });
    const input = campaign({
      source: { by: 'segment', savedSegmentId: id, month: '2024-02' },
      holdoutShare: 0.5,
      seed: 7,
    });
    const first = await ask<{ holdout: number }>(branch, 'campaigns.create', input);
    await callAs(ctx, branch, 'campaigns.create', input);
    expect(first).toMatchObject({ members: 4, holdout: 2, outside: 0 });
    const held = async (campaignId: number) =>
      (await members(branch, { campaignId, group: 'holdout' })).rows.map((r) => r.customerNo);
    expect(await held(1)).toEqual(await held(2));
    const list = await ask<{ campaigns: Array<{ holdoutSeed: number; baselineMonth: string }> }>(
      branch,
      'campaigns.list',
      {},
    );
    expect(list.campaigns[0]).toMatchObject({ holdoutSeed: 7, baselineMonth: '2024-02' });
  });

  it("shows a 客户经理 only their book's members, never the hold-out; the 支行长 all", async () => {
    await callAs(ctx, branch, 'campaigns.create', campaign());
    expect((await members(m01)).rows.map((r) => r.customerNo)).toEqual(['0510001', '0510002']);
    expect((await members(m02)).rows.map((r) => r.customerNo)).toEqual(['0510003']);
    expect((await members(branch)).total).toBe(5);
    await expect(
      callAs(ctx, m02, 'campaigns.setStatus', {
        campaignId: 1,
        customerNo: '0510001',
        status: 'done',
        date: TEST_TODAY,
      }),
    ).rejects.toThrow(/FORBIDDEN/);
    await expect(callAs(ctx, testSession('T01', 'teller'), 'campaigns.members', { campaignId: 1 })).rejects.toThrow(
      /FORBIDDEN/,
    );
  });

  it('moves a member from 待联系 to 已联系 when a contact is logged for the campaign, crediting who logged it; refuses the hold-out', async () => {
    await callAs(ctx, branch, 'campaigns.create', campaign());
    // The contact dialog offers the campaigns running today that list the customer (a 客户经理: their book's only).
    expect(await callAs(ctx, m01, 'campaigns.ofCustomer', { customerNo: '0510001' })).toEqual({
      customerNo: '0510001',
      campaigns: [{ id: 1, name: '理财推广' }],
    });
    await expect(callAs(ctx, m02, 'campaigns.ofCustomer', { customerNo: '0510001' })).rejects.toThrow(/FORBIDDEN/);
    await callAs(ctx, m01, 'contacts.log', {
      customerNo: '0510001',
      date: '2024-04-09',
      channel: 'phone',
      purpose: 'product',
      campaignId: 1,
    });
    const row = (await members(branch)).rows[0];
    expect(row).toMatchObject({ status: 'contacted', statusDate: '2024-04-09', workedBy: 'M01' });
    ctx.store.sqlite.prepare("UPDATE campaign_members SET holdout = 1 WHERE customer_no = '0510002'").run();
    await expect(
      callAs(ctx, m01, 'contacts.log', {
        customerNo: '0510002',
        date: '2024-04-09',
        channel: 'phone',
        purpose: 'product',
        campaignId: 1,
      }),
    ).rejects.toThrow(/对照组/);
    await expect(
      callAs(ctx, m02, 'contacts.log', {
        customerNo: '0510003',
        date: '2024-04-09',
        channel: 'phone',
        purpose: 'product',
        campaignId: 9,
      }),
    ).rejects.toThrow(/找不到该营销活动/);
  });

  it('removes a list nobody has worked yet, with its members, audited; refuses once someone has', async () => {
    await callAs(ctx, branch, 'campaigns.create', campaign());
    await callAs(ctx, branch, 'campaigns.create', campaign({ name: '第二份' }));
    await expect(callAs(ctx, m01, 'campaigns.remove', { campaignId: 2 })).rejects.toThrow(/FORBIDDEN/);
    expect(await callAs(ctx, branch, 'campaigns.remove', { campaignId: 2 })).toEqual({ campaignId: 2 });
    expect(ctx.store.sqlite.prepare('SELECT count(*) FROM campaign_members WHERE campaign_id = 2').pluck().get()).toBe(
      0,
    );
    expect(
      ctx.store.sqlite.prepare("SELECT target FROM audit_log WHERE action = 'campaigns.remove'").pluck().all(),
    ).toEqual(['2']);
    await callAs(ctx, m01, 'campaigns.setStatus', {
      campaignId: 1,
      customerNo: '0510001',
      status: 'contacted',
      date: '2024-04-09',
    });
    await expect(callAs(ctx, branch, 'campaigns.remove', { campaignId: 1 })).rejects.toThrow(
      /CONFLICT 营销名单“理财推广”已有 1 位客户跟进，不能删除/,
    );
    await expect(callAs(ctx, branch, 'campaigns.remove', { campaignId: 2 })).rejects.toThrow(/找不到该营销活动/);
  });

  it('refuses a status for a number outside the branch and any day outside the period; hides the hold-out from managers; a formula stays text', async () => {
    await callAs(ctx, branch, 'campaigns.create', campaign({ holdoutShare: 0.2, seed: 7 }));
    await expect(
      callAs(ctx, branch, 'campaigns.setStatus', {
        campaignId: 1,
        customerNo: '9990001',
        status: 'done',
        date: '2024-04-09',
      }),
    ).rejects.toThrow(/客户号 9990001 非本行客户，不能设置营销状态/);
    const open = (await members(branch)).rows.find((r) => !r.holdout && !r.outside && r.assignedCode === 'M01');
    const customerNo = open?.customerNo as string;
    await expect(
      callAs(ctx, m01, 'campaigns.setStatus', { campaignId: 1, customerNo, status: 'done', date: '2024-02-29' }),
    ).rejects.toThrow(/日期 2024-02-29 不在营销活动“理财推广”的期间（2024-03-01 至 2024-04-30）内/);
    await expect(
      callAs(ctx, m01, 'contacts.log', {
        customerNo,
        date: '2024-02-20',
        channel: 'phone',
        purpose: 'product',
        campaignId: 1,
      }),
    ).rejects.toThrow(/不在营销活动“理财推广”的期间/);
    expect(ctx.store.sqlite.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(0);
    await callAs(ctx, m01, 'campaigns.setStatus', {
      campaignId: 1,
      customerNo,
      status: 'interested',
      date: '2024-04-09',
      note: '=1+2',
    });
    const { campaigns } = await ask<{ campaigns: Array<{ holdoutSeed: number | null; holdoutShare: number | null }> }>(
      m01,
      'campaigns.list',
      {},
    );
    expect(campaigns[0]).toMatchObject({ holdoutSeed: null, holdoutShare: null });
    const { base64 } = await ask<{ base64: string }>(branch, 'campaigns.feedback', { campaignId: 1 });
    expect(Buffer.from(base64, 'base64').toString('utf8')).toContain(",'=1+2");
  });

  it('measures nothing, rather than no difference, while no month after the baseline has tiers', async () => {
    await callAs(
      ctx,
      branch,
      'campaigns.create',
      campaign({ goalKind: 'tier', goalTarget: 'T4', holdoutShare: 0.4, seed: 3 }),
    );
    const result = await ask<{ resultMonth: string | null; total: Record<string, unknown> }>(
      branch,
      'campaigns.result',
      {
        campaignId: 1,
      },
    );
    expect(result.resultMonth).toBeNull();
    expect(result.total).toMatchObject({
      workedValue: null,
      holdoutValue: null,
      difference: null,
      low: null,
      high: null,
    });
  });

  it('counts overdue members on the workbench of the book, and filters them', async () => {
    await callAs(ctx, branch, 'campaigns.create', campaign());
    await callAs(ctx, m01, 'campaigns.setStatus', {
      campaignId: 1,
      customerNo: '0510002',
      status: 'unreachable',
      date: TEST_TODAY,
    });
    const today = await ask<{ campaignsOverdue: number }>(m01, 'workbench.today', { managerCode: 'M01' });
    expect(today.campaignsOverdue).toBe(1);
    expect((await members(m01, { overdue: true })).rows.map((r) => r.customerNo)).toEqual(['0510001']);
  });

  it('keeps the credit with whoever worked a member when a handover moves the customer during the campaign', async () => {
    await callAs(ctx, branch, 'campaigns.create', campaign({ goalKind: 'aum' }));
    await callAs(ctx, m01, 'campaigns.setStatus', {
      campaignId: 1,
      customerNo: '0510001',
      status: 'done',
      date: '2024-04-08',
      note: '已购理财',
    });
    await callAs(ctx, branch, 'books.handover', {
      selection: { by: 'customers', customerNos: ['0510001'] },
      toManagerCode: 'M02',
      effectiveDate: TEST_TODAY,
      reason: 'transfer',
    });
    // The book rule: the customer is now M02's to see; the assignment and the credit stay M01's.
    expect((await members(m02)).rows.map((r) => [r.customerNo, r.assignedCode, r.workedBy])).toEqual([
      ['0510001', 'M01', 'M01'],
      ['0510003', 'M02', null],
    ]);
    const result = await ask<CampaignResult>(branch, 'campaigns.result', { campaignId: 1 });
    const m01Figures = result.managers.find((m) => m.managerCode === 'M01')!;
    expect(m01Figures).toMatchObject({ worked: 2, contacted: 1 });
    expect(result.managers.find((m) => m.managerCode === 'M02')).toMatchObject({ worked: 1, contacted: 0 });
    expect((await members(branch, { creditCode: 'M01' })).rows.map((r) => r.customerNo)).toEqual([
      '0510001',
      '0510002',
    ]);
  });

  it("writes the feedback as head office's list came, plus status, date, 工号 and note; reading it back changes nothing", async () => {
    await callAs(ctx, branch, 'campaigns.create', campaign());
    await callAs(ctx, m01, 'campaigns.setStatus', {
      campaignId: 1,
      customerNo: '0510001',
      status: 'done',
      date: '2024-04-08',
      note: '已购, "稳健"',
    });
    const feedback = await ask<{ fileName: string; base64: string }>(branch, 'campaigns.feedback', {
      campaignId: 1,
    });
    const text = Buffer.from(feedback.base64, 'base64').toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('序号,姓名,客户号,证件号码,总行备注,营销状态,状态日期,客户经理工号,营销备注');
    expect(lines[1]).toBe('1,王芳,0510001,110101199001011234,重点,已办理,2024-04-08,M01,"已购, ""稳健"""');
    expect(lines[3]).toBe('3,外行客户,9990001,,他行,待联系,,,');
    expect(lines).toHaveLength(6);
    const back = upload(Buffer.from(feedback.base64, 'base64'), feedback.fileName);
    expect(await callAs(ctx, branch, 'campaigns.compareList', { campaignId: 1, fileToken: back })).toEqual({
      rows: 5,
      added: 0,
      changed: 0,
    });
    expect((await members(branch)).rows[0]).toMatchObject({ status: 'done', note: '已购, "稳健"' });
    const other = upload(
      Buffer.from(csvText([...HEAD_OFFICE_ROWS.slice(0, 2), [9, '新客户', '0510009', '', '']])),
      'b.csv',
    );
    expect(await callAs(ctx, branch, 'campaigns.compareList', { campaignId: 1, fileToken: other })).toEqual({
      rows: 2,
      added: 1,
      changed: 0,
    });
  });

  it('compares worked members with the hold-out on the goal, and opens the customers behind each number', async () => {
    const { id } = await saveSegment(ctx, { name: '全部', filter: {}, replace: false, staffCode: 'B01' });
    await callAs(
      ctx,
      branch,
      'campaigns.create',
      campaign({ source: { by: 'segment', savedSegmentId: id, month: '2024-02' } }),
    );
    // Hold out 0510003 and 0510004 by hand, to know the groups.
    ctx.store.sqlite
      .prepare("UPDATE campaign_members SET holdout = 1 WHERE customer_no IN ('0510003', '0510004')")
      .run();
    const result = await ask<CampaignResult>(branch, 'campaigns.result', { campaignId: 1 });
    expect(result).toMatchObject({ baselineMonth: '2024-02', resultMonth: '2024-03' });
    // Worked: +20,000 and 0 yuan; hold-out: −10,000 and 0.
    expect(result.total).toMatchObject({
      worked: 2,
      holdout: 2,
      workedValue: 10_000_00,
      holdoutValue: -5_000_00,
      difference: 15_000_00,
    });
    expect(result.total.low!).toBeLessThan(15_000_00);
    expect(result.total.high!).toBeGreaterThan(15_000_00);
    expect((await members(branch, { group: 'worked', achieved: true })).rows.map((r) => r.customerNo)).toEqual([
      '0510001',
    ]);
    expect((await members(branch, { group: 'holdout', achieved: false })).rows.map((r) => r.customerNo)).toEqual([
      '0510003',
      '0510004',
    ]);
  });
});
