import { columnLetter, questionOf, type ImportField, type ImportKind } from '../../../shared/import-fields';
import type { Question } from '../../../shared/schemas/surveys';
import type { HouseholdRole } from '../../../shared/schemas/households';
import type { ColumnMapping, ImportProblem } from '../../../shared/schemas/imports';
import {
  cellText,
  isBlank,
  isBlankText,
  parseCustomerNo,
  parseDate,
  parseIdNumber,
  parseMobile,
  parseMoney,
  parseMonth,
  parseText,
  type Cell,
  type MoneyUnit,
  type Parsed,
} from './import-cells';
import { isTotalRow, KEY_FIELDS, REQUIRED_FIELDS } from './import-layout';
import { maskIdNumber, maskMobile } from '../trust/masking';
import { birthDateOfResidentId } from '../customers/resident-id';
import { parseAnswerCell } from '../surveys/survey-answers';
import {
  futureAssessmentProblem,
  parseAssessmentChannel,
  parseCustomerRisk,
  parseProductRisk,
} from '../suitability/suitability-rules';

export interface CustomerRecord {
  row: number;
  customerNo: string;
  name: string | null;
  gender: 'M' | 'F' | null;
  idNumber: string | null;
  birthDate: string | null;
  mobile: string | null;
  occupation: string | null;
  annualIncomeFen: number | null;
  riskLevel: string | null;
  riskAssessedDate: string | null;
  /** Where the assessment was made, as `parseAssessmentChannel` reads it. */
  riskAssessedChannel: string | null;
  openedDate: string | null;
  closedDate: string | null;
  managerCode: string | null;
  managerName: string | null;
  /** Keeps the lunar birthday (null: the file does not say). */
  lunarBirthday: boolean | null;
  idExpiryDate: string | null;
}

export interface AssetRecord {
  row: number;
  customerNo: string;
  name: string | null;
  managerCode: string | null;
  managerName: string | null;
  month: string;
  aumFen: number;
  depositFen: number | null;
  demandFen: number | null;
  wealthFen: number | null;
  fundFen: number | null;
  insuranceFen: number | null;
  otherFen: number | null;
  loanFen: number | null;
  monthEndFen: number | null;
}

export interface HoldingRecord {
  row: number;
  customerNo: string;
  name: string | null;
  managerCode: null;
  managerName: null;
  /** The product code, or the name when the file has none. */
  productKey: string;
  productCode: string | null;
  productName: string;
  productType: string | null;
  amountFen: number | null;
  startDate: string | null;
  maturityDate: string | null;
}

/** A product of the catalogue (keyed by its code, not a customer). */
export interface ProductRecord {
  row: number;
  productCode: string;
  productName: string;
  productType: string | null;
  productRisk: string;
  term: string | null;
  currency: string | null;
  issuer: string | null;
  saleStart: string | null;
  saleEnd: string | null;
  minAmountFen: number | null;
}

export interface SurveyRecord {
  row: number;
  customerNo: string;
  name: string | null;
  managerCode: null;
  managerName: null;
  surveyDate: string;
  channel: SurveyChannel;
  staffCode: string | null;
  /** The answers in the template's order (JSON: flat records cross to the main thread as columns). */
  answers: string;
}

type SurveyChannel = 'visit' | 'phone' | 'sms' | 'branch';

/** A benefit use of head office's usage file (docs/domain.md, "Benefits"). */
export interface BenefitUseRecord {
  row: number;
  customerNo: string;
  name: string | null;
  managerCode: null;
  managerName: null;
  /** The benefit's code or its name, as the file writes it. */
  benefit: string;
  usedDate: string;
  count: number;
  note: string;
}

/** A membership of head office's household file (docs/domain.md, "Households"). */
export interface HouseholdRecord {
  row: number;
  customerNo: string;
  name: string | null;
  managerCode: null;
  managerName: null;
  /** The head's customer number: the customer's own on the head's row. */
  headNo: string;
  /** The role as the file writes it, read (null: blank, the head's row). */
  relation: HouseholdRole | null;
  /** When the customer joined (null: the day of the import). */
  joinedDate: string | null;
}

export interface RowContext {
  file: string;
  sheet: string;
  date1904: boolean;
  /** Months after this are in the future (the month of today). */
  currentMonth: string;
  /** For files without a month column: the month in their title. */
  titleMonth: string | null;
  /** A survey file's template questions. */
  questions?: readonly Question[];
  /** Later dates are in the future (a survey file's dates). */
  today?: string;
}

