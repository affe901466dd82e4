import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lastFullMonth } from './app-core';

const dataDir = mkdtempSync(path.join(tmpdir(), 'tierdesk-cli-'));

/** Runs `npm run cli -- …` the way a person would (through tsx), returning exit code and output. */
function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli.ts', ...args, '--data-dir', dataDir], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('CLI', { timeout: 60_000 }, () => {
  beforeAll(() => {
    expect(cli('demo', '--customers', '600').code).toBe(0);
  });

  it('refuses to create a demo over an existing database', () => {
    const run = cli('demo');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('已有数据库');
  });

  it('shows the rules and changes one tier, recomputing', () => {
    expect(cli('rules', 'show').stdout).toContain('私人银行客户');
    const before = JSON.parse(cli('tiers', '--month', lastFullMonth(), '--json').stdout) as { tiers: Array<{ code: string; count: number }> };
    const set = cli('rules', 'set-tier', 'T4', '--threshold', '100000000', '--json');
    expect(set.code).toBe(0);
    const after = JSON.parse(cli('tiers', '--month', lastFullMonth(), '--json').stdout) as { tiers: Array<{ code: string; count: number }> };
    const t4 = (o: typeof before) => o.tiers.find((t) => t.code === 'T4')?.count ?? -1;
    expect(t4(after)).toBeLessThan(t4(before));
  });

  it('names the field of an invalid rule and exits non-zero', () => {
    const run = cli('rules', 'set-tier', 'T2', '--threshold', '1');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('tiers.2.thresholdFen');
  });

  it('explains unknown commands', () => {
    const run = cli('frobnicate');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('用法');
  });
});
