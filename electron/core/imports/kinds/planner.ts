import type { Database } from 'better-sqlite3';
import type { ColumnMapping, ImportProblem } from '../../../../shared/schemas/imports';
import {
  existingCustomerIds,
  existingCustomers,
  existingStaffCodes,
  importStamp,
  type CustomerChanges,
  type ExistingCustomer,
} from '../imports-repository';
import {
  columnLabel,
  duplicateFinder,
  type CustomerKeyedRecord,
  type ImportRecord,
  type RecordKey,
} from '../import-rows';
import { unpackRecords, type PackedRecords } from '../packed-records';
import type { SurveyTemplateInfo } from '../parse/parse-spreadsheet';
import { PLACEHOLDER_STAFF_NAME } from '../../../../shared/staff-name';

/** What a commit writes, as the preview planned it (the commit refuses it if the database has changed since). */
export interface ImportPlan {
  /** Customers to create: number → first record naming them. */
  created: Map<string, ImportRecord>;
  /** Existing customers and the columns that change. */
  updated: Map<string, { existing: ExistingCustomer; changes: CustomerChanges }>;
  unchanged: number;
  /** Ids of the existing customers the file names (a monthly report writes by number: it needs none). */
  ids: Map<string, number>;
  /** The database state the plan was made against (`importStamp`). */
  stamp: string;
  /** Asset rows per month, and the rows each month already has. */
  months: Map<string, number>;
  replaces: Map<string, number>;
  /** Manager codes not yet known → the name the file gives. */
  newStaff: Map<string, string | null>;
  problems: ImportProblem[];
  /** Records refused by the plan (ID conflicts, unknown customers): not written. */
  refused: Set<number>;
  /** Holdings files: the customers whose holdings are replaced, and the rows they have now. */
  holdingCustomers: Set<number>;
  holdingsReplaced: number;
  /** Product catalogues: products added, changed and the same as stored. */
  products: { added: number; changed: number; same: number };
  /** Survey answers: their template, the responses with a low score, and those that get a follow-up. */
  template: SurveyTemplateInfo | null;
  lowScores: number;
  followUps: number;
}

/** Where the records come from, as problems name it. */
export interface PlanWhere {
  file: string;
  sheet: string;
  /** The customer-number column (`B 客户号`). */
  keyColumn: string;
  template: SurveyTemplateInfo | null;
  /** How the file's columns were mapped (to name a field's column). */
  mapping?: ColumnMapping[];
}

/** A kind's planning of a file (see `ImportKindSpec.plan`). */
export interface KindPlanning {
  /** Plans a batch of records as the worker sent them (columns). */
  add(records: PackedRecords): void;
  /** Once every record has been added: what the plan replaces of what is stored. */
  finish?(): void;
}

/**
 * Compares records with the database as they arrive, a batch at a time: who is new, what changes, which months
 * are replaced. It keeps what every kind shares (problems, refused records, duplicates, unknown managers); the
 * kind's planning, begun at the first batch, does the rest. `finish` gives the plan once every record has been added.
 */
export class ImportPlanner {
  readonly plan: ImportPlan;
  /** The records to write (those the plan refused left out); a monthly report's are staged as read instead. */
  readonly records: ImportRecord[] = [];
  /** Records received. */
  count = 0;
  readonly duplicateOf = duplicateFinder();
  readonly staff: Set<string>;
  private planning: KindPlanning | null = null;

  constructor(
    readonly sqlite: Database,
    readonly where: PlanWhere,
    private readonly startPlanning: (planner: ImportPlanner) => KindPlanning,
  ) {
    this.staff = existingStaffCodes(sqlite);
    this.plan = {
      created: new Map(),
      updated: new Map(),
      unchanged: 0,
      ids: new Map(),
      stamp: importStamp(sqlite),
      months: new Map(),
      replaces: new Map(),
      newStaff: new Map(),
      problems: [],
      refused: new Set(),
      holdingCustomers: new Set(),
      holdingsReplaced: 0,
      products: { added: 0, changed: 0, same: 0 },
      template: where.template,
      lowScores: 0,
      followUps: 0,
    };
  }