export interface RowsResult<R> {
  records: R[];
  problems: ImportProblem[];
  skipped: number;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

function parseGender(cell: Cell): Parsed<'M' | 'F' | null> {
  const text = cellText(cell).toLowerCase();
  if (text === '') return ok(null);
  if (['男', 'm', 'male', '1'].includes(text)) return ok('M');
  if (['女', 'f', 'female', '2'].includes(text)) return ok('F');
  return { ok: false, message: '性别应为 男 或 女', messageEn: 'gender is 男 or 女' };
}

/** 农历生日: 是/否, or which calendar (农历/阴历 or 公历/阳历). */
function parseLunarBirthday(cell: Cell): Parsed<boolean | null> {
  const text = cellText(cell).toLowerCase();
  if (text === '') return ok(null);
  if (['是', '农历', '阴历', 'y', 'yes', '1', 'true'].includes(text)) return ok(true);
  if (['否', '公历', '阳历', '新历', 'n', 'no', '0', 'false'].includes(text)) return ok(false);
  return {
    ok: false,
    message: '农历生日应为 是/否（或 农历/公历）',
    messageEn: 'lunar birthday is 是 or 否 (农历 or 公历)',
  };
}

/** 证件到期日: a date, or 长期 (a document that does not expire). */
function parseIdExpiry(cell: Cell, date1904: boolean): Parsed<string | null> {
  return /^长期(有效)?$/.test(cellText(cell)) ? ok(null) : parseDate(cell, date1904);
}

/** A customer's risk level (C1–C5) as branches write it (docs/domain.md, "Suitability"). */
function parseRiskLevel(cell: Cell): Parsed<string | null> {
  const text = cellText(cell);
  return text === '' ? ok(null) : parseCustomerRisk(text);
}

function parseStaffCode(cell: Cell): Parsed<string | null> {
  const text = cellText(cell);
  if (text === '') return ok(null);
  return /^[A-Za-z0-9_-]{1,32}$/.test(text)
    ? ok(text)
    : {
        ok: false,
        message: '工号只能包含字母、数字、- 和 _',
        messageEn: 'a staff code has letters, digits, - and _ only',
      };
}

const CHANNEL_WORDS: Record<string, SurveyChannel> = {
  面访: 'visit',
  面谈: 'visit',
  上门: 'visit',
  拜访: 'visit',
  visit: 'visit',
  电话: 'phone',
  电访: 'phone',
  phone: 'phone',
  短信: 'sms',
  微信: 'sms',
  sms: 'sms',
  网点: 'branch',
  柜面: 'branch',
  厅堂: 'branch',
  现场: 'branch',
  branch: 'branch',
};

function parseChannel(cell: Cell): Parsed<SurveyChannel | null> {
  const text = cellText(cell).toLowerCase();
  if (text === '') return ok(null);
  const channel = CHANNEL_WORDS[text];
  return channel
    ? ok(channel)
    : { ok: false, message: '渠道应为 面访、电话、短信 或 网点', messageEn: 'the channel is 面访, 电话, 短信 or 网点' };
}

/** A count of uses: a whole number (blank: one); whether it is at least 1 is the record's check. */
function parseUseCount(cell: Cell): Parsed<number | null> {
  const text = cellText(cell).trim();
  if (text === '') return ok(null);
  return /^[+-]?\d{1,6}$/.test(text)
    ? ok(Number(text))
    : { ok: false, message: '次数应为整数', messageEn: 'the count must be a whole number' };
}

const RELATION_WORDS: Record<string, HouseholdRole> = {
  户主: 'head',
  本人: 'head',
  head: 'head',
  配偶: 'spouse',
  夫: 'spouse',
  妻: 'spouse',
  丈夫: 'spouse',
  妻子: 'spouse',
  spouse: 'spouse',
  父母: 'parent',
  父亲: 'parent',
  母亲: 'parent',
  parent: 'parent',
  子女: 'child',
  儿子: 'child',
  女儿: 'child',
  child: 'child',
  其他: 'other',
  other: 'other',
};

/** A member's relation to the head: 户主, 配偶, 父母, 子女 or 其他 (and their usual words). */
function parseRelation(cell: Cell): Parsed<HouseholdRole | null> {
  const text = cellText(cell).trim().toLowerCase();
  if (text === '') return ok(null);
  const role = RELATION_WORDS[text];
  return role
    ? ok(role)
    : {
        ok: false,
        message: '关系应为 户主、配偶、父母、子女 或 其他',
        messageEn: 'the relation is 户主, 配偶, 父母, 子女 or 其他',
      };
}

type FieldParser = (cell: Cell, unit: MoneyUnit, context: RowContext) => Parsed<unknown>;

const PARSERS: Record<ImportField, FieldParser> = {
  customerNo: (cell) => parseCustomerNo(cell),
  name: (cell) => parseText(cell, 50),
  gender: (cell) => parseGender(cell),
  idNumber: (cell) => parseIdNumber(cell),
  birthDate: (cell, _unit, c) => parseDate(cell, c.date1904),
  mobile: (cell) => parseMobile(cell),
  occupation: (cell) => parseText(cell, 50),
  annualIncome: (cell, unit) => parseMoney(cell, unit),
  riskLevel: (cell) => parseRiskLevel(cell),
  riskAssessedDate: (cell, _unit, c) => parseDate(cell, c.date1904),
  riskAssessedChannel: (cell) => (cellText(cell) === '' ? ok(null) : parseAssessmentChannel(cellText(cell))),
  lunarBirthday: (cell) => parseLunarBirthday(cell),
  idExpiryDate: (cell, _unit, c) => parseIdExpiry(cell, c.date1904),
  openedDate: (cell, _unit, c) => parseDate(cell, c.date1904),
  closedDate: (cell, _unit, c) => parseDate(cell, c.date1904),
  managerCode: (cell) => parseStaffCode(cell),
  managerName: (cell) => parseText(cell, 20),
  month: (cell, _unit, c) => parseMonth(cell, c.date1904),
  aum: (cell, unit) => parseMoney(cell, unit),
  deposit: (cell, unit) => parseMoney(cell, unit),
  demand: (cell, unit) => parseMoney(cell, unit),
  wealth: (cell, unit) => parseMoney(cell, unit),
  fund: (cell, unit) => parseMoney(cell, unit),
  insurance: (cell, unit) => parseMoney(cell, unit),
  other: (cell, unit) => parseMoney(cell, unit),
  loan: (cell, unit) => parseMoney(cell, unit),
  monthEnd: (cell, unit) => parseMoney(cell, unit),
  productCode: (cell) => parseText(cell, 40),
  productName: (cell) => parseText(cell, 100),
  productType: (cell) => parseText(cell, 20),
  amount: (cell, unit) => parseMoney(cell, unit),
  startDate: (cell, _unit, c) => parseDate(cell, c.date1904),
  maturityDate: (cell, _unit, c) => parseDate(cell, c.date1904),
  productRisk: (cell) => (cellText(cell) === '' ? ok(null) : parseProductRisk(cellText(cell))),
  term: (cell) => parseText(cell, 20),
  currency: (cell) => parseText(cell, 10),
  issuer: (cell) => parseText(cell, 60),
  saleStart: (cell, _unit, c) => parseDate(cell, c.date1904),
  saleEnd: (cell, _unit, c) => parseDate(cell, c.date1904),
  minAmount: (cell, unit) => parseMoney(cell, unit),
  surveyDate: (cell, _unit, c) => parseDate(cell, c.date1904),
  channel: (cell) => parseChannel(cell),
  staffCode: (cell) => parseStaffCode(cell),
  benefit: (cell) => parseText(cell, 40),
  usedDate: (cell, _unit, c) => parseDate(cell, c.date1904),
  useCount: (cell) => parseUseCount(cell),
  note: (cell) => parseText(cell, 200),
  headNo: (cell) => parseCustomerNo(cell),
  relation: (cell) => parseRelation(cell),
  joinedDate: (cell, _unit, c) => parseDate(cell, c.date1904),
};

const FIELD_NAMES: Record<ImportField, [string, string]> = {
  customerNo: ['客户号', 'customer number'],
  name: ['客户名称', 'name'],
  gender: ['性别', 'gender'],
  idNumber: ['证件号码', 'ID number'],
  birthDate: ['出生日期', 'birth date'],
  mobile: ['手机号', 'mobile'],
  occupation: ['职业', 'occupation'],
  annualIncome: ['年收入', 'annual income'],
  riskLevel: ['风险等级', 'risk level'],
  riskAssessedDate: ['风险评估日期', 'risk assessment date'],
  riskAssessedChannel: ['评估渠道', 'assessment channel'],
  lunarBirthday: ['农历生日', 'lunar birthday'],
  idExpiryDate: ['证件到期日', 'ID expiry'],
  openedDate: ['开户日期', 'opened'],
  closedDate: ['销户日期', 'closed'],
  managerCode: ['客户经理工号', 'manager code'],
  managerName: ['客户经理', 'manager'],
  month: ['月份', 'month'],
  aum: ['月日均', 'monthly average'],
  deposit: ['储蓄存款', 'deposits'],
  demand: ['活期存款', 'demand deposits'],
  wealth: ['理财', 'wealth products'],
  fund: ['基金', 'funds'],
  insurance: ['保险', 'insurance'],
  other: ['其他', 'other'],
  loan: ['贷款', 'loans'],
  monthEnd: ['月末余额', 'month-end balance'],
  productCode: ['产品代码', 'product code'],
  productName: ['产品名称', 'product name'],
  productType: ['产品类型', 'product type'],
  amount: ['持有金额', 'amount held'],
  startDate: ['起息日', 'start date'],
  maturityDate: ['到期日', 'maturity date'],
  productRisk: ['产品风险等级', 'product risk level'],
  term: ['期限', 'term'],
  currency: ['币种', 'currency'],
  issuer: ['发行机构', 'issuer'],
  saleStart: ['销售起始日', 'sale start'],
  saleEnd: ['销售截止日', 'sale end'],
  minAmount: ['起购金额', 'minimum amount'],
  surveyDate: ['调查日期', 'survey date'],
  channel: ['渠道', 'channel'],
  staffCode: ['调查人工号', 'surveyed by'],
  benefit: ['权益名称或代码', 'benefit'],
  usedDate: ['使用日期', 'date of use'],
  useCount: ['次数', 'count'],
  note: ['备注', 'note'],
  headNo: ['户主客户号', 'head customer number'],
  relation: ['关系', 'relation'],
  joinedDate: ['加入日期', 'joined'],
};

/** A field as problems name it (a survey's answer column as its question). */
function fieldName(field: string): [string, string] {
  const question = questionOf(field);
  return question === null ? FIELD_NAMES[field as ImportField] : [`第 ${question + 1} 题`, `question ${question + 1}`];
}

/** A column as problems name it: its letter and its header (`B 客户号`). */
export function columnLabel(m: ColumnMapping): string {
  return `${columnLetter(m.column)} ${m.header}`;
}

/** A cell's text as a problem shows it: personal data masked (problem lists are exported and shown). */
function shownValue(field: ImportField | null, text: string): string | null {
  if (text === '') return null;
  if (field === 'idNumber') return maskIdNumber(text);
  if (field === 'mobile') return maskMobile(text);
  return text.slice(0, 100);
}

/** Fields whose few distinct values repeat down a column: each distinct text is parsed once. */
const MEMO_FIELDS: ReadonlySet<ImportField> = new Set<ImportField>([
  'month',
  'gender',
  'riskLevel',
  'managerCode',
  'managerName',
  'occupation',
  'productType',
  'productCode',
  'productName',
  'productRisk',
  'currency',
  'issuer',
  'term',
  'saleStart',
  'saleEnd',
  'birthDate',
  'openedDate',
  'closedDate',
  'riskAssessedDate',
  'riskAssessedChannel',
  'lunarBirthday',
  'idExpiryDate',
  'startDate',
  'maturityDate',
  'surveyDate',
  'channel',
  'staffCode',
  'benefit',
  'usedDate',
  'relation',
  'joinedDate',
]);
const MEMO_LIMIT = 10_000;

/** Problems of the whole file: required fields the mapping lacks. */
export function missingFieldProblems(kind: ImportKind, mapping: ColumnMapping[], context: RowContext): ImportProblem[] {
  const mapped = new Set(mapping.map((m) => m.field));
  const missing = REQUIRED_FIELDS[kind].filter((f) => !mapped.has(f));
  if (kind === 'assets' && !mapped.has('month') && context.titleMonth === null) missing.push('month');
  return missing.map((field) => ({
    severity: 'error',
    file: context.file,
    sheet: context.sheet,
    row: null,
    column: null,
    value: null,
    message: `缺少必需的列“${FIELD_NAMES[field][0]}”${field === 'month' ? '（表头上方的标题中也没有“YYYY年M月”）' : ''}；请在列对应中指定`,
    messageEn: `the required column "${FIELD_NAMES[field][1]}" is missing; map it`,
  }));
}

/**
 * A survey file's problems as a whole: no answer column (an error: nothing to record), no channel column (a
 * warning: every response is taken as by phone, as are rows with the channel blank).
 */
function surveyFileProblems(kind: ImportKind, mapping: ColumnMapping[], context: RowContext): ImportProblem[] {
  if (kind !== 'surveys') return [];
  const where = { file: context.file, sheet: context.sheet, row: null, column: null, value: null };
  const problems: ImportProblem[] = [];
  if (!mapping.some((m) => questionOf(m.field) !== null)) {
    const questions = (context.questions ?? []).map((q, i) => `${i + 1}. ${q.text}`).join('；');
    problems.push({
      severity: 'error',
      ...where,
      message: `没有一列对应到问卷的题目；请在列对应中把答案列指定为题目（${questions}）`,
      messageEn: 'no column is mapped to a question of the template; map the answer columns',
    });
  }
  if (!mapping.some((m) => m.field === 'channel')) {
    problems.push({
      severity: 'warning',
      ...where,
      message: '文件没有“渠道”列，全部按“电话”记录',
      messageEn: 'no channel column: every response is recorded as by phone',
    });
  }
  return problems;
}

/** The records kept by customer (all kinds but the product catalogue). */
export type CustomerKeyedRecord =
  CustomerRecord | AssetRecord | HoldingRecord | SurveyRecord | BenefitUseRecord | HouseholdRecord;
export type ImportRecord = CustomerKeyedRecord | ProductRecord;
export type RecordOf<K extends ImportKind> = K extends 'assets'
  ? AssetRecord
  : K extends 'products'
    ? ProductRecord
    : K extends 'holdings'
      ? HoldingRecord
      : K extends 'surveys'
        ? SurveyRecord
        : K extends 'benefit-usage'
          ? BenefitUseRecord
          : K extends 'households'
            ? HouseholdRecord
            : CustomerRecord;

export interface RecordReader<R> {
  /** Reads one row of the sheet (0-based index); the rows down to the header are passed over. */
  read(row: Cell[], index: number): void;
  /** The records read since the last call, in file order. */
  take(): R[];
  /** Every problem so far, in row order. */
  readonly problems: ImportProblem[];
  /** Records read in all. */
  readonly count: number;
  /** Rows passed over as not data: blank (except after the last data row), 合计/小计, notes under the table. */
  readonly skipped: number;
}

/** The row being read, as a kind's record builder sees it. */
interface RowView {
  /** The row's number as Excel shows it. */
  readonly excelRow: number;
  /** Each field's position among the mapped columns, -1 when not mapped. */
  readonly at: Record<ImportField, number>;
  readonly questions: readonly Question[];
  /** Each column's question (0-based), -1 for other fields. */
  readonly questionAt: readonly number[];
  /** Later dates are in the future (a survey file's dates). */
  readonly today: string | null;
  /** The row's values by column position. */
  readonly values: readonly unknown[];
  value<T>(position: number): T | null;
  columnOf(position: number): ColumnMapping | null;
  problem(severity: 'error' | 'warning', column: ColumnMapping | null, message: string, messageEn: string): void;
}

/**
 * Each kind's record from a row whose cells all parsed, with its key (`KEY_FIELDS`: the customer number, a product
 * code); null: a problem was recorded and the row gives none.
 */
type RecordBuilder = (row: RowView, key: string, month: string | null) => ImportRecord | null;

/** A product of the catalogue: a sale period ending before it starts, or a negative minimum, is refused. */
const productRecord: RecordBuilder = (row, productCode) => {
  const { at, value } = row;
  const record: ProductRecord = {
    row: row.excelRow,
    productCode,
    productName: value(at.productName) as string,
    productType: value(at.productType),
    productRisk: value(at.productRisk) as string,
    term: value(at.term),
    currency: value(at.currency),
    issuer: value(at.issuer),
    saleStart: value(at.saleStart),
    saleEnd: value(at.saleEnd),
    minAmountFen: value(at.minAmount),
  };
  if (record.saleStart && record.saleEnd && record.saleEnd < record.saleStart) {
    row.problem(
      'error',
      row.columnOf(at.saleEnd),
      `销售截止日 ${record.saleEnd} 早于销售起始日 ${record.saleStart}`,
      `the sale period ends (${record.saleEnd}) before it starts (${record.saleStart})`,
    );
    return null;
  }
  if (record.minAmountFen !== null && record.minAmountFen < 0) {
    row.problem('error', row.columnOf(at.minAmount), '起购金额不能为负数', 'the minimum amount cannot be negative');
    return null;
  }
  return record;
};

const surveyRecord: RecordBuilder = (row, customerNo) => {
  const { at, value } = row;
  const surveyDate = row.values[at.surveyDate] as string;
  if (row.today && surveyDate > row.today) {
    row.problem(
      'error',
      row.columnOf(at.surveyDate),
      `调查日期 ${surveyDate} 在未来`,
      `the survey date ${surveyDate} is in the future`,
    );
    return null;
  }
  const answers = row.questions.map(() => null as unknown);
  row.questionAt.forEach((question, c) => question >= 0 && (answers[question] = row.values[c]));
  if (answers.every((a) => a === null)) {
    row.problem('error', null, '这一行没有任何答案', 'the row has no answers');
    return null;
  }
  return {
    row: row.excelRow,
    customerNo,
    name: value(at.name),
    managerCode: null,
    managerName: null,
    surveyDate,
    channel: value<SurveyChannel>(at.channel) ?? 'phone',
    staffCode: value(at.staffCode),
    answers: JSON.stringify(answers),
  };
};

const holdingRecord: RecordBuilder = (row, customerNo) => {
  const { at, value } = row;
  const record: HoldingRecord = {
    row: row.excelRow,
    customerNo,
    name: value(at.name),
    managerCode: null,
    managerName: null,
    productKey: value<string>(at.productCode) ?? value<string>(at.productName) ?? '',
    productCode: value(at.productCode),
    productName: value(at.productName) as string,
    productType: value(at.productType),
    amountFen: value(at.amount),
    startDate: value(at.startDate),
    maturityDate: value(at.maturityDate),
  };
  if (record.startDate && record.maturityDate && record.maturityDate < record.startDate) {
    row.problem(
      'warning',
      row.columnOf(at.maturityDate),
      `到期日 ${record.maturityDate} 早于起息日 ${record.startDate}`,
      'the maturity date is before the start date',
    );
  }
  if (record.amountFen !== null && record.amountFen < 0) {
    row.problem('error', row.columnOf(at.amount), '持有金额不能为负数', 'the amount held cannot be negative');
    return null;
  }
  return record;
};

/** The customer master and the book assignments: the birth date and gender checked against the ID number. */
const customerRecord: RecordBuilder = (row, customerNo) => {
  const { at, value } = row;
  const idNumber = value<string>(at.idNumber);
  const fromId = idNumber ? birthDateOfResidentId(idNumber) : null;
  const birthDate = value<string>(at.birthDate) ?? fromId;
  if (fromId && birthDate !== fromId) {
    row.problem(
      'warning',
      row.columnOf(at.birthDate),
      `出生日期与证件号码中的 ${fromId} 不一致`,
      `the birth date differs from ${fromId} in the ID number`,
    );
  }
  const genderFromId = idNumber ? (Number(idNumber[16]) % 2 === 1 ? 'M' : 'F') : null;
  const assessed = value<string>(at.riskAssessedDate);
  const future = assessed && row.today ? futureAssessmentProblem(assessed, row.today) : null;
  if (future) {
    row.problem('error', row.columnOf(at.riskAssessedDate), future.message, future.messageEn);
    return null;
  }
  return {
    row: row.excelRow,
    customerNo,
    name: value(at.name),
    gender: value<'M' | 'F'>(at.gender) ?? genderFromId,
    idNumber,
    birthDate,
    mobile: value(at.mobile),
    occupation: value(at.occupation),
    annualIncomeFen: value(at.annualIncome),
    riskLevel: value(at.riskLevel),
    riskAssessedDate: assessed,
    riskAssessedChannel: value(at.riskAssessedChannel),
    openedDate: value(at.openedDate),
    closedDate: value(at.closedDate),
    managerCode: value(at.managerCode),
    managerName: value(at.managerName),
    lunarBirthday: value(at.lunarBirthday),
    idExpiryDate: value(at.idExpiryDate),
  };
};

/** A monthly report's row: the parts of 月日均 checked against the total. */
const assetRecord: RecordBuilder = (row, customerNo, month) => {
  const { at, value } = row;
  const record: AssetRecord = {
    row: row.excelRow,
    customerNo,
    name: value(at.name),
    managerCode: value(at.managerCode),
    managerName: value(at.managerName),
    month: month as string,
    aumFen: row.values[at.aum] as number,
    depositFen: value(at.deposit),
    demandFen: value(at.demand),
    wealthFen: value(at.wealth),
    fundFen: value(at.fund),
    insuranceFen: value(at.insurance),
    otherFen: value(at.other),
    loanFen: value(at.loan),
    monthEndFen: value(at.monthEnd),
  };
  const parts =
    (record.depositFen ?? 0) +
    (record.wealthFen ?? 0) +
    (record.fundFen ?? 0) +
    (record.insuranceFen ?? 0) +
    (record.otherFen ?? 0);
  if (parts > record.aumFen) {
    row.problem(
      'warning',
      row.columnOf(at.aum),
      `各项资产之和 ${parts / 100} 元超过月日均合计 ${record.aumFen / 100} 元`,
      `the parts (${parts / 100}) exceed the total (${record.aumFen / 100})`,
    );
  }
  if (record.demandFen !== null && record.depositFen !== null && record.demandFen > record.depositFen) {
    row.problem('warning', row.columnOf(at.demand), '活期存款超过储蓄存款合计', 'demand deposits exceed all deposits');
  }
  return record;
};

/** A use: at least once, not after today; the benefit and the customer are the plan's to check. */
const benefitUseRecord: RecordBuilder = (row, customerNo) => {
  const { at, value } = row;
  const usedDate = row.values[at.usedDate] as string;
  const count = value<number>(at.useCount) ?? 1;
  if (count <= 0) {
    row.problem(
      'error',
      row.columnOf(at.useCount),
      `次数应至少为 1（填写的是 ${count}）`,
      `the count must be at least 1 (it is ${count})`,
    );
    return null;
  }
  if (row.today && usedDate > row.today) {
    row.problem(
      'error',
      row.columnOf(at.usedDate),
      `使用日期 ${usedDate} 晚于今天`,
      `the date of use ${usedDate} is after today`,
    );
    return null;
  }
  const record: BenefitUseRecord = {
    row: row.excelRow,
    customerNo,
    name: value(at.name),
    managerCode: null,
    managerName: null,
    benefit: row.values[at.benefit] as string,
    usedDate,
    count,
    note: value<string>(at.note) ?? '',
  };
  return record;
};

/** A membership: the head's row names itself (its relation blank or 户主); a member's names another as head. */
const householdRecord: RecordBuilder = (row, customerNo) => {
  const { at, value } = row;
  const headNo = row.values[at.headNo] as string;
  const joinedDate = value<string>(at.joinedDate);
  if (joinedDate !== null && row.today && joinedDate > row.today) {
    row.problem(
      'error',
      row.columnOf(at.joinedDate),
      `加入日期 ${joinedDate} 晚于今天`,
      `the date joined ${joinedDate} is after today`,
    );
    return null;
  }
  const record: HouseholdRecord = {
    row: row.excelRow,
    customerNo,
    name: value(at.name),
    managerCode: null,
    managerName: null,
    headNo,
    relation: value<HouseholdRole>(at.relation),
    joinedDate,
  };
  return record;
};

const BUILDERS: Record<ImportKind, RecordBuilder> = {
  customers: customerRecord,
  assignments: customerRecord,
  assessments: customerRecord,
  assets: assetRecord,
  products: productRecord,
  holdings: holdingRecord,
  surveys: surveyRecord,
  'benefit-usage': benefitUseRecord,
  households: householdRecord,
};

/** A column mapped to a field, or to a survey question. */
type MappedColumn = ColumnMapping & { field: string };

type CellParser = (cell: Cell) => Parsed<unknown>;

/** Each column's parser: its question's (survey answers), else its field's, with the column's unit. */
function columnParsers(columns: MappedColumn[], questionAt: readonly number[], context: RowContext): CellParser[] {
  const questions = context.questions ?? [];
  return columns.map((m, c) => {
    const question = questions[questionAt[c]];
    if (question) return (cell: Cell) => parseAnswerCell(cell, question, questionAt[c]);
    const parse = PARSERS[m.field as ImportField];
    const unit = m.unit ?? 'yuan';
    return (cell: Cell) => parse(cell, unit, context);
  });
}

/** Each field's position among the mapped columns (and in a row's values), -1 when not mapped. */
function fieldPositions(columns: MappedColumn[]): Record<ImportField, number> {
  return Object.fromEntries(
    Object.keys(PARSERS).map((field) => [field, columns.findIndex((m) => m.field === field)]),
  ) as Record<ImportField, number>;
}

/**
 * The reader `recordReader` gives; it is also what its kind's record builder sees of the row being read (one
 * object, read afresh for each row).
 */
class SheetRecordReader implements RecordReader<ImportRecord>, RowView {
  readonly problems: ImportProblem[];
  count = 0;
  skipped = 0;
  readonly at: Record<ImportField, number>;
  readonly questions: readonly Question[];
  readonly questionAt: readonly number[];
  readonly today: string | null;
  /** The row being read: its values by column position (undefined where the cell could not be read). */
  readonly values: unknown[];
  excelRow = 0;
  private cells: Cell[] = [];
  /** Blank rows not yet counted as skipped: those after the last data row are not. */
  private blanks = 0;
  private records: ImportRecord[] = [];
  private readonly columns: MappedColumn[];
  private readonly parsers: CellParser[];
  /** Per column whose few values repeat: each distinct text's parse (null for other columns). */
  private readonly memos: Array<Map<string, Parsed<unknown>> | null>;
  private readonly required: number[];
  /** The amount columns (but loans), never negative in a monthly report. */
  private readonly amounts: number[];
  /** The column of the rows' key (`KEY_FIELDS`). */
  private readonly keyColumn: MappedColumn;
  private readonly keyAt: number;
  private readonly monthColumn: MappedColumn | null;
  /** The file as a whole has an error (a required column missing …): no row is read. */
  private readonly unusable: boolean;
  private readonly build: RecordBuilder;

