import { expect, test, type Browser } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { screenshot } from './app';
import { startBrowserMode, stopBrowserMode } from './browser-mode';

/** A browser-mode server on a data directory of its own (not the shared e2e branch), and a page with no session. */
async function ownServer(browser: Browser, name: string, extra: string[] = []) {
  const dataDir = mkdtempSync(path.join(tmpdir(), `tierdesk-e2e-${name}-`));
  const { url, server } = await startBrowserMode(dataDir, extra);
  const context = await browser.newContext({ storageState: undefined });
  const page = await context.newPage();
  await page.goto(url);
  const close = async () => {
    await context.close();
    await stopBrowserMode(server);
  };
  return { page, dataDir, origin: new URL(url).origin, close };
}

test('the first run creates an empty branch of its own, then its administrator, and the profile names it', async ({
  browser,
}) => {
  const { page, close } = await ownServer(browser, 'first-run');
  try {
    const screen = page.getByTestId('first-run');
    await expect(screen).toContainText('建立本支行');
    await expect(screen).toContainText('载入演示支行');
    await screenshot(page, 'first-run-zh-1366');
    await page.getByTestId('first-run-create').click();
    await expect(screen).toContainText('请填写支行名称');
    await page.getByTestId('profile-name').fill('梁溪支行');
    await page.getByTestId('profile-code').fill('3201');
    await page.getByTestId('profile-headOffice').fill('无锡分行');
    await page.getByTestId('first-run-create').click();

    const signIn = page.getByTestId('sign-in');
    await expect(signIn).toContainText('梁溪支行');
    await page.getByTestId('sign-in-code').fill('A001');
    await page.getByTestId('sign-in-name').fill('王管理');
    await page.getByTestId('sign-in-secret').fill('admin-pass-1');
    await page.getByTestId('sign-in-submit').click();
    await expect(signIn).toBeHidden();

    // No customers yet: the landing page is 开始使用, each step to do, each file with its template.
    const start = page.getByTestId('getting-started');
    await expect(start).toBeVisible();
    await expect(page.getByTestId('start-assets')).toContainText('至少 7 个月');
    const download = page.waitForEvent('download');
    await page.getByTestId('start-customers').getByTestId('import-template-customers').click();
    expect((await download).suggestedFilename()).toBe('客户信息导入模板.xlsx');
    await screenshot(page, 'getting-started-zh-1366');

    await page.goto(`${new URL(page.url()).origin}/#/branch`);
    await expect(page.getByTestId('profile-name')).toHaveValue('梁溪支行');
    await expect(page.getByTestId('profile-code')).toHaveValue('3201');
    await page.getByTestId('profile-name').fill('崇安支行');
    await page.getByTestId('branch-profile-save').click();
    await expect(page.getByTestId('branch-profile')).toContainText('已保存');
    await expect(page.locator('header')).toContainText('崇安支行');
    await screenshot(page, 'branch-profile-zh-1366');
  } finally {
    await close();
  }
});

test('the demo branch loads as a job: its progress shown, the server answering meanwhile, then its administrator', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { page, origin, close } = await ownServer(browser, 'first-run-demo');
  try {
    await page.getByTestId('first-run-demo').click();
    const progress = page.getByTestId('job-progress');
    await expect(progress).toContainText('正在生成演示支行');
    await expect(progress).toContainText(/正在生成客户…\s+[\d,]+ \/ 20,000/);
    await screenshot(page, 'first-run-demo-progress-zh-1366');
    // The server is not held up by the work: it answers at once, still before the first run's choice is done.
    const asked = Date.now();
    const status = await page.request.post(`${origin}/api/auth.status`, { data: {}, headers: { Origin: origin } });
    expect(await status.json()).toMatchObject({ ok: true, value: { database: { state: 'new' } } });
    expect(Date.now() - asked).toBeLessThan(2_000);
    await expect(progress).toBeVisible();

    // Done: the demo branch wants its administrator, as the branch of one's own does.
    const signIn = page.getByTestId('sign-in');
    await expect(signIn).toContainText('太湖支行（演示数据）', { timeout: 90_000 });
    await expect(progress).toBeHidden();
    await page.getByTestId('sign-in-code').fill('A001');
    await page.getByTestId('sign-in-name').fill('王管理');
    await page.getByTestId('sign-in-secret').fill('admin-pass-1');
    await page.getByTestId('sign-in-submit').click();
    await expect(signIn).toBeHidden();
    await expect(page.locator('header')).toContainText('太湖支行（演示数据）');
  } finally {
    await close();
  }
});

test('the demo branch is cleared into an empty branch of its own only with the words typed', async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, origin, close } = await ownServer(browser, 'clear-demo', ['--demo-customers', '200']);
  try {
    const setup = await page.request.post(`${origin}/api/auth.setup`, {
      data: { code: 'A001', name: '王管理', secret: 'admin-pass-1' },
      headers: { Origin: origin },
    });
    expect(await setup.json()).toMatchObject({ ok: true });
    // Signed in behind the screen's back: load it afresh (a change of hash alone would not).
    await page.goto(`${origin}/#/branch`);
    await page.reload();
    await expect(page.getByTestId('branch-profile')).toContainText('演示支行');
    await page.getByTestId('clear-demo').click();
    await page.getByTestId('profile-name').fill('梁溪支行');
    await page.getByTestId('clear-demo-confirmation').fill('确定');
    await expect(page.getByTestId('clear-demo-confirm')).toBeDisabled();
    await page.getByTestId('clear-demo-confirmation').fill('清除演示数据');
    await expect(page.getByTestId('clear-demo-confirm')).toBeEnabled();
    await screenshot(page, 'clear-demo-zh-1366');
    await page.getByTestId('clear-demo-confirm').click();
    await expect(page.getByTestId('clear-demo-done')).toContainText('删除 200 位客户', { timeout: 60_000 });
    await expect(page.getByTestId('branch-profile').getByTestId('profile-name')).toHaveValue('梁溪支行');
    await expect(page.locator('header')).toContainText('梁溪支行');
    await screenshot(page, 'clear-demo-done-zh-1366');
  } finally {
    await close();
  }
});
