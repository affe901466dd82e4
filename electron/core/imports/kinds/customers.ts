import type { Database } from 'better-sqlite3';
import {
  countRows,
  insertNamePartsAfter,
  lastCustomerId,
  prepareCustomerInsert,
  withIndexesRebuilt,
  type NewCustomerRecord,
} from '../../platform/bulk';
import { maskIdNumber } from '../../trust/masking';
import {
  prepareCustomerUpdates,
  prepareCustomerBefore,
  rememberCustomersCreated,
  type CustomerChanges,
  type ExistingCustomer,
} from '../imports-repository';
import type { CustomerRecord, ImportRecord } from '../import-rows';
import { recordImportedAssessments } from '../assessment-import-repository';
import { recordImportedManagerChanges, type ManagerMove } from '../manager-change-repository';
import type { CommitBatch, ImportKindSpec } from './kind';
import { planRecords, type ImportPlan, type ImportPlanner, type KindPlanning } from './planner';

type CustomerColumns = Omit<ExistingCustomer, 'id' | 'customer_no'>;

/** A customer's columns with nothing known (tests build records from it too). */
export const NO_CUSTOMER_COLUMNS: CustomerColumns = {
  name: '',
  gender: null,
  id_number: null,
  birth_date: null,
  mobile: null,
  occupation: null,
  annual_income: null,
  risk_level: null,
  risk_assessed_date: null,
  risk_assessed_channel: null,
  opened_date: null,
  closed_date: null,
  manager_code: null,
  lunar_birthday: 0,
  id_expiry_date: null,
};

/** Only the columns the file gave a value for: an empty cell never erases what is stored. */
export function givenColumns(columns: { [K in keyof CustomerColumns]?: CustomerColumns[K] | null }): CustomerChanges {
  return Object.fromEntries(
    Object.entries(columns).filter(([, v]) => v !== null && v !== undefined),
  ) as CustomerChanges;
}

/** A customer master record as table columns. */
function masterColumns(record: CustomerRecord): CustomerChanges {
  return givenColumns({
    name: record.name,
    gender: record.gender,
    id_number: record.idNumber,
    birth_date: record.birthDate,
    mobile: record.mobile,
    occupation: record.occupation,
    annual_income: record.annualIncomeFen,
    risk_level: record.riskLevel,
    risk_assessed_date: record.riskAssessedDate,
    risk_assessed_channel: record.riskAssessedChannel,
    opened_date: record.openedDate,
    closed_date: record.closedDate,
    manager_code: record.managerCode,
    lunar_birthday: record.lunarBirthday === null ? null : Number(record.lunarBirthday),
    id_expiry_date: record.idExpiryDate,
  });
}

/** How a file of customer records treats them (the customer master, and the book assignments). */
export interface CustomerPlanning {
  /** Refuses a customer the branch lacks (without it, such a customer is created). */
  refuseUnknown?(record: CustomerRecord): void;
  /** The columns a record of an existing customer (`known`) may change. */
  columns(record: CustomerRecord, known: ExistingCustomer): CustomerChanges;
}

/**
 * Customer records compared with the stored customers: the unknown created (or refused, as `how` says), an ID
 * number differing from the stored one refused (never overwritten), the changed columns of the others noted.
 */
export function planCustomers(planner: ImportPlanner, how: CustomerPlanning): KindPlanning {
  const { plan } = planner;
  return planRecords<CustomerRecord, Map<string, ExistingCustomer>>(planner, {
    lookUp: (customerNos) => planner.existingCustomers(customerNos),
    plan: (record, existing) => {
      const known = existing.get(record.customerNo);
      if (!known) {
        if (how.refuseUnknown) how.refuseUnknown(record);
        else plan.created.set(record.customerNo, record);
        return;
      }
      if (known.id_number && record.idNumber && known.id_number !== record.idNumber) {
        planner.refuse(
          record,
          `证件号码与库中不同（库中 ${maskIdNumber(known.id_number)}，文件中 ${maskIdNumber(record.idNumber)}）；不会自动覆盖，请核实后单独处理`,
          'the ID number differs from the stored one; it is not overwritten — check it first',
          maskIdNumber(record.idNumber),
        );
        return;
      }
      const changes = Object.fromEntries(
        Object.entries(how.columns(record, known)).filter(
          ([column, value]) => known[column as keyof CustomerColumns] !== value,
        ),
      ) as CustomerChanges;
      if (Object.keys(changes).length > 0) plan.updated.set(record.customerNo, { existing: known, changes });
      else plan.unchanged++;
    },
  });
}

