import { expect, screenshot, test } from './app';

test('满意度: build a survey, enter a low score, see the follow-up action and the results', async ({ app }) => {
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/surveys`);
  await expect(app.getByRole('heading', { name: '满意度调查' })).toBeVisible();

  await app.getByTestId('surveys-tab-templates').click();
  await app.getByTestId('template-new').click();
  await app.getByTestId('template-name').fill('e2e 季度满意度');
  await app.getByTestId('template-question-0').fill('对客户经理服务的满意度');
  await app.getByTestId('template-add').click();
  await app.getByTestId('template-question-1').fill('其他建议');
  await app.getByRole('dialog').getByRole('combobox').nth(1).click();
  await app.getByRole('option', { name: '文字' }).click();
  await app.getByTestId('template-save').click();
  await expect(app.getByRole('dialog')).toBeHidden();
  await expect(app.getByRole('cell', { name: 'e2e 季度满意度' })).toBeVisible();

  await app.getByTestId('surveys-tab-entry').click();
  await app.getByRole('combobox', { name: '问卷' }).click();
  await app.getByRole('option', { name: 'e2e 季度满意度' }).click();
  await app.getByTestId('entry-customer').fill('0510000001');
  await app.getByTestId('answer-0').getByLabel('1', { exact: true }).check();
  await app.getByLabel('2. 其他建议').fill('等候时间太长');
  await screenshot(app, 'survey-entry-zh-1366');
  await app.getByTestId('entry-save').click();
  await expect(app.getByTestId('entry-done')).toContainText('已为客户经理建立回访行动');

  // The follow-up is on the retention board.
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/actions`);
  await expect(app.getByTestId('action-board')).toContainText('满意度回访：e2e 季度满意度 第 1 题 1 分');

  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/surveys`);
  await app.getByRole('combobox', { name: '问卷' }).click();
  await app.getByRole('option', { name: 'e2e 季度满意度' }).click();
  await expect(app.getByTestId('survey-total')).toContainText('共 1 份答卷；CSAT（4–5 分占比）0.0%');
  await expect(app.getByTestId('survey-questions')).toContainText('等候时间太长');
  await expect(app.locator('.MuiPopover-root')).toHaveCount(0);
  await screenshot(app, 'survey-results-zh-1366');
});

test('满意度 from the customer card: the customer fixed, answers saved', async ({ app }) => {
  // A template of its own (through the API, as the screen would save it), so this test stands alone.
  const saved = await app.evaluate(async () => {
    const body = { name: 'e2e 网点回访', questions: [{ kind: 'score', text: '对网点服务的满意度' }], staffCode: null };
    const response = await fetch('/api/surveys.templates.save', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return ((await response.json()) as { ok: boolean }).ok;
  });
  expect(saved).toBe(true);
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/customers/0510000001`);
  await app.getByTestId('card-survey').click();
  const dialog = app.getByRole('dialog', { name: /录入满意度：.+（0510000001）/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('entry-customer')).toHaveCount(0);
  await dialog.getByRole('combobox', { name: '问卷' }).click();
  await app.getByRole('option', { name: 'e2e 网点回访' }).click();
  await dialog.getByTestId('answer-0').getByLabel('5', { exact: true }).check();
  await dialog.getByTestId('entry-save').click();
  await expect(dialog.getByTestId('entry-done')).toHaveText('已保存答卷。');
});
