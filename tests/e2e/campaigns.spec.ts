import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addDays, localToday } from '../../shared/month';
import { callApi, expect, screenshot, signInAs, test } from './app';

const ORIGIN = () => process.env.TIERDESK_E2E_ORIGIN as string;

/** A book's first customers by number. */
async function customersOf(app: Parameters<typeof callApi>[0], managerCode: string, limit: number): Promise<string[]> {
  const info = (await callApi(app, 'app.info', {})).value as { latestMonth: string };
  const page = (await callApi(app, 'customers.page', {
    month: info.latestMonth,
    sort: { field: 'customerNo', direction: 'asc' },
    filter: { managerCode },
    cursor: null,
    limit,
  })) as { value: { rows: Array<{ customerNo: string }> } };
  return page.value.rows.map((r) => r.customerNo);
}

test("营销名单: head office's list imported and assigned by book, a member worked, the feedback exported, a manager sees their book", async ({
  app,
}) => {
  // The e2e manager account (3201006) holds two of them; 3201003 the third; one is not a customer of the branch.
  const mine = await customersOf(app, '3201006', 2);
  const [theirs] = await customersOf(app, '3201003', 1);
  const file = path.join(tmpdir(), `e2e-campaign-${Date.now()}.csv`);
  writeFileSync(
    file,
    [
      '序号,客户姓名,客户号,总行标签',
      `1,甲,${mine[0]},重点`,
      `2,乙,${theirs},`,
      '3,丙,0599999999,他行',
      `4,丁,${mine[1]},`,
    ].join('\r\n'),
  );

  await app.goto(`${ORIGIN()}/#/campaigns`);
  await expect(app.getByRole('heading', { name: '营销名单', exact: true })).toBeVisible();
  await app.getByTestId('campaign-name').fill('到期理财再投资');
  await app.getByTestId('campaign-goal').locator('..').click();
  await app.getByRole('option', { name: '到期再投资' }).click();
  // A period ending before it starts is refused with a clear message.
  await app.getByTestId('campaign-end').fill(addDays(localToday(), -1));
  await app.getByTestId('campaign-holdout').fill('0');
  await app.getByTestId('campaign-file-input').setInputFiles(file);
  await app.getByTestId('campaign-create').click();
  await expect(app.getByText(/早于开始日/)).toBeVisible();
  await app.getByTestId('campaign-end').fill(addDays(localToday(), 30));
  await app.getByTestId('campaign-create').click();
  await expect(app.getByTestId('campaign-notice')).toContainText('已创建：4 位客户，其中对照组 0 位，非本行客户 1 位');

  const members = app.getByTestId('campaign-members');
  await expect(members.getByRole('row')).toHaveCount(5);
  await expect(members).toContainText('（非本行客户）');
  await members.getByTestId(`member-status-${mine[0]}`).locator('..').click();
  await app.getByRole('option', { name: '有意向' }).click();
  await expect(members.getByRole('row').nth(1)).toContainText(localToday());
  await screenshot(app, 'campaigns-zh-1366');

  const download = app.waitForEvent('download');
  await app.getByTestId('campaign-feedback').click();
  const saved = path.join(tmpdir(), `e2e-campaign-feedback-${Date.now()}.csv`);
  await (await download).saveAs(saved);
  const { readFileSync } = await import('node:fs');
  const lines = readFileSync(saved, 'utf8')
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  expect(lines[0]).toBe('序号,客户姓名,客户号,总行标签,营销状态,状态日期,客户经理工号,营销备注');
  expect(lines[1]).toBe(`1,甲,${mine[0]},重点,有意向,${localToday()},E2EHEAD,`);
  expect(lines[3]).toBe('3,丙,0599999999,他行,待联系,,,');
  // The feedback read back against the campaign changes nothing.
  await app.getByTestId('campaign-compare-input').setInputFiles(saved);
  await expect(app.getByTestId('campaign-notice')).toContainText('4 行，名单外新增 0 位，总行列有变化 0 位');

  const created = ((await callApi(app, 'campaigns.list', {})).value as { campaigns: Array<{ id: number }> })
    .campaigns[0];
  // A 客户经理 sees only their book's members, and may not make a campaign.
  await signInAs(app, 'manager');
  await app.goto(`${ORIGIN()}/#/campaigns`);
  await expect(app.getByTestId('campaign-create')).toHaveCount(0);
  await app.getByTestId('campaign-list').getByRole('button', { name: '到期理财再投资' }).first().click();
  await expect(app.getByTestId('campaign-members').getByRole('row')).toHaveCount(3);
  await expect(app.getByTestId('campaign-members')).not.toContainText(theirs);
  await screenshot(app, 'campaigns-manager-zh-1366');
  // A contact logged from the card names the campaign: the member moves from 待联系 to 已联系.
  await app.getByTestId('campaign-members').getByRole('button', { name: mine[1] }).click();
  await app.getByTestId('card-log-contact').click();
  await app.getByTestId('contact-campaign').locator('..').click();
  await app.getByRole('option', { name: '到期理财再投资' }).first().click();
  await app.getByTestId('contact-note').fill('到期提醒');
  await app.getByTestId('contact-save').click();
  await expect(app.getByTestId('card-contacts')).toContainText('到期提醒');
  const after = (await callApi(app, 'campaigns.members', { campaignId: created.id })).value as {
    rows: Array<{ customerNo: string; status: string; workedBy: string }>;
  };
  expect(after.rows.find((r) => r.customerNo === mine[1])).toMatchObject({ status: 'contacted', workedBy: '3201006' });
  await signInAs(app, 'head');
});

