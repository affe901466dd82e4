import { readFileSync } from 'node:fs';
import { expect, screenshot, signInAs, test } from './app';

// Read, not imported: the specs load as plain Node modules, which import JSON only with an import attribute.
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

test('设置 · 关于: the version, the data directory and the database', async ({ app }) => {
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/about`);
  await expect(app.getByRole('heading', { name: '关于' })).toBeVisible();
  await expect(app.getByTestId('about-version')).toContainText(version);
  await expect(app.getByTestId('about-databaseFile')).toContainText('tierdesk.db');
  await expect(app.getByTestId('about-databaseSize')).toContainText(/\d+\.\d MB/);
  await expect(app.getByTestId('about-encryption')).toContainText('已加密');
  await expect(app.getByTestId('about-sqlite')).toContainText(/3\.\d+\.\d+/);
  // Browser mode's data directory is its command line's: said so, and nothing offered to move it.
  await expect(app.getByTestId('data-dir-command-line')).toContainText('--data-dir');
  await expect(app.getByTestId('data-dir-move')).toHaveCount(0);
  await screenshot(app, 'about-zh-1366');
});

test('设置 · 关于 as the desktop app shows it: moving the data directory, then removing the old one', async ({
  app,
}) => {
  // Browser mode cannot move its data directory (the core's tests move one): the desktop app's answers are stubbed
  // here to see its screens.
  await signInAs(app, 'admin');
  let previous: string | null = null;
  await app.route('**/api/app.about', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { value: Record<string, unknown> };
    await route.fulfill({
      response,
      json: { ...body, value: { ...body.value, movable: true, previousDataDir: previous } },
    });
  });
  await app.route('**/api/dataDir.choose', (route) =>
    route.fulfill({
      json: { ok: true, value: { choice: { token: '6f1c2b7e-8a51-4c0e-9d3b-2f6a7c8d9e01', dir: 'D:\\客户分层数据' } } },
    }),
  );
  await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/about`);
  await app.getByTestId('data-dir-move').click();
  await expect(app.getByTestId('data-dir-start')).toBeDisabled();
  await app.getByTestId('data-dir-choose').click();
  await expect(app.getByTestId('data-dir-target')).toContainText('新位置：D:\\客户分层数据');
  await expect(app.getByTestId('data-dir-start')).toBeEnabled();
  await screenshot(app, 'about-move-zh-1366');
  await app.getByRole('button', { name: '取消' }).click();
  await app.getByRole('button', { name: 'English' }).click();
  await app.getByTestId('data-dir-move').click();
  await app.getByTestId('data-dir-choose').click();
  await expect(app.getByTestId('data-dir-target')).toContainText('Move to: D:\\客户分层数据');
  await screenshot(app, 'about-move-en-1366');
  await app.getByRole('button', { name: 'Cancel' }).click();
  await app.getByRole('button', { name: '中文' }).click();

  previous = 'C:\\Users\\柜台\\AppData\\Roaming\\Tierdesk';
  await app.reload();
  await expect(app.getByTestId('data-dir-previous')).toContainText(previous);
  await expect(app.getByTestId('data-dir-move')).toHaveCount(0);
  await app.getByTestId('data-dir-remove-old').click();
  await expect(app.getByTestId('data-dir-remove-confirm')).toBeDisabled();
  await app.getByTestId('data-dir-remove-confirmation').fill('删除旧数据目录');
  await expect(app.getByTestId('data-dir-remove-confirm')).toBeEnabled();
  await screenshot(app, 'about-remove-old-zh-1366');
});
