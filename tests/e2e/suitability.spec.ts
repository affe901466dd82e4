import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { xlsxFile } from '../fixtures/spreadsheets';
import { callApi, expect, screenshot, signInAs, test } from './app';

interface Assessment {
  customerNo: string;
  riskLevel: string | null;
  assessedDate: string | null;
  channel: string | null;
  professional: boolean;
}

test('适当性: a catalogue and holdings imported, checked on the screen, the card and the workbench; undone after', async ({
  app,
}) => {
  test.setTimeout(180_000);
  // Three of 3201006's customers: each holds a low-risk deposit and a high-risk fund.
  const page = (await callApi(app, 'customers.page', {
    month: ((await callApi(app, 'app.info', {})).value as { latestMonth: string }).latestMonth,
    sort: { field: 'customerNo', direction: 'asc' },
    filter: { managerCode: '3201006' },
    cursor: null,
    limit: 3,
  })) as { value: { rows: Array<{ customerNo: string; name: string }> } };
  const customers = page.value.rows;
  expect(customers).toHaveLength(3);
  const before = await Promise.all(
    customers.map(
      async (c) => (await callApi(app, 'suitability.customer', { customerNo: c.customerNo })).value as Assessment,
    ),
  );

  const dir = mkdtempSync(path.join(tmpdir(), 'tierdesk-e2e-suit-'));
  const catalogue = path.join(dir, '产品目录.xlsx');
  const holdings = path.join(dir, '产品持有.xlsx');
  writeFileSync(
    catalogue,
    xlsxFile([
      {
        name: '在售产品',
        rows: [
          ['产品代码', '产品名称', '产品类型', '风险等级', '期限', '币种', '发行机构', '起购金额（元）'],
          ['DP001', '大额存单3年', '存款', '低风险', '3年', '人民币', '本行', 200000],
          ['FD005', '科技成长股票基金', '基金', 'R5', '开放式', '人民币', '某基金公司', 1000],
        ],
      },
    ]),
  );
  writeFileSync(
    holdings,
    xlsxFile([
      {
        name: '持有',
        rows: [
          ['客户号', '客户名称', '产品代码', '产品名称', '持有金额（元）', '到期日'],
          ...customers.flatMap((c) => [
            [c.customerNo, c.name, 'DP001', '大额存单3年', 300000, '2027-06-30'],
            [c.customerNo, c.name, 'FD005', '科技成长股票基金', 50000, null],
          ]),
          [customers[0].customerNo, customers[0].name, 'TR009', '代销信托计划', 1000000, null],
        ],
      },
    ]),
  );
  await app.getByRole('link', { name: '数据导入' }).click();
  await app.getByTestId('import-file-input').setInputFiles([holdings, catalogue]);
  await expect(app.getByTestId('import-set').getByRole('row')).toHaveCount(1 + 2 + 1, { timeout: 60_000 });
  const names = await app.getByTestId('import-set').getByRole('row').locator('td:nth-child(2)').allInnerTexts();
  expect(names.slice(0, 2)).toEqual(['产品目录.xlsx', '产品持有.xlsx']);
  await app.getByTestId('import-set').getByRole('row').filter({ hasText: '产品目录.xlsx' }).click();
  await expect(app.getByTestId('import-products')).toHaveText('产品目录：新增 2 个产品，更新 0 个，0 个无变化');
  await screenshot(app, 'suitability-import-zh-1366');
  await app.getByRole('button', { name: '确认导入（2 个文件）' }).click();
  await expect(app.getByText(/已导入 2 个文件/)).toBeVisible({ timeout: 90_000 });

  // 适当性检查: counts per manager and finding; a count opens its customers.
  await app.getByRole('link', { name: '适当性检查' }).click();
  await expect(app.getByRole('heading', { name: '适当性检查' })).toBeVisible();
  const managers = app.getByTestId('suitability-managers');
  await expect(managers).toContainText('超出风险等级');
  const above = app.getByTestId('count-3201006-aboveLevel');
  await expect(above).toBeVisible();
  await above.click();
  const list = app.getByTestId('suitability-customers');
  await expect(list).toContainText('科技成长股票基金');
  await screenshot(app, 'suitability-check-zh-1366');

  // Group analysis by 适当性: every customer of the segment under a finding, or 未持有产品.
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/groups`);
  await app.getByRole('combobox', { name: '维度' }).click();
  await app.getByRole('option', { name: '适当性' }).click();
  await expect(app.getByTestId('groups-table').locator('thead')).toContainText('适当性');
  await expect(app.getByTestId('groups-table')).toContainText('未持有产品');
  await expect(app.getByTestId('groups-table')).toContainText('超出风险等级');
  await expect(app.getByRole('listbox')).toBeHidden();
  await screenshot(app, 'suitability-groups-zh-1366');

  // The card: each holding with its check; an assessment recorded (C5 today) makes the fund suitable.
  const first = customers.find((c) => before.find((b) => b.customerNo === c.customerNo)?.riskLevel !== 'C5');
  expect(first).toBeDefined();
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/customers/${first?.customerNo}`);
  const panel = app.getByTestId('card-suitability');
  await expect(panel.getByTestId('card-holdings')).toContainText('科技成长股票基金');
  await expect(panel.getByTestId('card-holdings')).toContainText('超出风险等级');
  await panel.scrollIntoViewIfNeeded();
  await screenshot(app, 'suitability-card-zh-1366');
  await panel.getByTestId('assessment-edit').click();
  await app.getByRole('dialog').getByRole('combobox', { name: '风险承受能力' }).click();
  await app.getByRole('option', { name: 'C5 进取型' }).click();
  const today = new Date().toLocaleDateString('sv-SE');
  await app.getByTestId('assessment-date').fill(today);
  await app.getByTestId('assessment-save').click();
  await expect(panel.getByTestId('card-holdings').getByTestId('finding-aboveLevel')).toHaveCount(0);
  await app.keyboard.press('Escape');

  // The workbench of 3201006: the mismatches of the book.
  await signInAs(app, 'manager');
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/today`);
  await expect(app.getByTestId('today-suitability-mismatches')).toContainText('科技成长股票基金');
  await expect(app.getByTestId('today-suitability-expiring')).toBeVisible();
  await app.getByTestId('today-suitability-mismatches').scrollIntoViewIfNeeded();
  await screenshot(app, 'suitability-today-zh-1366');
  // A teller sees the screen with masked names and no amounts on the card.
  await signInAs(app, 'teller');
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/suitability`);
  await app.getByTestId('count-aboveLevel').click();
  await expect(app.getByTestId('suitability-customers')).toContainText('*');
  await app.getByRole('button', { name: 'English' }).click();
  await expect(app.getByRole('heading', { name: 'Suitability check' })).toBeVisible();
  await screenshot(app, 'suitability-check-en-1366');
  await app.getByRole('button', { name: '中文' }).click();

  // Back as it was for the other tests: the assessment, then the import set.
  await signInAs(app, 'head');
  const was = before.find((b) => b.customerNo === first?.customerNo) as Assessment;
  const restored = await callApi(app, 'suitability.recordAssessment', {
    customerNo: was.customerNo,
    riskLevel: was.riskLevel,
    assessedDate: was.assessedDate,
    channel: was.channel,
    professional: was.professional,
  });
  expect(restored.ok).toBe(true);
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/imports`);
  await app.getByRole('button', { name: '撤销整组（2 个文件）' }).click();
  await expect(app.getByText(/已撤销整组 2 个文件/)).toBeVisible({ timeout: 90_000 });
});

test('风险评估 file: recognised on the import screen, an older assessment passed over, written and undone', async ({
  app,
}) => {
  test.setTimeout(120_000);
  const page = (await callApi(app, 'customers.page', {
    month: ((await callApi(app, 'app.info', {})).value as { latestMonth: string }).latestMonth,
    sort: { field: 'customerNo', direction: 'desc' },
    filter: { managerCode: '3201006' },
    cursor: null,
    limit: 2,
  })) as { value: { rows: Array<{ customerNo: string; name: string }> } };
  const [newer, older] = page.value.rows;
  const assessment = async (customerNo: string) =>
    (await callApi(app, 'suitability.customer', { customerNo })).value as Assessment;
  const before = await assessment(newer.customerNo);
  // The second customer's assessment on file is today's: a file's older one is passed over.
  const olderWas = await assessment(older.customerNo);
  const today = new Date().toLocaleDateString('sv-SE');
  await callApi(app, 'suitability.recordAssessment', {
    customerNo: older.customerNo,
    riskLevel: 'C2',
    assessedDate: today,
    channel: '柜面',
    professional: olderWas.professional,
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'tierdesk-e2e-assess-'));
  const file = path.join(dir, '风险评估结果.xlsx');
  writeFileSync(
    file,
    xlsxFile([
      {
        name: '风险评估',
        rows: [
          ['客户号', '客户名称', '风险等级', '评估日期', '评估渠道'],
          [newer.customerNo, newer.name, '成长型', today, '个人网上银行'],
          [older.customerNo, older.name, 'C5', '2020-01-02', '手机APP'],
        ],
      },
    ]),
  );
  await app.getByRole('link', { name: '数据导入' }).click();
  await expect(app.getByTestId('import-templates')).toContainText('风险评估');
  await app.getByTestId('import-file-input').setInputFiles([file]);
  await expect(app.getByTestId('import-preview')).toBeVisible({ timeout: 60_000 });
  await expect(app.getByRole('combobox', { name: '文件类型' })).toHaveText('风险评估');
  await expect(app.getByTestId('import-preview')).toContainText('早于已有的评估');
  await screenshot(app, 'import-assessments-zh-1366');
  await app.getByRole('button', { name: /^确认导入/ }).click();
  await expect(app.getByText(/已导入（批次/)).toBeVisible({ timeout: 90_000 });
  expect(await assessment(newer.customerNo)).toMatchObject({ riskLevel: 'C4', assessedDate: today, channel: '网银' });
  expect(await assessment(older.customerNo)).toMatchObject({ riskLevel: 'C2', assessedDate: today });

  await app.getByRole('button', { name: '撤销', exact: true }).click();
  await expect(app.getByText(/已撤销批次/)).toBeVisible({ timeout: 90_000 });
  expect(await assessment(newer.customerNo)).toMatchObject({
    riskLevel: before.riskLevel,
    assessedDate: before.assessedDate,
    channel: before.channel,
  });
  await callApi(app, 'suitability.recordAssessment', {
    customerNo: older.customerNo,
    riskLevel: olderWas.riskLevel,
    assessedDate: olderWas.assessedDate,
    channel: olderWas.channel,
    professional: olderWas.professional,
  });
});

test('适当性设置: the highest product level per customer level, shown as stored', async ({ app }) => {
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/suitability-settings`);
  const form = app.getByTestId('suitability-settings');
  await expect(form).toContainText('C3 平衡型 最高可持有');
  await expect(form.getByRole('textbox').nth(2)).toHaveValue('3');
  await screenshot(app, 'suitability-settings-zh-1366');
});
