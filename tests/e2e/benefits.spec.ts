import { callApi, expect, screenshot, signInAs, test } from './app';

test('客户权益: the administrator sets the catalogue; a use recorded on the card, one refused over quota, then overridden', async ({
  app,
}) => {
  test.setTimeout(120_000);
  const origin = process.env.TIERDESK_E2E_ORIGIN as string;
  const info = (await callApi(app, 'app.info', {})).value as { latestMonth: string };
  const page = (await callApi(app, 'customers.page', {
    month: info.latestMonth,
    sort: { field: 'customerNo', direction: 'asc' },
    filter: {},
    cursor: null,
    limit: 500,
  })) as { value: { rows: Array<{ customerNo: string; tierCode: string | null }> } };
  const rules = (await callApi(app, 'tiers.rules', {})).value as {
    ruleSets: Array<{ tiers: Array<{ code: string }> }>;
  };
  // Lowest first: each tier gets as many lounge visits a year as its place (大众 none, 金卡 1, 白金 2 …).
  const tierCodes = (rules.ruleSets.at(-1)?.tiers ?? []).map((t) => t.code);
  const customer = page.value.rows.find((r) => r.tierCode === tierCodes[2]);
  expect(customer).toBeDefined();

  // 设置 · 客户权益: read by the 支行长, edited by the administrator only.
  await app.goto(`${origin}/#/benefit-settings`);
  await expect(app.getByRole('heading', { name: '设置 · 客户权益' })).toBeVisible();
  await expect(app.getByText('只有管理员可以修改客户权益目录。')).toBeVisible();
  await expect(app.getByTestId('benefit-save')).toHaveCount(0);

  await signInAs(app, 'admin');
  await app.goto(`${origin}/#/benefit-settings`);
  await app.getByTestId('benefit-valid-from').fill('2020-01');
  await app.getByTestId('benefit-add').click();
  await app.getByTestId('benefit-code-0').fill('LOUNGE');
  await app.getByTestId('benefit-name-0').fill('机场贵宾厅');
  for (const [i, code] of tierCodes.entries())
    if (i > 0) await app.getByTestId(`benefit-quota-0-${code}`).fill(String(i));
  // A quota that is not a whole number is refused; nothing is saved.
  await app.getByTestId(`benefit-quota-0-${tierCodes[1]}`).fill('一次');
  await app.getByTestId('benefit-save').click();
  await expect(app.locator('.MuiAlert-colorError')).toBeVisible();
  expect(((await callApi(app, 'benefits.catalogues', {})).value as { catalogues: unknown[] }).catalogues).toEqual([]);
  await app.getByTestId(`benefit-quota-0-${tierCodes[1]}`).fill('1');
  await app.getByTestId('benefit-save').click();
  await expect(app.getByText('已保存 2020-01 起生效的客户权益目录。')).toBeVisible();
  await screenshot(app, 'benefits-settings-zh-1366');

  // The card (as the 支行长): 2 a year, none used; one recorded.
  await signInAs(app, 'head');
  await app.goto(`${origin}/#/customers/${customer?.customerNo}`);
  const panel = app.getByTestId('card-benefits');
  await expect(panel.getByTestId('card-benefit-table')).toContainText('机场贵宾厅');
  await panel.scrollIntoViewIfNeeded();
  await panel.getByTestId('benefit-record').click();
  // In the data month, which the analysis below counts to.
  await app.getByTestId('benefit-use-date').fill(`${info.latestMonth}-15`);
  await app.getByTestId('benefit-use-save').click();
  await expect(panel.getByTestId('card-benefit-uses')).toContainText('机场贵宾厅');
  await expect(panel.getByTestId('card-benefit-table').getByRole('row').nth(1)).toContainText(/2\s*1\s*1/);

  // Five more are over the quota: refused with the reason; the 支行长 may record them with a reason.
  await panel.getByTestId('benefit-record').click();
  await app.getByTestId('benefit-use-count').fill('5');
  await app.getByTestId('benefit-use-save').click();
  await expect(app.getByTestId('benefit-use-error')).toContainText('额度 2 次，已用 1 次，剩余 1 次，不足 5 次');
  await screenshot(app, 'benefits-refused-zh-1366');
  await app.getByTestId('benefit-use-override').fill('客户投诉补偿');
  await app.getByTestId('benefit-use-save').click();
  await expect(panel.getByTestId('card-benefit-uses')).toContainText('越权登记：客户投诉补偿');
  await panel.scrollIntoViewIfNeeded();
  await screenshot(app, 'benefits-card-zh-1366');

  // The warning list says what a downgrade would take from each warned customer.
  await app.goto(`${origin}/#/warnings`);
  await expect(app.getByRole('columnheader', { name: '降级将失去' })).toBeVisible();
  await expect(app.locator('.MuiDataGrid-row [data-field="benefitLoss"]').first()).toContainText(
    /机场贵宾厅 \d 次\/年/,
  );
  await screenshot(app, 'benefits-warnings-zh-1366');

  // 客户权益分析: the customer counts among the tier's users; the count opens them.
  await app.goto(`${origin}/#/benefits`);
  await expect(app.getByRole('heading', { name: `客户权益分析 · ${info.latestMonth}` })).toBeVisible();
  await app.getByTestId(`users-${tierCodes[2]}-LOUNGE`).click();
  await expect(app.getByTestId('benefit-analysis-customers')).toContainText(customer?.customerNo ?? '');
  await screenshot(app, 'benefits-analysis-zh-1366');

  // The administrator's catalogue goes again (the other specs see the branch as it was).
  await signInAs(app, 'admin');
  expect((await callApi(app, 'benefits.removeCatalogue', { validFrom: '2020-01' })).ok).toBe(true);
  await signInAs(app, 'head');
});
