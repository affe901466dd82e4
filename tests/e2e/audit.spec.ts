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
  await app.getByTestId('audit-action').fill('surveys.');
  await expect(app.getByTestId('audit-table')).toContainText('surveys.saveTemplate');
  await app.getByTestId('audit-verify').click();
  await expect(app.getByTestId('audit-verification')).toContainText(/校验通过：\d+ 条记录的校验链完整/);
  await app.getByTestId('audit-action').fill('');
  await expect(app.getByTestId('audit-table')).toContainText('audit.verify');
  await screenshot(app, 'audit-zh-1366');
});
