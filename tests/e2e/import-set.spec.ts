import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { xlsxFile } from '../fixtures/spreadsheets';
import { callApi, expect, screenshot, test } from './app';

/** The five months ending with this month (the newest a report may carry), oldest first. */
function fiveMonths(): string[] {
  const now = new Date();
  return [4, 3, 2, 1, 0].map((back) => {
    const d = new Date(now.getFullYear(), now.getMonth() - back, 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });
}

/**
 * A branch shaped like the paper's study, as head office would send it: a customer master and five monthly reports
 * (万元). Some stay above 600万, some fall below, some rise through wealth products, some arrive in the third month.
 */
function paperFiles(dir: string, months: string[]): string[] {
  const customers = Array.from({ length: 120 }, (_, i) => {
    const no = `SET${String(i + 1).padStart(4, '0')}`;
    const group = i % 4;
    // 万元 per month: steady private banking, falling, rising, and small.
    const path = [0, 1, 2, 3, 4].map((m) =>
      group === 0 ? 900 + m * 10 : group === 1 ? 800 - m * 120 : group === 2 ? 200 + m * 150 : 30 + m,
    );
    return { no, name: `迁徙客户${i + 1}`, opened: i % 10 === 9 ? `${months[2]}-05` : '2018-03-01', path };
  });
  const files: string[] = [];
  const write = (name: string, rows: unknown[][]) => {
    const file = path.join(dir, name);
    writeFileSync(file, xlsxFile([{ name: name.replace(/\.xlsx$/, ''), rows }]));
    files.push(file);
  };
  write('客户信息.xlsx', [['客户号', '客户名称', '开户日期'], ...customers.map((c) => [c.no, c.name, c.opened])]);
  months.forEach((month, m) => {
    const [year, mon] = month.split('-').map(Number);
    write(`${mon}月金融资产月报.xlsx`, [
      [`金融资产月报 ${year}年${mon}月`],
      ['序号', '客户号', '客户名称', '月份', '金融资产月日均（万元）'],
      ...customers
        .filter((c) => c.opened < `${month}-32`)
        .map((c, i) => [i + 1, c.no, c.name, `${year}年${mon}月`, c.path[m]]),
    ]);
  });
  return files;
}

test('数据导入: a master and five months chosen at once, one preview, one confirmation, tiers and flows at once', async ({
  app,
}) => {
  test.setTimeout(180_000);
  const months = fiveMonths();
  const files = paperFiles(mkdtempSync(path.join(tmpdir(), 'tierdesk-e2e-set-')), months);
  let loads = 0;
  app.on('load', () => (loads += 1));

  await app.getByRole('link', { name: '数据导入' }).click();
  await expect(app.getByRole('heading', { name: '数据导入' })).toBeVisible();
  // Chosen newest month first, the master last: imported master first, months ascending.
  await app.getByTestId('import-file-input').setInputFiles([...files.slice(1).reverse(), files[0]]);
  const set = app.getByTestId('import-set');
  await expect(set.getByRole('row')).toHaveCount(1 + 6 + 1, { timeout: 60_000 });
  const names = await set.getByRole('row').locator('td:nth-child(2)').allInnerTexts();
  expect(names.slice(0, 6)).toEqual([
    '客户信息.xlsx',
    ...months.map((m) => `${Number(m.slice(5))}月金融资产月报.xlsx`),
  ]);
  await expect(app.getByTestId('import-set-totals')).toContainText('合计（6 个文件）');
  // The months the demo branch already has are replaced only once confirmed, each named with its rows.
  const confirm = app.getByRole('checkbox', { name: /确认替换这些月份已有的数据/ });
  await expect(confirm).toBeVisible();
  const label = await app.getByText(/确认替换这些月份已有的数据/).innerText();
  for (const month of months.slice(0, 4)) expect(label).toMatch(new RegExp(`${month}（[\\d,]+ 行）`));
  await expect(app.getByTestId('import-preview')).toContainText('没有发现问题');
  await screenshot(app, 'import-set-preview-zh-1366');

  const commit = app.getByRole('button', { name: '确认导入（6 个文件）' });
  await expect(commit).toBeDisabled();
  await confirm.check();
  await commit.click();
  await expect(app.getByText(/已导入 6 个文件（批次 \d+–\d+），一次写入：新客户 120/)).toBeVisible({ timeout: 90_000 });
  await expect(app.getByRole('dialog')).toBeHidden();
  await expect(app.getByTestId('import-history-set').first()).toContainText('客户信息.xlsx');
  await expect(app.getByRole('button', { name: '撤销整组（6 个文件）' })).toBeVisible();
  await screenshot(app, 'import-set-done-zh-1366');

  // The newest month is the data month now, its tiers set; the flows screen opens on it.
  await app.getByRole('link', { name: '客户分层' }).click();
  await expect(app.getByRole('heading', { name: `客户分层 · ${months[4]}` })).toBeVisible();
  const privateBanking = app.getByTestId('tier-overview').getByRole('row').filter({ hasText: '私人银行客户' });
  await expect(privateBanking).toContainText(/\d/);
  await app.getByRole('link', { name: '两期迁徙分析' }).click();
  await expect(app.getByTestId('migration-groups')).toBeVisible();
  const count = async (group: string) =>
    Number((await app.getByTestId(`migration-count-${group}`).innerText()).replace(/,/g, ''));
  expect(await count('end')).toBeGreaterThan(0);
  await screenshot(app, 'import-set-flows-zh-1366');
  expect(loads).toBe(0); // all of it without a reload

  // The whole set undone at once: the demo branch as it was for the other tests.
  await app.getByRole('link', { name: '数据导入' }).click();
  await app.getByRole('button', { name: '撤销整组（6 个文件）' }).click();
  await expect(app.getByText(/已撤销整组 6 个文件/)).toBeVisible({ timeout: 90_000 });
  await app.getByRole('link', { name: '客户列表' }).click();
  await expect(app.getByTestId('customer-count')).toHaveText('共 3,000 位客户');
});

test('数据导入: several files dropped at once, listed in import order, one taken out again; nothing written', async ({
  app,
}) => {
  const months = fiveMonths();
  const files = paperFiles(mkdtempSync(path.join(tmpdir(), 'tierdesk-e2e-drop-')), months);
  await app.getByRole('link', { name: '数据导入' }).click();
  await expect(app.getByRole('heading', { name: '数据导入' })).toBeVisible();
  const history = async () =>
    ((await callApi(app, 'imports.history', {})).value as { batches: unknown[] }).batches.length;
  const batches = await history();
  const chosen = [files[2], files[0]].map((file) => ({
    name: path.basename(file),
    base64: readFileSync(file).toString('base64'),
  }));
  // Dropped as the browser drops files: a DataTransfer holding both.
  const transfer = await app.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const { name, base64 } of list)
      data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name));
    return data;
  }, chosen);
  await app.getByTestId('import-drop').dispatchEvent('drop', { dataTransfer: transfer });
  const set = app.getByTestId('import-set');
  await expect(set.getByRole('row')).toHaveCount(1 + 2 + 1, { timeout: 60_000 });
  expect((await set.getByRole('row').locator('td:nth-child(2)').allInnerTexts()).slice(0, 2)).toEqual([
    '客户信息.xlsx',
    path.basename(files[2]),
  ]);
  await app.getByRole('button', { name: 'English' }).click();
  await expect(app.getByTestId('import-set-totals')).toContainText('Total (2 files)');
  await screenshot(app, 'import-set-preview-en-1366');
  await app.getByRole('button', { name: '中文' }).click();
  await app.getByRole('button', { name: '从本次导入中移除 客户信息.xlsx' }).click();
  await expect(set.getByRole('row')).toHaveCount(1 + 1 + 1);
  await expect(set).not.toContainText('客户信息.xlsx');
  expect(await history()).toBe(batches);
});
