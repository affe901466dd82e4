import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors';
import {
  formatDateTime,
  formatHeadline,
  formatThreshold,
  formatWan,
  NOT_SHOWN,
  parseAmountToFen,
} from '../../shared/format';
import { MonthSchema } from '../../shared/schemas/common';
import { TIER_STATUS_NAMES, TierRuleSetSchema, type TierRuleSet } from '../../shared/schemas/tiers';
import {
  DATABASE_FILE_NAME,
  DEFAULT_DEMO_CUSTOMERS,
  defaultDataDir,
  openCore,
  openCoreToRead,
  type Core,
} from './app-core';
import type { CoreContext } from './platform/context';
import { ruleSetLookup } from './tiers/tiering';
import { recomputeAllTiers } from './tiers/tier-recompute';
import type { JobControl } from './platform/jobs';
import { JOB_PHASE_NAMES } from '../../shared/schemas/jobs';
import { getTierRules, saveTierRules } from './tiers/tier-rules';
import { getTierOverview } from './tiers/tiers';
import { analyzeImport, commitImport } from './imports/imports';
import {
  IMPORT_KINDS,
  IMPORT_KIND_NAMES,
  type ImportKind,
  type ImportPreview,
  type ImportSetPreview,
} from '../../shared/schemas/imports';
import { importTemplate } from './imports/templates';
import { getFlowBreakdown, getFlowReport } from './flows/flows';
import {
  FLOW_GROUPS,
  FLOW_GROUP_NAMES,
  FlowQuerySchema,
  FlowBreakdownQuerySchema,
  FLOW_BREAKDOWN_GROUPS,
  FLOW_DIMENSION_NAMES,
  type FlowBreakdown,
  type FlowGroupName,
  type FlowReport,
} from '../../shared/schemas/flows';
import {
  GROUP_DIMENSIONS,
  GROUP_DIMENSION_NAMES,
  GroupQuerySchema,
  GroupSegmentSchema,
  type GroupReport,
} from '../../shared/schemas/groups';
import { getGroupReport } from './groups/groups';
import { exportReport } from './exports/exports';
import { WHOLE_BRANCH } from './trust/access-scope';
import { backupBefore, backupFile, listBackups, restoreBackup } from './trust/backups';
import { damagedError, restoreOverDamaged } from './trust/recovery';
import { unlockStaff } from './trust/auth';
import {
  ExportRequestSchema,
  REPORT_TEMPLATE_NAMES,
  REPORT_TEMPLATES,
  type ExportRequest,
} from '../../shared/schemas/exports';
import type { z } from 'zod';
import { BranchProfileSchema } from '../../shared/schemas/branch';
import { startBranch } from './branch/profile';
import { exportRulePackage, importRulePackage, previewRulePackage } from './rule-packages/rule-packages';
import { RULE_PACKAGE_SECTION_NAMES, type RulePackagePreview } from '../../shared/schemas/rule-packages';

