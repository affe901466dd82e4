import { expect, screenshot, test } from './app';

const ORIGIN = () => process.env.TIERDESK_E2E_ORIGIN as string;
const warningRows = (page: import('@playwright/test').Page) =>
  page.getByTestId('warning-grid').locator('.MuiDataGrid-row');

test.describe('防降级 (downgrade prevention)', () => {
  test('warning list → create an action → see it on the board, log the contact, see the results', async ({ app }) => {
    await app.goto(`${ORIGIN()}/#/warnings`);
    await expect(app.getByRole('heading', { name: /^防降级预警 ·/ })).toBeVisible();
    await expect.poll(() => warningRows(app).count()).toBeGreaterThan(5);
    await expect(app.getByTestId('warning-count')).toHaveText(/^共 [\d,]+ 位$/);
    await screenshot(app, 'warnings-zh-1366');

    // The riskiest customer first; a retention action for it.
    const first = warningRows(app).first();
    const name = (await first.locator('[data-field="name"]').innerText()).split(/\s/)[0];
    await first.getByRole('button', { name: '建立行动' }).click();
    const dialog = app.getByTestId('action-dialog');
    await expect(dialog).toBeVisible();
    await app.getByLabel('行动方式').click();
    await app.getByRole('option', { name: '拜访' }).click();
    await dialog.getByLabel('备注').fill('约客户面谈，介绍到期理财续作方案');
    await screenshot(app, 'warnings-action-dialog-zh-1366');
    await app.getByTestId('action-save').click();
    await expect(dialog).toBeHidden();
    await expect(first.locator('[data-field="openActions"]')).toContainText('1');

    await app.goto(`${ORIGIN()}/#/actions`);
    const board = app.getByTestId('action-board');
    const row = board.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('拜访');
    await expect(row).toContainText('进行中');
    await screenshot(app, 'actions-board-zh-1366');

    // Logging the visit marks the action done.
    await row.getByRole('button', { name: '记录接触' }).click();
    await app.getByTestId('contact-note').fill('已面谈，客户同意续作');
    await app.getByTestId('contact-save').click();
    await expect(row).not.toContainText('—');
    await expect(row.getByRole('button', { name: '记录接触' })).toHaveCount(0);

    await app.getByTestId('tab-results').click();
    const results = app.getByTestId('retention-results');
    await expect(results.getByText('全行合计')).toBeVisible();
    await expect(app.getByTestId('results-chart').locator('svg').first()).toBeVisible();
    await screenshot(app, 'actions-results-zh-1366');
  });

  test('the customer card shows the warning with its reasons and logs a contact', async ({ app }) => {
    await app.goto(`${ORIGIN()}/#/warnings`);
    await expect.poll(() => warningRows(app).count()).toBeGreaterThan(1);
    await warningRows(app).nth(1).locator('[data-field="aumFen"]').click();
    const warning = app.getByTestId('card-warning');
    await expect(warning).toBeVisible();
    await expect(warning.locator('li').first()).toContainText(/门槛|联系|下降|流出|到期/);
    await app.getByTestId('card-log-contact').click();
    await app.getByTestId('contact-note').fill('生日关怀电话');
    await app.getByTestId('contact-save').click();
    await expect(app.getByTestId('card-contacts')).toContainText('生日关怀电话');
    await screenshot(app, 'card-retention-zh-1366');
  });
});