  add(records: PackedRecords): void {
    this.count += records.count;
    (this.planning ??= this.startPlanning(this)).add(records);
  }

  finish(): ImportPlan {
    this.planning?.finish?.();
    return this.plan;
  }

  problem(
    record: Pick<ImportRecord, 'row'>,
    severity: 'error' | 'warning',
    message: string,
    messageEn: string,
    value: string | null = null,
    column: string | null = null,
  ): void {
    this.plan.problems.push({
      severity,
      file: this.where.file,
      sheet: this.where.sheet,
      row: record.row,
      column,
      value,
      message,
      messageEn,
    });
  }

  /** A record not written: an error. */
  refuse(
    record: Pick<ImportRecord, 'row'>,
    message: string,
    messageEn: string,
    value: string | null,
    column: string | null = null,
  ): void {
    this.plan.refused.add(record.row);
    this.problem(record, 'error', message, messageEn, value, column);
  }

  /** A record repeating an earlier one of the file (what `duplicateOf` found of it). */
  refuseDuplicate(record: RecordKey, duplicate: { message: string; messageEn: string }): void {
    this.refuse(record, duplicate.message, duplicate.messageEn, record.customerNo, this.where.keyColumn);
  }

  /** A manager not on the staff list: a placeholder will be created, said once, at the first row naming them. */
  checkManager(record: Pick<ImportRecord, 'row'>, code: string | null, name: string | null): void {
    const { plan } = this;
    if (!code || this.staff.has(code) || plan.newStaff.has(code)) return;
    plan.newStaff.set(code, name);
    this.problem(
      record,
      'warning',
      `客户经理工号 ${code} 不在员工名单中，将新建占位员工“${name ?? PLACEHOLDER_STAFF_NAME}”，请之后补全`,
      `unknown manager ${code}: a placeholder staff member will be created`,
      code,
    );
  }

  /** A field's column as problems name it (`D 评估日期`), null when the file has none. */
  columnOf(field: string): string | null {
    const mapped = this.where.mapping?.find((m) => m.field === field);
    return mapped ? columnLabel(mapped) : null;
  }

  /** The stored rows of the customers numbered (those the branch has), their ids kept in the plan. */
  existingCustomers(customerNos: string[]): Map<string, ExistingCustomer> {
    const existing = existingCustomers(this.sqlite, customerNos);
    for (const [no, customer] of existing) this.plan.ids.set(no, customer.id);
    return existing;
  }

  /** Only the ids of the customers numbered (those the branch has), kept in the plan. */
  customerIds(customerNos: string[]): Map<string, number> {
    const ids = existingCustomerIds(this.sqlite, customerNos);
    for (const [no, id] of ids) this.plan.ids.set(no, id);
    return ids;
  }
}

/** How a kind plans its records one by one (all but the monthly report, planned from the columns as they come). */
export interface RecordPlanning<R extends CustomerKeyedRecord, Known> {
  /** What planning the batch needs to know of its customers (a few queries a batch, not one a record). */
  lookUp(customerNos: string[]): Known;
  /** Plans a record that repeats none before it, its manager checked: refuses it, or notes what it changes. */
  plan(record: R, known: Known): void;
  finish?(): void;
}

/** A kind's planning of whole records: each batch unpacked, duplicates refused, managers checked, then `kind.plan`. */
export function planRecords<R extends CustomerKeyedRecord, Known>(
  planner: ImportPlanner,
  kind: RecordPlanning<R, Known>,
): KindPlanning {
  return {
    add(packed) {
      const records = unpackRecords<R>(packed);
      const known = kind.lookUp([...new Set(records.map((r) => r.customerNo))]);
      for (const record of records) {
        const duplicate = planner.duplicateOf(record);
        if (duplicate) {
          planner.refuseDuplicate(record, duplicate);
          continue;
        }
        planner.checkManager(record, record.managerCode, record.managerName);
        kind.plan(record, known);
      }
      const { refused } = planner.plan;
      for (const record of records) if (!refused.has(record.row)) planner.records.push(record);
    },
    finish: () => kind.finish?.(),
  };
}
