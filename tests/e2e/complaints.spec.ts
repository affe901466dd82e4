import { expect, screenshot, test } from './app';

test('投诉: register a complaint, move it through to 办结, and see the board update', async ({ app }) => {
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/complaints`);
  await expect(app.getByRole('heading', { name: '投诉管理' })).toBeVisible();
  const count = async (id: string) => Number((await app.getByTestId(id).innerText()).replace(/\D/g, ''));
  await expect(app.getByTestId('complaint-counts')).toBeVisible();
  const regulatorBefore = await count('count-regulator');

  // Received 20 days ago, so once accepted on that day it is already overdue.
  const received = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
  await app.getByTestId('complaint-register').click();
  const form = app.getByTestId('complaint-register-form');
  await form.getByLabel('收到日期').fill(received);
  await app.getByTestId('complaint-customer').fill('0510000001');
  await app.getByTestId('complaint-description').fill('理财产品到期资金未按时到账');
  await form.getByLabel('监管转办').check();
  await app.getByTestId('complaint-register-save').click();

  const detail = app.getByTestId('complaint-detail');
  await expect(detail).toContainText('登记');
  const number = ((await detail.locator('h2').innerText()).split(' ')[0] ?? '').trim();
  expect(number).toMatch(/^TS\d{10}$/);

  // 办结 straight away is not offered; accept on the day it came in.
  await expect(app.getByTestId('complaint-to-closed')).toHaveCount(0);
  await app.getByTestId('complaint-to-accepted').click();
  await app.getByTestId('complaint-step').getByLabel('日期').fill(received);
  await app.getByTestId('complaint-step-save').click();
  await expect(detail).toContainText('受理');
  await expect(detail).toContainText('逾期');
  await app.getByTestId('complaint-close').click();
  await expect(app.getByTestId('count-regulator')).toHaveText(`监管转办 ${regulatorBefore + 1}`);
  await expect(app.getByTestId('complaint-board')).toContainText(number);
  await screenshot(app, 'complaints-board-zh-1366');

  // Reply, then close with the customer's verdict.
  await app.getByTestId('complaint-board').getByText(number).click();
  await app.getByTestId('complaint-to-replied').click();
  await app.getByTestId('complaint-reply').fill('已补发利息并致歉');
  await app.getByTestId('complaint-step-save').click();
  await expect(detail).toContainText('已答复');
  await expect(detail).toContainText('超时');
  await app.getByTestId('complaint-to-closed').click();
  await app.getByTestId('complaint-step-save').click();
  await expect(detail).toContainText('办结');
  await expect(app.getByTestId('complaint-events')).toContainText('办结');
  await expect(detail).toContainText('可申请复核至');
  await screenshot(app, 'complaint-detail-zh-1366');
  await app.getByTestId('complaint-close').click();
  await expect(app.getByTestId('count-regulator')).toHaveText(`监管转办 ${regulatorBefore}`);
  await expect(app.getByTestId('complaint-board').or(app.getByText('没有需要处理的投诉。'))).not.toContainText(number);

  // The analysis counts it among this period's complaints, handled late.
  await app.getByTestId('complaints-tab-analysis').click();
  await expect(app.getByTestId('complaint-analysis')).toContainText('重复投诉客户');
  await expect(app.getByTestId('complaint-analysis')).toContainText(/已答复 \d+ 件/);
  await screenshot(app, 'complaints-analysis-zh-1366');
});
