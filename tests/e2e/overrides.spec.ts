import { cellTexts, expect, rows, screenshot, test, waitForRows } from './app';

test.describe('人工调整分层 (tier overrides) and recompute', () => {
  test('override a customer’s tier with a reason, see it explained, then remove it', async ({ app }) => {
    await waitForRows(app);
    const name = (await cellTexts(app, 'name'))[0];
    await rows(app).first().click();
    const card = app.getByTestId('customer-card');
    await expect(card.getByTestId('card-name')).toHaveText(name);
    const overrides = card.getByTestId('tier-overrides');
    await expect(overrides).toContainText('无人工调整');

    await overrides.getByRole('button', { name: '人工调整' }).click();
    await overrides.getByLabel('层级').click();
    await app.getByRole('option', { name: '大众客户' }).click();
    // Too short a reason is refused, naming the field.
    await overrides.getByLabel('原因').fill('测');
    await overrides.getByRole('button', { name: '保存并重新计算' }).click();
    await expect(overrides.getByRole('alert')).toContainText('reason');
    await overrides.getByLabel('原因').fill('测试：客户要求按大众客户服务');
    await overrides.getByRole('button', { name: '保存并重新计算' }).click();

    await expect(overrides.getByRole('row')).toHaveCount(2);
    await expect(overrides).toContainText('测试：客户要求按大众客户服务');
    const latest = card.getByTestId('tier-history').getByRole('row').nth(1);
    await expect(latest).toContainText('大众客户');
    await expect(latest).toContainText('测试：客户要求按大众客户服务');
    await screenshot(app, 'card-override-zh-1366');

    await overrides.getByRole('button', { name: '撤销此调整' }).click();
    await expect(overrides).toContainText('无人工调整');
    await expect(latest).not.toContainText('测试：客户要求');
  });

  test('recompute from the overview keeps the counts', async ({ app }) => {
    await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/tiers`);
    const overview = app.getByTestId('tier-overview');
    await expect(overview.getByRole('row').nth(1)).toContainText('私人银行客户');
    const before = await overview.innerText();
    await app.getByRole('button', { name: '重新计算' }).click();
    await expect(app.getByTestId('job-progress')).toBeHidden();
    await expect(overview.getByRole('row').nth(1)).toContainText('私人银行客户');
    expect(await app.getByTestId('tier-overview').innerText()).toBe(before);
  });
});
