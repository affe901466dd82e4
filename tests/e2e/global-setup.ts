import { chromium, type FullConfig } from '@playwright/test';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { E2E_ACCOUNTS } from './accounts';
import { callApi } from './app';
import { startBrowserMode } from './browser-mode';

/**
 * Starts the built browser-mode server on a fresh data directory (so it creates the demo branch), reads the
 * one URL it prints, and exchanges its token in a real browser; tests reuse that session cookie.
 */
export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tierdesk-e2e-'));
  const { url, server } = await startBrowserMode(dataDir, ['--demo-customers', '3000']);
  process.env.TIERDESK_E2E_ORIGIN = new URL(url).origin;

  const use = config.projects[0].use;
  const browser = await chromium.launch(use.launchOptions);
  const page = await browser.newPage();
  await page.goto(url);
  // The first run's administrator, then the accounts the tests sign in as (all tests share this one session).
  const { admin, ...others } = E2E_ACCOUNTS;
  const results = [await callApi(page, 'auth.setup', { code: admin.code, name: admin.name, secret: admin.secret })];
  const listed = (await callApi(page, 'staff.list', {})).value as { staff: Array<{ code: string; name: string }> };
  for (const account of [admin, ...Object.values(others)]) {
    const name = listed.staff.find((s) => s.code === account.code)?.name ?? account.name;
    results.push(
      await callApi(page, 'staff.save', {
        code: account.code,
        name,
        role: account.role,
        secret: account.secret,
        active: true,
      }),
    );
  }
  const failed = results.filter((r) => !r.ok).map((r) => r.error?.message);
  if (failed.length > 0) throw new Error(`e2e accounts: ${failed.join('; ')}`);
  mkdirSync('test-results', { recursive: true });
  await page.context().storageState({ path: 'test-results/e2e-session.json' });
  await browser.close();

  return async () => {
    server.kill('SIGTERM');
  };
}
