import { cellTexts, expect, rows, screenshot, test, waitForRows, wanValue } from './app';

test.describe('客户列表 (customer list)', () => {
  test('shows the Chinese UI and the demo branch', async ({ app }) => {
    await expect(app.getByRole('heading', { name: '客户列表' })).toBeVisible();
    await expect(app.getByTestId('branch-name')).toHaveText('太湖支行（演示数据）');
    await expect(app.getByTestId('customer-count')).toHaveText('共 3,000 位客户');
    await waitForRows(app);
    await expect(app.locator('[role="columnheader"][data-field="aumFen"]')).toContainText('月日均');
    // Personal data arrives masked.
    const mobiles = await cellTexts(app, 'mobileMasked');
    expect(mobiles.filter(Boolean).every((m) => /^1\d{2}\*{4}\d{4}$/.test(m))).toBe(true);
    const ids = await cellTexts(app, 'idNumberMasked');
    expect(ids.every((id) => /^\d{6}\*{8}[\dX]{4}$/.test(id))).toBe(true);
    await screenshot(app, 'customers-zh-1366');
  });

  test('pages forward and back with stable rows', async ({ app }) => {
    await waitForRows(app);
    const firstPage = await cellTexts(app, 'customerNo');
    await app.getByRole('button', { name: /下一页|next page/i }).click();
    await expect(app.getByText(/51[–-]100/)).toBeVisible();
    await expect.poll(async () => (await cellTexts(app, 'customerNo'))[0]).not.toBe(firstPage[0]);
    await waitForRows(app);
    const secondPage = await cellTexts(app, 'customerNo');
    expect(secondPage.length).toBeGreaterThan(10);
    expect(secondPage.some((no) => firstPage.includes(no))).toBe(false);
    // Page 3 starts after page 2 (keyset cursors are kept per page).
    await app.getByRole('button', { name: /下一页|next page/i }).click();
    await expect.poll(async () => (await cellTexts(app, 'customerNo'))[0]).not.toBe(secondPage[0]);
    await waitForRows(app);
    const thirdPage = await cellTexts(app, 'customerNo');
    expect(thirdPage.some((no) => secondPage.includes(no) || firstPage.includes(no))).toBe(false);
    await app.getByRole('button', { name: /上一页|previous page/i }).click();
    await expect.poll(() => cellTexts(app, 'customerNo')).toEqual(secondPage);
    await app.getByRole('button', { name: /上一页|previous page/i }).click();
    await expect.poll(() => cellTexts(app, 'customerNo')).toEqual(firstPage);
  });

  test('sorts by 月日均 both ways', async ({ app }) => {
    await waitForRows(app);
    const descending = (await cellTexts(app, 'aumFen')).map(wanValue);
    expect(descending[0]).toBeGreaterThan(600); // the demo branch has customers above 600万
    expect([...descending].sort((a, b) => b - a)).toEqual(descending);

    await app.locator('[role="columnheader"][data-field="aumFen"]').click();
    await expect
      .poll(async () => wanValue((await cellTexts(app, 'aumFen'))[0]))
      .toBeLessThan(descending[descending.length - 1]);
    const ascending = (await cellTexts(app, 'aumFen')).map(wanValue);
    expect([...ascending].sort((a, b) => a - b)).toEqual(ascending);
  });

  test('searches by name and by mobile last 4', async ({ app }) => {
    await waitForRows(app);
    const name = (await cellTexts(app, 'name'))[3];
    await app.getByTestId('customer-search').fill(name);
    await expect.poll(async () => (await cellTexts(app, 'name')).every((n) => n.startsWith(name))).toBe(true);
    await expect(app.getByTestId('customer-count')).not.toHaveText('共 3,000 位客户');
    expect((await cellTexts(app, 'name')).length).toBeGreaterThan(0);
    await screenshot(app, 'customers-search-zh-1366');

    await app.getByTestId('customer-search').fill('');
    await waitForRows(app);
    const last4 = (await cellTexts(app, 'mobileMasked')).find(Boolean)?.slice(-4) ?? '';
    await app.getByTestId('customer-search').fill(last4);
    await expect.poll(async () => (await cellTexts(app, 'mobileMasked')).every((m) => m.endsWith(last4))).toBe(true);
  });

  test('filters by 月日均 range in 万元 and explains bad input', async ({ app }) => {
    await app.getByTestId('aum-min').fill('600');
    await expect.poll(async () => (await cellTexts(app, 'aumFen')).map(wanValue).every((v) => v >= 600)).toBe(true);
    await app.getByTestId('aum-max').fill('abc');
    await expect(app.getByText('请输入数字（万元，最多 6 位小数）')).toBeVisible();
    await app.getByTestId('aum-max').fill('100');
    await expect(app.getByText('上限不能小于下限')).toBeVisible();
  });

  test('opens a customer card with its chart and monthly table, Esc closes it', async ({ app }) => {
    await waitForRows(app);
    const name = (await cellTexts(app, 'name'))[0];
    await rows(app).first().click();
    const card = app.getByTestId('customer-card');
    await expect(card.getByTestId('card-name')).toHaveText(name);
    await expect(card.getByTestId('aum-chart').locator('svg').first()).toBeVisible();
    await expect(card.getByRole('columnheader', { name: '月日均合计' })).toBeVisible();
    await expect(card.getByRole('row')).not.toHaveCount(1);
    // The book history: a demo customer never moved has one period under today's manager, to date.
    await expect(card.getByTestId('manager-history').getByRole('row').nth(1)).toContainText(/首任/);
    await expect(card.getByTestId('manager-history').getByRole('row').nth(1)).toContainText('至今');
    await card.getByTestId('manager-history').scrollIntoViewIfNeeded();
    await screenshot(app, 'card-book-history-zh-1366');
    await card.getByTestId('card-scroll').evaluate((el) => el.scrollTo(0, 0));
    expect(app.url()).toMatch(/#\/customers\/\d+$/);
    await screenshot(app, 'card-zh-1366');
    await app.keyboard.press('Escape');
    await expect(card).toBeHidden();
  });

  test('deep link opens the card directly', async ({ app }) => {
    await waitForRows(app);
    const number = (await cellTexts(app, 'customerNo'))[1];
    await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/customers/${number}`);
    await expect(app.getByTestId('customer-card').getByText(number)).toBeVisible();
  });

  test('switches to English and back', async ({ app }) => {
    await app.getByRole('button', { name: 'English' }).click();
    await expect(app.getByRole('heading', { name: 'Customers' })).toBeVisible();
    await expect(app.getByTestId('customer-count')).toHaveText('3,000 customers');
    await screenshot(app, 'customers-en-1366');
    await rows(app).first().click();
    await expect(app.getByTestId('customer-card').getByText('Monthly assets (CNY)')).toBeVisible();
    await screenshot(app, 'card-en-1366');
    await app.keyboard.press('Escape');
    await app.getByRole('button', { name: '中文' }).click();
    await expect(app.getByRole('heading', { name: '客户列表' })).toBeVisible();
  });

  test('looks right at 1920×1080', async ({ app }) => {
    await app.setViewportSize({ width: 1920, height: 1080 });
    await expect(rows(app).first()).toBeVisible();
    await screenshot(app, 'customers-zh-1920');
    await rows(app).nth(2).click();
    await expect(app.getByTestId('aum-chart')).toBeVisible();
    await screenshot(app, 'card-zh-1920');
  });
});

test('save the filters as a named segment and reuse it later', async ({ app }) => {
  await waitForRows(app);
  const count = app.getByTestId('customer-count');
  await app.getByRole('combobox', { name: '状态' }).click();
  await app.getByRole('option', { name: '正常' }).click();
  await expect(count).not.toHaveText('共 3,000 位客户');
  const normal = await count.innerText();
  await app.getByTestId('aum-min').fill('300');
  await expect(count).not.toHaveText(normal);
  const filtered = await count.innerText();

  await app.getByRole('button', { name: '保存为细分…' }).click();
  await app.getByTestId('segment-name').fill('三百万以上正常客户');
  await app.getByRole('button', { name: '保存', exact: true }).click();
  await expect(app.getByRole('dialog')).toBeHidden();

  await app.getByRole('button', { name: '清除筛选' }).click();
  await expect(count).toHaveText('共 3,000 位客户');
  await app.getByRole('combobox', { name: '已存细分' }).click();
  await app.getByRole('option', { name: '三百万以上正常客户' }).click();
  await expect(count).toHaveText(filtered);
  await expect(app.getByTestId('aum-min')).toHaveValue('300');
  await screenshot(app, 'customers-saved-segment-zh-1366');

  // The same name again is refused, then replaced on request.
  await app.getByRole('button', { name: '保存为细分…' }).click();
  await app.getByTestId('segment-name').fill('三百万以上正常客户');
  await app.getByRole('button', { name: '保存', exact: true }).click();
  await expect(app.getByRole('dialog')).toContainText('已有名为“三百万以上正常客户”的细分');
  await app.getByRole('button', { name: '覆盖同名细分' }).click();
  await expect(app.getByRole('dialog')).toBeHidden();

  await app.getByRole('button', { name: '删除该细分' }).click();
  await app.getByRole('combobox', { name: '已存细分' }).click();
  await expect(app.getByRole('option', { name: '还没有保存的细分' })).toBeVisible();
});
