import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allows } from '../../../shared/access';
import type { StaffRole } from '../../../shared/schemas/common';
import { REPORT_TEMPLATES, type ReportTemplate } from '../../../shared/schemas/exports';
import {
  BALANCES_FEN,
  FULL_NAMES,
  ID_NUMBER,
  MINE,
  MONTH,
  OTHERS,
  session,
  setBranchView,
  twoBooks,
  WEEK,
  type TwoBooks,
} from '../../../tests/helpers/two-books';
import { dispatch } from '../dispatch';
import type { Session } from '../trust/auth';

let branch: TwoBooks;
beforeEach(async () => {
  branch = await twoBooks();
});
afterEach(() => {
  branch.ctx.downloads.dispose();
  return branch.ctx.store.close();
});

/** What each template is asked for (the month of the complaints, the audit log and the call list is April). */
const REQUESTS: Record<ReportTemplate, Record<string, unknown>> = {
  monthly: { month: MONTH },
  customers: { month: MONTH },
  groups: { month: MONTH, segment: { tierCode: 'T3' } },
  list: { month: MONTH, filter: {}, sort: { field: 'customerNo', direction: 'asc' } },
  complaints: { month: '2024-04' },
  audit: { month: '2024-04' },
  callList: { month: '2024-04', care: { from: WEEK, to: '2024-04-14' } },
  suitability: { month: MONTH },
  // No handover in this branch: the lists come empty (books/handovers.test.ts exports one).
  handover: { month: MONTH },
  benefits: { month: MONTH },
  loyalty: { month: MONTH },
};

/** Every cell of every sheet, row by row, as read back from the workbook. */
type Rows = Array<Array<string | number | null>>;

/** Exports as `who` through the channel a window uses, then fetches the file as they would; null when refused. */
async function exportAs(
  who: Session,
  template: ReportTemplate,
  extra: Record<string, unknown> = {},
): Promise<Rows | null> {
  const request = {
    kind: 'exports.report',
    export: {
      template,
      format: 'xlsx',
      encoding: 'utf8',
      full: false,
      reason: null,
      ...REQUESTS[template],
      ...extra,
    },
  };
  const started = await dispatch(branch.ctx, who, 'jobs.start', { request });
  if (!started.ok) {
    expect(started.error.code).toBe('FORBIDDEN');
    return null;
  }
  await branch.ctx.jobs.idle();
  const status = await dispatch(branch.ctx, who, 'jobs.status', started.value as { jobId: string });
  const job = (status as { value: { state: string; result: { token: string }; error?: unknown } }).value;
  expect(job).toMatchObject({ state: 'done' });
  const held = branch.ctx.downloads.take(job.result.token, who.staff?.code ?? null);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(held.file);
  const rows: Rows = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      rows.push(
        Array.from((row.values as unknown[]).slice(1), (v) =>
          v instanceof Date ? v.toISOString() : ((v as string | number | null | undefined) ?? null),
        ),
      ),
    ),
  );
  return rows;
}

const text = (rows: Rows) => rows.map((row) => row.join('|')).join('\n');
/** The rows that name a customer (hold one of the four customer numbers). */
const customerRows = (rows: Rows) =>
  rows.filter((row) => row.some((cell) => typeof cell === 'string' && [...MINE, ...OTHERS].includes(cell)));
/** Each customer's balance as a workbook shows it: 元 and 万元. */
const cellsOf = (fen: number) => [fen / 100, fen / 1_000_000];
const BALANCE_CELLS = BALANCES_FEN.flatMap(cellsOf);
const OTHER_BALANCE_CELLS = BALANCES_FEN.slice(2).flatMap(cellsOf);
const FULL_PERSONAL = new RegExp(`${ID_NUMBER}|13812345678|13811112222|13987654321`);

const AS: Array<[string, StaffRole, () => Session, boolean]> = [
  ['客户经理', 'manager', session.mine, false],
  ['客户经理 with the branch view', 'manager', session.mine, true],
  ['柜员', 'teller', session.teller, false],
  ['支行长', 'branch_manager', session.branch, false],
  ['管理员', 'admin', session.admin, false],
];