const USAGE = `用法 / usage: npm run cli -- <command> [--data-dir DIR] [--json]
  init --branch-name NAME [--branch-code CODE] [--head-office NAME]
                                       create an empty branch of one's own in an empty data directory (the
                                       administrator is created at the app's first start)
  demo [--customers N]                 create the demo branch in an empty data directory
  recompute                            reassess every customer for every month
  rules show                           list the tier rule sets
  rules set-tier CODE --threshold YUAN [--grace N] [--name NAME] [--from YYYY-MM]
                                       change one tier (a new rule set from --from, default all history) and recompute
  rules export --out FILE              the branch's settings as a rule package (tier rules, dimension thresholds,
                                       warning model, contact standards, suitability, survey templates, access
                                       settings); audited
  rules import FILE [--yes]            what a rule package would change (dry run); with --yes, apply it after a
                                       backup in one transaction and reassess the tiers; audited
  tiers --month YYYY-MM                customers and 月日均 per tier and per status
  report migration --from YYYY-MM --to YYYY-MM (--tier CODE | --threshold YUAN) [--by risk|aboveLevel|manager]
                                       two-period analysis (retained, lost, new, via wealth products); money in 元;
                                       --by: each group's count by risk level, by holding a product above it, or
                                       by manager of record
  report groups --month YYYY-MM (--tier CODE | --threshold YUAN | --segment SAVED-SEGMENT-ID)
                                       group characteristics by every dimension, Pareto shares; money in 元
  export report --month YYYY-MM --template NAME --out FILE [--format xlsx|csv] [--encoding utf8|gb18030|gbk]
                [--full --reason TEXT] [--tier CODE | --threshold YUAN | --segment SAVED-SEGMENT-ID]
                                       a head-office workbook: monthly (月度分层报表), customers (客户明细), groups
                                       (群体特征 of a tier, threshold or saved segment), complaints (投诉统计 of the
                                       12 months to --month), audit (审计日志 of the 12 months to --month),
                                       list (客户列表, all or --tier), callList (关怀名单 of --from DATE --to DATE,
                                       ≤ 62 days, [--manager CODE]; --month may be left out); CSV when
                                       --out ends in .csv; personal data masked unless --full with a reason; audited
  template KIND --out FILE              an import template (xlsx: the headers recognised, an example row, 填写说明)
                                       for KIND: customers, assignments, assessments, assets, products, holdings or surveys
  import FILE... [--yes [--replace-months]]
                                       dry run of importing head-office spreadsheets (xlsx, xls, csv) as one set;
                                       with --yes, import them in one transaction, in order (customer master, books,
                                       assessments, months ascending, catalogue, holdings, surveys), tiers recomputed once, undone together;
                                       months already present are replaced only with --replace-months;
                                       survey answers are read by the template whose questions name their columns
  staff unlock CODE                    let a staff member locked out by wrong passwords sign in again (audited)
  restore [--backup NAME] [--yes]      the backups, and with --yes the restore of the newest that passes its integrity
                                       check (or NAME): a damaged database is kept aside, a sound one backed up first`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  customers: { type: 'string' },
  'branch-name': { type: 'string' },
  'branch-code': { type: 'string' },
  'head-office': { type: 'string' },
  month: { type: 'string' },
  threshold: { type: 'string' },
  grace: { type: 'string' },
  name: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  template: { type: 'string' },
  format: { type: 'string' },
  encoding: { type: 'string' },
  out: { type: 'string' },
  full: { type: 'boolean', default: false },
  reason: { type: 'string' },
  tier: { type: 'string' },
  by: { type: 'string' },
  segment: { type: 'string' },
  manager: { type: 'string' },
  yes: { type: 'boolean', default: false },
  'replace-months': { type: 'boolean', default: false },
  backup: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The command line as given, or its usage (asked for, or an option it does not know). */
