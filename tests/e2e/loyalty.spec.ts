import { callApi, expect, screenshot, test } from './app';

/**
 * 积分计划: switched on in 设置 · 积分计划 (a negative multiplier refused naming the tier first), a gift added; the
 * card shows a customer's points, redeems the gift, and refuses a second redemption for want of stock.
 */
test('积分: the plan set, a card balance, a redemption and a refusal', async ({ app }) => {
  test.setTimeout(120_000);
  const month = ((await callApi(app, 'app.info', {})).value as { latestMonth: string }).latestMonth;

  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/loyalty-settings`);
  await expect(app.getByText('设置 · 积分计划')).toBeVisible();
  await app.getByTestId('loyalty-validFrom').fill(month);
  await app.getByTestId('loyalty-multipliers.T2').fill('-1');
  await app.getByTestId('loyalty-save-rules').click();
  await expect(app.getByTestId('loyalty-rules-message')).toContainText('T2 的积分倍数不能为负数');
  await app.getByTestId('loyalty-multipliers.T2').fill('1.2');
  await app.getByTestId('loyalty-save-rules').click();
  await expect(app.getByTestId('loyalty-rules-message')).toContainText('已保存', { timeout: 60_000 });

  const code = `E2E${Date.now() % 100000}`;
  await app.getByTestId('gift-code').fill(code);
  await app.getByTestId('gift-name').fill('定制保温杯');
  await app.getByTestId('gift-pointsPrice').fill('1');
  await app.getByTestId('gift-stock').fill('1');
  await app.getByTestId('loyalty-save-gift').click();
  await expect(app.getByTestId('loyalty-gifts')).toContainText('定制保温杯');
  await screenshot(app, 'loyalty-settings-zh-1366');

  // A customer of the data month with points.
  const page = (await callApi(app, 'customers.page', {
    month,
    sort: { field: 'customerNo', direction: 'asc' },
    filter: {},
    cursor: null,
    limit: 20,
  })) as { value: { rows: Array<{ customerNo: string }> } };
  let customerNo = '';
  let balance = 0;
  for (const row of page.value.rows) {
    const points = (await callApi(app, 'loyalty.customer', { customerNo: row.customerNo })).value as {
      balance: number;
    };
    if (points.balance > 0) {
      customerNo = row.customerNo;
      balance = points.balance;
      break;
    }
  }
  expect(customerNo).not.toBe('');

  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/customers/${customerNo}`);
  const panel = app.getByTestId('card-loyalty');
  await expect(panel.getByTestId('loyalty-balance')).toContainText(balance.toLocaleString('en'));
  await expect(panel.getByTestId('loyalty-lines')).toContainText('月度计提');
  await panel.scrollIntoViewIfNeeded();
  await screenshot(app, 'loyalty-card-zh-1366');

  await panel.getByTestId('loyalty-redeem').click();
  await app.getByRole('combobox', { name: '礼品' }).click();
  await app.getByRole('option', { name: /定制保温杯/ }).click();
  await app.getByTestId('loyalty-submit').click();
  await expect(panel.getByTestId('loyalty-balance')).toContainText((balance - 1).toLocaleString('en'));
  await expect(panel.getByTestId('loyalty-lines')).toContainText('兑换');

  // The last one is gone: a second redemption is refused with the reason, nothing taken.
  await panel.getByTestId('loyalty-redeem').click();
  await app.getByRole('combobox', { name: '礼品' }).click();
  await app.getByRole('option', { name: /定制保温杯/ }).click();
  await app.getByTestId('loyalty-submit').click();
  await expect(app.getByTestId('loyalty-error')).toContainText('礼品库存不足');
  await screenshot(app, 'loyalty-refused-zh-1366');
  await app.getByRole('button', { name: '取消' }).click();
  await expect(panel.getByTestId('loyalty-balance')).toContainText((balance - 1).toLocaleString('en'));

  await app.getByRole('button', { name: '关闭' }).click();
  await expect(panel).toBeHidden();
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/loyalty`);
  await expect(app.getByTestId('loyalty-analysis')).toContainText(month);
  await expect(app.getByText('客户卡片')).toBeHidden();
  await screenshot(app, 'loyalty-analysis-zh-1366');
  // A count opens its customers, most points first; a name opens the card.
  await app.locator(`[data-testid^="loyalty-count-${month}-"]`).first().click();
  const opened = app.getByTestId('loyalty-analysis-customers');
  await expect(opened).toContainText(/\d+ 位客户/);
  await opened.getByRole('button').first().click();
  await expect(app.getByText('客户卡片')).toBeVisible();
  await app.keyboard.press('Escape');

  // In English too: the settings screen and the card's part.
  await app.getByRole('button', { name: 'English' }).click();
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/loyalty-settings`);
  await expect(app.getByText('Settings · Points plan')).toBeVisible();
  await screenshot(app, 'loyalty-settings-en-1366');
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/customers/${customerNo}`);
  await expect(panel.getByTestId('loyalty-balance')).toContainText('Points balance');
  await panel.scrollIntoViewIfNeeded();
  await screenshot(app, 'loyalty-card-en-1366');
  await app.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await app.getByRole('button', { name: '中文' }).click();
  await expect(app.getByRole('button', { name: 'English' })).toBeVisible();
});
