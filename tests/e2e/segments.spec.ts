import { cellTexts, expect, screenshot, test } from './app';

test('客户细分: pick two dimensions, click a cell, see exactly its customers', async ({ app }) => {
  await app.getByRole('link', { name: '客户细分' }).click();
  const grid = app.getByTestId('segment-grid');
  // header + 5 tiers: customers in no tier that month are in no segment (docs/domain.md, "Presence")
  await expect(grid.getByRole('row')).toHaveCount(6);
  await expect(grid.getByRole('columnheader', { name: '成熟' })).toBeVisible();

  await app.getByRole('combobox', { name: '列维度' }).click();
  await app.getByRole('option', { name: '成交优先级' }).click();
  await expect(grid.getByRole('columnheader', { name: 'A', exact: true })).toBeVisible();
  await screenshot(app, 'segments-zh-1366');

  const diamondRow = grid.getByRole('row').filter({ hasText: '钻石客户' });
  const link = diamondRow.getByRole('link').first();
  const count = Number((await link.innerText()).split(/\s/)[0].replace(/,/g, ''));
  await link.click();
  await expect(app.getByRole('heading', { name: '客户列表' })).toBeVisible();
  await expect(app.getByTestId('customer-count')).toHaveText(`共 ${count.toLocaleString('en')} 位客户`);
  await expect(app.getByText(/成交优先级：[ABC]/)).toBeVisible();
  await expect
    .poll(async () => (await cellTexts(app, 'tierName')).filter(Boolean).every((t) => t === '钻石客户'))
    .toBe(true);
  await screenshot(app, 'customers-segment-zh-1366');
});