function commandLine() {
  try {
    return parseArgs({ allowPositionals: true, options: OPTIONS });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
}
const { values, positionals } = commandLine();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function fail(message: string, messageEn: string): never {
  throw new AppError('VALIDATION', message, messageEn);
}

function print(value: unknown, text: () => string): void {
  console.log(values.json ? JSON.stringify(value, null, 2) : text());
}

/**
 * How a command opens the database: no daily backup, and the integrity check done before the command runs, however
 * large the file (a background check would outlive the command).
 */
const CLI_CORE = {
  dailyBackups: false,
  prepareFirstScreens: false,
  backgroundCheckFromBytes: Number.POSITIVE_INFINITY,
} as const;

/**
 * A question that only reads (rules, tiers, reports): the database opened to read, without the check first (SQLite
 * reports a damaged page it meets), so the answer comes at once; opened as for a change when it must be (a migration
 * or encryption due, tier results lagging the data).
 */
async function withReader<T>(dataDir: string, work: (ctx: CoreContext) => Promise<T> | T): Promise<T> {
  requireDatabase(dataDir);
  const reader = await openCoreToRead(dataDir);
  if (!reader) return withCore(dataDir, (core) => work(core.ctx));
  try {
    return await work(reader.ctx);
  } finally {
    await reader.close();
  }
}

function requireDatabase(dataDir: string): void {
  if (!existsSync(path.join(dataDir, DATABASE_FILE_NAME))) {
    fail(
      `数据目录 ${dataDir} 中没有数据库；先运行 init --branch-name 支行名称（建立本支行），或 demo（演示支行）。`,
      `No database in ${dataDir}; run "init --branch-name NAME" (your own branch) or "demo" first.`,
    );
  }
}

async function withCore<T>(dataDir: string, work: (core: Core) => Promise<T> | T, damagedOk = false): Promise<T> {
  requireDatabase(dataDir);
  const core = await openCore({ dataDir, log: () => undefined, ...CLI_CORE });
  try {
    const { state } = core.ctx.database;
    if (state.state === 'damaged' && !damagedOk) throw damagedError(state);
    return await work(core);
  } finally {
    await core.close();
  }
}

/**
 * `restore [--backup NAME] [--yes]`: which backup would replace the database (the newest that passes its integrity
 * check, or the one named) and, with --yes, the restore — over a damaged database, kept aside; over a sound one, backed
 * up first.
 */
async function restore(core: Core): Promise<void> {
  const { ctx } = core;
  const damaged = ctx.database.state.state === 'damaged';
  if (!values.yes) {
    const backups = listBackups(ctx);
    print({ damaged, backups }, () =>
      [
        damaged ? `数据库已损坏：${core.databaseFile}` : `数据库完好：${core.databaseFile}`,
        backups.length === 0
          ? '没有备份。'
          : `备份（最新在前）：\n${backups.map((b) => `  ${b.fileName}  ${(b.bytes / 1e6).toFixed(1)} MB`).join('\n')}`,
        `加 --yes 恢复${values.backup ? ` ${values.backup}` : '最新的完好备份'}${damaged ? '（损坏的文件保留在旁）' : '（先备份现有数据库）'}。`,
      ].join('\n'),
    );
    return;
  }
  if (damaged) {
    const restored = restoreOverDamaged(ctx, values.backup ?? null, null);
    print(
      restored,
      () =>
        `已从 ${restored.fileName} 恢复（${restored.customers} 位客户）；损坏的文件保留为 ${restored.damagedKeptAs}`,
    );
    return;
  }
  const name =
    values.backup ??
    fail(
      '数据库完好；请用 --backup NAME 指定要恢复的备份',
      'The database is sound; name the backup with --backup NAME',
    );
  const restored = await restoreBackup(ctx, backupFile(ctx, name), null);
  print(restored, () => `已从 ${restored.fileName} 恢复（${restored.customers} 位客户）；恢复前的数据库已备份`);
}

/** Progress on stderr (a terminal line rewritten in place), none with --json. */
function progressControl(json: boolean | undefined): JobControl {
  const signal = new AbortController().signal;
  if (json || !process.stderr.isTTY) return { report: () => undefined, signal };
  return {
    signal,
    report: (phase, done, total) => {
      process.stderr.write(`\r${JOB_PHASE_NAMES[phase]} ${done}/${total}   `);
      if (phase === 'write' && done === total) process.stderr.write('\n');
    },
  };
}

function describePreview(p: ImportPreview): string {
  const lines = [
    `${p.fileName}（${p.format}${p.encoding ? ` ${p.encoding}` : ''}，工作表“${p.sheet}”，表头第 ${p.headerRow} 行）：${IMPORT_KIND_NAMES[p.kind]}`,
    `  数据 ${p.rows} 行（另略过 ${p.skipped} 行：空行、合计、备注）`,
    `  新客户 ${p.newCustomers}，更新 ${p.updatedCustomers}，不变 ${p.unchangedCustomers}`,
    ...p.months.map(
      (m) => `  ${m.month}：${m.rows} 行${m.replacesRows > 0 ? `，将替换已有的 ${m.replacesRows} 行` : '（新增月份）'}`,
    ),
    ...(p.newStaff.length ? [`  新建占位员工：${p.newStaff.join('、')}`] : []),
    ...(p.surveys
      ? [
          `  问卷“${p.surveys.templateName}”：答卷 ${p.surveys.responses} 份，其中低分 ${p.surveys.lowScores} 份，将建立回访行动 ${p.surveys.followUps} 个`,
        ]
      : []),
    ...(p.alreadyImported
      ? [`  该文件已于 ${formatDateTime(p.alreadyImported.at)} 导入（批次 ${p.alreadyImported.batchId}）`]
      : []),
    `  错误 ${p.errors}，警告 ${p.warnings}`,
    ...p.problems
      .slice(0, 20)
      .map(
        (x) =>
          `  ${x.severity === 'error' ? '错误' : '警告'} ${x.sheet}${x.row ? ` 第 ${x.row} 行` : ''}${x.column ? ` ${x.column}` : ''}${x.value ? `「${x.value}」` : ''}：${x.message}`,
      ),
    ...(p.problems.length > 20 ? [`  ……另有 ${p.errors + p.warnings - 20} 处`] : []),
  ];
  return lines.join('\n');
}

/** The set's totals and what stops it, under its files' previews. */
function describeSetPreview(p: ImportSetPreview): string {
  const t = p.totals;
  return [
    ...p.files.map(describePreview),
    `合计 ${p.files.length} 个文件（按此顺序导入）：数据 ${t.rows} 行，新客户 ${t.newCustomers}，更新 ${t.updatedCustomers}，月份 ${t.months.map((m) => m.month).join('、') || '—'}，错误 ${t.errors}，警告 ${t.warnings}`,
  ].join('\n\n');
}

/**
 * `import FILE...`: a dry run of the files as one import (master first, months ascending …), or with --yes the import
 * of all of them in one transaction with one recompute. Months already there are replaced only with --replace-months.
 * Non-zero exit on any error.
 */
async function importFiles(core: Core, files: string[]): Promise<void> {
  if (files.length === 0) fail(`需要至少一个文件\n${USAGE}`, 'At least one file is required');
  const read = (file: string) => ({ name: path.basename(file), bytes: readFileSync(file) });
  const analysis = await analyzeImport(core.ctx, files.map(read));
  const { preview } = analysis;
  const replaced = preview.replaces;
  if (values.yes && preview.canCommit && replaced.length > 0 && !values['replace-months']) {
    const months = replaced.map((m) => `${m.month}（${m.rows.toLocaleString()} 行）`).join('、');
    fail(
      `以下月份已有数据，导入会替换：${months}。确认替换请加 --replace-months；未写入任何数据。`,
      `These months already have data the import would replace: ${replaced.map((m) => `${m.month} (${m.rows} rows)`).join(', ')}. Add --replace-months to replace them; nothing was written.`,
    );
  }
  if (!values.yes || !preview.canCommit) {
    print(
      preview,
      () =>
        describeSetPreview(preview) +
        (values.yes ? '\n\n有文件不能导入，全部未写入。' : '\n\n这是预览，未写入任何数据；确认无误后加 --yes 导入。'),
    );
    if (!preview.canCommit) process.exitCode = 1;
    return;
  }
  await backupBefore(core.ctx, 'import');
  const result = await commitImport(
    core.ctx,
    analysis,
    { replaceMonths: values['replace-months'], staffCode: null },
    progressControl(values.json),
  );
  print(result, () =>
    [
      ...result.files.map(
        (r) =>
          `已导入 ${r.fileName}（批次 ${r.batchId}）：新客户 ${r.newCustomers}，更新 ${r.updatedCustomers}，月份 ${r.months.join('、') || '—'}，${r.surveyRows ? `答卷 ${r.surveyRows} 份，回访行动 ${r.followUps} 个` : `资产 ${r.assetRows} 行`}`,
      ),
      `共 ${result.files.length} 个文件，一次写入；${result.tiersRecomputed ? '已重新计算分层。' : ''}撤销时整组撤销。`,
    ].join('\n'),
  );
}

/** Money in 元 (a number with at most two decimals), the unit head office scripts expect. */
const yuan = (fen: number | null) => (fen === null ? null : fen / 100);

/** The two-period report as JSON figures in 元. */
function flowsJson(r: FlowReport) {
  const group = (name: FlowGroupName) => ({
    count: r.groups[name].count,
    aumA: yuan(r.groups[name].aumAFen),
    aumB: yuan(r.groups[name].aumBFen),
  });
  const edge = (count: number, fen: number | null) => ({
    count,
    aum: yuan(fen),
    average: count === 0 || fen === null ? null : Math.round(fen / count) / 100,
  });
  return {
    fromMonth: r.fromMonth,
    toMonth: r.toMonth,
    segment: { tierCode: r.segment.tierCode, tierName: r.segment.tierName, threshold: yuan(r.segment.thresholdFen) },
    start: edge(r.groups.start.count, r.groups.start.aumAFen),
    end: edge(r.groups.end.count, r.groups.end.aumBFen),
    net: { count: r.net.count, aum: yuan(r.net.aumFen) },
    ...Object.fromEntries(FLOW_GROUPS.filter((g) => g !== 'start' && g !== 'end').map((g) => [g, group(g)])),
    viaWealthRise: yuan(r.viaWealthRiseFen),
    renumbered: r.renumbered,
    matrix: r.matrix.cells.map((c) => ({
      from: c.from,
      to: c.to,
      count: c.count,
      aumA: yuan(c.fromAumFen),
      aumB: yuan(c.toAumFen),
    })),
  };
}

function describeFlows(r: FlowReport): string {
  const segment = r.segment.tierCode
    ? `${r.segment.tierName}（${r.segment.tierCode}）`
    : `月日均 ≥ ${formatThreshold(r.segment.thresholdFen, 'wan', 'zh')}`;
  const line = (name: FlowGroupName) => {
    const g = r.groups[name];
    // One unit down a column (docs/domain.md, "Money on screen"): 万, never 亿 on one line and 万 on the next.
    const amount = (fen: number | null, shown: boolean) => (shown ? formatWan(fen) : NOT_SHOWN).padStart(16);
    return `  ${FLOW_GROUP_NAMES[name].padEnd(8, '　')} ${String(g.count).padStart(7)} 位  ${r.fromMonth} ${amount(g.aumAFen, name !== 'end')}  ${r.toMonth} ${amount(g.aumBFen, name !== 'start')}`;
  };
  return [
    `${segment}：${r.fromMonth} → ${r.toMonth}`,
    ...FLOW_GROUPS.map(line),
    `  净变动 ${r.net.count >= 0 ? '+' : ''}${r.net.count} 位，${formatHeadline(r.net.aumFen)}；理财带动 ${r.groups.viaWealth.count} 位，理财增加 ${formatHeadline(r.viaWealthRiseFen)}`,
    ...r.renumbered.map((m) => `  换号客户（证件号码相同，计为留存）：${m.fromCustomerNo} → ${m.toCustomerNo}`),
  ].join('\n');
}

/** A breakdown of the two-period analysis as a table of counts (docs/domain.md, "Flows"). */
function describeBreakdown(b: FlowBreakdown): string {
  const cell = (text: string | number) => String(text).padStart(8, ' ');
  return [
    b.dimension === 'aboveLevel'
      ? `${FLOW_DIMENSION_NAMES[b.dimension]}（持有产品按 ${b.asOf} 检查）`
      : FLOW_DIMENSION_NAMES[b.dimension],
    `  ${''.padEnd(10, '　')}${FLOW_BREAKDOWN_GROUPS.map((g) => cell(FLOW_GROUP_NAMES[g])).join('')}`,
    ...b.rows.map(
      (r) => `  ${r.label.padEnd(10, '　')}${FLOW_BREAKDOWN_GROUPS.map((g) => cell(r.counts[g])).join('')}`,
    ),
  ].join('\n');
}

/** The options as a query of `schema` (a segment: --tier or --threshold in 元), or a message naming the option. */
function segmentQuery<T>(schema: z.ZodType<T>, fields: Record<string, unknown>): T {
  const thresholdFen = values.threshold === undefined ? undefined : parseAmountToFen(values.threshold, 'yuan');
  if (thresholdFen === null)
    fail(
      `--threshold 应为金额（元）：${values.threshold}`,
      `--threshold must be an amount in yuan: ${values.threshold}`,
    );
  const savedSegmentId = values.segment === undefined ? {} : { savedSegmentId: Number(values.segment) };
  const parsed = schema.safeParse({ ...fields, tierCode: values.tier, thresholdFen, ...savedSegmentId });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option =
      {
        fromMonth: '--from',
        toMonth: '--to',
        month: '--month',
        tierCode: '--tier',
        thresholdFen: '--threshold',
        savedSegmentId: '--segment',
        dimension: '--by',
      }[String(issue.path[0])] ?? '';
    fail(`${option} ${issue.message}\n${USAGE}`, `${option}: ${issue.message}`);
  }
  return parsed.data;
}

