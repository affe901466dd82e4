import { callApi, expect, screenshot, test } from './app';

test('审计日志: an action is recorded, filtered by action, and the chain verifies', async ({ app }) => {
  // Something audited, through the API as the screen would.
  expect(
    (
      await callApi(app, 'surveys.templates.save', {
        name: 'e2e 审计问卷',
        questions: [{ kind: 'score', text: '满意度' }],
      })
    ).ok,
  ).toBe(true);
  await app.getByRole('link', { name: '审计日志' }).click();
  await expect(app.getByRole('heading', { name: '审计日志' })).toBeVisible();
  await app.getByRole('combobox', { name: /^操作 / }).click();
  await app.getByRole('option', { name: '保存问卷模板' }).click();
  const table = app.getByTestId('audit-table');
  await expect(table).toContainText('保存问卷模板');
  await expect(table).toContainText('名称：e2e 审计问卷');
  await expect(table).not.toContainText('{');
  await app.getByTestId('audit-verify').click();
  await expect(app.getByTestId('audit-verification')).toContainText(/校验通过：\d+ 条记录的校验链完整/);
  await app.getByRole('combobox', { name: /^操作 / }).click();
  await app.getByRole('option', { name: '全部操作' }).click();
  await expect(table).toContainText('校验审计日志');
  // Dates typed as YYYY-MM-DD whatever the browser's locale; a day that does not exist is named at once.
  const from = app.getByLabel('起始日期', { exact: true });
  await from.fill('2026-02-30');
  await expect(app.getByText('请按 YYYY-MM-DD 填写一个实际存在的日期')).toBeVisible();
  await from.fill('2000-01-01');
  await expect(app.getByText('请按 YYYY-MM-DD 填写一个实际存在的日期')).toHaveCount(0);
  await expect(table).toContainText('校验审计日志');
  await screenshot(app, 'audit-zh-1366');
});
