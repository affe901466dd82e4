/**
 * Campaign lists (名单制营销, docs/domain.md "Campaign lists"): a campaign made from a saved segment as of a month or
 * from head office's list (its columns kept as sent), each member assigned to the manager of record (else the
 * 支行长) with a seeded hold-out; statuses set by hand or by a contact logged for the campaign; the feedback file
 * for head office; the worked members compared with the hold-out on the goal.
 */
import { randomInt } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { addDays, monthOfDate } from '../../../shared/month';
import {
  CAMPAIGN_MEMBER_LIMIT,
  MEMBER_STATUS_NAMES,
  MEMBER_STATUSES,
  type Campaign,
  type CampaignInput,
  type CampaignResult,
  type Comparison,
  type MemberPage,
  type MemberQuery,
  type MemberStatus,
  type MemberStatusInput,
} from '../../../shared/schemas/campaigns';
import { cellText, type Cell } from '../imports/import-cells';
import { readWorkbook } from '../imports/parse/read-workbook';
import { appendAudit } from '../platform/audit-log';
import { csvText } from '../exports/report-writer';
import type { CoreContext } from '../platform/context';
import type { HeldFile } from '../platform/uploads';
import { customerIdsOfFilter } from '../customers/selection';
import { readSavedSegment } from '../segments/saved-segments';
import { latestTierMonth, listTierSnapshotMonths, rulesForMonth, snapshotSlot, tierSnapshotOf } from '../tiers/tiers';
import { staffNames } from '../trust/staff';
import {
  checkCampaign,
  holdoutOf,
  meanDifference,
  numberColumnOf,
  proportionDifference,
  refuseDuplicates,
} from './campaign-rules';
import {
  branchManagerCode,
  countMembers,
  countOverdueOfBook,
  countWorkedMembers,
  deleteCampaign,
  customersById,
  customersByNo,
  customersTakingUp,
  findCampaign,
  findMember,
  insertCampaign,
  listCampaignRows,
  listMembers,
  memberOfCustomer,
  prepareInsertMember,
  readFeedbackRows,
  readOutcomeRows,
  runningCampaignsOf,
  updateMemberStatus,
  type CampaignRow,
  type MemberFilter,
} from './campaigns-repository';

/** The contact deadline when none is given: two weeks into the period, or its end. */
const DEFAULT_CONTACT_DAYS = 14;

/** The columns the feedback adds after head office's own (a re-import recognises and skips them). */
export const FEEDBACK_COLUMNS = ['营销状态', '状态日期', '客户经理工号', '营销备注'] as const;

interface ListedMember {
  customerNo: string;
  cells: string[];
  /** Its row in the sheet (1-based), as the refusals name it. */
  row: number;
}

/** Head office's list: its header row (the first naming a customer-number column), the number column, each row's cells as text. */
export async function readHeadOfficeList(
  file: HeldFile,
): Promise<{ columns: string[]; numberAt: number; members: ListedMember[] }> {
  const workbook = await readWorkbook(file.bytes, file.name);
  const sheet = workbook.sheets[0];
  if (!sheet) throw new AppError('VALIDATION', '文件中没有工作表', 'The file has no sheet', { field: 'source' });
  const texts = (row: Cell[]) => row.map(cellText);
  let headerAt = -1;
  let numberAt = -1;
  for (let i = 0; i < sheet.head.length && headerAt < 0; i++) {
    try {
      numberAt = numberColumnOf(texts(sheet.head[i]));
      headerAt = i;
    } catch {
      // not the header row
    }
  }
  if (headerAt < 0) numberColumnOf(texts(sheet.head[0] ?? [])); // throws the refusal naming the headers looked for
  let columns = texts(sheet.head[headerAt]);
  // A feedback file read back: its own added columns are not head office's.
  const added = columns.findIndex((c, i) => c === FEEDBACK_COLUMNS[0] && columns[i + 1] === FEEDBACK_COLUMNS[1]);
  if (added >= 0) columns = columns.slice(0, added);
  while (columns.length > 0 && columns.at(-1) === '') columns.pop();
  const members: ListedMember[] = [];
  sheet.forEachRow((row, index) => {
    if (index <= headerAt) return;
    const cells = texts(row).slice(0, columns.length);
    while (cells.length < columns.length) cells.push('');
    const customerNo = cells[numberAt];
    if (customerNo === '') return;
    members.push({ customerNo, cells, row: index + 1 });
  });
  if (members.length === 0)
    throw new AppError('VALIDATION', '名单中没有客户', 'The list names no customer', { field: 'source' });
  if (members.length > CAMPAIGN_MEMBER_LIMIT)
    throw new AppError(
      'VALIDATION',
      `一个名单最多 ${CAMPAIGN_MEMBER_LIMIT.toLocaleString('en')} 位客户`,
      `A list holds at most ${CAMPAIGN_MEMBER_LIMIT} customers`,
      { field: 'source' },
    );
  return { columns, numberAt, members };
}