/** From how many new customers, at least as many as the branch has, the indexes are built after the rows. */
export const BULK_CUSTOMERS = 5_000;

/**
 * Creates the customers the plan found new, their row from `columnsOf`: then, in one statement each, their name parts
 * and their undo data (each a customer to remove).
 */
export function createCustomers<R extends ImportRecord>(
  sqlite: Database,
  batch: CommitBatch,
  created: ReadonlyMap<string, R>,
  columnsOf: (record: R) => CustomerChanges,
): void {
  const lastId = lastCustomerId(sqlite);
  const insertAll = () => {
    const insertCustomer = prepareCustomerInsert(sqlite, batch.now, { nameParts: false });
    for (const [customerNo, record] of created) {
      const given = columnsOf(record);
      insertCustomer({
        ...NO_CUSTOMER_COLUMNS,
        ...given,
        customer_no: customerNo,
        name: given.name ?? customerNo,
      } as NewCustomerRecord);
    }
    insertNamePartsAfter(sqlite, lastId);
    rememberCustomersCreated(sqlite, batch.id, lastId);
  };
  // A branch's first master (go-live) or one that doubles it: the indexes sorted once after the rows.
  if (created.size >= BULK_CUSTOMERS && created.size >= countRows(sqlite, 'customers'))
    withIndexesRebuilt(sqlite, 'customers', () => withIndexesRebuilt(sqlite, 'customer_name_parts', insertAll));
  else insertAll();
}

/**
 * Writes the columns the plan found changed, each customer's stored row kept for undo; a customer given another
 * manager has the move kept in the book history.
 */
export function updateCustomers(sqlite: Database, batch: CommitBatch, plan: ImportPlan): void {
  const updateCustomer = prepareCustomerUpdates(sqlite);
  const rememberBefore = prepareCustomerBefore(sqlite, batch.id);
  const moves: ManagerMove[] = [];
  for (const { existing, changes } of plan.updated.values()) {
    rememberBefore(existing);
    updateCustomer(existing.id, changes, batch.now);
    if (changes.manager_code !== undefined && changes.manager_code !== existing.manager_code)
      moves.push([existing.id, existing.manager_code, changes.manager_code]);
  }
  recordImportedManagerChanges(sqlite, batch, moves);
}

const ASSESSMENT_COLUMNS = ['risk_level', 'risk_assessed_date', 'risk_assessed_channel'] as const;

/**
 * The customers whose assessment (level, date or channel) the plan writes: those it updates, and those it creates
 * with one (docs/domain.md, "Suitability"). Their assessment record gets a row each.
 */
export function assessedByPlan(plan: ImportPlan): string[] {
  const changed = [...plan.updated].filter(([, u]) => ASSESSMENT_COLUMNS.some((c) => c in u.changes));
  const created = [...(plan.created as Map<string, CustomerRecord>)].filter(
    ([, r]) => r.riskLevel !== null || r.riskAssessedDate !== null || r.riskAssessedChannel !== null,
  );
  return [...changed, ...created].map(([customerNo]) => customerNo);
}

/**
 * The customer master: new customers created, the columns a file gives written over the stored ones (an empty
 * cell erases nothing), a changed assessment recorded. Opening dates count in every month's tiers; the assets do
 * not change.
 */
export const customers: ImportKindSpec = {
  plan: (_ctx, planner) => planCustomers(planner, { columns: masterColumns }),
  commit:
    ({ store: { sqlite } }, { plan }) =>
    (batch) => {
      createCustomers(sqlite, batch, plan.created as Map<string, CustomerRecord>, masterColumns);
      updateCustomers(sqlite, batch, plan);
      recordImportedAssessments(sqlite, batch, assessedByPlan(plan));
    },
  summaryRows: null,
  tiers: { from: 'everyMonth', valuesFromSnapshots: true },
};
