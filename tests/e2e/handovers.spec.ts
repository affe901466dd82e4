import { callApi, expect, screenshot, signInAs, test } from './app';

const ORIGIN = () => process.env.TIERDESK_E2E_ORIGIN as string;

test('管户交接: a customer handed over with a preview, shown in the book history, then the handover undone', async ({
  app,
}) => {
  const info = (await callApi(app, 'app.info', {})).value as {
    latestMonth: string;
    staff: Array<{ code: string; name: string; role: string; active: boolean }>;
  };
  // A book neither the e2e manager account (3201006) holds nor the customer goes to.
  const page = (await callApi(app, 'customers.page', {
    month: info.latestMonth,
    sort: { field: 'customerNo', direction: 'asc' },
    filter: { managerCode: '3201003' },
    cursor: null,
    limit: 1,
  })) as { value: { rows: Array<{ customerNo: string }> } };
  const customerNo = page.value.rows[0].customerNo;
  const target = info.staff.find((s) => s.role === 'manager' && s.active && !['3201003', '3201006'].includes(s.code));
  if (!target) throw new Error('no other manager in the demo branch');

  await app.goto(`${ORIGIN()}/#/handovers`);
  await expect(app.getByRole('heading', { name: '管户交接' })).toBeVisible();
  // A saved segment is offered as of the data month.
  await app.getByRole('combobox', { name: '交出' }).click();
  await app.getByRole('option', { name: '已存客群' }).click();
  await expect(app.getByLabel(`客群（按 ${info.latestMonth}）`)).toBeVisible();
  await app.getByRole('combobox', { name: '交出' }).click();
  await app.getByRole('option', { name: '指定客户' }).click();
  await app.getByTestId('handover-customers').fill(`${customerNo}\n0599999999`);
  await app.getByLabel('接手客户经理').click();
  await app.getByRole('option', { name: new RegExp(`（${target.code}）`) }).click();
  await app.getByLabel('原因').click();
  await app.getByRole('option', { name: '均衡' }).click();
  // A number the branch lacks is refused, naming it.
  await app.getByTestId('handover-preview').click();
  await expect(app.getByText(/客户号 0599999999 不在客户名单中/)).toBeVisible();

  await app.getByTestId('handover-customers').fill(customerNo);
  await app.getByTestId('handover-preview').click();
  const preview = app.getByTestId('handover-preview-result');
  await expect(preview).toContainText('将交接 1 位客户');
  await expect(preview).toContainText(customerNo);
  await screenshot(app, 'handover-preview-zh-1366');
  await app.getByTestId('handover-commit').click();
  await app.getByTestId('handover-confirm').click();
  await expect(app.getByText(/已交接 1 位客户（交接编号 \d+）/)).toBeVisible();
  await expect(app.getByTestId('handover-history').getByRole('row').nth(1)).toContainText('均衡');

  const card = (await callApi(app, 'customers.card', { customerNo })).value as {
    customer: { managerCode: string };
    managerHistory: Array<{ managerCode: string; source: string; reason: string | null }>;
  };
  expect(card.customer.managerCode).toBe(target.code);
  expect(card.managerHistory.at(-1)).toMatchObject({ managerCode: target.code, source: 'handover', reason: 'balance' });

  // Only the branch manager hands over: a manager neither sees the page nor may call it.
  await signInAs(app, 'manager');
  expect((await callApi(app, 'books.handovers', {})).error?.code).toBe('FORBIDDEN');
  await signInAs(app, 'head');

  await app.goto(`${ORIGIN()}/#/handovers`);
  await app.getByTestId('handover-undo').click();
  await expect(app.getByText(/已撤销交接 \d+/)).toBeVisible();
  const back = (await callApi(app, 'customers.card', { customerNo })).value as { customer: { managerCode: string } };
  expect(back.customer.managerCode).toBe('3201003');
  await screenshot(app, 'handovers-zh-1366');
});