/** Makes a campaign and its members in one transaction; audited. */
export async function createCampaign(
  ctx: CoreContext,
  input: CampaignInput,
): Promise<{ campaignId: number; members: number; holdout: number; outside: number }> {
  const { sqlite } = ctx.store;
  const contactBy =
    input.contactBy ??
    (addDays(input.startDate, DEFAULT_CONTACT_DAYS) < input.endDate
      ? addDays(input.startDate, DEFAULT_CONTACT_DAYS)
      : input.endDate);
  checkCampaign({ ...input, contactBy: input.endDate < input.startDate ? input.startDate : contactBy });
  if (input.goalKind === 'tier' || input.goalKind === 'product') {
    if (!input.goalTarget)
      throw new AppError(
        'VALIDATION',
        input.goalKind === 'tier' ? '请选择要达到的层级' : '请填写产品类型',
        input.goalKind === 'tier' ? 'Choose the tier to reach' : 'Give the product type',
        { field: 'goalTarget' },
      );
  }

  let columns: string[] = [];
  let numberColumn: string | null = null;
  let sourceName: string;
  let baselineMonth: string | null;
  let listed: Array<{ customerNo: string; cells: string[]; id: number | null; manager: string | null }>;
  if (input.source.by === 'file') {
    const file = ctx.uploads.file(input.source.fileToken);
    const list = await readHeadOfficeList(file);
    refuseDuplicates(
      list.members.map((m) => m.customerNo),
      (i) => list.members[i].row,
    );
    const found = customersByNo(
      sqlite,
      list.members.map((m) => m.customerNo),
    );
    columns = list.columns;
    numberColumn = list.columns[list.numberAt];
    sourceName = file.name;
    baselineMonth = latestTierMonth(ctx);
    listed = list.members.map((m) => {
      const customer = found.get(m.customerNo);
      return { ...m, id: customer?.id ?? null, manager: customer?.manager ?? null };
    });
  } else {
    const segment = readSavedSegment(ctx, input.source.savedSegmentId);
    const ids = customerIdsOfFilter(ctx, input.source.month, segment.filter);
    if (ids.length === 0)
      throw new AppError(
        'VALIDATION',
        `细分“${segment.name}”在 ${input.source.month} 没有客户`,
        'The segment has no customer that month',
        {
          field: 'source',
        },
      );
    sourceName = segment.name;
    baselineMonth = input.source.month;
    listed = customersById(sqlite, ids).map((c) => ({
      customerNo: c.customer_no,
      cells: [],
      id: c.id,
      manager: c.manager_code,
    }));
  }
  if (input.goalKind === 'tier' && baselineMonth) {
    const codes = rulesForMonth(ctx, baselineMonth).tiers.map((t) => t.code);
    if (!codes.includes(input.goalTarget!))
      throw new AppError('VALIDATION', `没有层级代码 ${input.goalTarget}`, `No tier ${input.goalTarget}`, {
        field: 'goalTarget',
      });
  }

  const fallback = branchManagerCode(sqlite);
  const seed = input.seed ?? randomInt(0x7fffffff);
  // Drawn among the branch's customers only: a member outside the branch is compared with nothing.
  const inBranch = listed.flatMap((m, i) => (m.id === null ? [] : [i]));
  const drawn = holdoutOf(inBranch.length, input.holdoutShare, seed);
  const held = new Array<boolean>(listed.length).fill(false);
  inBranch.forEach((at, k) => (held[at] = drawn[k]));
  const snapshot = baselineMonth ? tierSnapshotOf(ctx, baselineMonth) : null;
  const now = ctx.now();
  const campaignId = sqlite.transaction(() => {
    const id = insertCampaign(sqlite, {
      name: input.name,
      goal_kind: input.goalKind,
      goal_target: input.goalKind === 'tier' || input.goalKind === 'product' ? input.goalTarget! : null,
      start_date: input.startDate,
      end_date: input.endDate,
      contact_by: contactBy,
      owner_code: input.staffCode ?? fallback ?? '',
      source: input.source.by,
      source_name: sourceName,
      columns: JSON.stringify(columns),
      number_column: numberColumn,
      baseline_month: baselineMonth,
      holdout_share: input.holdoutShare,
      holdout_seed: seed,
      created_at: now,
      created_by: input.staffCode,
    });
    const insert = prepareInsertMember(sqlite);
    listed.forEach((m, i) => {
      const slot = snapshot && m.id !== null ? snapshotSlot(snapshot, m.id) : -1;
      const aum = snapshot && slot >= 0 ? snapshot.aumFen[slot] : Number.NaN;
      const tier = snapshot && slot >= 0 ? snapshot.tier[slot] : -1;
      insert({
        campaign_id: id,
        row_no: i + 1,
        customer_no: m.customerNo,
        customer_id: m.id,
        assigned_code: m.id === null ? null : (m.manager ?? fallback),
        holdout: held[i] ? 1 : 0,
        source_row: JSON.stringify(m.cells),
        baseline_aum_fen: Number.isNaN(aum) ? null : aum,
        baseline_tier: snapshot && tier >= 0 ? snapshot.tierCodes[tier] : null,
      });
    });
    appendAudit(sqlite, {
      at: now,
      actor: input.staffCode,
      action: 'campaigns.create',
      target: String(id),
      detail: {
        name: input.name,
        source: input.source.by,
        members: listed.length,
        holdoutShare: input.holdoutShare,
        seed,
      },
    });
    return id;
  })();
  return {
    campaignId,
    members: listed.length,
    holdout: held.filter(Boolean).length,
    outside: listed.filter((m) => m.id === null).length,
  };
}

