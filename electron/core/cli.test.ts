import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../tests/helpers/cli';
import { lastFullMonth } from './app-core';
import { csvText, xlsxFile } from '../../tests/fixtures/spreadsheets';
import { encodeChinese } from './platform/text-encoding';

const dataDir = mkdtempSync(path.join(tmpdir(), 'tierdesk-cli-'));

/** Runs `npm run cli -- …` the way a person would (through tsx), returning exit code and output. */
const cli = (...args: string[]) => runCli(dataDir, ...args);

describe('CLI', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    expect((await cli('demo', '--customers', '600')).code).toBe(0);
  });

  it('refuses to create a demo over an existing database', async () => {
    const run = await cli('demo');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('已有数据库');
  });

  it('shows the rules and changes one tier, recomputing', async () => {
    expect((await cli('rules', 'show')).stdout).toContain('私人银行客户');
    const before = JSON.parse((await cli('tiers', '--month', lastFullMonth(), '--json')).stdout) as {
      tiers: Array<{ code: string; count: number }>;
    };
    const set = await cli('rules', 'set-tier', 'T4', '--threshold', '100000000', '--json');
    expect(set.code).toBe(0);
    const after = JSON.parse((await cli('tiers', '--month', lastFullMonth(), '--json')).stdout) as {
      tiers: Array<{ code: string; count: number }>;
    };
    const t4 = (o: typeof before) => o.tiers.find((t) => t.code === 'T4')?.count ?? -1;
    expect(t4(after)).toBeLessThan(t4(before));
  });

  it('prints the two-period migration report as JSON in 元, and refuses months in the wrong order', async () => {
    const to = lastFullMonth();
    const from = `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
    const run = await cli('report', 'migration', '--from', from, '--to', to, '--threshold', '500000', '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Record<
      string,
      { count: number; aum: number; aumA: number; aumB: number }
    > & { segment: { threshold: number } };
    expect(report.segment.threshold).toBe(500000);
    expect(report.start.count).toBe(report.retained.count + report.lost.count);
    expect(report.end.count).toBe(report.retained.count + report.new.count);
    expect(report.start.aum).toBeCloseTo(report.retained.aumA + report.lost.aumA, 2);
    expect(report.net.count).toBe(report.end.count - report.start.count);
    // By risk level: each group's count split over C1–C5 and 未评估.
    const byRisk = await cli(
      'report',
      'migration',
      '--from',
      from,
      '--to',
      to,
      '--threshold',
      '500000',
      '--by',
      'risk',
      '--json',
    );
    expect(byRisk.code).toBe(0);
    const breakdown = JSON.parse(byRisk.stdout) as { rows: Array<{ label: string; counts: Record<string, number> }> };
    expect(breakdown.rows.map((r) => r.label)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', '未评估']);
    for (const group of ['start', 'retained', 'lost', 'new', 'end'])
      expect(breakdown.rows.reduce((n, r) => n + r.counts[group], 0)).toBe(report[group].count);
    const wrongBy = await cli('report', 'migration', '--from', from, '--to', to, '--tier', 'T4', '--by', 'age');
    expect(wrongBy.code).toBe(1);
    expect(wrongBy.stderr).toContain('--by');
    const backwards = await cli('report', 'migration', '--from', to, '--to', from, '--tier', 'T4');
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toContain('起始月份应早于结束月份');
    const missing = await cli('report', 'migration', '--from', '1999-01', '--to', to, '--tier', 'T4');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('1999-01 没有资产数据');
  });

  it('prints the group characteristics of a segment by every dimension as JSON in 元', async () => {
    const run = await cli('report', 'groups', '--month', lastFullMonth(), '--tier', 'T3', '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      count: number;
      aum: number;
      dimensions: Record<string, Array<{ count: number; aum: number }>>;
      pareto: unknown[];
    };
    expect(Object.keys(report.dimensions)).toEqual([
      'aumBand',
      'age',
      'gender',
      'occupation',
      'income',
      'risk',
      'tenure',
      'manager',
      'suitability',
      'householdSize',
      'householdRole',
    ]);
    for (const rows of Object.values(report.dimensions)) {
      expect(rows.reduce((n, r) => n + r.count, 0)).toBe(report.count);
      expect(rows.reduce((n, r) => n + r.aum, 0)).toBeCloseTo(report.aum, 2);
    }
    expect(report.pareto).toHaveLength(4);
    const missing = await cli('report', 'groups', '--month', '1999-01', '--threshold', '5000000');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('1999-01 没有资产数据');
  });

  it('exports the report workbooks, and refuses an unknown template or a path that cannot be written', async () => {
    const out = path.join(dataDir, '客户明细.xlsx');
    const run = await cli(
      'export',
      'report',
      '--month',
      lastFullMonth(),
      '--template',
      'customers',
      '--out',
      out,
      '--json',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ file: out, rows: 600 });
    expect(existsSync(out)).toBe(true);
    const csv = path.join(dataDir, '群体特征.csv');
    const groups = await cli(
      'export',
      'report',
      '--month',
      lastFullMonth(),
      '--template',
      'groups',
      '--tier',
      'T3',
      '--out',
      csv,
      '--encoding',
      'gbk',
    );
    expect(groups.code).toBe(0);
    expect(new TextDecoder('gbk').decode(readFileSync(csv))).toContain('群体特征');
    expect(
      (await cli('export', 'report', '--month', lastFullMonth(), '--template', 'groups', '--out', csv)).stderr,
    ).toContain('请选择一个层级、一个门槛或一个已存细分');
    expect(
      (await cli('export', 'report', '--month', lastFullMonth(), '--template', 'nope', '--out', out)).stderr,
    ).toContain('没有模板 nope；可用：monthly（月度分层报表）');
    const calls = path.join(dataDir, '关怀名单.csv');
    const from = new Date().toISOString().slice(0, 10);
    const to = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const callList = await cli(
      'export',
      'report',
      '--template',
      'callList',
      '--from',
      from,
      '--to',
      to,
      '--out',
      calls,
      '--json',
    );
    expect(callList.code).toBe(0);
    const lines = readFileSync(calls, 'utf8').split('\r\n');
    expect(lines[0]).toBe('\ufeff日期,事由,详情,客户编号,姓名,层级,客户经理,手机号,联系结果');
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.filter((l) => /1[3-9]\d{9}/.test(l))).toEqual([]);
    expect(
      (
        await cli(
          'export',
          'report',
          '--template',
          'callList',
          '--from',
          '2026-01-01',
          '--to',
          '2026-05-01',
          '--out',
          calls,
        )
      ).stderr,
    ).toContain('--to 日历一次最多查看 62 天');
    const bad = await cli(
      'export',
      'report',
      '--month',
      lastFullMonth(),
      '--template',
      'customers',
      '--out',
      path.join(dataDir, 'no', 'dir', 'x.xlsx'),
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('无法写入');
  });

  it('names the field of an invalid rule and exits non-zero', async () => {
    const run = await cli('rules', 'set-tier', 'T2', '--threshold', '1');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('tiers.2.thresholdFen');
  });

  it('imports head-office files: a dry run first, then --yes, customer master before the monthly report', async () => {
    const month = lastFullMonth();
    const assets = path.join(dataDir, '月报.csv');
    const master = path.join(dataDir, '客户信息.xlsx');
    writeFileSync(
      assets,
      encodeChinese(
        csvText([
          ['客户号', '客户名称', '月份', '月日均（万元）'],
          ['CLI0001', '周新', month, '612.5'],
        ]),
        'gbk',
      ).bytes,
    );
    writeFileSync(
      master,
      xlsxFile([
        {
          name: '客户信息',
          rows: [
            ['客户号', '客户名称', '性别', '开户日期'],
            ['CLI0001', '周新', '男', '2020-01-02'],
          ],
        },
      ]),
    );

    const dry = await cli('import', assets, master);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('这是预览');
    expect(dry.stdout.indexOf('客户信息.xlsx')).toBeLessThan(dry.stdout.indexOf('月报.csv'));

    // The month is the demo's last: --yes alone replaces nothing, naming the month and its rows.
    const refused = await cli('import', assets, master, '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`${month}（[\\d,]+ 行）.*--replace-months`));
    expect((await cli('import', master)).stdout).toContain('这是预览'); // nothing was written: the master is still new

    const run = await cli('import', assets, master, '--yes', '--replace-months', '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      setId: number;
      files: Array<{ batchId: number; fileName: string; newCustomers: number; months: string[] }>;
    };
    expect(result.files[0].batchId).toBe(result.setId);
    expect(result.files.map((r) => [r.fileName, r.newCustomers, r.months])).toEqual([
      ['客户信息.xlsx', 1, []],
      ['月报.csv', 0, [month]],
    ]);
    const again = await cli('import', master);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('该文件已于');
  });

  it('exits non-zero on a file with errors, writing nothing', async () => {
    const bad = path.join(dataDir, 'bad.csv');
    writeFileSync(
      bad,
      csvText([
        ['客户号', '月份', '月日均（元）'],
        ['X1', '2024-03', 'abc'],
      ]),
    );
    const run = await cli('import', bad, '--yes');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('第 2 行 C 月日均（元）「abc」');
    expect(run.stdout).toContain('全部未写入');
  });

  it('explains unknown commands and options, exiting 2', async () => {
    for (const run of [await cli('frobnicate'), await cli('tiers', '--bogus')]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('用法');
    }
  });
});

describe('CLI init: a branch of its own', { timeout: 60_000 }, () => {
  const own = mkdtempSync(path.join(tmpdir(), 'tierdesk-cli-init-'));
  const run = async (...args: string[]) => {
    const result = await runCli(own, ...args);
    return { status: result.code, stdout: result.stdout, stderr: result.stderr };
  };

  it('tells every other command on an empty directory to run init (or demo), then creates an empty branch once', async () => {
    const before = await run('rules', 'show');
    expect(before.status).toBe(1);
    expect(before.stderr).toContain('init --branch-name');
    expect((await run('init')).stderr).toContain('请填写支行名称');
    expect(existsSync(path.join(own, 'tierdesk.db'))).toBe(false);

    const created = await run('init', '--branch-name', '梁溪支行', '--branch-code', '3201', '--json');
    expect(created.status).toBe(0);
    expect(JSON.parse(created.stdout)).toEqual({ name: '梁溪支行', code: '3201', headOffice: '', demo: false });
    expect((await run('rules', 'show')).status).toBe(0);
    const again = await run('init', '--branch-name', '别的支行');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('已有数据库');
  });

  it('writes an import template, and names the kinds when given another', async () => {
    const out = path.join(own, '月报模板.xlsx');
    expect((await run('template', 'assets', '--out', out)).status).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const wrong = await run('template', 'loans', '--out', out);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('customers、assignments、assessments、assets、products、holdings、surveys');
  });
});