  constructor(
    private readonly kind: ImportKind,
    private readonly headerRow: number,
    mapping: ColumnMapping[],
    private readonly context: RowContext,
  ) {
    this.problems = [...missingFieldProblems(kind, mapping, context), ...surveyFileProblems(kind, mapping, context)];
    this.unusable = this.problems.some((p) => p.severity === 'error');
    const columns = mapping.filter((m): m is MappedColumn => m.field !== null);
    this.columns = columns;
    this.questions = context.questions ?? [];
    this.questionAt = columns.map((m) => questionOf(m.field) ?? -1);
    this.parsers = columnParsers(columns, this.questionAt, context);
    this.at = fieldPositions(columns);
    this.required = REQUIRED_FIELDS[kind].map((field) => this.at[field]);
    this.amounts = columns.flatMap((m, c) => (m.unit !== null && m.field !== 'loan' ? [c] : []));
    this.keyAt = this.at[KEY_FIELDS[kind]];
    this.keyColumn = columns[this.keyAt];
    this.monthColumn = this.at.month < 0 ? null : columns[this.at.month];
    this.memos = columns.map((m) =>
      MEMO_FIELDS.has(m.field as ImportField) ? new Map<string, Parsed<unknown>>() : null,
    );
    this.values = new Array(columns.length);
    this.today = context.today ?? null;
    this.build = BUILDERS[kind];
  }