/** Removes a campaign nobody has worked yet (a list made by mistake) with its members, in one go; audited. */
export function removeCampaign(ctx: CoreContext, campaignId: number, staffCode: string | null): { campaignId: number } {
  const { sqlite } = ctx.store;
  sqlite
    .transaction(() => {
      const row = requireCampaign(ctx, campaignId);
      const worked = countWorkedMembers(sqlite, row.id);
      if (worked > 0)
        throw new AppError(
          'CONFLICT',
          `营销名单“${row.name}”已有 ${worked} 位客户跟进，不能删除`,
          `Campaign "${row.name}" has ${worked} members worked already and cannot be removed`,
          { field: 'campaignId' },
        );
      deleteCampaign(sqlite, row.id);
      appendAudit(sqlite, {
        at: ctx.now(),
        actor: staffCode,
        action: 'campaigns.remove',
        target: String(row.id),
        detail: { name: row.name },
      });
    })
    .immediate();
  return { campaignId };
}

/** Refuses a day outside the campaign's period (a status or a contact for it), naming the field and the period. */
function requireInPeriod(row: CampaignRow, date: string, field: string): void {
  if (date < row.start_date || date > row.end_date)
    throw new AppError(
      'VALIDATION',
      `日期 ${date} 不在营销活动“${row.name}”的期间（${row.start_date} 至 ${row.end_date}）内`,
      `${date} is outside the campaign's period (${row.start_date} to ${row.end_date})`,
      { field },
    );
}

function requireCampaign(ctx: CoreContext, id: number): CampaignRow {
  const row = findCampaign(ctx.store.sqlite, id);
  if (!row) throw new AppError('NOT_FOUND', '找不到该营销活动', 'No such campaign', { field: 'campaignId' });
  return row;
}

function toCampaign(ctx: CoreContext, row: CampaignRow, managerCode: string | null): Campaign {
  const counts = countMembers(ctx.store.sqlite, row.id, managerCode);
  const statuses = Object.fromEntries(MEMBER_STATUSES.map((s) => [s, 0])) as Record<MemberStatus, number>;
  for (const [status, n] of counts.statuses) statuses[status] = n;
  return {
    id: row.id,
    name: row.name,
    goalKind: row.goal_kind,
    goalTarget: row.goal_target,
    startDate: row.start_date,
    endDate: row.end_date,
    contactBy: row.contact_by,
    ownerCode: row.owner_code,
    source: row.source,
    sourceName: row.source_name,
    columns: JSON.parse(row.columns) as string[],
    baselineMonth: row.baseline_month,
    // A 客户经理 never learns the hold-out: with the seed and the share it could be drawn again.
    holdoutShare: managerCode === null ? row.holdout_share : null,
    holdoutSeed: managerCode === null ? row.holdout_seed : null,
    createdAt: row.created_at,
    members: counts.members,
    holdout: counts.holdout,
    outside: counts.outside,
    statuses,
  };
}

