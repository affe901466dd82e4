import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { E2E_ACCOUNTS } from './accounts';
import { expect, screenshot, signInAs, test } from './app';

/**
 * Nothing cut at 1366×768, in Chinese and in English: on every screen of the app shell's table of pages, the
 * navigation labels (one line each), the chips and the grids' column headers show all their text; so does the
 * Ctrl+K palette.
 */

/** Every route of the table of screens the app shell offers (renderer/src/pages.tsx), so a new screen is covered. */
const ROUTES = [...readFileSync('renderer/src/pages.tsx', 'utf8').matchAll(/^ {4}route: '([\w-]+)',$/gm)].map(
  (m) => m[1],
);

/** Who signs in to reach each screen: the roles between them are offered every screen. */
const ROLES = ['head', 'admin', 'manager'] as const satisfies ReadonlyArray<keyof typeof E2E_ACCOUNTS>;

/** Each language with what to type in the palette to list screens by their names in it. */
const LANGUAGES = [
  { code: 'zh-CN', name: 'zh', screens: '客户' },
  { code: 'en', name: 'en', screens: 'analysis' },
] as const;

interface Cut {
  what: string;
  text: string;
  scrollWidth: number;
  clientWidth: number;
}

/**
 * The elements under `scope` whose text does not fit: a label wider than its box (scrollWidth > clientWidth), a
 * chip wider than the cell that holds it, or a navigation label on more than one line.
 */
async function cutTexts(scope: Locator): Promise<Cut[]> {
  return scope.evaluateAll((roots) => {
    const found: Cut[] = [];
    const check = (what: string, el: Element, box: Element = el) => {
      if (!(el instanceof HTMLElement) || !(box instanceof HTMLElement) || el.offsetParent === null) return;
      if (box.scrollWidth > box.clientWidth + 1)
        found.push({ what, text: el.innerText, scrollWidth: box.scrollWidth, clientWidth: box.clientWidth });
    };
    for (const root of roots) {
      root.querySelectorAll('.MuiChip-label').forEach((el) => check('chip', el));
      // A chip in a grid cell or table cell: the cell must hold it whole.
      root.querySelectorAll('.MuiChip-root').forEach((chip) => {
        const cell = chip.closest('.MuiDataGrid-cell, .MuiTableCell-root');
        if (cell) check('chip in cell', chip, cell);
      });
      root.querySelectorAll('.MuiDataGrid-columnHeaderTitle').forEach((el) => {
        check('column header', el);
        // A header may wrap, but all its lines must show.
        if (el instanceof HTMLElement && el.scrollHeight > el.clientHeight + 1)
          found.push({ what: 'column header lines', text: el.innerText, scrollWidth: 0, clientWidth: 0 });
      });
      root.querySelectorAll('.MuiDrawer-paper .MuiListItemText-primary').forEach((el) => {
        check('navigation', el);
        const lineHeight = parseFloat(getComputedStyle(el).lineHeight);
        if (el instanceof HTMLElement && el.getBoundingClientRect().height > lineHeight * 1.5)
          found.push({ what: 'navigation wraps', text: el.innerText, scrollWidth: 0, clientWidth: 0 });
      });
    }
    return found;
  });
}

/** The screen's content wider than the window leaves (a panel pushed off the right edge). */
async function overflowingScreen(page: Page): Promise<string | null> {
  return page.locator('main > :not(.MuiToolbar-root)').evaluateAll((roots) => {
    const wide = roots.find((root) => root.scrollWidth > root.clientWidth + 1);
    return wide ? `screen content ${wide.scrollWidth} > ${wide.clientWidth}` : null;
  });
}

/** Waits until the screen has loaded what it shows: no request in flight, no spinner, no skeleton rows. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  // A screen may ask again once its first answers are in (a default chosen from them).
  await page.waitForTimeout(300);
  await page.waitForLoadState('networkidle');
  await expect(page.locator('main .MuiCircularProgress-root, main .MuiSkeleton-root')).toHaveCount(0, {
    timeout: 15_000,
  });
}

/** The routes the navigation offers the one signed in. */
async function offeredRoutes(page: Page): Promise<string[]> {
  await expect(page.locator('.MuiDrawer-paper a[href^="#/"]').first()).toBeVisible();
  const hrefs = await page
    .locator('.MuiDrawer-paper a[href^="#/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((h) => h.slice(2));
}

for (const language of LANGUAGES) {
  test(`every screen at 1366×768 in ${language.name}: chips, column headers and navigation whole`, async ({ app }) => {
    test.setTimeout(300_000);
    await app.addInitScript((code) => localStorage.setItem('tierdesk.language', code), language.code);
    const visited = new Set<string>();
    const problems: string[] = [];
    for (const role of ROLES) {
      await signInAs(app, role);
      await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/tiers`);
      for (const route of await offeredRoutes(app)) {
        if (visited.has(route)) continue;
        visited.add(route);
        await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/${route}`);
        await settle(app);
        await screenshot(app, `no-truncation-${language.name}-${route}`);
        const overflow = await overflowingScreen(app);
        if (overflow) problems.push(`${route} (${role}): ${overflow}`);
        for (const cut of await cutTexts(app.locator('body')))
          problems.push(`${route} (${role}): ${cut.what} “${cut.text}” ${cut.scrollWidth} > ${cut.clientWidth}`);
      }
    }
    expect(problems).toEqual([]);
    expect([...visited].sort()).toEqual([...ROUTES].sort());
    await signInAs(app, 'head');
  });

  test(`the customer card at 1366×768 in ${language.name}`, async ({ app }) => {
    await app.addInitScript((code) => localStorage.setItem('tierdesk.language', code), language.code);
    await app.reload();
    // The largest customer: tier, status and figures in every chip and header of the card.
    await app.locator('.MuiDataGrid-row').first().click();
    const card = app.getByTestId('customer-card');
    await expect(card.getByTestId('card-name')).toBeVisible();
    await settle(app);
    await screenshot(app, `no-truncation-${language.name}-card`);
    expect(await cutTexts(card)).toEqual([]);
  });

  test(`the Ctrl+K palette at 1366×768 in ${language.name}`, async ({ app }) => {
    await app.addInitScript((code) => localStorage.setItem('tierdesk.language', code), language.code);
    await app.reload();
    await expect(app.getByTestId('open-palette')).toBeVisible();
    await app.keyboard.press('Control+k');
    await expect(app.getByTestId('palette-input')).toBeFocused();
    const palette = app.locator('.MuiDialog-root');
    // What it says before anything is typed, screens by name, then customers (and screens) for a surname.
    for (const [i, query] of ['', language.screens, '王'].entries()) {
      await app.getByTestId('palette-input').fill(query);
      if (query)
        await expect(
          app.locator('[data-testid^="palette-screen-"], [data-testid="palette-customer"]').first(),
        ).toBeVisible();
      await screenshot(app, `no-truncation-${language.name}-palette-${i}`);
      const texts = await palette.evaluateAll((roots) =>
        roots.flatMap((root) =>
          [...root.querySelectorAll('*')]
            .filter((el): el is HTMLElement => el instanceof HTMLElement && el.children.length === 0)
            .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
            .map((el) => `“${el.innerText}” ${el.scrollWidth} > ${el.clientWidth}`),
        ),
      );
      expect(texts).toEqual([]);
      expect(await cutTexts(palette)).toEqual([]);
    }
  });
}
