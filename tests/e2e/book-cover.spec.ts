import { callApi, expect, screenshot, signInAs, test } from './app';

const ORIGIN = () => process.env.TIERDESK_E2E_ORIGIN as string;
/** The e2e manager account's book, and a colleague's. */
const OWN = '3201006';
const COLLEAGUE = '3201003';

test('AB角: a manager away, the backup opens the covered book from the workbench; 交接中 after a handover', async ({
  app,
}) => {
  const today = (await callApi(app, 'workbench.today', { managerCode: OWN })).value as { today: string };
  await app.goto(`${ORIGIN()}/#/handovers`);
  const cover = app.getByTestId('book-cover');
  await expect(cover).toContainText('AB角与休假');
  // Time away without a backup is refused, naming why.
  await cover.getByRole('combobox', { name: '客户经理' }).click();
  await app.getByRole('option', { name: new RegExp(`（${COLLEAGUE}）`) }).click();
  await app.getByTestId('away-from').fill(today.today);
  await app.getByTestId('away-to').fill(today.today);
  await app.getByTestId('away-save').click();
  await expect(app.getByText(/请先为 .+ 指定AB角/)).toBeVisible();
  // Named, then away: the table shows both.
  await app
    .getByTestId('book-cover-table')
    .getByRole('row', { name: new RegExp(COLLEAGUE) })
    .getByRole('combobox')
    .click();
  await app.getByRole('option', { name: new RegExp(`（${OWN}）`) }).click();
  await expect(app.getByText('已保存AB角。')).toBeVisible();
  await app.getByTestId('away-save').click();
  await expect(app.getByText('已登记休假。')).toBeVisible();
  await expect(app.getByTestId('book-cover-table')).toContainText(`休假中 ${today.today} 至 ${today.today}`);
  await cover.scrollIntoViewIfNeeded();
  await screenshot(app, 'book-cover-zh-1366');

  // A customer of the manager's own book handed over with a 30-day transition.
  const info = (await callApi(app, 'app.info', {})).value as { latestMonth: string };
  const page = (await callApi(app, 'customers.page', {
    month: info.latestMonth,
    sort: { field: 'customerNo', direction: 'asc' },
    filter: { managerCode: OWN },
    cursor: null,
    limit: 1,
  })) as { value: { rows: Array<{ customerNo: string }> } };
  const customerNo = page.value.rows[0].customerNo;
  const handover = await callApi(app, 'books.handover', {
    selection: { by: 'customers', customerNos: [customerNo] },
    toManagerCode: '3201001',
    effectiveDate: today.today,
    reason: 'balance',
    transitionDays: 30,
  });
  expect(handover.ok).toBe(true);

  await signInAs(app, 'manager');
  await app.goto(`${ORIGIN()}/#/today`);
  await expect(app.getByTestId('today-handedOver')).toContainText(customerNo);
  await expect(app.getByTestId('today-handedOver')).toContainText('交接中');
  // Read-only: the card opens, a contact is refused.
  expect((await callApi(app, 'customers.card', { customerNo })).ok).toBe(true);
  const refused = await callApi(app, 'contacts.log', {
    customerNo,
    date: today.today,
    channel: 'phone',
    purpose: 'care',
  });
  expect(refused.error?.code).toBe('FORBIDDEN');
  await app.getByTestId(`today-cover-${COLLEAGUE}`).click();
  await expect(app.getByTestId('today-covering')).toContainText('您正以AB角代管');
  await expect(app.getByTestId('today-header')).toContainText(COLLEAGUE);
  await screenshot(app, 'today-covering-zh-1366');
  await app.getByTestId('today-own-book').click();
  await expect(app.getByTestId('today-header')).toContainText(OWN);

  // Put the branch back as it was: the handover undone, the time away cancelled, no backup.
  await signInAs(app, 'head');
  const { handovers } = (await callApi(app, 'books.handovers', {})).value as { handovers: Array<{ id: number }> };
  expect((await callApi(app, 'books.undoHandover', { handoverId: handovers[0].id })).ok).toBe(true);
  const state = (await callApi(app, 'books.cover', {})).value as {
    managers: Array<{ managerCode: string; absences: Array<{ id: number }> }>;
  };
  const absence = state.managers.find((m) => m.managerCode === COLLEAGUE)?.absences[0];
  expect((await callApi(app, 'books.cancelAway', { absenceId: absence?.id })).ok).toBe(true);
  expect((await callApi(app, 'books.setBackup', { managerCode: COLLEAGUE, backupCode: null })).ok).toBe(true);
});