/** The campaigns, newest first, counted over the caller's book when `managerCode`. */
export function listCampaigns(ctx: CoreContext, managerCode: string | null): { campaigns: Campaign[] } {
  return { campaigns: listCampaignRows(ctx.store.sqlite).map((row) => toCampaign(ctx, row, managerCode)) };
}

const isOverdue = (row: CampaignRow, today: string) => row.contact_by < today && today <= row.end_date;

/** A page of a campaign's members (a 客户经理's: their book's, without the hold-out). */
export function campaignMembers(ctx: CoreContext, query: MemberQuery): MemberPage {
  const row = requireCampaign(ctx, query.campaignId);
  const today = ctx.today();
  const filter: MemberFilter = {
    campaignId: row.id,
    status: query.status,
    managerCode: query.managerCode,
    creditCode: query.creditCode,
    group: query.group,
  };
  if (query.overdue) {
    filter.overdueAfter = row.contact_by;
    if (!isOverdue(row, today)) filter.memberIds = [];
  }
  if (query.achieved !== undefined) {
    const outcome = memberOutcomes(ctx, row);
    const ids: number[] = [];
    for (const [id, achieved] of outcome.achieved) if (achieved === query.achieved) ids.push(id);
    filter.memberIds = filter.memberIds ? [] : ids;
  }
  const page = listMembers(ctx.store.sqlite, filter, query.offset ?? 0, query.limit ?? 100);
  const overdue = isOverdue(row, today);
  return {
    campaign: toCampaign(ctx, row, query.managerCode ?? null),
    total: page.total,
    rows: page.rows.map((m) => ({
      customerNo: m.customer_no,
      name: m.name,
      rowNo: m.row_no,
      outside: m.customer_id === null,
      managerCode: m.manager_code,
      assignedCode: m.assigned_code,
      assignedName: m.assigned_name,
      holdout: m.holdout === 1,
      status: m.status,
      statusDate: m.status_date,
      workedBy: m.worked_by,
      note: m.note,
      overdue: overdue && m.status === 'pending' && m.holdout === 0,
    })),
  };
}

function refuseHoldout(customerNo: string): never {
  throw new AppError(
    'VALIDATION',
    `客户 ${customerNo} 在对照组中，活动期内不联系、不跟进`,
    `Customer ${customerNo} is in the hold-out: not worked during the campaign`,
    { field: 'customerNo' },
  );
}

/** Sets a member's status by hand; the caller is credited. Audited. */
export function setMemberStatus(ctx: CoreContext, input: MemberStatusInput): { status: MemberStatus } {
  const row = requireCampaign(ctx, input.campaignId);
  const member = findMember(ctx.store.sqlite, row.id, input.customerNo);
  if (!member)
    throw new AppError('NOT_FOUND', `客户 ${input.customerNo} 不在该名单中`, `${input.customerNo} is not on the list`, {
      field: 'customerNo',
    });
  if (member.holdout === 1) refuseHoldout(input.customerNo);
  if (member.customer_id === null)
    throw new AppError(
      'VALIDATION',
      `客户号 ${input.customerNo} 非本行客户，不能设置营销状态`,
      `${input.customerNo} is not a customer of the branch: no status can be set`,
      { field: 'customerNo' },
    );
  if (input.date > ctx.today())
    throw new AppError('VALIDATION', '日期不能晚于今天', 'The date cannot be after today', { field: 'date' });
  requireInPeriod(row, input.date, 'date');
  ctx.store.sqlite.transaction(() => {
    updateMemberStatus(ctx.store.sqlite, member.id, {
      status: input.status,
      date: input.date,
      workedBy: input.staffCode,
      note: input.note || null,
      contactId: null,
    });
    appendAudit(ctx.store.sqlite, {
      at: ctx.now(),
      actor: input.staffCode,
      action: 'campaigns.setStatus',
      target: input.customerNo,
      detail: { campaignId: row.id, status: input.status },
    });
  })();
  return { status: input.status };
}

/**
 * Checks a contact about to be logged for a campaign (retention/ calls it before its transaction): the customer is a
 * member outside the hold-out. Returns what to call inside the transaction once the contact has its id: a member
 * still 待联系 moves to 已联系, credited to whoever logged it.
 */
