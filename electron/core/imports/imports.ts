import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { formatDateTime } from '../../../shared/format';
import {
  ColumnMappingSchema,
  type ColumnMapping,
  type ImportBatch,
  type ImportKind,
  type ImportPreview,
  type ImportProblem,
  type ImportResult,
} from '../../../shared/schemas/imports';
import { appendAudit } from '../platform/audit-log';
import { EVERY_MONTH, markTiersStale } from '../platform/settings';
import { prepareCustomerInsert } from '../platform/bulk';
import {
  dropUndoData,
  existingCustomerIds,
  existingCustomers,
  existingStaffCodes,
  findActiveBatchBySha,
  listLayouts,
  hasUndoData,
  importStamp,
  insertBatch,
  latestActiveBatch,
  listBatches,
  markUndone,
  moveMonthToUndo,
  rememberCustomerBefore,
  rememberLayout,
  rememberStaffCreated,
  restoreBatch,
  rowsPerMonth,
  holdingsOf,
  moveHoldingsToUndo,
  prepareHoldingInsert,
  prepareCustomerUpdates,
  prepareImportedStaffInsert,
  updateBatchSummary,
  findTemplateFamilyId,
  createAssetStage,
  dropAssetStage,
  insertStagedAssets,
  stageAssets,
  answeredOn,
  managersOf,
  type ExistingCustomer,
  type ImportBatchRow,
} from './imports-repository';
import {
  duplicateFinder,
  type AssetRecord,
  type CustomerRecord,
  type HoldingRecord,
  type ImportRecord,
  type SurveyRecord,
} from './import-rows';
import { lowScores, type Answer } from '../surveys/survey-answers';
import { maskIdNumber } from '../trust/masking';
import type { ReadLimits } from './parse/read-workbook';
import { parseInWorker, type PackedSink } from './parse-in-worker';
import { packedField, packedRecord, packRecords, unpackRecords, type PackedRecords } from './packed-records';
import { parseSpreadsheet, type ParseRequest, type SurveyTemplateInfo } from './parse/parse-spreadsheet';
import { pause, throwIfCancelled, type JobControl } from '../platform/jobs';
import type { CoreContext } from '../platform/context';
import { followUpOwner, listTemplates, responseSetting, writeResponse, type ResponseSetting } from '../surveys/surveys';
import { recomputeTiers } from '../tiers/tier-recompute';
import { backupBefore } from '../trust/backups';

/** Problems shown in a preview; all of them go into the problems workbook. */
const PREVIEW_PROBLEMS = 500;
const PLACEHOLDER_STAFF_NAME = '（待补充）';

export interface ImportFile {
  name: string;
  bytes: Buffer;
}

export interface AnalyzeOptions {
  /** Overrides the kind guessed from the headers. */
  kind?: ImportKind;
  /** The sheet to read (default: the first with a recognisable table). */
  sheet?: string;
  /** The user's column mapping (default: the remembered one for this layout, else the guess). */
  mapping?: ColumnMapping[];
  /** Reader limits (tests shrink them). */
  limits?: ReadLimits;
  /** Parse in this thread instead of a worker (tests of the service logic). */
  inProcess?: boolean;
  /** Survey answers: the template they are of (default: the one whose questions name most columns). */
  templateId?: number;
}

/** A dry run: the preview shown to the user, and what a commit writes. */
export interface ImportAnalysis {
  preview: ImportPreview;
  /** Every problem (the preview has the first ones). */
  problems: ImportProblem[];
  kind: ImportKind;
  signature: string;
  /** The user chose the mapping: remember it for this layout when committing. */
  mappingChosen: boolean;
  /** The records to write (those the plan refused left out); a monthly report's are staged instead (`stage`). */
  records: ImportRecord[];
  /** How many records will be written. */
  recordCount: number;
  /** The plan made at preview: what the commit writes (refused there if the database has changed since). */
  plan: ImportPlan;
  /** A monthly report: the staged rows the commit moves (see `createAssetStage`); null once let go of. */
  stage(): string | null;
  /** Lets go of the staged rows (done after a commit, and when a preview is dropped). */
  release(): void;
}

