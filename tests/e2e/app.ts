import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { E2E_ACCOUNTS } from './accounts';

/** Each test opens the app over browser mode and fails on any console error (CSP violations included). */
export const test = base.extend<{ app: Page }>({
  app: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await signInAs(page, 'head');
    await page.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/customers`);
    await use(page);
    expect(problems, 'console errors').toEqual([]);
  },
});

export { expect };

/** Calls a channel as the page's session does (the calls a screen would make, without its clicks); the envelope. */
export async function callApi(
  page: Page,
  channel: string,
  body: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const origin = process.env.TIERDESK_E2E_ORIGIN as string;
  const response = await page.request.post(`${origin}/api/${channel}`, { data: body, headers: { Origin: origin } });
  return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

/** Signs this browser session in as one of the e2e accounts (through the API; the sign-in screen has its own test). */
export async function signInAs(page: Page, who: keyof typeof E2E_ACCOUNTS): Promise<void> {
  const { code, secret } = E2E_ACCOUNTS[who];
  const body = await callApi(page, 'auth.signIn', { code, secret });
  if (!body.ok) throw new Error(`sign-in as ${code}: ${body.error?.message}`);
  // A page already open still shows whoever was signed in before: load it afresh.
  if (page.url() !== 'about:blank') await page.reload();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('tests/e2e/screenshots', { recursive: true });
  await page.screenshot({ path: `tests/e2e/screenshots/${name}.png` });
}

/** `1,234.56万` → 1234.56 */
export function wanValue(text: string): number {
  return Number(text.replace(/[,万\s]/g, ''));
}

export const rows = (page: Page) => page.locator('.MuiDataGrid-row');
export const cellTexts = (page: Page, field: string) =>
  page.locator(`.MuiDataGrid-row [data-field="${field}"]`).allInnerTexts();

/** The grid renders only the rows in view (virtualised) and skeleton rows while loading: wait for real ones. */
export async function waitForRows(page: Page): Promise<void> {
  await expect.poll(async () => (await cellTexts(page, 'customerNo')).filter(Boolean).length).toBeGreaterThan(10);
}
