import { readFileSync } from 'node:fs';
import { expect, screenshot, test } from './app';

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
  await screenshot(app, 'about-zh-1366');
});