/** Every dimension's table of a segment, money in 元. */
async function groupsReport(ctx: CoreContext): Promise<void> {
  const base = segmentQuery(GroupQuerySchema, { month: values.month, dimension: 'aumBand' });
  const reports: GroupReport[] = [];
  for (const dimension of GROUP_DIMENSIONS) reports.push(await getGroupReport(ctx, { ...base, dimension }));
  const [first] = reports;
  const rows = (r: GroupReport) =>
    r.rows.map((row) => ({
      key: row.key,
      label: row.label,
      count: row.count,
      share: row.share,
      aum: yuan(row.aumFen),
      average: yuan(row.averageFen),
      median: yuan(row.medianFen),
    }));
  const json = {
    month: first.month,
    referenceDate: first.referenceDate,
    segment: {
      tierCode: first.segment.tierCode,
      tierName: first.segment.tierName,
      savedSegmentName: first.segment.savedSegmentName,
      threshold: yuan(first.segment.thresholdFen),
    },
    count: first.count,
    aum: yuan(first.aumFen),
    dimensions: Object.fromEntries(reports.map((r) => [r.dimension, rows(r)])),
    pareto: first.pareto,
    lorenz: first.lorenz,
  };
  print(json, () =>
    [
      `${first.segment.tierName ?? first.segment.savedSegmentName ?? `月日均 ≥ ${formatThreshold(first.segment.thresholdFen, 'wan', 'zh')}`}，${first.month}：${first.count} 位，月日均合计 ${formatHeadline(first.aumFen)}`,
      ...reports.flatMap((r) => [
        `  ${GROUP_DIMENSION_NAMES[r.dimension]}`,
        ...r.rows.map(
          (row) =>
            `    ${row.label.padEnd(12, '　')} ${String(row.count).padStart(7)} 位 ${(row.share * 100).toFixed(1).padStart(6)}%  合计 ${formatWan(row.aumFen).padStart(16)}  户均 ${formatWan(row.averageFen).padStart(12)}  中位 ${formatWan(row.medianFen).padStart(12)}`,
        ),
      ]),
      '  集中度：' +
        first.pareto.map((p) => `前 ${p.topShare * 100}% 客户占 ${(p.aumShare * 100).toFixed(1)}%`).join('，'),
    ].join('\n'),
  );
}

