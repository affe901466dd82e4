import { callApi, expect, screenshot, test, waitForRows } from './app';

test.describe('客户卡片的抬头 (the customer card header)', () => {
  test('shows tier, status, 月日均 with its change, 保级需补, manager and the actions at the top; one scroll area', async ({
    app,
  }) => {
    await waitForRows(app);
    // A customer in 观察 has an amount needed to hold the tier.
    await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/customers?status=watch`);
    await waitForRows(app);
    await app.locator('.MuiDataGrid-row [data-field="name"]').first().click();
    const header = app.getByTestId('card-header');
    await expect(header.getByTestId('card-name')).not.toBeEmpty();
    await expect(header.getByTestId('card-tier')).toContainText(/客户/);
    await expect(header.getByTestId('card-status')).toHaveText('观察');
    await expect(header.getByTestId('card-aum')).toContainText(/月日均（\d{4}-\d{2}）[\d,]+\.\d{2}万/);
    await expect(header.getByTestId('card-aum')).toContainText(/较上月 [+-]?[\d,]+\.\d{2}万/);
    await expect(header.getByTestId('card-needed')).toContainText(/保级需补[\d,]+\.\d{2}万/);
    await expect(header.getByTestId('card-manager')).toContainText(/客户经理\S+/);
    await expect(header.getByTestId('card-log-contact')).toHaveText('记录接触');
    await expect(header.getByTestId('card-create-action')).toHaveText('建立保级行动');
    await expect(header.getByTestId('reveal-mobile')).toHaveText('查看完整');
    // The header is in view before anything is scrolled, and stays there when the body scrolls.
    const before = await header.boundingBox();
    expect(before && before.y + before.height).toBeLessThan(260);
    await expect(header).toBeInViewport({ ratio: 1 });
    await screenshot(app, 'card-header-zh-1366');

    // One scroll area: the card's body; the tables inside it do not scroll on their own.
    const body = app.getByTestId('card-scroll');
    const inner = await body.evaluate((el) =>
      [...el.querySelectorAll('*')]
        .filter((e) => {
          const style = getComputedStyle(e);
          return /(auto|scroll)/.test(style.overflowY) && e.scrollHeight > e.clientHeight + 1;
        })
        .map((e) => `${e.tagName}.${e.className} ${e.getAttribute('data-testid')} ${e.scrollHeight}/${e.clientHeight}`),
    );
    expect(inner).toEqual([]);
    await app.getByTestId('tier-history').hover();
    await app.mouse.wheel(0, 600);
    await expect.poll(() => body.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    expect(await header.boundingBox()).toEqual(before);
    await screenshot(app, 'card-scrolled-zh-1366');

    // The same header in English.
    await app.keyboard.press('Escape');
    await app.getByRole('button', { name: 'English' }).click();
    await app.locator('.MuiDataGrid-row [data-field="name"]').first().click();
    await expect(header.getByTestId('card-aum')).toContainText(/Avg\. balance \(\d{4}-\d{2}\)[\d,]+\.\d{2} CNY 10k/);
    await expect(header.getByTestId('card-status')).toHaveText('Watch');
    // Whole in the window once the drawer has slid in: nothing of the header cut off.
    await expect(header).toBeInViewport({ ratio: 1 });
    await screenshot(app, 'card-header-en-1366');
    await app.keyboard.press('Escape');
    await app.getByRole('button', { name: '中文' }).click();
  });
});

/** The demo branch's months with data, newest first (as the app bar has them). */
async function dataMonths(app: import('@playwright/test').Page): Promise<string[]> {
  const info = await callApi(app, 'app.info', {});
  return [...(info.value as { months: string[] }).months].sort().reverse();
}

test.describe('月份选择 (month pickers)', () => {
  test('list only months with data, grouped by year, newest first', async ({ app }) => {
    const months = await dataMonths(app);
    await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/flows`);
    await app.getByLabel('起始月份（A）').click();
    const listbox = app.getByRole('listbox');
    const years = [...new Set(months.map((m) => m.slice(0, 4)))];
    await expect(listbox.getByTestId('month-year')).toHaveText(years.map((y) => `${y}年`));
    const choices = (list: import('@playwright/test').Locator) => list.locator('li[data-value]');
    await expect(choices(listbox)).toHaveText(months);
    await screenshot(app, 'month-picker-zh-1366');
    await app.keyboard.press('Escape');
    // The app bar's data month is the same list.
    await app.getByTestId('data-month').locator('..').click();
    await expect(app.getByRole('listbox').getByTestId('month-year')).toHaveText(years.map((y) => `${y}年`));
    await expect(choices(app.getByRole('listbox'))).toHaveText(months);
  });
});