export function campaignContact(
  ctx: CoreContext,
  campaignId: number,
  customerId: number,
  customerNo: string,
  date: string,
): (contactId: number, date: string, staffCode: string | null) => void {
  requireInPeriod(requireCampaign(ctx, campaignId), date, 'campaignId');
  const member = memberOfCustomer(ctx.store.sqlite, campaignId, customerId);
  if (!member)
    throw new AppError(
      'VALIDATION',
      `客户 ${customerNo} 不在该营销名单中`,
      `${customerNo} is not on the campaign's list`,
      {
        field: 'campaignId',
      },
    );
  if (member.holdout === 1) refuseHoldout(customerNo);
  return (contactId, date, staffCode) =>
    updateMemberStatus(ctx.store.sqlite, member.id, {
      status: member.status === 'pending' ? 'contacted' : member.status,
      date,
      workedBy: staffCode,
      note: null,
      contactId,
    });
}

/** The campaigns running today that list the customer outside their hold-out (the contact dialog offers them). */
export function campaignsOfCustomer(
  ctx: CoreContext,
  customerNo: string,
): { customerNo: string; campaigns: Array<{ id: number; name: string }> } {
  return { customerNo, campaigns: runningCampaignsOf(ctx.store.sqlite, customerNo, ctx.today()) };
}

/** The book's members still 待联系 past their campaign's contact deadline (the workbench's count). */
export function overdueCampaignMembers(ctx: CoreContext, managerCode: string): number {
  return countOverdueOfBook(ctx.store.sqlite, managerCode, ctx.today());
}

/**
 * The feedback for head office: its list as it came (its columns in their order, its rows in theirs) and after them
 * the status, its date, the manager's 工号 and the note; CSV in UTF-8 with a byte order mark. Audited.
 */
export function campaignFeedback(
  ctx: CoreContext,
  campaignId: number,
  staffCode: string | null,
): { fileName: string; base64: string } {
  const row = requireCampaign(ctx, campaignId);
  const columns = JSON.parse(row.columns) as string[];
  const head = row.source === 'file' ? columns : ['客户号'];
  const lines = [[...head, ...FEEDBACK_COLUMNS].map(csvText).join(',')];
  for (const m of readFeedbackRows(ctx.store.sqlite, row.id)) {
    const cells = row.source === 'file' ? (JSON.parse(m.source_row) as string[]) : [m.customer_no];
    const status = m.holdout === 1 ? '对照组' : MEMBER_STATUS_NAMES[m.status];
    lines.push([...cells, status, m.status_date ?? '', m.staff ?? '', m.note ?? ''].map(csvText).join(','));
  }
  appendAudit(ctx.store.sqlite, {
    at: ctx.now(),
    actor: staffCode,
    action: 'campaigns.feedback',
    target: String(row.id),
    detail: { rows: lines.length - 1 },
  });
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
  return { fileName: `${row.name}-反馈.csv`, base64: bytes.toString('base64') };
}

/**
 * Reads a file back against a campaign (head office's list again, or the feedback written from it): the members it
 * would add and those whose head-office columns differ. Nothing is written: the feedback file changes nothing.
 */
export async function compareList(
  ctx: CoreContext,
  campaignId: number,
  file: HeldFile,
): Promise<{ rows: number; added: number; changed: number }> {
  const row = requireCampaign(ctx, campaignId);
  const list = await readHeadOfficeList(file);
  refuseDuplicates(list.members.map((m) => m.customerNo));
  const kept = new Map(readFeedbackRows(ctx.store.sqlite, row.id).map((m) => [m.customer_no, m.source_row]));
  let added = 0;
  let changed = 0;
  for (const m of list.members) {
    const before = kept.get(m.customerNo);
    if (before === undefined) added += 1;
    else if (row.source === 'file' && before !== JSON.stringify(m.cells)) changed += 1;
  }
  return { rows: list.members.length, added, changed };
}

