/**
 * The rules of households (docs/domain.md, "Households"), pure: who may join which household, and a households
 * file checked as a whole — a customer in one household only, each household with its head, a head who is no one
 * else's member, no cycle of heads, at most ten people — each refusal naming its row and column.
 */
import { HOUSEHOLD_MAX_MEMBERS, type HouseholdRole } from '../../../shared/schemas/households';

export const ROLE_WORDS: Record<HouseholdRole, [string, string]> = {
  head: ['户主', 'head'],
  spouse: ['配偶', 'spouse'],
  parent: ['父母', 'parent'],
  child: ['子女', 'child'],
  other: ['其他', 'other'],
};

export interface Refusal {
  message: string;
  messageEn: string;
}

/** Where a customer stands now: their household, their role in it, and its head's number. */
export interface Standing {
  householdId: number;
  role: HouseholdRole;
  headNo: string;
}

/** Refuses a customer joining a household on the card: already in one, or the household full. */
export function joinRefusal(customerNo: string, standing: Standing | null, size: number): Refusal | null {
  if (standing !== null)
    return {
      message: `客户 ${customerNo} 已在户主 ${standing.headNo} 的家庭中（${ROLE_WORDS[standing.role][0]}）；一位客户只能属于一个家庭，请先移出`,
      messageEn: `customer ${customerNo} is already in the household of ${standing.headNo}; a customer belongs to one household`,
    };
  if (size >= HOUSEHOLD_MAX_MEMBERS)
    return {
      message: `家庭已有 ${size} 人，最多 ${HOUSEHOLD_MAX_MEMBERS} 人`,
      messageEn: `the household has ${size} people already; at most ${HOUSEHOLD_MAX_MEMBERS}`,
    };
  return null;
}

/** A row of a households file. */
export interface FileMembership {
  row: number;
  customerNo: string;
  headNo: string;
  relation: HouseholdRole | null;
}

/** What a households file refuses: its row, the field and the value named. */
export interface FileRefusal extends Refusal {
  row: number;
  field: 'customerNo' | 'headNo' | 'relation';
  value: string;
}

export interface FileState {
  /** A customer the branch has. */
  known(customerNo: string): boolean;
  standing(customerNo: string): Standing | null;
  /** How many are in a household now. */
  size(householdId: number): number;
}

export interface HouseholdFilePlan {
  refusals: FileRefusal[];
  /** Households the file starts: the head's row first. */
  created: Array<{ headNo: string; rows: FileMembership[] }>;
  /** Members joining a household there is. */
  joining: Array<{ householdId: number; row: FileMembership }>;
  /** Rows that say what is already so. */
  unchanged: number;
}

const rowsText = (rows: readonly FileMembership[]) => rows.map((r) => r.row).join('、');

/**
 * Plans a households file: the head's row names the head as its own head (relation blank or 户主); each member's
 * row names its head and a relation. A refused household writes none of its rows (and a file with a refusal is
 * refused whole by the import).
 */