type CustomerColumns = Omit<ExistingCustomer, 'id' | 'customer_no'>;

const NO_CUSTOMER_COLUMNS: CustomerColumns = {
  name: '',
  gender: null,
  id_number: null,
  birth_date: null,
  mobile: null,
  occupation: null,
  annual_income: null,
  risk_level: null,
  risk_assessed_date: null,
  opened_date: null,
  closed_date: null,
  manager_code: null,
  lunar_birthday: 0,
  id_expiry_date: null,
};

/** Only the columns the file gave a value for: an empty cell never erases what is stored. */
function givenColumns(columns: { [K in keyof CustomerColumns]?: CustomerColumns[K] | null }): Partial<CustomerColumns> {
  return Object.fromEntries(
    Object.entries(columns).filter(([, v]) => v !== null && v !== undefined),
  ) as Partial<CustomerColumns>;
}

/** A record as table columns: a customer master row, or what a monthly report says of a new customer. */
function customerColumns(record: CustomerRecord | AssetRecord): Partial<CustomerColumns> {
  if (!('idNumber' in record)) return givenColumns({ name: record.name, manager_code: record.managerCode });
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
    opened_date: record.openedDate,
    closed_date: record.closedDate,
    manager_code: record.managerCode,
    lunar_birthday: record.lunarBirthday === null ? null : Number(record.lunarBirthday),
    id_expiry_date: record.idExpiryDate,
  });
}

interface ImportPlan {
  /** Customers to create: number → first record naming them. */
  created: Map<string, CustomerRecord | AssetRecord>;
  /** Existing customers and the columns that change. */
  updated: Map<string, { existing: ExistingCustomer; changes: Partial<CustomerColumns> }>;
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
  /** Survey answers: their template, the responses with a low score, and those that get a follow-up. */
  template: SurveyTemplateInfo | null;
  lowScores: number;
  followUps: number;
}

/**
 * Compares records with the database as they arrive, a batch at a time: who is new, what changes, which
 * months are replaced. `finish` gives the plan once every record has been added.
 */
class ImportPlanner {
  readonly plan: ImportPlan;
  private readonly staff: Set<string>;

  private readonly duplicateOf = duplicateFinder();