/** Each member's outcome on the goal: reached (proportion goals; for 月日均, an increase) and the 月日均 change. */
function memberOutcomes(ctx: CoreContext, row: CampaignRow) {
  const { sqlite } = ctx.store;
  const members = readOutcomeRows(sqlite, row.id);
  const months = listTierSnapshotMonths(sqlite);
  const endMonth = monthOfDate(row.end_date);
  const resultMonth =
    [...months].reverse().find((m) => m <= endMonth && (row.baseline_month === null || m > row.baseline_month)) ?? null;
  const snapshot = resultMonth ? tierSnapshotOf(ctx, resultMonth) : null;
  const achieved = new Map<number, boolean>();
  const change = new Map<number, number>();
  const inBranch = members.filter((m) => m.customer_id !== null);
  let taking: Set<number> | null = null;
  if (row.goal_kind === 'product' || row.goal_kind === 'reinvest')
    taking = customersTakingUp(
      sqlite,
      inBranch.map((m) => m.customer_id!),
      row.goal_kind === 'product' ? row.goal_target : null,
      row.start_date,
      row.end_date,
    );
  const targetIndex = snapshot && row.goal_kind === 'tier' ? snapshot.tierCodes.indexOf(row.goal_target ?? '') : -1;
  for (const m of inBranch) {
    const slot = snapshot ? snapshotSlot(snapshot, m.customer_id!) : -1;
    if (taking) {
      achieved.set(m.id, taking.has(m.customer_id!));
      continue;
    }
    if (!snapshot || slot < 0) continue;
    if (row.goal_kind === 'tier') achieved.set(m.id, targetIndex >= 0 && snapshot.tier[slot] >= targetIndex);
    else {
      const aum = snapshot.aumFen[slot];
      if (Number.isNaN(aum) || m.baseline_aum_fen === null) continue;
      change.set(m.id, aum - m.baseline_aum_fen);
      achieved.set(m.id, aum > m.baseline_aum_fen);
    }
  }
  return { members, resultMonth, achieved, change };
}

function compare(
  row: CampaignRow,
  members: ReturnType<typeof readOutcomeRows>,
  outcome: ReturnType<typeof memberOutcomes>,
  managerCode: string | null,
  managerName: string | null,
): Comparison {
  const worked = members.filter((m) => m.holdout === 0 && m.customer_id !== null);
  const holdout = members.filter((m) => m.holdout === 1 && m.customer_id !== null);
  const contacted = worked.filter((m) => m.status !== 'pending').length;
  if (row.goal_kind === 'aum') {
    const values = (group: typeof members) =>
      group.flatMap((m) => (outcome.change.has(m.id) ? [outcome.change.get(m.id)!] : []));
    const a = values(worked);
    const b = values(holdout);
    const interval = meanDifference(a, b);
    const mean = (v: number[]) => (v.length ? v.reduce((s, x) => s + x, 0) / v.length : null);
    return {
      managerCode,
      managerName,
      worked: worked.length,
      holdout: holdout.length,
      contacted,
      workedAchieved: null,
      holdoutAchieved: null,
      workedValue: mean(a),
      holdoutValue: mean(b),
      difference: interval?.difference ?? null,
      low: interval?.low ?? null,
      high: interval?.high ?? null,
    };
  }
  // Of the members whose outcome could be measured (none while no month after the baseline has tiers).
  const measured = (group: typeof members) => group.filter((m) => outcome.achieved.has(m.id));
  const reached = (group: typeof members) => group.filter((m) => outcome.achieved.get(m.id) === true).length;
  const x1 = reached(worked);
  const x2 = reached(holdout);
  const n1 = measured(worked).length;
  const n2 = measured(holdout).length;
  const interval = proportionDifference(x1, n1, x2, n2);
  return {
    managerCode,
    managerName,
    worked: worked.length,
    holdout: holdout.length,
    contacted,
    workedAchieved: x1,
    holdoutAchieved: x2,
    workedValue: n1 ? x1 / n1 : null,
    holdoutValue: n2 ? x2 / n2 : null,
    difference: interval?.difference ?? null,
    low: interval?.low ?? null,
    high: interval?.high ?? null,
  };
}

/**
 * Worked members against the hold-out on the goal, in total and per manager credited (who worked the member, else
 * the one assigned: a handover during the campaign moves no credit); a manager's hold-out is the members assigned to
 * them.
 */
export function campaignResult(ctx: CoreContext, campaignId: number): CampaignResult {
  const row = requireCampaign(ctx, campaignId);
  const outcome = memberOutcomes(ctx, row);
  const { members } = outcome;
  const names = staffNames(ctx.store.sqlite);
  const codes = [...new Set(members.map((m) => m.credit).filter((c): c is string => c !== null))].sort();
  return {
    campaignId: row.id,
    goalKind: row.goal_kind,
    baselineMonth: row.baseline_month,
    resultMonth: outcome.resultMonth,
    ended: row.end_date < ctx.today(),
    total: compare(row, members, outcome, null, null),
    managers: codes.map((code) =>
      compare(
        row,
        members.filter((m) => m.credit === code),
        outcome,
        code,
        names.get(code) ?? null,
      ),
    ),
  };
}