test('营销名单: a saved segment as of a month with a 10 % hold-out, compared on the goal; a number opens its members', async ({
  app,
}) => {
  const info = (await callApi(app, 'app.info', {})).value as { months: string[] };
  const [month, baseline] = info.months;
  const saved = await callApi(app, 'segments.save', {
    name: `e2e 营销客群 ${Date.now()}`,
    filter: { tierCodes: ['T2'] },
    replace: true,
  });
  expect(saved.ok).toBe(true);
  const created = await callApi(app, 'campaigns.create', {
    name: '白金客户提升',
    goalKind: 'aum',
    startDate: `${month}-01`,
    endDate: `${month}-28`,
    holdoutShare: 0.1,
    seed: 20261208,
    source: { by: 'segment', savedSegmentId: (saved.value as { id: number }).id, month: baseline },
  });
  expect(created.ok).toBe(true);
  const { campaignId, members, holdout } = created.value as { campaignId: number; members: number; holdout: number };
  expect(holdout).toBe(Math.floor(members * 0.1));

  await app.goto(`${ORIGIN()}/#/campaigns`);
  await app.getByTestId(`campaign-${campaignId}`).click();
  const result = app.getByTestId('campaign-result');
  await expect(result).toContainText(`以 ${baseline} 为基准、${month} 的数据衡量`);
  await expect(result.getByRole('row')).not.toHaveCount(1);
  await result.scrollIntoViewIfNeeded();
  await screenshot(app, 'campaigns-result-zh-1366');
  // The total's hold-out count opens exactly the hold-out.
  await result.getByRole('row').nth(1).getByRole('button').nth(1).click();
  await expect(app.getByTestId('campaign-member-count')).toContainText(`共 ${holdout} 位`);
  // Nobody worked it: the list can be removed, and the saved segment with it (other specs count the saved ones).
  await app.getByTestId('campaign-remove').click();
  await app.getByTestId('campaign-remove-confirm').click();
  await expect(app.getByText('已删除营销名单“白金客户提升”。')).toBeVisible();
  const segmentId = (saved.value as { id: number }).id;
  expect((await callApi(app, 'segments.remove', { id: segmentId })).ok).toBe(true);
});
