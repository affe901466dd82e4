/** Campaign lists' SQL (docs/domain.md, "Campaign lists"). */
import type { Database } from 'better-sqlite3';
import type { CampaignGoal, MemberStatus } from '../../../shared/schemas/campaigns';

export interface CampaignRow {
  id: number;
  name: string;
  goal_kind: CampaignGoal;
  goal_target: string | null;
  start_date: string;
  end_date: string;
  contact_by: string;
  owner_code: string;
  source: 'segment' | 'file';
  source_name: string;
  columns: string;
  number_column: string | null;
  baseline_month: string | null;
  holdout_share: number;
  holdout_seed: number;
  created_at: string;
  created_by: string | null;
}

export function insertCampaign(sqlite: Database, row: Omit<CampaignRow, 'id'>): number {
  return Number(
    sqlite
      .prepare(
        `INSERT INTO campaigns (name, goal_kind, goal_target, start_date, end_date, contact_by, owner_code, source,
           source_name, columns, number_column, baseline_month, holdout_share, holdout_seed, created_at, created_by)
         VALUES (@name, @goal_kind, @goal_target, @start_date, @end_date, @contact_by, @owner_code, @source,
           @source_name, @columns, @number_column, @baseline_month, @holdout_share, @holdout_seed, @created_at, @created_by)`,
      )
      .run(row).lastInsertRowid,
  );
}

export interface NewMember {
  campaign_id: number;
  row_no: number;
  customer_no: string;
  customer_id: number | null;
  assigned_code: string | null;
  holdout: 0 | 1;
  source_row: string;
  baseline_aum_fen: number | null;
  baseline_tier: string | null;
}

/** Inserts one member a call (prepared once for a list's thousands). */
export function prepareInsertMember(sqlite: Database): (member: NewMember) => void {
  const statement = sqlite.prepare(
    `INSERT INTO campaign_members (campaign_id, row_no, customer_no, customer_id, assigned_code, holdout, source_row,
       baseline_aum_fen, baseline_tier)
     VALUES (@campaign_id, @row_no, @customer_no, @customer_id, @assigned_code, @holdout, @source_row,
       @baseline_aum_fen, @baseline_tier)`,
  );
  return (member) => statement.run(member);
}

/** The branch's customers among these numbers: number → id and manager now. */
export function customersByNo(
  sqlite: Database,
  customerNos: readonly string[],
): Map<string, { id: number; manager: string | null }> {
  const rows = sqlite
    .prepare(
      'SELECT c.customer_no, c.id, c.manager_code FROM json_each(?) j CROSS JOIN customers c ON c.customer_no = j.value',
    )
    .raw()
    .all(JSON.stringify(customerNos)) as Array<[string, number, string | null]>;
  return new Map(rows.map(([no, id, manager]) => [no, { id, manager }]));
}

/** The customers with these ids, in the ids' order: number and manager now. */
export function customersById(
  sqlite: Database,
  ids: readonly number[],
): Array<{ id: number; customer_no: string; manager_code: string | null }> {
  return sqlite
    .prepare(
      'SELECT c.id, c.customer_no, c.manager_code FROM json_each(?) j CROSS JOIN customers c ON c.id = j.value ORDER BY j.key',
    )
    .all(JSON.stringify(ids)) as Array<{ id: number; customer_no: string; manager_code: string | null }>;
}

/** The branch's 支行长 (the first active one by 工号), who is assigned members without a manager. */
export function branchManagerCode(sqlite: Database): string | null {
  return (
    (sqlite
      .prepare("SELECT code FROM staff WHERE role = 'branch_manager' AND active = 1 ORDER BY code LIMIT 1")
      .pluck()
      .get() as string | undefined) ?? null
  );
}

export function findCampaign(sqlite: Database, id: number): CampaignRow | undefined {
  return sqlite.prepare('SELECT * FROM campaigns WHERE id = ?').get(id) as CampaignRow | undefined;
}

/** How many of a campaign's members someone has worked (a status set by hand or by a contact). */
export function countWorkedMembers(sqlite: Database, campaignId: number): number {
  return sqlite
    .prepare(
      "SELECT count(*) FROM campaign_members WHERE campaign_id = ? AND (worked_by IS NOT NULL OR status <> 'pending')",
    )
    .pluck()
    .get(campaignId) as number;
}

/** A campaign and its members gone. */
export function deleteCampaign(sqlite: Database, campaignId: number): void {
  sqlite.prepare('DELETE FROM campaigns WHERE id = ?').run(campaignId);
}