  // Called as `value(at.name)`: a named property read is fast, a field name looked up in `at` on every row is not.
  readonly value = <T>(position: number): T | null =>
    position < 0 ? null : ((this.values[position] as T | undefined) ?? null);

  columnOf(position: number): ColumnMapping | null {
    return position < 0 ? null : this.columns[position];
  }

  problem(severity: 'error' | 'warning', m: ColumnMapping | null, message: string, messageEn: string): void {
    this.problems.push({
      severity,
      file: this.context.file,
      sheet: this.context.sheet,
      row: this.excelRow,
      column: m ? columnLabel(m) : null,
      value: m ? shownValue(m.field as ImportField | null, cellText(this.cells[m.column] ?? null)) : null,
      message,
      messageEn,
    });
  }

  /** Reads one row (an arrow: `rows.forEach(reader.read)`). */
  readonly read = (cells: Cell[], r: number): void => {
    if (this.unusable || r <= this.headerRow) return;
    this.cells = cells;
    this.excelRow = r + 1;
    let filled = 0;
    for (const cell of cells) if (cell !== null && (typeof cell !== 'string' || !isBlankText(cell))) filled++;
    if (filled === 0) {
      this.blanks++;
      return;
    }
    this.skipped += this.blanks;
    this.blanks = 0;
    if (isTotalRow(cells) || (isBlank(cells[this.keyColumn.column] ?? null) && filled === 1)) {
      this.skipped++;
      return;
    }
    const cellsOk = this.parseCells();
    const month = this.kind === 'assets' ? this.assetMonth() : null;
    if (!cellsOk || (this.kind === 'assets' && month === null)) return;

    const record = this.build(this, this.values[this.keyAt] as string, month);
    if (record === null) return;
    this.records.push(record);
    this.count++;
  };

