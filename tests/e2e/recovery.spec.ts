import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBrowserMode, stopBrowserMode } from './browser-mode';

/** A branch of its own (not the shared e2e branch): backed up once, then 8 KB of its database overwritten. */
test('a damaged database: the screen says so and restores the newest sound backup, the damaged file kept', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tierdesk-e2e-recovery-'));
  const first = await startBrowserMode(dataDir, ['--demo-customers', '300']);
  const context = await browser.newContext({ storageState: undefined });
  const page = await context.newPage();
  await page.goto(first.url);
  const origin = new URL(first.url).origin;
  const api = (channel: string, data: unknown) =>
    page.request.post(`${origin}/api/${channel}`, { data, headers: { Origin: origin } });
  expect((await api('auth.setup', { code: 'ADM', name: '管理员', secret: 'admin-secret' })).ok()).toBe(true);
  expect(await (await api('backups.create', { chooseLocation: false })).json()).toMatchObject({
    ok: true,
  });
  await stopBrowserMode(first.server);

  const file = path.join(dataDir, 'tierdesk.db');
  const fd = openSync(file, 'r+');
  writeSync(fd, randomBytes(8192), 0, 8192, Math.floor(statSync(file).size / 2 / 4096) * 4096);
  closeSync(fd);

  const second = await startBrowserMode(dataDir);
  try {
    await page.goto(second.url);
    const screen = page.getByTestId('recovery');
    await expect(screen).toContainText('数据库文件已损坏');
    await expect(screen).toContainText(file);
    await expect(page.getByTestId('recovery-backups')).toContainText('手动');
    mkdirSync('tests/e2e/screenshots', { recursive: true });
    await page.screenshot({ path: 'tests/e2e/screenshots/recovery-zh-1366.png' });
    await page.getByTestId('recovery-restore').click();
    await page.getByTestId('recovery-confirm').click();
    await expect(page.getByTestId('recovery-done')).toContainText('（300 位客户）', { timeout: 60_000 });
    await page.screenshot({ path: 'tests/e2e/screenshots/recovery-done-zh-1366.png' });
    await page.getByTestId('recovery-continue').click();
    await expect(page.getByTestId('sign-in')).toBeVisible();
    expect(readdirSync(dataDir).some((name) => name.startsWith('tierdesk.db.damaged-'))).toBe(true);
  } finally {
    await stopBrowserMode(second.server);
    await context.close();
  }
});
