import { E2E_ACCOUNTS } from './accounts';
import { callApi, cellTexts, expect, screenshot, signInAs, test, waitForRows } from './app';

test('sign-in screen: a wrong password refused, the right one lets in; signing out comes back here', async ({
  app,
}) => {
  await app.getByTestId('sign-out').click();
  await expect(app.getByTestId('sign-in')).toBeVisible();
  await app.getByTestId('sign-in-code').fill(E2E_ACCOUNTS.head.code);
  await app.getByTestId('sign-in-secret').fill('not-the-secret');
  await app.getByTestId('sign-in-submit').click();
  await expect(app.getByTestId('sign-in')).toContainText('工号或密码不正确');
  await screenshot(app, 'sign-in-zh-1366');
  await app.getByTestId('sign-in-secret').fill(E2E_ACCOUNTS.head.secret);
  await app.getByTestId('sign-in-submit').click();
  await expect(app.getByTestId('signed-in')).toHaveText('e2e 支行长（支行长 E2EHEAD）');
});

test('柜员: masked names, no balances, no edit buttons, no settings pages', async ({ app }) => {
  await signInAs(app, 'teller');
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/customers/0510000001`);
  await expect(app.getByTestId('signed-in')).toContainText('柜员');
  const card = app.getByTestId('customer-card');
  await expect(card.getByTestId('card-name')).toHaveText(/^.\*+.?$/);
  await expect(card.getByTestId('card-idNumber')).toHaveText(/^\d{6}\*{8}[\dX]{4}$/);
  await expect(card.getByTestId('reveal-idNumber')).toHaveCount(0);
  await expect(card.getByTestId('card-log-contact')).toHaveCount(0);
  await expect(card.getByTestId('card-survey')).toHaveCount(0);
  await expect(app.getByRole('link', { name: '数据导入' })).toHaveCount(0);
  await expect(app.getByRole('link', { name: '审计日志' })).toHaveCount(0);
  await screenshot(app, 'teller-card-zh-1366');
  // What the screen hides, main refuses.
  const refused = await callApi(app, 'contacts.log', {
    customerNo: '0510000001',
    date: '2026-01-05',
    channel: 'phone',
    purpose: 'care',
  });
  expect(refused.error?.code).toBe('FORBIDDEN');
  // The list by customer number, without a 月日均 column, range boxes or sort; a balance query is refused.
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/customers`);
  await waitForRows(app);
  await expect(card).toBeHidden();
  expect((await cellTexts(app, 'customerNo')).slice(0, 3)).toEqual(
    [...(await cellTexts(app, 'customerNo')).slice(0, 3)].sort(),
  );
  await expect(app.locator('.MuiDataGrid-columnHeader[data-field="aumFen"]')).toHaveCount(0);
  await expect(app.getByTestId('aum-min')).toHaveCount(0);
  await screenshot(app, 'teller-customers-zh-1366');
  // Warnings: the level, no 月日均, amount needed, reasons or score, and no action to create.
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/warnings`);
  const warned = app.getByTestId('warning-grid').locator('.MuiDataGrid-row');
  await expect.poll(() => warned.count()).toBeGreaterThan(5);
  for (const field of ['aumFen', 'amountNeededFen', 'reasons'])
    await expect(app.locator(`.MuiDataGrid-columnHeader[data-field="${field}"]`)).toHaveCount(0);
  await expect(warned.first().locator('[data-field="score"]')).toHaveText(/^[高中低]$/);
  await expect(app.getByRole('button', { name: '建立行动' })).toHaveCount(0);
  const { latestMonth } = (await callApi(app, 'app.info', {})).value as { latestMonth: string };
  const teller = (await callApi(app, 'warnings.list', { month: latestMonth, offset: 0, limit: 5 })).value as {
    rows: Array<{ aumFen: unknown; amountNeededFen: unknown; score: unknown }>;
  };
  expect(teller.rows.every((w) => w.aumFen === null && w.amountNeededFen === null && w.score === null)).toBe(true);
  await screenshot(app, 'teller-warnings-zh-1366');
  const byBalance = await callApi(app, 'customers.count', {
    month: latestMonth,
    filter: { search: '0510000001', aumMinFen: 100 },
  });
  expect(byBalance.error?.code).toBe('FORBIDDEN');
});

test('客户经理 reveals an ID number with a reason; the 支行长 sees it in the audit log', async ({ app }) => {
  await signInAs(app, 'manager');
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/customers`);
  await expect(app.getByTestId('signed-in')).toContainText('客户经理 3201006');
  // Their own book only: every row's manager is them.
  await expect
    .poll(async () => new Set(await app.locator('.MuiDataGrid-row [data-field="managerName"]').allInnerTexts()).size)
    .toBe(1);
  await app.locator('.MuiDataGrid-row [data-field="customerNo"]').first().click();
  const card = app.getByTestId('customer-card');
  const customerNo = (await card.locator('text=/^05100\\d{5}$/').first().innerText()).trim();
  await card.getByTestId('reveal-idNumber').click();
  await app.getByTestId('reveal-reason').fill('办理业务核实身份');
  await app.getByTestId('reveal-confirm').click();
  await expect(card.getByTestId('card-idNumber')).toHaveText(/^\d{17}[\dX]$/);
  await expect(app.locator('.MuiDialog-container')).toHaveCount(0);
  await screenshot(app, 'manager-reveal-zh-1366');

  await signInAs(app, 'head');
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/audit`);
  await app.getByTestId('audit-action').fill('customers.reveal');
  const entry = app.getByTestId('audit-table').getByRole('row', { name: new RegExp(customerNo) });
  await expect(entry).toContainText('3201006');
  await expect(entry).toContainText('办理业务核实身份');
});

test('数据备份: the administrator backs up, inspects the backup and restores it; the data is as it was', async ({
  app,
}) => {
  await signInAs(app, 'admin');
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/staff`);
  await expect(app.getByTestId('staff-table')).toContainText('E2ETELLER');
  await screenshot(app, 'staff-zh-1366');
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/backups`);
  await expect(app.getByRole('heading', { name: '数据备份' })).toBeVisible();
  await app.getByTestId('backup-now').click();
  await expect(app.getByText(/已备份：tierdesk-\d{8}-\d{6}-manual\.db（3,000 位客户）/)).toBeVisible();
  await app
    .getByTestId('backups-table')
    .getByRole('row', { name: /手动/ })
    .first()
    .getByRole('button', { name: '查看内容' })
    .click();
  await expect(app.getByTestId('backup-preview')).toContainText('客户 3,000 位');
  await screenshot(app, 'backups-zh-1366');
  await app.getByTestId('backup-restore').click();
  await app.getByTestId('backup-restore-confirm').click();
  await expect(app.getByTestId('backups-table').getByRole('row', { name: /恢复前/ })).toHaveCount(1);
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/customers`);
  await expect(app.getByText('共 3,000 位客户')).toBeVisible();
});
