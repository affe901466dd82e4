import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { xlsxFile } from '../fixtures/spreadsheets';
import { startBrowserMode, stopBrowserMode } from './browser-mode';

/** A small seeded generator (mulberry32): the same delays on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The month the branch's clock is in: an import may carry it (the demo's data ends the month before). */
function thisMonth(): { year: number; month: number; text: string } {
  const now = new Date();
  const month = now.getMonth() + 1;
  return { year: now.getFullYear(), month, text: `${now.getFullYear()}-${String(month).padStart(2, '0')}` };
}

/** A monthly report of this month: enough rows that each job runs past a poll or two; amounts differ per round. */
function monthlyReport(round: number): { name: string; mimeType: string; buffer: Buffer } {
  const { year, month } = thisMonth();
  const rows: unknown[][] = [
    [`演示支行金融资产月报 ${year}年${month}月`],
    [],
    ['序号', '客户号', '客户名称', '月日均（万元）'],
  ];
  for (let i = 1; i <= 4000; i++) rows.push([i, `JOB${String(i).padStart(6, '0')}`, `客户${i}`, (i % 700) + round]);
  return {
    name: `${month}月金融资产月报-${round}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: xlsxFile([{ name: `${month}月`, rows }]),
  };
}

/**
 * A branch of its own: five imports back to back while each `jobs.status` reply is held back at random (answered at
 * once, delivered up to 1.5 s later, so a 'running' reply can land after the job ended). The dialog must close each time.
 */
test('five imports with late status replies: the progress dialog closes after every job', async ({ browser }) => {
  test.setTimeout(300_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tierdesk-e2e-jobs-'));
  const { url, server } = await startBrowserMode(dataDir, ['--demo-customers', '300']);
  const context = await browser.newContext({ storageState: undefined });
  const page = await context.newPage();
  try {
    await page.goto(url);
    const origin = new URL(url).origin;
    const setup = await page.request.post(`${origin}/api/auth.setup`, {
      data: { code: 'ADM', name: '管理员', secret: 'admin-secret' },
      headers: { Origin: origin },
    });
    expect(await setup.json()).toMatchObject({ ok: true });

    const random = seeded(20240617);
    let held = 0;
    await page.route('**/api/jobs.status', async (route) => {
      held++;
      try {
        const response = await route.fetch();
        await new Promise((resolve) => setTimeout(resolve, random() * 1500));
        await route.fulfill({ response });
      } finally {
        held--;
      }
    });

    // Signed in behind the screen's back: load it afresh (a change of hash alone would not).
    await page.goto(`${origin}/#/imports`);
    await page.reload();
    await expect(page.getByRole('heading', { name: '数据导入' })).toBeVisible();
    const dialog = page.getByTestId('job-progress');
    const settled = async () => {
      await expect.poll(() => held, { timeout: 10_000 }).toBe(0);
      await expect(dialog).toBeHidden();
    };

    for (let round = 1; round <= 5; round++) {
      await page.getByTestId('import-file-input').setInputFiles(monthlyReport(round));
      await expect(page.getByTestId('import-summary')).toContainText('数据 4,000 行', { timeout: 60_000 });
      await settled();
      if (round > 1) await page.getByRole('checkbox', { name: /确认替换这些月份已有的数据/ }).check();
      await page.getByRole('button', { name: '确认导入', exact: true }).click();
      await expect(page.getByText(/已导入（批次 \d+）/)).toBeVisible({ timeout: 60_000 });
      await settled();
    }
    await expect(page.getByTestId('import-history').getByText(/金融资产月报-\d\.xlsx/)).toHaveCount(5);
  } finally {
    await context.close();
    await stopBrowserMode(server);
  }
});
