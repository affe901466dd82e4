import { callApi, expect, screenshot, signInAs, test } from './app';

const ORIGIN = () => process.env.TIERDESK_E2E_ORIGIN as string;

test.describe('客户经理工作台 (manager workbench)', () => {
  test("a manager lands on today's list, logs a contact from it and the item leaves the list", async ({ app }) => {
    await signInAs(app, 'manager');
    await app.goto(`${ORIGIN()}/#/`);
    await expect(app.getByRole('heading', { name: '今日工作台' })).toBeVisible();
    await expect(app.getByTestId('today-header')).toContainText('（3201006）');
    const overdue = app.getByTestId('today-contacts');
    await expect(overdue.getByRole('row').first()).toBeVisible();
    const count = Number(await app.getByTestId('today-contacts-count').innerText());
    expect(count).toBeGreaterThan(0);
    await expect(app.getByTestId('today-care')).toBeVisible();
    await expect(app.getByTestId('today-opportunities')).toBeVisible();
    await screenshot(app, 'today-zh-1366');

    const first = overdue.getByRole('row').first();
    const customerNo = (await first.locator('.MuiTypography-caption').first().innerText()).trim();
    await first.getByRole('button', { name: '记录接触' }).click();
    await expect(app.getByTestId('contact-dialog')).toBeVisible();
    await app.getByTestId('contact-note').fill('电话问候，约下周到网点');
    await app.getByTestId('contact-save').click();
    await expect(app.locator('.MuiDialog-container')).toHaveCount(0);
    await expect(app.getByTestId('today-contacts-count')).toHaveText(String(count - 1));
    await expect(overdue).not.toContainText(customerNo);

    // The customer card opens from the list.
    await overdue.getByRole('row').first().getByRole('button').first().click();
    await expect(app.getByRole('dialog')).toBeVisible();
  });

  test('the care calendar shows the week and the month, a day opens its list', async ({ app }) => {
    await signInAs(app, 'manager');
    await app.goto(`${ORIGIN()}/#/care`);
    await expect(app.getByRole('heading', { name: '关怀日历' })).toBeVisible();
    await expect(app.getByTestId('care-table').or(app.getByText('该时段没有关怀事项'))).toBeVisible();
    await screenshot(app, 'care-week-zh-1366');
    await app.getByTestId('care-month').click();
    await expect(app.getByTestId('care-grid')).toBeVisible();
    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    await app.getByTestId(`care-day-${iso}`).click();
    await expect(app.getByTestId('care-day-title')).toContainText(iso);
    await screenshot(app, 'care-month-zh-1366');
    // Only birthdays: every row is one.
    for (const kind of ['maturity', 'riskExpiry', 'idExpiry', 'anniversary'])
      await app.getByTestId(`care-kind-${kind}`).click();
    await app.getByTestId('care-week').click();
    const kinds = await app.getByTestId('care-table').locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(new Set(kinds)).toEqual(new Set(kinds.length ? ['生日'] : []));
  });

  test("an assessment's expiry in the calendar shows its level and opens the card at 适当性", async ({ app }) => {
    await signInAs(app, 'manager');
    const today = new Date();
    const iso = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    // A customer of the book assessed 365 days ago: the assessment is valid through today.
    const day = (await callApi(app, 'workbench.today', { managerCode: '3201006' })).value as {
      contacts: { rows: Array<{ customerNo: string }> };
    };
    const customerNo = day.contacts.rows[0].customerNo;
    const was = (await callApi(app, 'suitability.customer', { customerNo })).value as {
      riskLevel: string | null;
      assessedDate: string | null;
      channel: string | null;
      professional: boolean;
    };
    const { riskLevel, assessedDate, channel, professional } = was;
    const assessed = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 365);
    const recorded = await callApi(app, 'suitability.recordAssessment', {
      customerNo,
      riskLevel: 'C3',
      assessedDate: iso(assessed),
      channel: '柜面',
      professional: false,
    });
    expect(recorded.ok).toBe(true);
    await app.goto(`${ORIGIN()}/#/care`);
    for (const kind of ['birthday', 'maturity', 'idExpiry', 'anniversary'])
      await app.getByTestId(`care-kind-${kind}`).click();
    const row = app.getByTestId('care-table').getByRole('row').filter({ hasText: customerNo });
    await expect(row).toContainText('风险评估 C3 平衡型 有效期至 ' + iso(today));
    await screenshot(app, 'care-risk-expiry-zh-1366');
    await row.getByRole('button').first().click();
    await expect(app).toHaveURL(new RegExp(`#/care/${customerNo}/suitability`));
    await expect(app.getByTestId('card-suitability')).toBeInViewport();
    await expect(app.getByTestId('card-suitability')).toContainText('C3 平衡型');
    await screenshot(app, 'care-risk-expiry-card-zh-1366');
    // Back as it was for the other tests.
    const put = await callApi(app, 'suitability.recordAssessment', {
      customerNo,
      riskLevel,
      assessedDate,
      channel,
      professional,
    });
    expect(put.ok).toBe(true);
  });

  test('a weekly plan from suggestions; the branch manager sees every plan and the coverage', async ({ app }) => {
    await signInAs(app, 'manager');
    await app.goto(`${ORIGIN()}/#/plans`);
    await expect(app.getByRole('heading', { name: '工作计划' })).toBeVisible();
    const suggestions = app.getByTestId('plan-suggestions');
    await expect(suggestions.getByRole('checkbox').first()).toBeVisible();
    await suggestions.getByRole('checkbox').nth(0).check();
    await suggestions.getByRole('checkbox').nth(1).check();
    await app.getByTestId('plan-add').click();
    await expect(app.getByText(/^已加入 2 项/)).toBeVisible();
    const items = app.getByTestId('plan-items');
    await expect(items.getByRole('row')).toHaveCount(2);
    // An item is done by hand or by a contact this week (another spec may have logged one): one more after the click.
    const title = app.getByTestId('plan-title');
    await expect(title).toHaveText(/^计划（[01]\/2 已完成）$/);
    const before = Number(/（(\d)\//.exec((await title.textContent()) ?? '')?.[1]);
    await items
      .getByRole('row')
      .filter({ hasText: '未完成' })
      .getByRole('button', { name: '标记完成' })
      .first()
      .click();
    await expect(title).toHaveText(`计划（${before + 1}/2 已完成）`);
    await screenshot(app, 'plans-week-zh-1366');

    await signInAs(app, 'head');
    await app.goto(`${ORIGIN()}/#/plans`);
    await app.getByTestId('tab-branch-plans').click();
    await expect(app.getByTestId('branch-plans').getByRole('row').filter({ hasText: '3201006' })).toContainText(
      `${(before + 1) * 50}.0%`,
    );
    await app.getByTestId('tab-coverage').click();
    await expect(app.getByTestId('coverage-table')).toContainText('全行');
    await screenshot(app, 'plans-coverage-zh-1366');
  });

  test('an event: created, a segment of the book invited, attendance and follow-up recorded', async ({ app }) => {
    await signInAs(app, 'manager');
    const saved = await callApi(app, 'segments.save', {
      name: 'e2e 私行客户',
      filter: { tierCodes: ['T4', 'T3'] },
      replace: true,
    });
    expect(saved.ok).toBe(true);
    await app.goto(`${ORIGIN()}/#/events`);
    await expect(app.getByRole('heading', { name: '客户活动' })).toBeVisible();
    await app.getByTestId('event-create').click();
    await app.getByTestId('event-title').fill('');
    await app.getByTestId('event-save').click();
    await expect(app.getByTestId('event-dialog')).toContainText('请填写活动名称');
    await app.getByTestId('event-title').fill('冬季养生沙龙');
    await app.getByTestId('event-save').click();
    await expect(app.locator('.MuiDialog-container')).toHaveCount(0);
    const detail = app.getByTestId('event-detail');
    await expect(detail).toContainText('冬季养生沙龙');
    await app.getByRole('combobox', { name: '已存细分' }).click();
    await app.getByRole('option', { name: 'e2e 私行客户' }).click();
    await app.getByTestId('invite-button').click();
    await expect(detail.getByText(/^新邀请 \d+ 位/)).toBeVisible();
    const invitees = app.getByTestId('invitees');
    const first = invitees.locator('tbody tr').first();
    await first.getByRole('combobox').click();
    await app.getByRole('option', { name: '出席' }).click();
    await first.getByPlaceholder('跟进结果').fill('有意向了解养老理财');
    await first.getByRole('button', { name: '保存' }).click();
    const row = app.getByTestId('events-table').getByRole('row').filter({ hasText: '冬季养生沙龙' });
    await expect(row.locator('td').nth(5)).toHaveText('1');
    await expect(row.locator('td').nth(7)).toHaveText('1');
    await screenshot(app, 'events-zh-1366');
  });

  test('reads in English, and at 1920×1080', async ({ app }) => {
    await signInAs(app, 'manager');
    await app.goto(`${ORIGIN()}/#/today`);
    await app.getByRole('button', { name: 'English' }).click();
    await expect(app.getByRole('heading', { name: 'Today' })).toBeVisible();
    await expect(app.getByTestId('today-contacts')).toContainText('Overdue for contact');
    await screenshot(app, 'today-en-1366');
    await app.goto(`${ORIGIN()}/#/care`);
    await app.getByTestId('care-month').click();
    await expect(app.getByTestId('care-grid')).toContainText('Mon');
    await screenshot(app, 'care-month-en-1366');
    await app.getByRole('button', { name: '中文' }).click();
    await app.setViewportSize({ width: 1920, height: 1080 });
    await app.goto(`${ORIGIN()}/#/today`);
    await expect(app.getByTestId('today-care')).toBeVisible();
    await screenshot(app, 'today-zh-1920');
    await app.goto(`${ORIGIN()}/#/plans`);
    await expect(app.getByTestId('plan-suggestions')).toBeVisible();
    await screenshot(app, 'plans-zh-1920');
  });

  test('设置 · 联系标准: saved per tier; bad input names the field', async ({ app }) => {
    await app.goto(`${ORIGIN()}/#/contact-standards`);
    await expect(app.getByRole('heading', { name: '设置 · 联系标准' })).toBeVisible();
    await expect(app.getByTestId('setting-tiers.T4.contactDays')).toHaveValue('31');
    await expect(app.getByTestId('setting-tiers.T4.visitDays')).toHaveValue('92');
    await app.getByTestId('setting-tiers.T3.contactDays').fill('400');
    await app.getByRole('button', { name: '保存' }).click();
    await expect(app.getByTestId('contact-standards')).toContainText('联系周期最多 366 天');
    await app.getByTestId('setting-tiers.T3.contactDays').fill('45');
    await app.getByRole('button', { name: '保存' }).click();
    await expect(app.getByText('联系标准已保存')).toBeVisible();
    await screenshot(app, 'contact-standards-zh-1366');
  });
});