export function planHouseholdFile(rows: readonly FileMembership[], state: FileState): HouseholdFilePlan {
  const plan: HouseholdFilePlan = { refusals: [], created: [], joining: [], unchanged: 0 };
  const refuse = (row: FileMembership, field: FileRefusal['field'], refusal: Refusal) =>
    plan.refusals.push({
      row: row.row,
      field,
      value: field === 'headNo' ? row.headNo : field === 'relation' ? String(row.relation ?? '') : row.customerNo,
      ...refusal,
    });
  const byCustomer = new Map<string, FileMembership>();
  for (const row of rows) if (!byCustomer.has(row.customerNo)) byCustomer.set(row.customerNo, row);
  const groups = new Map<string, FileMembership[]>();
  const refusedRows = new Set<number>();
  for (const row of byCustomer.values()) {
    const isHead = row.customerNo === row.headNo;
    if (isHead && row.relation !== null && row.relation !== 'head') {
      refuse(row, 'relation', {
        message: `第 ${row.row} 行：户主客户号是本人，关系应为户主（填写的是${ROLE_WORDS[row.relation][0]}）`,
        messageEn: `row ${row.row}: the head's own row has the relation 户主`,
      });
      refusedRows.add(row.row);
    } else if (!isHead && (row.relation === null || row.relation === 'head')) {
      refuse(row, 'relation', {
        message:
          row.relation === null
            ? `第 ${row.row} 行：请填写客户 ${row.customerNo} 与户主 ${row.headNo} 的关系（配偶、父母、子女或其他）`
            : `第 ${row.row} 行：关系填了户主，但户主客户号 ${row.headNo} 不是客户 ${row.customerNo} 本人`,
        messageEn: `row ${row.row}: a member's relation is 配偶, 父母, 子女 or 其他`,
      });
      refusedRows.add(row.row);
    }
    const group = groups.get(row.headNo) ?? [];
    if (isHead) group.unshift(row);
    else group.push(row);
    groups.set(row.headNo, group);
  }

  /** The head a member row names, followed: a cycle back to `start`, or null. */
  const cycleFrom = (start: string): string[] | null => {
    const path = [start];
    let at = byCustomer.get(start);
    while (at && at.headNo !== at.customerNo) {
      if (path.includes(at.headNo)) return at.headNo === start ? [...path, start] : null;
      path.push(at.headNo);
      at = byCustomer.get(at.headNo);
    }
    return null;
  };

  for (const [headNo, group] of groups) {
    const headRow = group[0].customerNo === headNo ? group[0] : null;
    const headFileRow = byCustomer.get(headNo);
    const standingHead = state.standing(headNo);
    const refuseGroup = (field: FileRefusal['field'], refusal: Refusal) => {
      for (const row of group) {
        refuse(row, field, refusal);
        refusedRows.add(row.row);
      }
    };
    if (!state.known(headNo)) {
      refuseGroup('headNo', {
        message: `户主客户号 ${headNo} 不在客户名单中（第 ${rowsText(group)} 行）`,
        messageEn: `head ${headNo} is unknown (rows ${rowsText(group)})`,
      });
      continue;
    }
    if (headFileRow && headFileRow.headNo !== headNo) {
      const cycle = cycleFrom(headNo);
      refuseGroup(
        'headNo',
        cycle
          ? {
              message: `户主关系成环：${cycle.join(' → ')}（第 ${rowsText(group)} 行）`,
              messageEn: `the heads form a cycle: ${cycle.join(' → ')} (rows ${rowsText(group)})`,
            }
          : {
              message: `户主 ${headNo} 在第 ${headFileRow.row} 行是户主 ${headFileRow.headNo} 家的成员，不能同时做户主（第 ${rowsText(group)} 行）`,
              messageEn: `head ${headNo} is a member of ${headFileRow.headNo}'s household in row ${headFileRow.row} (rows ${rowsText(group)})`,
            },
      );
      continue;
    }
    if (standingHead !== null && standingHead.role !== 'head') {
      refuseGroup('headNo', {
        message: `户主 ${headNo} 已是户主 ${standingHead.headNo} 家的成员（${ROLE_WORDS[standingHead.role][0]}），不能同时做户主（第 ${rowsText(group)} 行）`,
        messageEn: `head ${headNo} is a member of ${standingHead.headNo}'s household (rows ${rowsText(group)})`,
      });
      continue;
    }
    if (headRow === null && standingHead === null) {
      refuseGroup('headNo', {
        message: `户主 ${headNo} 的家庭没有户主：请加一行客户号和户主客户号都为 ${headNo} 的户主行（第 ${rowsText(group)} 行）`,
        messageEn: `the household of ${headNo} has no head row (rows ${rowsText(group)})`,
      });
      continue;
    }
    // Each row: already so, already elsewhere, or new.
    const fresh: FileMembership[] = [];
    for (const row of group) {
      if (refusedRows.has(row.row)) continue;
      if (!state.known(row.customerNo)) continue; // refused by the import, naming the customer
      const standing = row === headRow ? standingHead : state.standing(row.customerNo);
      if (standing === null) fresh.push(row);
      else if (standing.headNo === headNo && standing.role === (row.relation ?? 'head')) plan.unchanged++;
      else {
        refuse(row, 'customerNo', {
          message: `第 ${row.row} 行：客户 ${row.customerNo} 已在户主 ${standing.headNo} 的家庭中（${ROLE_WORDS[standing.role][0]}）；一位客户只能属于一个家庭，请先在客户卡片上移出`,
          messageEn: `row ${row.row}: customer ${row.customerNo} is already in the household of ${standing.headNo}`,
        });
        refusedRows.add(row.row);
      }
    }
    const before = standingHead !== null ? state.size(standingHead.householdId) : 0;
    if (before + fresh.length > HOUSEHOLD_MAX_MEMBERS) {
      refuseGroup('headNo', {
        message: `户主 ${headNo} 的家庭将有 ${before + fresh.length} 人，最多 ${HOUSEHOLD_MAX_MEMBERS} 人（第 ${rowsText(group)} 行）`,
        messageEn: `the household of ${headNo} would have ${before + fresh.length} people; at most ${HOUSEHOLD_MAX_MEMBERS} (rows ${rowsText(group)})`,
      });
      continue;
    }
    if (group.some((row) => refusedRows.has(row.row))) continue;
    if (standingHead !== null)
      for (const row of fresh) plan.joining.push({ householdId: standingHead.householdId, row });
    else if (fresh.length > 0) plan.created.push({ headNo, rows: fresh });
  }
  return plan;
}
