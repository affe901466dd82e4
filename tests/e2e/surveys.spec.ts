import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { xlsxFile } from '../fixtures/spreadsheets';
import { callApi, expect, screenshot, test } from './app';

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
  // Found by a number prefix and picked from the suggestions.
  await app.getByTestId('entry-customer').fill('05100000');
  await app.getByRole('option', { name: /^0510000001 · / }).click();
  await expect(app.getByTestId('entry-customer')).toHaveValue('0510000001');
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
  expect(
    (
      await callApi(app, 'surveys.templates.save', {
        name: 'e2e 网点回访',
        questions: [{ kind: 'score', text: '对网点服务的满意度' }],
      })
    ).ok,
  ).toBe(true);
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

test('满意度答卷 imported from a spreadsheet: preview by template, import, the low score followed up', async ({
  app,
}) => {
  expect(
    (
      await callApi(app, 'surveys.templates.save', {
        name: 'e2e 导入答卷',
        questions: [
          { kind: 'score', text: '对理财经理的满意度' },
          { kind: 'text', text: '意见' },
        ],
      })
    ).ok,
  ).toBe(true);
  const day = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tierdesk-e2e-')), '理财回访答卷.xlsx');
  writeFileSync(
    file,
    xlsxFile([
      {
        name: '答卷',
        rows: [
          ['理财客户回访'],
          ['客户号', '客户名称', '调查日期', '渠道', '对理财经理的满意度', '意见'],
          ['0510000005', '', day, '电话', 1, '收益说明不清'],
          ['0510000002', '', day, '电话', 2, null],
          ['0510000003', '', day, '面访', '5分', null],
        ],
      },
    ]),
  );
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/imports`);
  await app.getByTestId('import-file-input').setInputFiles(file);
  await expect(app.getByTestId('import-surveys')).toHaveText(
    '将记录 3 份答卷，其中 2 份有低分（≤2 分或 NPS ≤6），将建立 1 个回访行动',
  );
  // 0510000002 has no manager and the file no staff code: said, not silently dropped.
  await expect(app.getByTestId('import-problems')).toContainText(
    '客户 0510000002 评分偏低，但没有客户经理、这一行也没有调查人工号，不会建立回访行动',
  );
  await expect(app.getByRole('combobox', { name: '问卷' })).toHaveText('e2e 导入答卷');
  await expect(app.getByRole('combobox', { name: '导入为 E' })).toHaveText('第 1 题：对理财经理的满意度');
  await screenshot(app, 'import-surveys-zh-1366');
  await app.getByRole('button', { name: '确认导入', exact: true }).click();
  await expect(app.getByText(/答卷 3 份，回访行动 1 个/)).toBeVisible();
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/actions`);
  await expect(app.getByTestId('action-board')).toContainText('满意度回访：e2e 导入答卷 第 1 题 1 分');
});
