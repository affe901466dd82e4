import { expect, screenshot, signInAs, test } from './app';

test('群体特征: the tables add up, switch dimension, compare two months, a count opens its customers', async ({
  app,
}) => {
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/groups`);
  await expect(app.getByRole('heading', { name: '群体特征分析' })).toBeVisible();
  const table = app.getByTestId('groups-table');
  await expect(table.getByText('合计', { exact: true })).toBeVisible();
  const counts = async () =>
    (await table.locator('tbody tr').allInnerTexts()).map((row) => Number(row.split('\t')[1].replace(/,/g, '')));
  const byBand = await counts();
  expect(byBand.slice(0, -1).reduce((a, b) => a + b, 0)).toBe(byBand.at(-1));
  await expect(app.getByTestId('groups-pareto')).toHaveCount(4);
  await expect(app.getByTestId('groups-lorenz').locator('svg').first()).toBeVisible();
  await screenshot(app, 'groups-zh-1366');

  await app.getByRole('combobox', { name: '维度' }).click();
  await app.getByRole('option', { name: '年龄' }).click();
  await expect(table.locator('thead')).toContainText('年龄');
  const byAge = await counts();
  expect(byAge.at(-1)).toBe(byBand.at(-1));

  // Beside another month.
  await app.getByRole('combobox', { name: '对比月份' }).click();
  await app.getByRole('option').nth(4).click();
  await expect(app.getByTestId('groups-table')).toHaveCount(2);
  await expect(app.getByRole('listbox')).toBeHidden();
  await screenshot(app, 'groups-compare-zh-1366');

  const link = app.getByTestId('groups-table').first().locator('a').first();
  const count = Number((await link.innerText()).replace(/,/g, ''));
  await link.click();
  await expect(app.getByTestId('group-chip')).toContainText('年龄');
  await expect(app.getByTestId('customer-count')).toHaveText(`共 ${count.toLocaleString()} 位客户`);
});

test('群体特征 as a 客户经理 without the branch view: counts by tier, no balance selection or bands, no money', async ({
  app,
}) => {
  await signInAs(app, 'manager');
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/groups`);
  const table = app.getByTestId('groups-table');
  await expect(table.getByText('合计', { exact: true })).toBeVisible();
  await expect(app.getByTestId('groups-by-threshold')).toHaveCount(0);
  await app.getByRole('combobox', { name: '维度' }).click();
  await expect(app.getByRole('option', { name: '资产区间' })).toHaveCount(0);
  await app.keyboard.press('Escape');
  await expect(app.getByTestId('branch-figures-note')).toContainText('只列您管户名下');
  await expect(table.locator('a')).toHaveCount(0);
  await expect(app.getByTestId('groups-pareto')).toHaveCount(0);
  expect(await table.locator('tbody tr').last().innerText()).toContain('—');
  await screenshot(app, 'groups-manager-zh-1366');
  // The tier overview: the branch's counts, each tier's total, a matrix of counts that opens no list.
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/tiers`);
  await expect(app.getByTestId('tier-matrix')).toBeVisible();
  await expect(app.getByTestId('tier-matrix').locator('a')).toHaveCount(0);
  await expect(app.getByTestId('branch-figures-note')).toBeVisible();
  await screenshot(app, 'tiers-manager-zh-1366');
});
