import type { Page } from '@playwright/test';
import { pinyin } from 'pinyin-pro';
import { nameKeys } from '../../shared/name-keys';
import { callApi, expect, screenshot, signInAs, test } from './app';

interface ListRow {
  customerNo: string;
  name: string;
}

/** A demo customer with a three-character name (the usual 张晓明 kind). */
async function demoCustomer(page: Page): Promise<ListRow> {
  const info = (await callApi(page, 'app.info', {})).value as { latestMonth: string };
  const result = await callApi(page, 'customers.page', {
    month: info.latestMonth,
    sort: { field: 'customerNo', direction: 'asc' },
    filter: {},
    cursor: null,
    limit: 100,
  });
  const rows = (result.value as { rows: ListRow[] }).rows;
  const found = rows.find((r) => [...r.name].length === 3);
  if (!found) throw new Error('no three-character name among the first 100 demo customers');
  return found;
}

/** Ctrl+K once the app shell is there (a key pressed while the page loads reaches nothing). */
async function pressCtrlK(page: Page) {
  await expect(page.getByTestId('open-palette')).toBeVisible();
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('palette-input')).toBeFocused();
}

/** The palette's lines, in order, by test id. */
const paletteLines = (page: Page) => page.locator('[data-testid="palette-customer"], [data-testid^="palette-screen-"]');

/** Moves to the line `matches` picks with the arrow keys (never the mouse) and presses Enter. */
async function chooseByKeyboard(page: Page, matches: (text: string, testId: string | null) => boolean) {
  let index = -1;
  await expect
    .poll(async () => {
      const lines = paletteLines(page);
      const count = await lines.count();
      for (let i = 0; i < count; i++) {
        const line = lines.nth(i);
        if (matches(await line.innerText(), await line.getAttribute('data-testid'))) return (index = i);
      }
      return (index = -1);
    })
    .toBeGreaterThanOrEqual(0);
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await expect(paletteLines(page).nth(index)).toHaveAttribute('data-active', 'true');
  await page.keyboard.press('Enter');
}

test.describe('查找客户 (search palette)', () => {
  test('Ctrl+K, pinyin initials of a demo customer, Enter opens the card', async ({ app }) => {
    const customer = await demoCustomer(app);
    const initials = nameKeys(customer.name, pinyin).initials;
    await pressCtrlK(app);
    await app.keyboard.type(initials);
    await expect(app.getByTestId('palette-customer').filter({ hasText: customer.customerNo })).toBeVisible();
    await expect(app.getByTestId('palette-customer').first()).toContainText('拼音首字母');
    await screenshot(app, 'palette-zh-1366');
    await chooseByKeyboard(app, (text) => text.includes(customer.customerNo));
    await expect(app.getByTestId('palette-input')).toBeHidden();
    const card = app.getByTestId('customer-card');
    await expect(card.getByTestId('card-name')).toHaveText(customer.name);
    expect(app.url()).toContain(`#/customers/${customer.customerNo}`);
  });

  test('full pinyin and a part of the name find the customer too', async ({ app }) => {
    const customer = await demoCustomer(app);
    await app.getByTestId('open-palette').click();
    await app.getByTestId('palette-input').fill(nameKeys(customer.name, pinyin).full);
    await expect(app.getByTestId('palette-customer').filter({ hasText: customer.customerNo })).toBeVisible();
    await app.getByTestId('palette-input').fill([...customer.name].slice(1).join(''));
    await expect(app.getByTestId('palette-customer').filter({ hasText: customer.customerNo })).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('palette-input')).toBeHidden();
  });

  test('a screen by its name or the initials of its name, by keyboard', async ({ app }) => {
    await pressCtrlK(app);
    await app.keyboard.type('预警');
    await expect(app.getByTestId('palette-screen-warnings')).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('palette-input')).toBeHidden();
    // Opened again, it starts empty.
    await pressCtrlK(app);
    await expect(app.getByTestId('palette-input')).toHaveValue('');
    await app.keyboard.type('fjjyj');
    await chooseByKeyboard(app, (_text, id) => id === 'palette-screen-warnings');
    await expect(app.getByRole('heading', { name: '防降级预警' })).toBeVisible();
    expect(app.url()).toContain('#/warnings');
  });

  test('in English, at 1366×768 and 1920×1080', async ({ app }) => {
    await app.getByRole('button', { name: 'English' }).click();
    await pressCtrlK(app);
    await app.keyboard.type('tier');
    await expect(app.getByTestId('palette-screen-tiers')).toBeVisible();
    await screenshot(app, 'palette-en-1366');
    await app.setViewportSize({ width: 1920, height: 1080 });
    await app.getByTestId('palette-input').fill('05100');
    await expect(app.getByTestId('palette-customer').first()).toContainText('Number');
    await screenshot(app, 'palette-en-1920');
  });

  test('a teller who sees names masked: names masked, found by the surname only, and told so', async ({ app }) => {
    const customer = await demoCustomer(app);
    await signInAs(app, 'teller');
    await pressCtrlK(app);
    await app.keyboard.type(nameKeys(customer.name, pinyin).first);
    await expect(app.getByText('客户姓名已脱敏', { exact: false })).toBeVisible();
    const first = app.getByTestId('palette-customer').first();
    await expect(first).toContainText('*');
    await expect(first).not.toContainText(customer.name);
    await screenshot(app, 'palette-teller-zh-1366');
    await app.getByTestId('palette-input').fill(nameKeys(customer.name, pinyin).initials);
    await expect(app.getByTestId('palette-none')).toBeVisible();
  });
});