  take(): ImportRecord[] {
    const taken = this.records;
    this.records = [];
    return taken;
  }

  /** Parses the row's mapped cells into `values`; false when any of them is wrong or a required one empty. */
  private parseCells(): boolean {
    const { columns, values, memos, parsers } = this;
    let ok = true;
    for (let c = 0; c < columns.length; c++) {
      const cell = this.cells[columns[c].column] ?? null;
      const memo = memos[c];
      let parsed: Parsed<unknown> | undefined;
      if (memo && cell !== null && !(cell instanceof Date)) {
        const key = typeof cell === 'string' ? cell : `#${cell.number}`;
        parsed = memo.get(key);
        if (!parsed) {
          parsed = parsers[c](cell);
          if (memo.size < MEMO_LIMIT) memo.set(key, parsed);
        }
      } else parsed = parsers[c](cell);
      if (parsed.ok) values[c] = parsed.value;
      else {
        values[c] = undefined;
        ok = false;
        const [name, nameEn] = fieldName(columns[c].field);
        this.problem(
          'error',
          columns[c],
          this.questionAt[c] >= 0 ? parsed.message : `${name}：${parsed.message}`,
          `${nameEn}: ${parsed.messageEn}`,
        );
      }
    }
    for (const c of this.required) {
      if (values[c] === null) {
        ok = false;
        const [name, nameEn] = fieldName(columns[c].field);
        this.problem('error', columns[c], `${name}为空`, `${nameEn} is empty`);
      }
    }
    return ok;
  }