export function listCampaignRows(sqlite: Database): CampaignRow[] {
  return sqlite.prepare('SELECT * FROM campaigns ORDER BY id DESC').all() as CampaignRow[];
}

export interface CampaignCounts {
  members: number;
  holdout: number;
  outside: number;
  statuses: Array<[MemberStatus, number]>;
}

/** A campaign's members counted: all, held out, outside the branch, and (outside the hold-out) per status; a 客户经理's book's outside the hold-out only when `managerCode`. */
export function countMembers(sqlite: Database, campaignId: number, managerCode: string | null): CampaignCounts {
  const book = managerCode === null ? '' : 'AND c.manager_code = @managerCode';
  const totals = sqlite
    .prepare(
      `SELECT count(*) AS members, coalesce(sum(m.holdout), 0) AS holdout, coalesce(sum(m.customer_id IS NULL), 0) AS outside
       FROM campaign_members m LEFT JOIN customers c ON c.id = m.customer_id WHERE m.campaign_id = @campaignId ${book} ${managerCode === null ? '' : 'AND m.holdout = 0'}`,
    )
    .get({ campaignId, managerCode }) as { members: number; holdout: number; outside: number };
  const statuses = sqlite
    .prepare(
      `SELECT m.status, count(*) FROM campaign_members m LEFT JOIN customers c ON c.id = m.customer_id
       WHERE m.campaign_id = @campaignId AND m.holdout = 0 ${book} GROUP BY m.status`,
    )
    .raw()
    .all({ campaignId, managerCode }) as Array<[MemberStatus, number]>;
  return { ...totals, statuses };
}

export interface MemberFilter {
  campaignId: number;
  status?: MemberStatus;
  managerCode?: string;
  creditCode?: string;
  group?: 'worked' | 'holdout';
  /** Only these member ids (the comparison's numbers opened). */
  memberIds?: readonly number[];
  /** Still 待联系 after this day. */
  overdueAfter?: string;
}

export interface MemberPageRow {
  id: number;
  customer_no: string;
  name: string | null;
  row_no: number;
  customer_id: number | null;
  manager_code: string | null;
  assigned_code: string | null;
  assigned_name: string | null;
  holdout: number;
  status: MemberStatus;
  status_date: string | null;
  worked_by: string | null;
  note: string | null;
}

function memberWhere(filter: MemberFilter): string {
  const where = ['m.campaign_id = @campaignId'];
  if (filter.status) where.push('m.status = @status');
  if (filter.managerCode) where.push('c.manager_code = @managerCode AND m.holdout = 0');
  if (filter.creditCode) where.push('coalesce(m.worked_by, m.assigned_code) = @creditCode');
  if (filter.group) where.push(`m.holdout = ${filter.group === 'holdout' ? 1 : 0}`);
  if (filter.memberIds) where.push('m.id IN (SELECT value FROM json_each(@memberIds))');
  if (filter.overdueAfter) where.push("m.status = 'pending' AND m.holdout = 0");
  return where.join(' AND ');
}

const params = (filter: MemberFilter) => ({
  campaignId: filter.campaignId,
  status: filter.status ?? null,
  managerCode: filter.managerCode ?? null,
  creditCode: filter.creditCode ?? null,
  memberIds: filter.memberIds ? JSON.stringify(filter.memberIds) : null,
});

