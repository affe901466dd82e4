import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../tests/helpers/cli';

const head = mkdtempSync(path.join(tmpdir(), 'tierdesk-rules-head-'));
const branch = mkdtempSync(path.join(tmpdir(), 'tierdesk-rules-branch-'));
const packageFile = path.join(head, '总行规则.tierdesk-rules.json');

describe('cli rules export / import', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    expect((await runCli(head, 'demo', '--customers', '200')).code).toBe(0);
    expect((await runCli(head, 'rules', 'set-tier', 'T4', '--threshold', '8000000')).code).toBe(0);
    expect((await runCli(branch, 'init', '--branch-name', '梁溪支行', '--branch-code', '3201')).code).toBe(0);
  }, 120_000);
  afterAll(() => {
    for (const dir of [head, branch]) rmSync(dir, { recursive: true, force: true });
  });

  it('exports a package, shows what it would change, and applies it with --yes', async () => {
    const exported = await runCli(head, 'rules', 'export', '--out', packageFile);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('已导出规则包');

    const dryRun = await runCli(branch, 'rules', 'import', packageFile);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain('分层规则（全部历史）：私人银行客户 门槛 600万 → 800万');
    expect(dryRun.stdout).toContain('访问设置：无变化');
    expect(dryRun.stdout).toContain('这是预览，未改动任何设置');
    const before = await runCli(branch, 'rules', 'show', '--json');
    expect(before.stdout).not.toEqual((await runCli(head, 'rules', 'show', '--json')).stdout);

    const applied = await runCli(branch, 'rules', 'import', packageFile, '--yes');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('已应用规则包：分层规则');
    expect((await runCli(branch, 'rules', 'show', '--json')).stdout).toEqual(
      (await runCli(head, 'rules', 'show', '--json')).stdout,
    );
    const again = await runCli(branch, 'rules', 'import', packageFile);
    expect(again.stdout).toContain('分层规则：无变化');
  });

  it('refuses a package edited by hand, naming why, and changes nothing', async () => {
    const edited = path.join(head, 'edited.tierdesk-rules.json');
    writeFileSync(edited, readFileSync(packageFile, 'utf8').replace('"idleMinutes": 10', '"idleMinutes": 120'));
    const run = await runCli(branch, 'rules', 'import', edited, '--yes');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('「edited.tierdesk-rules.json」的校验和不符：文件已被修改或损坏');
    expect(run.stderr).toContain('未改动任何设置');
  });
});