test.describe('两期迁徙分析 (two-period analysis)', () => {
  test('the figures add up and each number opens exactly its customers', async ({ app }) => {
    await app.goto(`${ORIGIN()}/#/flows`);
    const groups = app.getByTestId('migration-groups');
    await expect(groups).toBeVisible();
    const count = async (group: string) =>
      Number((await app.getByTestId(`migration-count-${group}`).innerText()).replace(/,/g, ''));
    expect(await count('start')).toBe((await count('retained')) + (await count('lost')));
    expect(await count('end')).toBe((await count('retained')) + (await count('new')));
    await expect(app.getByTestId('migration-chart').locator('svg').first()).toBeVisible();
    await expect(app.getByTestId('migration-matrix')).toBeVisible();
    await screenshot(app, 'migration-zh-1366');

    const retained = await count('retained');
    await app.getByTestId('migration-count-retained').click();
    await expect(app.getByTestId('migration-chip')).toContainText('留存');
    await expect(app.getByTestId('customer-count')).toHaveText(`共 ${retained.toLocaleString()} 位客户`);

    // By a raw threshold: 月日均 ≥ 100万.
    await app.goto(`${ORIGIN()}/#/flows`);
    await app.getByTestId('migration-by-threshold').click();
    await app.getByTestId('migration-threshold').fill('100');
    await expect(app.getByTestId('migration-count-lost')).toHaveAttribute('href', /,100000000,lost$/);
    const lost = await count('lost');
    await app.getByTestId('migration-count-lost').click();
    await expect(app.getByTestId('migration-chip')).toContainText('≥ 100万');
    await expect(app.getByTestId('customer-count')).toHaveText(`共 ${lost.toLocaleString()} 位客户`);
    await screenshot(app, 'customers-migration-group-zh-1366');
  });

  test('the groups by risk level and by holding a product above it add up to the groups', async ({ app }) => {
    await app.goto(`${ORIGIN()}/#/flows`);
    await expect(app.getByTestId('migration-groups')).toBeVisible();
    const start = Number((await app.getByTestId('migration-count-start').innerText()).replace(/,/g, ''));
    const column = async (n: number) =>
      (await app.getByTestId('migration-breakdown').locator(`tbody tr td:nth-child(${n})`).allInnerTexts()).map((v) =>
        Number(v.replace(/,/g, '')),
      );
    for (const [dimension, first] of [
      ['风险等级', 'C1 保守型'],
      ['持有超风险等级产品', '是'],
    ] as const) {
      await app.getByTestId('migration-breakdown-dimension').locator('..').click();
      await app.getByRole('option', { name: dimension, exact: true }).click();
      await expect(app.getByTestId('migration-breakdown').locator('tbody tr').first()).toContainText(first);
      expect((await column(2)).reduce((a, b) => a + b, 0)).toBe(start);
    }
    await app.getByTestId('migration-breakdown').scrollIntoViewIfNeeded();
    await screenshot(app, 'migration-breakdown-zh-1366');
    await app.getByRole('button', { name: 'English' }).click();
    await expect(app.getByTestId('migration-breakdown')).toContainText('Holds a product above level');
    await app.getByTestId('migration-breakdown').scrollIntoViewIfNeeded();
    await screenshot(app, 'migration-breakdown-en-1366');
    await app.getByRole('button', { name: '中文' }).click();
  });
});

test('设置 · 预警模型: a wider margin lists more customers; bad input names the field', async ({ app }) => {
  await app.goto(`${ORIGIN()}/#/warnings`);
  await expect(app.getByTestId('warning-count')).toHaveText(/^共 [\d,]+ 位$/);
  const before = Number((await app.getByTestId('warning-count').innerText()).replace(/[^\d]/g, ''));
  await app.goto(`${ORIGIN()}/#/warning-settings`);
  await expect(app.getByRole('heading', { name: '设置 · 预警模型' })).toBeVisible();
  await app.getByTestId('setting-highScore').fill('20');
  await app.getByRole('button', { name: '保存' }).click();
  await expect(app.getByTestId('warning-settings')).toContainText('“中”的分数线应低于“高”');
  await app.getByTestId('setting-highScore').fill('60');
  await app.getByTestId('setting-marginShare').fill('30');
  await app.getByRole('button', { name: '保存' }).click();
  await expect(app.getByText('已保存，预警名单已按新参数评分。')).toBeVisible();
  await screenshot(app, 'warning-settings-zh-1366');
  await app.goto(`${ORIGIN()}/#/warnings`);
  await expect
    .poll(async () => Number((await app.getByTestId('warning-count').innerText()).replace(/[^\d]/g, '')))
    .toBeGreaterThan(before);
  // Back to the defaults, for the tests that follow.
  await app.goto(`${ORIGIN()}/#/warning-settings`);
  await app.getByRole('button', { name: '恢复默认值' }).click();
  await app.getByRole('button', { name: '保存' }).click();
  await expect(app.getByText('已保存，预警名单已按新参数评分。')).toBeVisible();
});
