import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { xlsxFile } from '../fixtures/spreadsheets';
import { expect, screenshot, test } from './app';

/** This month, as the branch's clock has it: the newest month a report may carry. */
function thisMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

test('数据导入: preview a monthly report, fix its kind and a column, import, see it, undo', async ({ app }) => {
  const month = thisMonth();
  const [year, m] = month.split('-').map(Number);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tierdesk-e2e-')), `${m}月金融资产月报.xlsx`);
  // A header the guess cannot place: 资产合计 is not a known name for 月日均, so the file looks like a customer master.
  writeFileSync(
    file,
    xlsxFile([
      {
        name: `${m}月`,
        rows: [
          [`太湖支行金融资产月报 ${year}年${m}月`],
          [],
          ['序号', '客户号', '客户名称', '资产合计（万元）'],
          [1, 'E2E0001', '测试甲', 612.5],
          [2, 'E2E0002', '测试乙', 35],
          [3, 'E2E0003', '测试丙', 2],
          ['合计', null, null, 649.5],
        ],
      },
    ]),
  );

  await app.getByRole('link', { name: '数据导入' }).click();
  await expect(app.getByRole('heading', { name: '数据导入' })).toBeVisible();
  await app.getByTestId('import-file-input').setInputFiles(file);
  const preview = app.getByTestId('import-preview');
  await expect(preview).toContainText('表头在第 3 行');

  await app.getByRole('combobox', { name: '文件类型' }).click();
  await app.getByRole('option', { name: '金融资产月报' }).click();
  await expect(app.getByTestId('import-problems')).toContainText('缺少必需的列“月日均”');
  await screenshot(app, 'import-problems-zh-1366');
  const download = app.waitForEvent('download');
  await app.getByRole('button', { name: '下载问题清单（xlsx）' }).click();
  expect((await download).suggestedFilename()).toBe(`${m}月金融资产月报-问题清单.xlsx`);

  await app.getByRole('combobox', { name: '导入为 D' }).click();
  await app.getByRole('option', { name: '月日均合计' }).click();
  await app.getByRole('button', { name: '按此对应重新预览' }).click();
  const summary = app.getByTestId('import-summary');
  await expect(summary).toContainText('数据 3 行');
  await expect(summary).toContainText(month);
  await expect(preview).toContainText('没有发现问题');
  await screenshot(app, 'import-preview-zh-1366');

  await app.getByRole('button', { name: '确认导入', exact: true }).click();
  await expect(app.getByText(/已导入（批次 \d+）：新客户 3.*分层已重新计算。/)).toBeVisible();
  await expect(app.getByTestId('import-history')).toContainText(`${m}月金融资产月报.xlsx`);
  await screenshot(app, 'import-done-zh-1366');

  // The new month is the data month now: its three customers are in the list and the tiers.
  await app.getByRole('link', { name: '客户列表' }).click();
  await expect(app.getByTestId('customer-count')).toHaveText('共 3,003 位客户');
  await app.getByRole('link', { name: '客户分层' }).click();
  await expect(app.getByRole('heading', { name: `客户分层 · ${month}` })).toBeVisible();
  await expect(app.getByTestId('tier-overview').getByRole('row').filter({ hasText: '私人银行客户' })).toContainText(
    '1',
  );

  await app.getByRole('link', { name: '数据导入' }).click();
  await app.getByRole('button', { name: '撤销' }).click();
  await expect(app.getByText(/已撤销批次 \d+/)).toBeVisible();
  await expect(app.getByTestId('import-history')).toContainText('已撤销');
  await app.getByRole('link', { name: '客户列表' }).click();
  await expect(app.getByTestId('customer-count')).toHaveText('共 3,000 位客户');

  // The same screen in English, with the history of both batches.
  await app.getByRole('link', { name: '数据导入' }).click();
  await app.getByRole('button', { name: 'English' }).click();
  await expect(app.getByRole('heading', { name: 'Import data' })).toBeVisible();
  await expect(app.getByTestId('import-history')).toContainText('Undone');
  await screenshot(app, 'import-history-en-1366');
  await app.getByRole('button', { name: '中文' }).click();
});