/** The export options as a request, or a message naming the option. */
function exportRequest(out: string): ExportRequest {
  const template = values.template ?? '';
  if (!(REPORT_TEMPLATES as readonly string[]).includes(template)) {
    const known = REPORT_TEMPLATES.map((t) => `${t}（${REPORT_TEMPLATE_NAMES[t]}）`).join('、');
    fail(
      `没有模板 ${template || '(未指定)'}；可用：${known}`,
      `No template ${template || '(none)'}; available: ${REPORT_TEMPLATES.join(', ')}`,
    );
  }
  const segment = template === 'groups' ? segmentQuery(GroupSegmentSchema, {}) : undefined;
  const parsed = ExportRequestSchema.safeParse({
    template,
    month: values.month ?? (template === 'callList' ? values.from?.slice(0, 7) : undefined),
    format: values.format ?? (out.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx'),
    encoding: values.encoding ?? 'utf8',
    full: values.full,
    reason: values.reason ?? null,
    segment,
    ...(template === 'list'
      ? { filter: values.tier ? { tierCodes: [values.tier] } : {}, sort: { field: 'aum', direction: 'desc' } }
      : {}),
    ...(template === 'callList'
      ? { care: { from: values.from, to: values.to, ...(values.manager ? { managerCode: values.manager } : {}) } }
      : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // A call list's period is --from/--to; other fields are named as their options.
    const option = `--${String(issue.path[0] === 'care' ? (issue.path[1] ?? 'from') : (issue.path[0] ?? ''))}`;
    fail(`${option} ${issue.message}\n${USAGE}`, `${option}: ${issue.message}`);
  }
  return parsed.data;
}

function setTier(rules: TierRuleSet, code: string): TierRuleSet {
  const tier = rules.tiers.find((t) => t.code === code);
  if (!tier)
    fail(
      `没有层级 ${code}（现有：${rules.tiers.map((t) => t.code).join('、')}）`,
      `No tier ${code} (tiers: ${rules.tiers.map((t) => t.code).join(', ')})`,
    );
  if (values.threshold === undefined) fail('需要 --threshold（元）', '--threshold YUAN is required');
  const thresholdFen = parseAmountToFen(values.threshold, 'yuan');
  if (thresholdFen === null)
    fail(
      `--threshold 应为金额（元）：${values.threshold}`,
      `--threshold must be an amount in yuan: ${values.threshold}`,
    );
  const graceMonths = values.grace === undefined ? tier.graceMonths : Number(values.grace);
  const next = {
    validFrom: values.from ?? '1900-01',
    basis: rules.basis,
    tiers: rules.tiers.map((t) =>
      t.code === code ? { ...t, thresholdFen, graceMonths, name: values.name ?? t.name } : t,
    ),
  };
  const parsed = TierRuleSetSchema.safeParse(next);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(
      `规则无效：${issue.path.join('.')}：${issue.message}`,
      `Invalid rules: ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/** Writes `bytes` to `out` under a temporary name, then renamed: never half a file. */
function writeWhole(out: string, bytes: Buffer | string): void {
  try {
    writeFileSync(`${out}.part`, bytes);
    renameSync(`${out}.part`, out);
  } catch (error) {
    rmSync(`${out}.part`, { force: true });
    fail(
      `无法写入 ${out}：${error instanceof Error ? error.message : String(error)}`,
      `Cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** `demo`: a new demo branch in an empty data directory. */
async function createDemo(dataDir: string): Promise<void> {
  if (existsSync(path.join(dataDir, DATABASE_FILE_NAME)))
    fail(`${dataDir} 已有数据库，未改动。`, `${dataDir} already has a database; nothing changed.`);
  const customers = values.customers === undefined ? undefined : Number(values.customers);
  if (customers !== undefined && (!Number.isInteger(customers) || customers < 1))
    fail('--customers 应为正整数', '--customers must be a positive integer');
  const core = await openCore({
    dataDir,
    demoCustomers: customers ?? DEFAULT_DEMO_CUSTOMERS,
    log: (line) => !values.json && console.log(line),
    ...CLI_CORE,
  });
  await core.close();
  print({ dataDir, created: true }, () => `演示数据库已创建 / demo database created: ${dataDir}`);
  return;
}

/** `recompute`: every month's tiers again. */
async function recompute(dataDir: string): Promise<void> {
  return withCore(dataDir, async (core) => {
    const summary = await recomputeAllTiers(core.ctx, progressControl(values.json));
    print(
      summary,
      () =>
        `已重新计算 ${summary.months} 个月、${summary.customers} 位客户（${summary.firstMonth} – ${summary.lastMonth}）`,
    );
  });
}

/** `rules show`, `rules set-tier CODE --threshold YUAN`, `rules export --out FILE` and `rules import FILE [--yes]`. */
async function rules(dataDir: string, sub: string | undefined): Promise<void> {
  if (sub === 'show')
    return withReader(dataDir, (ctx) => {
      const { ruleSets } = getTierRules(ctx);
      print(ruleSets, () =>
        ruleSets
          .map((r) =>
            [
              `生效 ${r.validFrom === '1900-01' ? '全部历史' : r.validFrom}，依据 ${r.basis === 'avg' ? '月日均' : '月末时点余额'}，数据缺失最多沿用 ${r.missingMonthsKept} 个月`,
              ...[...r.tiers]
                .reverse()
                .map(
                  (t) =>
                    `  ${t.code.padEnd(4)} ${t.name.padEnd(8, '　')} ≥ ${formatThreshold(t.thresholdFen, 'wan', 'zh').padStart(12)}  宽限 ${t.graceMonths} 个月`,
                ),
            ].join('\n'),
          )
          .join('\n'),
      );
    });
  return withCore(dataDir, async (core) => {
    if (sub === 'set-tier') {
      const code =
        positionals[2] ??
        fail(
          '需要层级代码，例如 rules set-tier T4 --threshold 8000000',
          'A tier code is required, e.g. rules set-tier T4 --threshold 8000000',
        );
      const base = ruleSetLookup(getTierRules(core.ctx).ruleSets)(values.from ?? '9999-12');
      const summary = await saveTierRules(core.ctx, setTier(base, code), null, progressControl(values.json));
      print(summary, () => `已保存 ${code}，重新计算 ${summary.months} 个月、${summary.customers} 位客户`);
      return;
    }
    if (sub === 'export') {
      const out = path.resolve(values.out ?? fail('需要 --out FILE', '--out FILE is required'));
      const { text, checksum } = exportRulePackage(core.ctx, null);
      writeWhole(out, text);
      print({ file: out, checksum }, () => `已导出规则包：${out}（校验和 ${checksum.slice(0, 12)}…）`);
      return;
    }
    if (sub === 'import') return importRules(core.ctx, positionals[2]);
    fail(`未知的 rules 子命令：${sub ?? ''}\n${USAGE}`, `Unknown rules subcommand: ${sub ?? ''}`);
  });
}

/** `rules import FILE [--yes]`: the diff of a rule package, and with --yes its import. */
async function importRules(ctx: CoreContext, file: string | undefined): Promise<void> {
  if (!file) fail(`需要规则包文件\n${USAGE}`, 'A rule package file is required');
  if (!existsSync(file)) fail(`找不到文件 ${file}`, `No such file: ${file}`);
  const held = { name: path.basename(file), bytes: readFileSync(file) };
  const preview = previewRulePackage(ctx, held);
  if (!values.yes) {
    print(preview, () => `${describeRulePackage(preview)}\n\n这是预览，未改动任何设置；确认无误后加 --yes 应用。`);
    return;
  }
  const result = await importRulePackage(ctx, held, preview.checksum, null, progressControl(values.json));
  const { recomputed } = result;
  print(result, () =>
    result.changedSections.length === 0
      ? '规则包与本行设置相同，未改动任何设置。'
      : `已应用规则包：${result.changedSections.map((s) => RULE_PACKAGE_SECTION_NAMES[s]).join('、')}` +
        (recomputed ? `；重新计算 ${recomputed.months} 个月、${recomputed.customers} 位客户` : ''),
  );
}

function describeRulePackage(preview: RulePackagePreview): string {
  const { source } = preview;
  const from = [source.headOffice, source.name, source.code ? `机构号 ${source.code}` : ''].filter(Boolean).join(' ');
  return [
    `规则包：${from || '（未写明来源）'}，${formatDateTime(preview.createdAt)} 由 Tierdesk ${preview.appVersion} 导出`,
    ...preview.sections.map(({ section, changes }) =>
      [
        `${RULE_PACKAGE_SECTION_NAMES[section]}：${changes.some((c) => c.kind === 'change') ? '' : '无变化'}`,
        ...changes.map((c) => `  ${c.text}`),
      ].join('\n'),
    ),
  ].join('\n');
}

/** `tiers --month YYYY-MM`: the month's tier overview. */
async function tiersOverview(dataDir: string): Promise<void> {
  return withReader(dataDir, (ctx) => {
    const month = values.month ?? fail('需要 --month YYYY-MM', '--month YYYY-MM is required');
    if (!MonthSchema.safeParse(month).success)
      fail(`--month 应为 YYYY-MM：${month}`, `--month must be YYYY-MM: ${month}`);
    const overview = getTierOverview(ctx, month);
    print(overview, () =>
      [
        `${month} 客户分层`,
        ...overview.tiers.map(
          (t) =>
            `  ${t.name.padEnd(8, '　')} ${String(t.count).padStart(8)} 位  月日均合计 ${formatWan(t.aumFen).padStart(16)}`,
        ),
        '状态：' + overview.statuses.map((s) => `${TIER_STATUS_NAMES[s.status]} ${s.count}`).join('，'),
      ].join('\n'),
    );
  });
}

/** `staff unlock CODE`. */
async function staffCommand(dataDir: string, sub: string | undefined): Promise<void> {
  if (sub !== 'unlock') fail(`未知的 staff 子命令：${sub ?? ''}\n${USAGE}`, `Unknown staff subcommand: ${sub ?? ''}`);
  const code =
    positionals[2] ??
    fail('需要工号，例如 staff unlock 3201001', 'A staff code is required, e.g. staff unlock 3201001');
  return withCore(dataDir, (core) => {
    unlockStaff(core.ctx, code, null);
    print({ unlocked: code }, () => `已解锁 ${code}：可以重新登录 / ${code} may sign in again`);
  });
}

/** `export report --out FILE`. */
async function exportCommand(dataDir: string, sub: string | undefined): Promise<void> {
  if (sub !== 'report') fail(`未知的 export 子命令：${sub ?? ''}\n${USAGE}`, `Unknown export subcommand: ${sub ?? ''}`);
  return withCore(dataDir, async (core) => {
    const out = path.resolve(values.out ?? fail('需要 --out FILE', '--out FILE is required'));
    const result = await exportReport(core.ctx, exportRequest(out), WHOLE_BRANCH, out, progressControl(values.json));
    print(
      { ...result, file: out },
      () =>
        `已导出 ${result.rows} 行：${out}${result.unencodable > 0 ? `（${result.unencodable} 个字符 GBK 无法表示，已写作 ?；改用 --encoding gb18030 可保留）` : ''}`,
    );
  });
}

/** `report groups` and `report migration` (the two-period analysis). */
async function reportCommand(dataDir: string, sub: string | undefined): Promise<void> {
  if (sub === 'groups') return withReader(dataDir, groupsReport);
  if (sub !== 'migration')
    fail(`未知的 report 子命令：${sub ?? ''}\n${USAGE}`, `Unknown report subcommand: ${sub ?? ''}`);
  return withReader(dataDir, (ctx) => {
    if (values.by !== undefined) {
      const months = { fromMonth: values.from, toMonth: values.to, dimension: values.by };
      const breakdown = getFlowBreakdown(ctx, segmentQuery(FlowBreakdownQuerySchema, months));
      return print(breakdown, () => describeBreakdown(breakdown));
    }
    const report = getFlowReport(ctx, segmentQuery(FlowQuerySchema, { fromMonth: values.from, toMonth: values.to }));
    print(flowsJson(report), () => describeFlows(report));
  });
}

/** `init`: an empty branch of one's own, with its profile. */
async function createBranch(dataDir: string): Promise<void> {
  if (existsSync(path.join(dataDir, DATABASE_FILE_NAME)))
    fail(`${dataDir} 已有数据库，未改动。`, `${dataDir} already has a database; nothing changed.`);
  const parsed = BranchProfileSchema.safeParse({
    name: values['branch-name'] ?? '',
    code: values['branch-code'] ?? '',
    headOffice: values['head-office'] ?? '',
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(
      `--${OPTION_OF_FIELD[String(issue.path[0])]}：${issue.message}`,
      `--${OPTION_OF_FIELD[String(issue.path[0])]}: ${issue.message}`,
    );
  }
  const core = await openCore({ dataDir, log: () => undefined, ...CLI_CORE });
  try {
    const profile = await startBranch(core.ctx, parsed.data);
    print(profile, () => `已建立 ${profile.name}：${dataDir}（启动应用后先建立管理员） / branch created`);
  } finally {
    await core.close();
  }
}

const OPTION_OF_FIELD: Record<string, string> = { name: 'branch-name', code: 'branch-code', headOffice: 'head-office' };

/** `template KIND --out FILE`: an import template (no database needed). */
async function writeTemplate(_dataDir: string, kind: string | undefined): Promise<void> {
  if (!IMPORT_KINDS.includes(kind as ImportKind))
    fail(
      `需要导入类别：${IMPORT_KINDS.join('、')}（收到：${kind ?? ''}）`,
      `An import kind is required: ${IMPORT_KINDS.join(', ')} (got: ${kind ?? ''})`,
    );
  const out = path.resolve(values.out ?? fail('需要 --out FILE', '--out FILE is required'));
  const { bytes } = await importTemplate(kind as ImportKind);
  writeWhole(out, bytes);
  print({ kind, file: out }, () => `已写出${IMPORT_KIND_NAMES[kind as ImportKind]}导入模板：${out}`);
}

/** Each command by name: runs it on the data directory with its subcommand. */
const COMMANDS: Record<string, (dataDir: string, sub: string | undefined) => Promise<void>> = {
  init: createBranch,
  demo: createDemo,
  recompute,
  rules,
  tiers: tiersOverview,
  template: writeTemplate,
  import: (dataDir) => withCore(dataDir, (core) => importFiles(core, positionals.slice(1))),
  restore: (dataDir) => withCore(dataDir, restore, true),
  staff: staffCommand,
  export: exportCommand,
  report: reportCommand,
};

async function main(): Promise<void> {
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const [command, sub] = positionals;
  const run = command !== undefined && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) {
    console.error(`未知命令 / unknown command: ${command ?? ''}\n${USAGE}`);
    process.exit(2);
  }
  await run(dataDir, sub);
}

main().catch((error: unknown) => {
  if (error instanceof AppError) console.error(`${error.message}\n${error.messageEn}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
