import { callApi, expect, screenshot, signInAs, test } from './app';

interface Row {
  customerNo: string;
  name: string;
  managerCode: string | null;
}

test('家庭: the 支行长 starts a household on the card and adds members of two books; a 客户经理 sees the other book masked; the list', async ({
  app,
}) => {
  test.setTimeout(120_000);
  const origin = process.env.TIERDESK_E2E_ORIGIN as string;
  const info = (await callApi(app, 'app.info', {})).value as { latestMonth: string };
  const page = (await callApi(app, 'customers.page', {
    month: info.latestMonth,
    sort: { field: 'customerNo', direction: 'desc' },
    filter: {},
    cursor: null,
    limit: 500,
  })) as { value: { rows: Row[] } };
  // The demo branch has households of its own: customers in none.
  const free: Row[] = [];
  for (const row of page.value.rows) {
    const household = (await callApi(app, 'households.customer', { customerNo: row.customerNo })).value as {
      household: unknown;
    };
    if (household.household === null) free.push(row);
    const enough =
      free.filter((r) => r.managerCode === '3201006').length >= 2 &&
      free.some((r) => r.managerCode !== null && r.managerCode !== '3201006');
    if (enough) break;
  }
  const mine = free.filter((r) => r.managerCode === '3201006');
  const other = free.find((r) => r.managerCode !== null && r.managerCode !== '3201006');
  expect(mine.length).toBeGreaterThan(1);
  expect(other).toBeDefined();
  const [head, spouse] = mine;

  // The card, as the 支行长: no household yet; 建立家庭, then two members (one of another book).
  await app.goto(`${origin}/#/customers/${head.customerNo}`);
  const panel = app.getByTestId('card-household');
  await expect(panel).toContainText('未加入家庭');
  await panel.scrollIntoViewIfNeeded();
  await panel.getByTestId('household-create').click();
  await app.getByTestId('household-date').fill('2020-01-01');
  await app.getByTestId('household-save').click();
  await expect(panel.getByTestId('household-members')).toContainText('户主');

  for (const [member, role] of [
    [spouse, '配偶'],
    [other as Row, '子女'],
  ] as const) {
    await panel.getByTestId('household-add').click();
    await app.getByTestId('household-member-no').fill(member.customerNo);
    await app.getByTestId('household-member-role').locator('..').click();
    await app.getByRole('option', { name: role }).click();
    await app.getByTestId('household-date').fill('2020-01-01');
    await app.getByTestId('household-save').click();
    await expect(panel.getByTestId('household-members')).toContainText(member.customerNo);
  }
  await expect(panel.getByTestId('household-aum')).toContainText(/家庭月日均 [\d,.]+万（\d{4}-\d{2}）· 现有成员 3 人/);
  await expect(panel.getByTestId('household-months')).toBeVisible();

  // A customer already in the household cannot join again: refused with the reason.
  await panel.getByTestId('household-add').click();
  await app.getByTestId('household-member-no').fill(spouse.customerNo);
  await app.getByTestId('household-save').click();
  await expect(app.getByTestId('household-error')).toContainText('一位客户只能属于一个家庭');
  await app.getByRole('button', { name: '取消' }).click();
  await panel.scrollIntoViewIfNeeded();
  await screenshot(app, 'households-card-zh-1366');

  // The 客户经理 sees their two customers, and the other book's member masked without a figure.
  await signInAs(app, 'manager');
  await app.goto(`${origin}/#/customers/${head.customerNo}`);
  const theirs = app.getByTestId('card-household');
  await expect(theirs.getByTestId('household-members')).toContainText('其他客户经理名下');
  await expect(theirs.getByTestId('household-members')).not.toContainText((other as Row).customerNo);
  await expect(theirs.getByTestId('household-members')).not.toContainText((other as Row).name);

  // The list: the household by its head, 3 people; a row opens the head's card.
  await signInAs(app, 'head');
  await app.goto(`${origin}/#/households`);
  await app.getByTestId('households-search').fill(head.customerNo);
  const row = app.getByTestId('households-row').filter({ hasText: head.customerNo });
  await expect(row).toContainText('3');
  await screenshot(app, 'households-list-zh-1366');
  await row.click();
  await expect(app.getByTestId('card-household')).toBeVisible();
});