describe('every export, as every role, read back cell by cell', () => {
  it.each(REPORT_TEMPLATES)('%s', async (template) => {
    for (const [label, role, who, branchView] of AS) {
      await setBranchView(branch, branchView);
      const rows = await exportAs(who(), template);
      expect({ label, exported: rows !== null }).toEqual({
        label,
        exported: allows(role, 'jobs.start', {
          request: { kind: 'exports.report', export: { template, full: false } },
        }),
      });
      if (rows === null) continue;
      const all = text(rows);
      expect(all).not.toMatch(FULL_PERSONAL);
      // Not a customer of the other book, not even a balance as the figure of a group of one.
      if (role === 'manager' && !branchView) {
        expect({ label, other: /020000[12]|欧阳春晓|张伟/.test(all) }).toEqual({ label, other: false });
        for (const cell of rows.flat()) expect(OTHER_BALANCE_CELLS).not.toContain(cell);
      }
      if (role === 'teller') {
        for (const name of FULL_NAMES) expect(rows.flat()).not.toContain(name);
        for (const cell of rows.flat()) expect(BALANCE_CELLS).not.toContain(cell);
      }
    }
  });

  it('the 支行长 and a 客户经理 with the branch view see the other book (the scan is not vacuous)', async () => {
    await setBranchView(branch, true);
    for (const template of ['monthly', 'customers', 'list', 'complaints', 'callList', 'suitability'] as const) {
      expect({ template, other: text((await exportAs(session.mine(), template)) ?? []).includes(OTHERS[0]) }).toEqual({
        template,
        other: true,
      });
    }
    expect(text((await exportAs(session.branch(), 'customers')) ?? [])).toContain('欧阳春晓');
  });
});

describe('the probes', () => {
  it("a teller's 月度分层报表: the warning list with names masked and no amounts", async () => {
    const rows = (await exportAs(session.teller(), 'monthly')) as Rows;
    const warned = customerRows(rows);
    // 0100002 holds its tier by hand (an override): not warned.
    expect(warned.map((row) => row[0]).sort()).toEqual([MINE[0], OTHERS[0]]);
    const first = warned.find((row) => row[0] === MINE[0]) as Rows[number];
    // 客户编号, 姓名, 客户经理, 层级, 状态, 月日均, 门槛, 保级尚需, 风险分, …
    expect(first.slice(0, 9)).toEqual([MINE[0], '王*', '周文静', '私人银行客户', '观察', null, 6_000_000, null, null]);
  });

  it("a 客户经理's 月度分层报表 lists only their book's warned customers", async () => {
    const warned = customerRows((await exportAs(session.mine(), 'monthly')) as Rows);
    expect(warned.map((row) => row[0])).toEqual([MINE[0]]);
    expect(warned.find((row) => row[0] === MINE[0])?.[5]).toBe(BALANCES_FEN[0] / 100);
  });

  it("a 客户经理's 客户明细 is their book's, and in full only with a reason", async () => {
    const masked = customerRows((await exportAs(session.mine(), 'customers')) as Rows);
    expect(masked.map((row) => row[0])).toEqual(MINE);
    expect(masked[0][4]).toBe('110105********1231');
    const full = customerRows(
      (await exportAs(session.mine(), 'customers', { full: true, reason: '总行核查' })) as Rows,
    );
    expect(full[0][4]).toBe(ID_NUMBER);
    expect(full.map((row) => row[0])).toEqual(MINE);
  });

  it('a 客户经理 with the branch view still exports in full only their own book (as a reveal is)', async () => {
    await setBranchView(branch, true);
    const full = customerRows(
      (await exportAs(session.mine(), 'customers', { full: true, reason: '总行核查' })) as Rows,
    );
    expect(full.map((row) => row[0])).toEqual(MINE);
    const masked = customerRows((await exportAs(session.mine(), 'customers')) as Rows);
    expect(masked.map((row) => row[0])).toEqual([...MINE, ...OTHERS]);
  });

  it('a teller may not export customer lists at all, nor in full', async () => {
    for (const template of ['customers', 'list', 'callList'] as const)
      expect(await exportAs(session.teller(), template)).toBeNull();
    expect(await exportAs(session.admin(), 'customers', { full: true, reason: '核查' })).toBeNull();
  });

  it('a teller may not export branch figures when the access settings turn them off', async () => {
    await setBranchView(branch, false, { tellerSeesAggregates: false });
    expect(await exportAs(session.teller(), 'monthly')).toBeNull();
    expect(await exportAs(session.teller(), 'groups')).toBeNull();
    expect(await exportAs(session.teller(), 'complaints')).not.toBeNull();
  });
});
