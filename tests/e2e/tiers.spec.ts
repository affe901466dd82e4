import { addMonths } from '../../shared/month';
import { cellTexts, expect, screenshot, test, waitForRows } from './app';

test.describe('客户分层 (tiers)', () => {
  test('the landing page shows tiers this month vs last, statuses and the migration matrix', async ({ app }) => {
    await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/`);
    await expect(app.getByRole('heading', { name: /^客户分层 ·/ })).toBeVisible();
    const overview = app.getByTestId('tier-overview');
    for (const name of ['私人银行客户', '钻石客户', '白金客户', '金卡客户', '大众客户']) {
      await expect(overview.getByText(name)).toBeVisible();
    }
    await expect(overview.getByText('合计', { exact: true })).toBeVisible();
    await expect(app.getByText('本月状态分布')).toBeVisible();
    const matrix = app.getByTestId('tier-matrix');
    await expect(matrix.getByRole('row')).toHaveCount(8); // header + 5 tiers + 新进 + 合计
    await expect(matrix.getByRole('columnheader', { name: '流失/无数据' })).toBeVisible();
    await screenshot(app, 'tiers-zh-1366');
    await app.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(app, 'tiers-zh-1920');
  });

  test('the customer list shows each customer tier and status; the card explains every month', async ({ app }) => {
    await waitForRows(app);
    const tiers = await cellTexts(app, 'tierName');
    expect(tiers.filter(Boolean).length).toBeGreaterThan(5);
    expect(tiers.every((t) => /客户|数据缺失/.test(t))).toBe(true);
    await app.locator('.MuiDataGrid-row').first().click();
    const history = app.getByTestId('tier-history');
    await expect(history.getByRole('row').nth(1)).toContainText(/月日均/);
    await screenshot(app, 'card-tiers-zh-1366');
  });
});

test('a tier in the overview opens its customers; the status filter narrows them', async ({ app }) => {
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/tiers`);
  await app.getByTestId('tier-overview').getByRole('link', { name: '钻石客户' }).click();
  await expect(app.getByRole('heading', { name: '客户列表' })).toBeVisible();
  await expect
    .poll(async () => {
      const tiers = (await cellTexts(app, 'tierName')).filter(Boolean);
      return tiers.length > 0 && tiers.every((t) => t === '钻石客户');
    })
    .toBe(true);
  await app.getByRole('combobox', { name: '状态' }).click();
  await app.getByRole('option', { name: '观察' }).click();
  await expect
    .poll(async () => {
      const statuses = (await cellTexts(app, 'tierStatus')).filter(Boolean);
      return statuses.every((s) => s === '观察');
    })
    .toBe(true);
  await screenshot(app, 'customers-tier-filter-zh-1366');
});

test('a migration-matrix cell opens exactly its customers', async ({ app }) => {
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/tiers`);
  const matrix = app.getByTestId('tier-matrix');
  // The month before the data month to begin with; a year back has customers in every cell.
  await expect(matrix).toContainText(/\d{4}-\d{2} → \d{4}-\d{2}/);
  const [, from, to] = /(\d{4}-\d{2}) → (\d{4}-\d{2})/.exec(await matrix.innerText()) as string[];
  expect(from).toBe(addMonths(to, -1));
  await app.getByRole('combobox', { name: /^起始月份 / }).click();
  await app.getByRole('option', { name: addMonths(to, -12) }).click();
  await expect(matrix).toContainText(`${addMonths(to, -12)} → ${to}`);
  // 钻石客户 → 白金客户: the row of 钻石, the column of 白金 (columns: corner, T4, T3, T2, …).
  const cell = matrix.getByRole('row').filter({ hasText: '钻石客户' }).getByRole('cell').nth(3).getByRole('link');
  const count = Number((await cell.innerText()).replace(/,/g, ''));
  expect(count).toBeGreaterThan(0);
  await cell.click();
  await expect(app.getByTestId('tier-at-chip')).toContainText(/钻石客户 → .* 白金客户/);
  await expect(app.getByTestId('customer-count')).toHaveText(`共 ${count.toLocaleString()} 位客户`);
  await screenshot(app, 'customers-matrix-cell-zh-1366');
});
