import { expect, screenshot, test } from './app';

test.describe('设置 · 分层规则 (tier rules)', () => {
  test('change a threshold, preview who moves, save, and see the counts change', async ({ app }) => {
    await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/tiers`);
    const privateRow = app.getByTestId('tier-overview').getByRole('row').nth(1);
    await expect(privateRow).toContainText('私人银行客户');
    const before = Number((await privateRow.getByRole('cell').nth(2).innerText()).replace(/,/g, ''));

    await app.getByRole('link', { name: '分层规则' }).click();
    await expect(app.getByRole('heading', { name: '设置 · 分层规则' })).toBeVisible();
    await app.getByTestId('threshold-T4').fill('abc');
    await app.getByRole('button', { name: '预览变化' }).click();
    await expect(app.getByText(/输入无效/)).toBeVisible();

    await app.getByTestId('threshold-T4').fill('900');
    // From this month on, customers above 600万 would first go on watch (6 months' grace); over all history they move.
    await app.getByLabel('生效月份').click();
    await app.getByRole('option', { name: '全部历史' }).click();
    await app.getByRole('button', { name: '预览变化' }).click();
    const preview = app.getByTestId('rules-preview');
    await expect(preview).toContainText(/将有 [1-9][\d,]* 位客户层级变化/);
    await screenshot(app, 'rules-preview-zh-1366');
    await app.getByRole('button', { name: '保存并重新计算' }).click();
    await expect(app.getByText(/已保存，已重新计算/)).toBeVisible();

    await app.getByRole('link', { name: '客户分层' }).click();
    await expect(privateRow).toContainText('≥ 900');
    const after = Number((await privateRow.getByRole('cell').nth(2).innerText()).replace(/,/g, ''));
    expect(after).toBeLessThan(before);
  });
});