test.describe('客户分层 (tier overview)', () => {
  test('a tier count opens the customer list of that tier in that month', async ({ app }) => {
    const [month] = await dataMonths(app);
    await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/tiers`);
    const count = app.getByTestId('tier-count-T3');
    const n = Number((await count.innerText()).replace(/,/g, ''));
    expect(n).toBeGreaterThan(0);
    await screenshot(app, 'overview-zh-1366');
    await count.click();
    await expect(app).toHaveURL(new RegExp(`#/customers\\?tierAt=${month}:T3`));
    await expect(app.getByTestId('customer-count')).toHaveText(`共 ${n.toLocaleString('en-US')} 位客户`);
    await waitForRows(app);
    await expect
      .poll(async () =>
        (await app.locator('.MuiDataGrid-row [data-field="tierName"]').allInnerTexts()).every((x) => x === '钻石客户'),
      )
      .toBe(true);
  });
});

test.describe('设置 · 分层规则 (the rules preview)', () => {
  test('starts from the earliest month with data and says which months the rules would govern', async ({ app }) => {
    const months = await dataMonths(app);
    const rules = (await callApi(app, 'tiers.rules', {})).value as { ruleSets: Array<{ validFrom: string }> };
    await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/rules`);
    const validFrom = app.getByTestId('rules-valid-from');
    if (rules.ruleSets.every((r) => r.validFrom === '1900-01'))
      await expect(validFrom).toHaveValue(months[months.length - 1]);
    await app.getByLabel('生效月份').click();
    await app.getByRole('option', { name: months[2], exact: true }).click();
    await app.getByRole('button', { name: '预览变化' }).click();
    const preview = app.getByTestId('rules-preview');
    await expect(preview).toContainText(`${months[2]} 将有`);
    await expect(app.getByTestId('rules-governed')).toHaveText(
      `影响 ${months[2]} 至 ${months[0]} 共 3 个月（有数据的月份）`,
    );
    await screenshot(app, 'rules-preview-governed-zh-1366');
  });
});

test.describe('关怀日历 (care calendar)', () => {
  test('the month view marks today; a busy day’s list gets the room it needs, the page scrolls', async ({ app }) => {
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    const month = today.slice(0, 7);
    const calendar = (await callApi(app, 'care.calendar', { from: `${month}-01`, to: `${month}-28` })).value as {
      items: Array<{ date: string }>;
    };
    const perDay = new Map<string, number>();
    for (const item of calendar.items) perDay.set(item.date, (perDay.get(item.date) ?? 0) + 1);
    const [busiest, count] = [...perDay].sort((a, b) => b[1] - a[1])[0];
    expect(count).toBeGreaterThan(10);

    await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/care`);
    await app.getByTestId('care-month').click();
    await expect(app.getByTestId(`care-day-${today}`).getByTestId('care-today')).toHaveText('今天');
    await expect(app.getByTestId('care-today')).toHaveCount(1);
    await app.getByTestId(`care-day-${busiest}`).click();
    const table = app.getByTestId('care-table');
    await expect(table.locator('tbody tr')).toHaveCount(count);
    // No box of its own: the table is as tall as its rows.
    const box = table.locator('..');
    expect(await box.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);
    expect((await box.boundingBox())?.height).toBeGreaterThan(count * 30);
    await screenshot(app, 'care-month-busy-day-zh-1366');
  });
});
