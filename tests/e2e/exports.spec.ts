import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, screenshot, test, waitForRows } from './app';

test('群体特征 export: switch dimension, export the workbook, the download arrives with every dimension', async ({
  app,
}) => {
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/groups`);
  await expect(app.getByTestId('groups-table').getByText('合计', { exact: true })).toBeVisible();
  await app.getByRole('combobox', { name: '维度' }).click();
  await app.getByRole('option', { name: '性别' }).click();
  await expect(app.getByTestId('groups-table').locator('thead')).toContainText('性别');

  await app.getByTestId('export-groups').click();
  await expect(app.getByRole('dialog', { name: '导出群体特征' })).toBeVisible();
  await expect(app.locator('.MuiDialog-container')).toHaveCSS('opacity', '1');
  const arriving = app.waitForEvent('download');
  await app.getByTestId('export-start').click();
  const download = await arriving;
  expect(download.suggestedFilename()).toMatch(/^群体特征-\d{4}-\d{2}\.xlsx$/);
  await expect(app.getByTestId('export-done')).toContainText('已导出');

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  expect(workbook.worksheets.map((s) => s.name)).toContain('性别');
  const sheet = workbook.getWorksheet('性别') as ExcelJS.Worksheet;
  expect(String(sheet.getCell('A1').value)).toContain('群体特征');
  expect(sheet.getRow(2).getCell(1).value).toBe('性别');
});

test('客户列表 export: CSV of the list as filtered, full personal data only with a reason', async ({ app }) => {
  await waitForRows(app);
  await app.getByTestId('export-list').click();
  const dialog = app.getByRole('dialog', { name: '导出列表' });
  await dialog.getByLabel('CSV（UTF-8，Excel 2016 及以后）').check();
  await dialog.getByLabel('导出完整个人信息').check();
  await expect(app.getByTestId('export-start')).toBeDisabled();
  await dialog.getByLabel('原因').fill('总行核查');
  await expect(app.locator('.MuiDialog-container')).toHaveCSS('opacity', '1');
  await screenshot(app, 'export-dialog-zh-1366');
  const arriving = app.waitForEvent('download');
  await app.getByTestId('export-start').click();
  const download = await arriving;
  expect(download.suggestedFilename()).toMatch(/^客户列表-\d{4}-\d{2}\.csv$/);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
  expect(lines[0]).toMatch(/^客户编号,姓名,性别,年龄,月日均（元）/);
  // Every customer of the demo branch, and the 合计 row; mobiles in full.
  expect(lines.at(-1)).toMatch(/^合计（[\d]+ 户）/);
  expect(lines.length).toBeGreaterThan(1000);
  expect(lines[1]).toMatch(/,1[3-9]\d{9},/);
});