  /** A monthly report's row: its month (from the title when the file has no month column), amounts not negative. */
  private assetMonth(): string | null {
    const { at, values, context, monthColumn } = this;
    let month =
      monthColumn === null
        ? context.titleMonth
        : ((values[at.month] as string | null | undefined) ?? context.titleMonth);
    if (!month) {
      if (monthColumn === null || values[at.month] !== undefined)
        this.problem('error', monthColumn, '月份为空', 'the month is empty');
    } else if (month > context.currentMonth) {
      this.problem('error', monthColumn, `月份 ${month} 在未来`, `the month ${month} is in the future`);
      month = null;
    }
    for (const c of this.amounts) {
      const amount = values[c];
      if (typeof amount === 'number' && amount < 0) {
        const [name, nameEn] = fieldName(this.columns[c].field);
        this.problem('error', this.columns[c], `${name}不能为负数`, `${nameEn} cannot be negative`);
        month = null;
      }
    }
    return month;
  }
}

/**
 * Reads the data rows under the header into records of `kind`, one row at a time, collecting every problem
 * (never stopping at the first) with its row, column and value. Blank rows, 合计/小计/总计 rows and notes
 * under the table are passed over; rows with any error give no record.
 */
export function recordReader<K extends ImportKind>(
  kind: K,
  headerRow: number,
  mapping: ColumnMapping[],
  context: RowContext,
): RecordReader<RecordOf<K>> {
  const reader: RecordReader<ImportRecord> = new SheetRecordReader(kind, headerRow, mapping, context);
  return reader as RecordReader<RecordOf<K>>;
}

/** What tells two records apart: the customer, and the month (reports), product (holdings) or day (survey answers). */
export type RecordKey = Pick<CustomerKeyedRecord, 'row' | 'customerNo'> &
  Partial<Record<'month' | 'productKey' | 'surveyDate' | 'usedDate' | 'headNo', string>>;

/**
 * Finds records that repeat an earlier one of the file: the same customer, in the same month (reports), with
 * the same product (holdings) or on the same day (survey answers). Run where the records are gathered, so the parsing thread does not pay for it.
 */
export function duplicateFinder(): (record: RecordKey) => { message: string; messageEn: string } | null {
  const firstRows = new Map<string, Map<string, number>>();
  return (record) => {
    // A usage file's rows are uses, each its own: a customer may use a benefit twice in a day.
    if ('usedDate' in record) return null;
    const scope = record.month ?? record.productKey ?? record.surveyDate ?? '';
    let rows = firstRows.get(scope);
    if (!rows) firstRows.set(scope, (rows = new Map()));
    const first = rows.get(record.customerNo);
    if (first === undefined) {
      rows.set(record.customerNo, record.row);
      return null;
    }
    if ('headNo' in record)
      return {
        message: `客户 ${record.customerNo} 在文件中出现两次（第 ${first} 行和第 ${record.row} 行）：一位客户只能属于一个家庭`,
        messageEn: `customer ${record.customerNo} is in the file twice (rows ${first} and ${record.row}): a customer belongs to one household`,
      };
    const what =
      'month' in record
        ? `客户 ${record.customerNo} 的 ${record.month}`
        : 'productKey' in record
          ? `客户 ${record.customerNo} 的产品 ${record.productKey}`
          : 'surveyDate' in record
            ? `客户 ${record.customerNo} ${record.surveyDate} 的答卷`
            : `客户 ${record.customerNo}`;
    return {
      message: `${what}在文件中重复：第 ${first} 行和第 ${record.row} 行`,
      messageEn: `duplicate in the file: rows ${first} and ${record.row}`,
    };
  };
}

/** All the rows of a sheet read at once (see `recordReader`). */
export function readRecords<K extends ImportKind>(
  kind: K,
  rows: Cell[][],
  headerRow: number,
  mapping: ColumnMapping[],
  context: RowContext,
): RowsResult<RecordOf<K>> {
  const reader = recordReader(kind, headerRow, mapping, context);
  rows.forEach(reader.read);
  return { records: reader.take(), problems: reader.problems, skipped: reader.skipped };
}