  constructor(
    private readonly sqlite: Database,
    private readonly kind: ImportKind,
    private readonly where: { file: string; sheet: string; keyColumn: string; template: SurveyTemplateInfo | null },
    /** Survey answers: where low scores' follow-ups would go. */
    private readonly setting: ResponseSetting | null = null,
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
      template: where.template,
      lowScores: 0,
      followUps: 0,
    };
  }

  private problem(
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

  /** A manager not on the staff list: a placeholder will be created, said once, at the first row naming them. */
  private checkManager(record: Pick<ImportRecord, 'row'>, code: string | null, name: string | null): void {
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

  /**
   * A batch of a monthly report's records as the worker sent them (columns: no object a row), with the numbers
   * of its customers not yet known (found as the batch was staged): duplicates, months, new customers and staff.
   */
  addAssets(records: PackedRecords, unknown: ReadonlySet<string>): void {
    const { plan } = this;
    // Row, customer and month are in every record; the manager and name may be empty in all of them.
    const { row } = records.numbers;
    const { customerNo, month } = records.texts;
    const [managerCode, managerName, name] = (['managerCode', 'managerName', 'name'] as const).map((key) =>
      packedField<string>(records, key),
    );
    // One key object, refilled for each row (the duplicate finder keeps its values, not the object).
    const key = { row: 0, customerNo: '', month: '' };
    for (let i = 0; i < records.count; i++) {
      key.row = row[i];
      key.customerNo = customerNo[i] as string;
      key.month = month[i] as string;
      const duplicate = this.duplicateOf(key);
      if (duplicate) {
        plan.refused.add(key.row);
        this.problem(key, 'error', duplicate.message, duplicate.messageEn, key.customerNo, this.where.keyColumn);
        continue;
      }
      this.checkManager(key, managerCode(i), managerName(i));
      plan.months.set(key.month, (plan.months.get(key.month) ?? 0) + 1);
      if (unknown.has(key.customerNo) && !plan.created.has(key.customerNo)) {
        plan.created.set(key.customerNo, packedRecord<AssetRecord>(records, i));
        if (!name(i))
          this.problem(
            key,
            'warning',
            `新客户 ${key.customerNo} 没有姓名，暂以客户号作姓名；请导入客户信息补全`,
            `new customer ${key.customerNo} has no name; the number stands in until the customer master is imported`,
          );
      }
    }
  }

  /** A batch of records of any other kind. */
  add(records: readonly ImportRecord[]): void {
    const { sqlite, kind, plan } = this;
    // The master and assignments compare fields; holdings need the ids.
    const numbers = [...new Set(records.map((r) => r.customerNo))];
    const existing =
      kind === 'customers' || kind === 'assignments'
        ? existingCustomers(sqlite, numbers)
        : new Map<string, ExistingCustomer>();
    const ids =
      kind === 'holdings' || kind === 'surveys'
        ? existingCustomerIds(sqlite, numbers)
        : new Map([...existing].map(([no, c]) => [no, c.id]));
    for (const [no, id] of ids) plan.ids.set(no, id);
    const template = plan.template;
    const answered =
      kind === 'surveys' && template
        ? answeredOn(sqlite, findTemplateFamilyId(sqlite, template.id), [...ids.values()])
        : null;
    const managers = kind === 'surveys' ? managersOf(sqlite, [...ids.values()]) : null;

    for (const record of records) {
      const duplicate = this.duplicateOf(record);
      if (duplicate) {
        plan.refused.add(record.row);
        this.problem(record, 'error', duplicate.message, duplicate.messageEn, record.customerNo, this.where.keyColumn);
        continue;
      }
      this.checkManager(record, record.managerCode, record.managerName);
      if (kind === 'surveys') {
        const id = ids.get(record.customerNo);
        this.addSurvey(
          record as SurveyRecord,
          id === undefined ? undefined : { id, manager_code: managers?.get(id) ?? null },
          answered as Set<string>,
        );
        continue;
      }
      if (kind === 'holdings') {
        const id = ids.get(record.customerNo);
        if (id === undefined) {
          plan.refused.add(record.row);
          this.problem(
            record,
            'error',
            `客户号 ${record.customerNo} 不在客户名单中；请先导入客户信息`,
            `customer ${record.customerNo} is unknown; import the customer master first`,
            record.customerNo,
          );
        } else plan.holdingCustomers.add(id);
      } else {
        const known = existing.get(record.customerNo);
        const customer = record as CustomerRecord;
        if (!known && kind === 'assignments') {
          plan.refused.add(record.row);
          this.problem(
            record,
            'error',
            `客户号 ${customer.customerNo} 不在客户名单中；管户关系只调整已有客户，请先导入客户信息`,
            `customer ${customer.customerNo} is unknown; an assignment file only changes existing customers`,
            customer.customerNo,
          );
          continue;
        }
        if (!known) {
          plan.created.set(customer.customerNo, customer);
          continue;
        }
        if (known.id_number && customer.idNumber && known.id_number !== customer.idNumber) {
          plan.refused.add(record.row);
          this.problem(
            record,
            'error',
            `证件号码与库中不同（库中 ${maskIdNumber(known.id_number)}，文件中 ${maskIdNumber(customer.idNumber)}）；不会自动覆盖，请核实后单独处理`,
            'the ID number differs from the stored one; it is not overwritten — check it first',
            maskIdNumber(customer.idNumber),
          );
          continue;
        }
        // An assignment file changes the manager only, whatever else its rows say.
        const given =
          kind === 'assignments' ? givenColumns({ manager_code: customer.managerCode }) : customerColumns(customer);
        const changes = Object.fromEntries(
          Object.entries(given).filter(([column, value]) => known[column as keyof CustomerColumns] !== value),
        ) as Partial<CustomerColumns>;
        if (Object.keys(changes).length > 0) plan.updated.set(customer.customerNo, { existing: known, changes });
        else plan.unchanged++;
      }
    }
  }

  /**
   * A survey response: of a known customer, entered by known staff, not already recorded for that day; a low score
   * without anyone to follow it up is a warning.
   */
  private addSurvey(
    record: SurveyRecord,
    customer: { id: number; manager_code: string | null } | undefined,
    answered: Set<string>,
  ): void {
    const { plan } = this;
    if (customer === undefined) {
      plan.refused.add(record.row);
      this.problem(
        record,
        'error',
        `客户号 ${record.customerNo} 不在客户名单中；答卷只能记到已有客户名下`,
        `customer ${record.customerNo} is unknown`,
        record.customerNo,
        this.where.keyColumn,
      );
    } else if (record.staffCode && !this.staff.has(record.staffCode)) {
      plan.refused.add(record.row);
      this.problem(
        record,
        'error',
        `调查人工号 ${record.staffCode} 不在员工名单中`,
        `staff ${record.staffCode} is unknown`,
        record.staffCode,
      );
    } else if (answered.has(`${customer.id}|${record.surveyDate}`)) {
      plan.refused.add(record.row);
      this.problem(
        record,
        'error',
        `客户 ${record.customerNo} 在 ${record.surveyDate} 已有这份问卷的答卷，不会重复记录`,
        `customer ${record.customerNo} already answered this survey on ${record.surveyDate}`,
        record.customerNo,
        this.where.keyColumn,
      );
    } else if (
      plan.template &&
      this.setting &&
      lowScores(plan.template.questions, JSON.parse(record.answers) as Answer[]).length > 0
    ) {
      plan.lowScores += 1;
      const followUp = followUpOwner(this.setting, customer, record.staffCode);
      if (!('problem' in followUp)) plan.followUps += 1;
      else if (followUp.problem === 'noOwner')
        this.problem(
          record,
          'warning',
          `客户 ${record.customerNo} 评分偏低，但没有客户经理、这一行也没有调查人工号，不会建立回访行动`,
          'a low score without a manager or staff code: no follow-up',
        );
      else
        this.problem(
          record,
          'warning',
          `客户 ${record.customerNo} 评分偏低，但在 ${this.setting.latest ?? '最新月份'} 没有分层结果，不会建立回访行动`,
          'a low score for a customer without a tier in the latest month: no follow-up',
        );
    }
  }

  finish(): ImportPlan {
    const { sqlite, kind, plan } = this;
    if (kind === 'assets') plan.replaces = rowsPerMonth(sqlite, [...plan.months.keys()]);
    if (kind === 'holdings') plan.holdingsReplaced = holdingsOf(sqlite, [...plan.holdingCustomers]);
    return plan;
  }
}

/**
 * Reads a file (in a worker thread) and works out what importing it would change, writing nothing to the
 * branch database: the kind, the header and column mapping, every problem, and the customers and months
 * affected. The records are planned as the worker reads them, and a monthly report's rows are staged for
 * the commit (`ImportAnalysis.release` lets go of them).
 */
export async function analyzeImport(
  ctx: CoreContext,
  file: ImportFile,
  options: AnalyzeOptions = {},
  control?: JobControl,
): Promise<ImportAnalysis> {
  const { sqlite } = ctx.store;
  // Reading the file has no measure of its own; the rows then count up.
  control?.report('parse', 0, 0);
  const request: ParseRequest = {
    fileName: file.name,
    bytes: file.bytes,
    currentMonth: ctx.today().slice(0, 7),
    kind: options.kind,
    sheet: options.sheet,
    mapping: options.mapping,
    rememberedMappings: rememberedMappings(sqlite),
    limits: options.limits,
    today: ctx.today(),
    surveyTemplates: listTemplates(ctx).templates.map(({ id, name, questions }) => ({ id, name, questions })),
    templateId: options.templateId,
  };
  const kept: ImportRecord[] = [];
  let count = 0;
  let planner: ImportPlanner | null = null;
  let stage: string | null = null;
  const release = () => {
    if (stage !== null) dropAssetStage(sqlite, stage);
    stage = null;
  };
  const sink: PackedSink = {
    rows: control ? (done, total) => control.report('validate', done, total) : undefined,
    records: (records, table) => {
      planner ??= new ImportPlanner(
        sqlite,
        table.kind,
        { file: file.name, ...table },
        table.kind === 'surveys' ? responseSetting(ctx) : null,
      );
      count += records.count;
      // A monthly report's rows are staged as they come, each with its customer's id: those without one are new.
      // (A refused row is an error, and a preview with errors is never committed: its stage can hold it.)
      if (table.kind === 'assets') {
        planner.addAssets(records, stageAssets(sqlite, (stage ??= createAssetStage(sqlite)), records));
        return;
      }
      const batch = unpackRecords<ImportRecord>(records);
      planner.add(batch);
      const { refused } = planner.plan;
      for (const record of batch) if (!refused.has(record.row)) kept.push(record);
    },
  };
  try {
    const parsing = options.inProcess
      ? parseSpreadsheet(request, {
          rows: sink.rows,
          records: (batch, table) => sink.records(packRecords(batch), table),
        })
      : parseInWorker(request, sink, control?.signal);
    const sha256 = createHash('sha256').update(file.bytes).digest('hex'); // while the worker starts
    const parsed = await parsing;
    control?.report('validate', count, count);
    await pause(control?.signal);
    const plan = (
      planner ??
      new ImportPlanner(sqlite, parsed.kind, {
        file: file.name,
        sheet: parsed.sheet,
        keyColumn: '',
        template: parsed.template,
      })
    ).finish();
    const recordCount = count - plan.refused.size;
    const problems = [...parsed.problems, ...plan.problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const errors = problems.filter((p) => p.severity === 'error').length;
    const batch = findActiveBatchBySha(sqlite, sha256);
    const preview: ImportPreview = {
      fileName: file.name,
      sha256,
      format: parsed.format,
      encoding: parsed.encoding,
      sheet: parsed.sheet,
      sheets: parsed.sheets,
      headerRow: parsed.headerRow + 1,
      kind: parsed.kind,
      mapping: parsed.mapping,
      layoutRemembered: parsed.layoutRemembered,
      rows: parsed.rows,
      skipped: parsed.skipped,
      newCustomers: plan.created.size,
      updatedCustomers: plan.updated.size,
      unchangedCustomers: plan.unchanged,
      months: [...plan.months]
        .sort()
        .map(([month, rows]) => ({ month, rows, replacesRows: plan.replaces.get(month) ?? 0 })),
      newStaff: [...plan.newStaff.keys()],
      holdings:
        parsed.kind === 'holdings'
          ? { customers: plan.holdingCustomers.size, rows: recordCount, replacesRows: plan.holdingsReplaced }
          : null,
      surveys: parsed.template
        ? {
            templateId: parsed.template.id,
            templateName: parsed.template.name,
            questions: parsed.template.questions.map((q) => q.text),
            responses: recordCount,
            lowScores: plan.lowScores,
            followUps: plan.followUps,
          }
        : null,
      errors,
      warnings: problems.length - errors,
      problems: problems.slice(0, PREVIEW_PROBLEMS),
      alreadyImported: batch ? { batchId: batch.id, at: batch.created_at } : null,
      canCommit: errors === 0 && batch === null && recordCount > 0,
    };
    if (!preview.canCommit) release();
    return {
      preview,
      problems,
      kind: parsed.kind,
      signature: parsed.layout.signature,
      mappingChosen: options.mapping !== undefined,
      records: kept,
      recordCount,
      plan,
      stage: () => stage,
      release,
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Column mappings users chose before, by layout signature (readable ones only). */
function rememberedMappings(sqlite: Database): NonNullable<ParseRequest['rememberedMappings']> {
  const entries = listLayouts(sqlite).flatMap((row) => {
    try {
      const mapping = ColumnMappingSchema.array().safeParse(JSON.parse(row.mapping));
      return mapping.success ? [[row.signature, { kind: row.kind, mapping: mapping.data }] as const] : [];
    } catch {
      return [];
    }
  });
  return Object.fromEntries(entries);
}

export interface CommitOptions {
  /** The user confirmed that months already in the database are replaced. */
  replaceMonths: boolean;
  staffCode: string | null;
}

/**
 * Writes an analysed import in one transaction as a batch (with what undo needs), then recomputes the tiers.
 * Refuses when the analysis has errors, the file is already imported, or months would be replaced unconfirmed.
 */
export async function commitImport(
  ctx: CoreContext,
  analysis: ImportAnalysis,
  options: CommitOptions,
  control?: JobControl,
): Promise<ImportResult> {
  const { sqlite } = ctx.store;
  const { preview } = analysis;
  const already = findActiveBatchBySha(sqlite, preview.sha256);
  if (already)
    throw new AppError(
      'CONFLICT',
      `该文件已于 ${formatDateTime(already.created_at)} 导入（批次 ${already.id}），不会重复导入`,
      `this file was already imported (batch ${already.id})`,
      { batchId: already.id },
    );
  if (preview.errors > 0)
    throw new AppError(
      'IMPORT_REJECTED',
      `有 ${preview.errors} 处错误，请修正后重新导入；未写入任何数据`,
      `${preview.errors} errors; fix them and import again — nothing was written`,
    );
  // What the preview showed is what is written: a database changed since (another import, an undo) needs a new preview.
  const { plan } = analysis;
  if (plan.stamp !== importStamp(sqlite))
    throw new AppError(
      'CONFLICT',
      '数据库在预览后有变化（例如又导入或撤销了文件），请重新预览',
      'the database changed since the preview (another import or undo); preview again',
    );
  const stage = analysis.stage();
  if (analysis.kind === 'assets' && stage === null)
    throw new AppError('NOT_FOUND', '预览已过期，请重新预览', 'the preview has expired; preview again', {
      field: 'analysisId',
    });
  const replaced = [...plan.replaces.keys()].sort();
  if (replaced.length > 0 && !options.replaceMonths) {
    throw new AppError(
      'CONFLICT',
      `将替换 ${replaced.join('、')} 已有的数据，请确认替换后再导入`,
      `this replaces the data of ${replaced.join(', ')}; confirm to go on`,
      { months: replaced },
    );
  }
  control?.report('commit', 0, 0);
  throwIfCancelled(control?.signal);
  const surveySetting = analysis.kind === 'surveys' ? responseSetting(ctx) : null;

  const now = ctx.now();
  const months = [...plan.months.keys()].sort();
  const summary = {
    newCustomers: plan.created.size,
    updatedCustomers: plan.updated.size,
    months,
    assetRows: analysis.kind === 'assets' ? analysis.recordCount : 0,
    holdingRows: analysis.kind === 'holdings' ? analysis.recordCount : 0,
    surveyRows: analysis.kind === 'surveys' ? analysis.recordCount : 0,
    followUps: 0,
    newStaff: plan.newStaff.size,
  };
  const batchId = sqlite
    .transaction(() => {
      dropUndoData(sqlite);
      const id = insertBatch(sqlite, {
        file_name: preview.fileName,
        sha256: preview.sha256,
        kind: analysis.kind,
        summary: JSON.stringify(summary),
        created_at: now,
        created_by: options.staffCode,
      });
      const insertStaff = prepareImportedStaffInsert(sqlite);
      for (const [code, name] of plan.newStaff) {
        insertStaff(code, name ?? PLACEHOLDER_STAFF_NAME, now);
        rememberStaffCreated(sqlite, id, code);
      }
      const insertCustomer = prepareCustomerInsert(sqlite, now);
      const ids = new Map(plan.ids);
      for (const [customerNo, record] of plan.created) {
        const given = customerColumns(record);
        const customerId = insertCustomer({
          ...NO_CUSTOMER_COLUMNS,
          ...given,
          customer_no: customerNo,
          name: given.name ?? customerNo,
        } as Parameters<typeof insertCustomer>[0]);
        ids.set(customerNo, customerId);
        rememberCustomerBefore(sqlite, id, { id: customerId });
      }
      const updateCustomer = prepareCustomerUpdates(sqlite);
      for (const { existing, changes } of plan.updated.values()) {
        rememberCustomerBefore(sqlite, id, existing);
        updateCustomer(existing.id, changes, now);
      }
      if (analysis.kind === 'assets') {
        for (const month of months) moveMonthToUndo(sqlite, id, month);
        const written = insertStagedAssets(sqlite, stage as string);
        if (written !== analysis.recordCount)
          throw new AppError(
            'INTERNAL',
            `写入的月报行数（${written}）与预览（${analysis.recordCount}）不符，已全部撤回`,
            `rows written (${written}) differ from the preview (${analysis.recordCount}); nothing was written`,
          );
      }
      if (analysis.kind === 'holdings') {
        moveHoldingsToUndo(sqlite, id, [...plan.holdingCustomers]);
        const insertHolding = prepareHoldingInsert(sqlite);
        for (const h of analysis.records as HoldingRecord[]) insertHolding(ids.get(h.customerNo), h);
      }
      if (surveySetting && plan.template) {
        const template = plan.template;
        const managers = managersOf(sqlite, [...plan.ids.values()]);
        for (const r of analysis.records as SurveyRecord[]) {
          const customerId = ids.get(r.customerNo) as number;
          const customer = { id: customerId, manager_code: managers.get(customerId) ?? null };
          const entry = {
            template,
            customer,
            date: r.surveyDate,
            channel: r.channel,
            staffCode: r.staffCode,
            answers: JSON.parse(r.answers) as Answer[],
            batchId: id,
          };
          if (writeResponse(ctx, surveySetting, entry).followUpActionId !== null) summary.followUps += 1;
        }
        updateBatchSummary(sqlite, id, JSON.stringify(summary));
      }
      const tiersFrom = tiersChangeFrom(analysis.kind, months);
      if (tiersFrom) markTiersStale(sqlite, tiersFrom);
      if (analysis.mappingChosen)
        rememberLayout(sqlite, analysis.signature, analysis.kind, JSON.stringify(preview.mapping), now);
      appendAudit(sqlite, {
        at: now,
        actor: options.staffCode,
        action: 'imports.commit',
        target: preview.fileName,
        detail: { batchId: id, kind: analysis.kind, sha256: preview.sha256, ...summary },
      });
      return id;
    })
    .immediate();
  analysis.release();
  await recomputeAfter(ctx, analysis.kind, months, control);
  return { batchId, ...summary };
}

/**
 * The first month whose tiers an import of `kind` (or its undo) changes: the first month of a monthly report,
 * every month for the customer master (opening dates), none for assignments and holdings.
 */
function tiersChangeFrom(kind: ImportKind, months: string[]): string | null {
  if (kind === 'assets') return months[0] ?? null;
  return kind === 'customers' ? EVERY_MONTH : null;
}

/** Tiers after an import or its undo, from the first month it changes. */
async function recomputeAfter(
  ctx: CoreContext,
  kind: ImportKind,
  months: string[],
  control?: JobControl,
): Promise<void> {
  const fromMonth = tiersChangeFrom(kind, months);
  if (fromMonth === null) return;
  control?.report('read', 0, 0); // the data is written: the recompute's reading starts
  await recomputeTiers(ctx.store.sqlite, ctx.now(), {
    fromMonth,
    valuesFromSnapshots: kind === 'customers',
    onProgress: control?.report,
    signal: control?.signal,
  });
}

function toBatch(row: ImportBatchRow, undoable: number | null): ImportBatch {
  return {
    id: row.id,
    fileName: row.file_name,
    kind: row.kind,
    createdAt: row.created_at,
    createdBy: row.created_by,
    undoneAt: row.undone_at,
    summary: JSON.parse(row.summary) as ImportBatch['summary'],
    canUndo: row.id === undoable,
  };
}

/** The import history, newest first. */
export function listImports(ctx: CoreContext, limit = 100): { batches: ImportBatch[] } {
  const { sqlite } = ctx.store;
  const latest = latestActiveBatch(sqlite);
  const undoable = latest && hasUndoData(sqlite, latest.id) ? latest.id : null;
  return { batches: listBatches(sqlite, limit).map((row) => toBatch(row, undoable)) };
}

/** Undoes the latest batch still in force: the database as it was before it, then tiers recomputed. */
export async function undoLatestImport(
  ctx: CoreContext,
  staffCode: string | null,
  control?: JobControl,
): Promise<{ batchId: number }> {
  const { sqlite } = ctx.store;
  const latest = latestActiveBatch(sqlite);
  if (!latest || !hasUndoData(sqlite, latest.id))
    throw new AppError(
      'NOT_FOUND',
      '没有可撤销的导入（只能撤销最近一次导入）',
      'nothing to undo (only the latest import can be undone)',
    );
  const summary = JSON.parse(latest.summary) as ImportBatch['summary'];
  control?.report('commit', 0, 0);
  sqlite
    .transaction(() => {
      restoreBatch(sqlite, latest.id, summary.months);
      const tiersFrom = tiersChangeFrom(latest.kind, summary.months);
      if (tiersFrom) markTiersStale(sqlite, tiersFrom);
      markUndone(sqlite, latest.id, ctx.now(), staffCode);
      dropUndoData(sqlite);
      appendAudit(sqlite, {
        at: ctx.now(),
        actor: staffCode,
        action: 'imports.undo',
        target: latest.file_name,
        detail: { batchId: latest.id },
      });
    })
    .immediate();
  await recomputeAfter(ctx, latest.kind, summary.months, control);
  return { batchId: latest.id };
}

/** An analysis kept by `analyzeHeldFile`. */
const heldAnalysis = (ctx: CoreContext, id: string) => ctx.uploads.result<ImportAnalysis & { fileToken: string }>(id);

/** A held file analysed (a job): the preview, and an id to commit it by. */
export async function analyzeHeldFile(
  ctx: CoreContext,
  input: { fileToken: string; importKind?: ImportKind; sheet?: string; mapping?: ColumnMapping[]; templateId?: number },
  control?: JobControl,
): Promise<{ analysisId: string; preview: ImportPreview }> {
  const analysis = await analyzeImport(
    ctx,
    ctx.uploads.file(input.fileToken),
    { kind: input.importKind, sheet: input.sheet, mapping: input.mapping, templateId: input.templateId },
    control,
  );
  return { analysisId: ctx.uploads.keep({ ...analysis, fileToken: input.fileToken }), preview: analysis.preview };
}

/** Commits an analysis made by `analyzeHeldFile`, then lets go of the file. */
export async function commitAnalysis(
  ctx: CoreContext,
  input: { analysisId: string; replaceMonths: boolean; staffCode: string | null },
  control?: JobControl,
): Promise<ImportResult> {
  const analysis = heldAnalysis(ctx, input.analysisId);
  // The database as it was, whatever happens next (undo covers only the latest import).
  control?.report('backup', 0, 0);
  await backupBefore(ctx, 'import');
  const result = await commitImport(
    ctx,
    analysis,
    { replaceMonths: input.replaceMonths, staffCode: input.staffCode },
    control,
  );
  ctx.uploads.release(analysis.fileToken);
  return result;
}

/** Every problem of an analysis as an xlsx (the original file, sheet, row and column of each), base64 for IPC. */
export async function problemsWorkbook(
  ctx: CoreContext,
  analysisId: string,
): Promise<{ fileName: string; base64: string }> {
  const analysis = heldAnalysis(ctx, analysisId);
  const XLSX = await import('@e965/xlsx');
  const rows = [
    ['级别 / Level', '文件 / File', '工作表 / Sheet', '行 / Row', '列 / Column', '内容 / Value', '说明', 'Message'],
    ...analysis.problems.map((p) => [
      p.severity === 'error' ? '错误' : '警告',
      p.file,
      p.sheet,
      p.row,
      p.column,
      p.value,
      p.message,
      p.messageEn,
    ]),
  ];
  // Every cell is written as a value (text or number), never a formula, whatever it starts with.
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  sheet['!cols'] = [
    { wch: 8 },
    { wch: 24 },
    { wch: 14 },
    { wch: 8 },
    { wch: 22 },
    { wch: 24 },
    { wch: 60 },
    { wch: 60 },
  ];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '问题清单');
  const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  return {
    fileName: `${analysis.preview.fileName.replace(/\.[^.]+$/, '')}-问题清单.xlsx`,
    base64: bytes.toString('base64'),
  };
}
