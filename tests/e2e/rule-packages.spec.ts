import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { callApi, expect, screenshot, signInAs, test } from './app';

test.describe('设置 · 规则包 (rule packages)', () => {
  test('export the branch’s package; importing it back shows 无变化, and after a change shows and applies the diff', async ({
    app,
  }) => {
    const page = `${process.env.TIERDESK_E2E_ORIGIN}/#/rule-packages`;
    await app.goto(page);
    await expect(app.getByRole('heading', { name: '设置 · 规则包（导出 / 导入）' })).toBeVisible();
    await expect(app.getByText('导入规则包需要管理员权限。')).toBeVisible();

    await signInAs(app, 'admin');
    await app.goto(page);
    const download = app.waitForEvent('download');
    await app.getByTestId('rule-package-export').click();
    const exported = await download;
    expect(exported.suggestedFilename()).toMatch(/^规则包-.+-\d{8}\.tierdesk-rules\.json$/);
    const file = path.join(tmpdir(), `e2e-${Date.now()}.tierdesk-rules.json`);
    await exported.saveAs(file);
    await expect(app.getByTestId('rule-package-notice')).toContainText('已导出');

    // The same package back: every section 无变化, nothing to apply.
    await app.getByTestId('rule-package-input').setInputFiles(file);
    const diff = app.getByTestId('rule-package-diff');
    await expect(diff).toContainText('规则包与本行现有设置完全相同：无变化，无需应用。');
    for (const section of ['tierRules', 'dimensions', 'warnings', 'contactStandards', 'surveyTemplates', 'access'])
      await expect(app.getByTestId(`rule-package-section-${section}`)).toContainText('无变化');
    await expect(app.getByTestId('rule-package-apply')).toBeDisabled();
    await screenshot(app, 'rule-packages-unchanged-zh-1366');

    // The branch changes two settings; the package would put them back.
    const access = (await callApi(app, 'access.settings', {})).value as { settings: Record<string, unknown> };
    const warnings = (await callApi(app, 'warnings.settings', {})).value as { settings: Record<string, unknown> };
    expect((await callApi(app, 'access.saveSettings', { settings: { ...access.settings, idleMinutes: 45 } })).ok).toBe(
      true,
    );
    expect(
      (await callApi(app, 'warnings.saveSettings', { settings: { ...warnings.settings, highScore: 75 } })).ok,
    ).toBe(true);
    await app.getByTestId('rule-package-input').setInputFiles(file);
    await expect(app.getByTestId('rule-package-section-access')).toContainText(
      `闲置锁定：45 分钟 → ${String(access.settings.idleMinutes)} 分钟`,
    );
    await expect(app.getByTestId('rule-package-section-warnings')).toContainText(
      `“高”分数线：75 分 → ${String(warnings.settings.highScore)} 分`,
    );
    await expect(app.getByTestId('rule-package-section-tierRules')).toContainText('无变化');
    await screenshot(app, 'rule-packages-diff-zh-1366');
    await app.getByRole('button', { name: 'English' }).click();
    await expect(app.getByTestId('rule-package-section-warnings')).toContainText('"High" from: 75 points');
    await screenshot(app, 'rule-packages-diff-en-1366');
    await app.getByRole('button', { name: '中文' }).click();
    await app.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(app, 'rule-packages-diff-zh-1920');
    await app.setViewportSize({ width: 1366, height: 768 });

    await app.getByTestId('rule-package-apply').click();
    await expect(app.getByRole('dialog')).toContainText('将改动：预警模型、访问设置');
    await app.getByTestId('rule-package-confirm').click();
    await expect(app.getByTestId('rule-package-notice')).toContainText('已应用规则包：预警模型、访问设置。');
    expect((await callApi(app, 'access.settings', {})).value).toEqual(access);
    expect((await callApi(app, 'warnings.settings', {})).value).toEqual(warnings);
    rmSync(file, { force: true });
  });
});