/** A page of members in the list's order, and how many match. */
export function listMembers(
  sqlite: Database,
  filter: MemberFilter,
  offset: number,
  limit: number,
): { total: number; rows: MemberPageRow[] } {
  const where = memberWhere(filter);
  const total = sqlite
    .prepare(`SELECT count(*) FROM campaign_members m LEFT JOIN customers c ON c.id = m.customer_id WHERE ${where}`)
    .pluck()
    .get(params(filter)) as number;
  const rows = sqlite
    .prepare(
      `SELECT m.id, m.customer_no, c.name, m.row_no, m.customer_id, c.manager_code, m.assigned_code, s.name AS assigned_name,
         m.holdout, m.status, m.status_date, m.worked_by, m.note
       FROM campaign_members m LEFT JOIN customers c ON c.id = m.customer_id LEFT JOIN staff s ON s.code = m.assigned_code
       WHERE ${where} ORDER BY m.row_no LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params(filter), limit, offset }) as MemberPageRow[];
  return { total, rows };
}

export interface MemberRecord {
  id: number;
  customer_id: number | null;
  holdout: number;
  status: MemberStatus;
}

export function findMember(sqlite: Database, campaignId: number, customerNo: string): MemberRecord | undefined {
  return sqlite
    .prepare('SELECT id, customer_id, holdout, status FROM campaign_members WHERE campaign_id = ? AND customer_no = ?')
    .get(campaignId, customerNo) as MemberRecord | undefined;
}

export function updateMemberStatus(
  sqlite: Database,
  memberId: number,
  change: {
    status: MemberStatus;
    date: string;
    workedBy: string | null;
    note: string | null;
    contactId: number | null;
  },
): void {
  sqlite
    .prepare(
      `UPDATE campaign_members SET status = @status, status_date = @date, worked_by = coalesce(@workedBy, worked_by),
         note = coalesce(@note, note), contact_id = coalesce(@contactId, contact_id) WHERE id = @memberId`,
    )
    .run({ memberId, ...change });
}

/** Every member of a campaign as the comparison reads them, in the list's order. */
export interface OutcomeRow {
  id: number;
  customer_id: number | null;
  holdout: number;
  status: MemberStatus;
  credit: string | null;
  baseline_aum_fen: number | null;
}

export function readOutcomeRows(sqlite: Database, campaignId: number): OutcomeRow[] {
  return sqlite
    .prepare(
      `SELECT id, customer_id, holdout, status, coalesce(worked_by, assigned_code) AS credit, baseline_aum_fen
       FROM campaign_members WHERE campaign_id = ? ORDER BY row_no`,
    )
    .all(campaignId) as OutcomeRow[];
}

/** The customers among `customerIds` holding a product (of `productType`, any when null) started within the period. */
export function customersTakingUp(
  sqlite: Database,
  customerIds: readonly number[],
  productType: string | null,
  from: string,
  to: string,
): Set<number> {
  const ids = sqlite
    .prepare(
      `SELECT DISTINCT h.customer_id FROM json_each(?) j CROSS JOIN holdings h ON h.customer_id = j.value
       WHERE h.start_date BETWEEN ? AND ? AND (? IS NULL OR h.product_type = ?)`,
    )
    .pluck()
    .all(JSON.stringify(customerIds), from, to, productType, productType) as number[];
  return new Set(ids);
}

/** Every member with what the feedback writes, in the list's order. */
export function readFeedbackRows(
  sqlite: Database,
  campaignId: number,
): Array<{
  customer_no: string;
  source_row: string;
  status: MemberStatus;
  status_date: string | null;
  staff: string | null;
  note: string | null;
  holdout: number;
}> {
  return sqlite
    .prepare(
      `SELECT customer_no, source_row, status, status_date, coalesce(worked_by, assigned_code) AS staff, note, holdout
       FROM campaign_members WHERE campaign_id = ? ORDER BY row_no`,
    )
    .all(campaignId) as ReturnType<typeof readFeedbackRows>;
}

/** The active campaigns' members a manager's book still has 待联系 after the contact deadline (today within the period). */
export function countOverdueOfBook(sqlite: Database, managerCode: string, today: string): number {
  return sqlite
    .prepare(
      `SELECT count(*) FROM campaigns k JOIN campaign_members m ON m.campaign_id = k.id
         JOIN customers c ON c.id = m.customer_id
       WHERE k.contact_by < @today AND k.end_date >= @today AND m.status = 'pending' AND m.holdout = 0
         AND c.manager_code = @managerCode`,
    )
    .pluck()
    .get({ managerCode, today }) as number;
}

/** The open campaign members of a customer (a contact logged names one of them). */
export function memberOfCustomer(sqlite: Database, campaignId: number, customerId: number): MemberRecord | undefined {
  return sqlite
    .prepare('SELECT id, customer_id, holdout, status FROM campaign_members WHERE campaign_id = ? AND customer_id = ?')
    .get(campaignId, customerId) as MemberRecord | undefined;
}

/** The campaigns running on `today` that list the customer outside their hold-out, newest first. */
export function runningCampaignsOf(
  sqlite: Database,
  customerNo: string,
  today: string,
): Array<{ id: number; name: string }> {
  return sqlite
    .prepare(
      `SELECT k.id, k.name FROM campaign_members m JOIN campaigns k ON k.id = m.campaign_id
       WHERE m.customer_id = (SELECT id FROM customers WHERE customer_no = ?) AND m.holdout = 0
         AND k.start_date <= ? AND k.end_date >= ? ORDER BY k.id DESC`,
    )
    .all(customerNo, today, today) as Array<{ id: number; name: string }>;
}
