import { expect, screenshot, test } from './app';

test('设置 · 细分维度: a longer onboarding period puts more customers in 导入期; bad input names the field', async ({
  app,
}) => {
  const newCustomers = async () => {
    await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/customers?lifecycle=new`);
    const count = app.getByTestId('customer-count');
    await expect(count).toHaveText(/共 [\d,]+ 位客户/);
    return Number((await count.innerText()).replace(/[^\d]/g, ''));
  };
  const before = await newCustomers();

  await app.getByRole('link', { name: '维度设置' }).click();
  await expect(app.getByRole('heading', { name: '设置 · 细分维度' })).toBeVisible();
  await app.getByTestId('setting-newCustomerMonths').fill('abc');
  await app.getByRole('button', { name: '保存', exact: true }).click();
  await expect(app.getByTestId('dimension-settings')).toContainText('导入期月数应为整数');

  await app.getByTestId('setting-newCustomerMonths').fill('24');
  await app.getByRole('button', { name: '保存', exact: true }).click();
  await expect(app.getByText('已保存，细分维度已按新门槛计算。')).toBeVisible();
  await screenshot(app, 'dimension-settings-zh-1366');
  expect(await newCustomers()).toBeGreaterThan(before);

  // Back to the defaults, with a change of the idle share that re-reads the assets.
  await app.getByRole('link', { name: '维度设置' }).click();
  await app.getByTestId('setting-idleDemandShare').fill('35');
  await app.getByRole('button', { name: '保存', exact: true }).click();
  await expect(app.getByText('已保存，并已重新读取全部资产数据。')).toBeVisible();
  await app.getByRole('button', { name: '恢复默认值' }).click();
  await app.getByRole('button', { name: '保存', exact: true }).click();
  await expect(app.getByText(/已保存/)).toBeVisible();
  expect(await newCustomers()).toBe(before);
});
