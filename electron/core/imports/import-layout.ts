import {
  IMPORT_FIELDS,
  MONEY_FIELDS,
  questionField,
  type ImportField,
  type ImportKind,
} from '../../../shared/import-fields';
import type { ColumnMapping } from '../../../shared/schemas/imports';
import { cellText, type Cell, type MoneyUnit } from './import-cells';

/**
 * How head office names each field (docs/domain.md, "Head-office spreadsheets"), zh and en, before normalising
 * (no spaces or brackets, lower case). A header matches a synonym exactly, or else contains the longest one.
 */
const SYNONYMS: Record<ImportField, string[]> = {
  customerNo: [
    '客户号',
    '客户编号',
    '客户id',
    '客户代码',
    '客户号码',
    'customerno',
    'customer_no',
    'customerid',
    'custno',
  ],
  name: ['客户名称', '客户姓名', '姓名', '户名', '客户名', 'name', 'customername'],
  gender: ['性别', 'gender', 'sex'],
  idNumber: ['证件号码', '身份证号', '身份证号码', '证件号', 'idnumber', 'idno'],
  birthDate: ['出生日期', '生日', 'birthdate', 'birthday'],
  mobile: ['手机号', '手机号码', '联系电话', '移动电话', '手机', 'mobile', 'phone'],
  occupation: ['职业', 'occupation'],
  annualIncome: ['年收入', '个人年收入', 'annualincome', 'income'],
  riskLevel: ['风险等级', '风险承受能力', '风评等级', '风险评级', 'risklevel'],
  riskAssessedDate: [
    '风险评估日期',
    '风评日期',
    '风险测评日期',
    '评估日期',
    '测评日期',
    'riskassesseddate',
    'assesseddate',
  ],
  riskAssessedChannel: ['评估渠道', '风险评估渠道', '风评渠道', '测评渠道', '风险测评渠道', 'assessmentchannel'],
  openedDate: ['开户日期', '开户时间', 'openeddate', 'opendate'],
  closedDate: ['销户日期', '销户时间', 'closeddate'],
  lunarBirthday: ['农历生日', '过农历生日', '生日类型', '生日历法', 'lunarbirthday'],
  idExpiryDate: [
    '证件到期日',
    '证件有效期',
    '证件有效期至',
    '证件到期日期',
    '证件失效日期',
    'idexpirydate',
    'idexpiry',
  ],
  managerCode: ['客户经理工号', '管户经理工号', '客户经理编号', '经理工号', '工号', 'managercode'],
  managerName: ['客户经理', '管户经理', '客户经理姓名', '管户人', 'manager', 'managername'],
  month: ['月份', '数据月份', '统计月份', '报表月份', '数据日期', 'month'],
  aum: ['金融资产月日均', '月日均', '月日均余额', '金融资产', '金融资产月日均余额', 'aum', 'aumavg'],
  deposit: ['储蓄存款月日均', '存款月日均', '储蓄存款', '存款', 'deposit'],
  demand: ['活期存款月日均', '活期月日均', '活期存款', '活期', 'demand', 'demanddeposit'],
  wealth: ['理财月日均', '理财产品月日均', '理财产品', '理财', 'wealth'],
  fund: ['基金月日均', '基金', 'fund'],
  insurance: ['保险月日均', '保险', 'insurance'],
  other: ['其他资产月日均', '其他月日均', '其他资产', '其他', 'other'],
  loan: ['贷款月日均', '贷款余额', '贷款', 'loan'],
  monthEnd: ['月末余额', '月末时点余额', '时点余额', '月末金融资产', '月末', 'monthend'],
  productCode: ['产品代码', '产品编号', '产品编码', 'productcode'],
  productName: ['产品名称', '产品', 'productname', 'product'],
  productType: ['产品类型', '产品类别', '产品种类', 'producttype'],
  amount: ['持有金额', '持仓金额', '持有市值', '购买金额', '金额', 'amount'],
  startDate: ['起息日', '购买日期', '起始日', '起始日期', '开始日期', 'startdate'],
  maturityDate: ['到期日', '到期日期', '到期时间', 'maturitydate', 'maturity'],
  productRisk: ['产品风险等级', '风险等级', '风险评级', '产品风险评级', 'productrisk', 'risklevel'],
  term: ['期限', '产品期限', '投资期限', '封闭期', 'term'],
  currency: ['币种', '币别', 'currency'],
  issuer: ['发行机构', '发行人', '管理人', '产品管理人', '发行方', 'issuer'],
  saleStart: ['销售起始日', '募集起始日', '发售开始日', '销售开始日期', '募集开始日', 'salestart'],
  saleEnd: ['销售截止日', '募集结束日', '发售结束日', '销售结束日期', '募集截止日', 'saleend'],
  minAmount: ['起购金额', '起点金额', '起存金额', '认购起点', '最低购买金额', 'minamount'],
  surveyDate: ['调查日期', '回访日期', '访问日期', '填写日期', '评价日期', '答卷日期', 'surveydate'],
  channel: ['调查渠道', '调查方式', '回访方式', '回访渠道', '渠道', 'channel'],
  staffCode: ['调查人工号', '调查员工号', '回访人工号', '录入人工号', '调查人', '回访人', 'staffcode'],
  benefit: ['权益名称', '权益代码', '权益名称或代码', '权益项目', '权益', 'benefit', 'benefitcode', 'benefitname'],
  usedDate: ['使用日期', '权益使用日期', '使用时间', '服务日期', 'useddate', 'usedate'],
  useCount: ['次数', '使用次数', '数量', 'count', 'times'],
  note: ['备注', '说明', 'note', 'remark'],
  headNo: ['户主客户号', '户主客户编号', '户主编号', '户主号', 'headno', 'headcustomerno'],
  relation: ['关系', '与户主关系', '家庭关系', '成员关系', 'relation', 'relationship'],
  joinedDate: ['加入日期', '入户日期', '建立日期', 'joineddate', 'joined'],
};

/**
 * What a file must have to be of a kind (and each of its rows, to give a record); the kind is the one with most of
 * its distinctive fields present.
 */
export const REQUIRED_FIELDS: Record<ImportKind, ImportField[]> = {
  customers: ['customerNo', 'name'],
  assignments: ['customerNo', 'managerCode'],
  assessments: ['customerNo', 'riskLevel', 'riskAssessedDate'],
  assets: ['customerNo', 'aum'],
  products: ['productCode', 'productName', 'productRisk'],
  holdings: ['customerNo', 'productName'],
  surveys: ['customerNo', 'surveyDate'],
  'benefit-usage': ['customerNo', 'benefit', 'usedDate'],
  households: ['customerNo', 'headNo'],
};
const DISTINCTIVE: Record<ImportKind, ImportField[]> = {
  customers: ['idNumber', 'mobile', 'gender', 'birthDate', 'openedDate', 'riskLevel', 'occupation'],
  assignments: ['managerCode', 'managerName'],
  // Not the level: a master has one too (a master of only number, name, level and date is read as a master).
  assessments: ['riskAssessedDate', 'riskAssessedChannel'],
  assets: ['aum', 'deposit', 'wealth', 'fund', 'month', 'monthEnd'],
  products: ['productRisk', 'term', 'currency', 'issuer', 'saleStart', 'saleEnd', 'minAmount'],
  holdings: ['productCode', 'productName', 'productType', 'maturityDate', 'amount'],
  surveys: ['surveyDate', 'channel', 'staffCode'],
  'benefit-usage': ['benefit', 'usedDate', 'useCount'],
  households: ['headNo', 'relation'],
};

/** The rows looked at for a header (titles and blank rows come first). */
const HEADER_SCAN_ROWS = 20;
/** The first rows `detectLayout` reads: the scanned ones and a second header row under the last. */
export const LAYOUT_ROWS = HEADER_SCAN_ROWS + 1;

/** `月日均（万元）` → { text: '月日均', unit: 'wan' }. */
export function normalizeHeader(raw: string): { text: string; unit: MoneyUnit | null } {
  const half = raw
    .replace(/[（【［]/g, '(')
    .replace(/[）】］]/g, ')')
    .replace(/\s+/g, '');
  const unitMatch = /\((万元|万|元|人民币元|rmb)\)|单位[:：]?(万元|元)/i.exec(half);
  const unitText = unitMatch?.[1] ?? unitMatch?.[2] ?? null;
  const unit: MoneyUnit | null = unitText === null ? null : unitText.startsWith('万') ? 'wan' : 'yuan';
  const text = half
    .replace(/\([^)]*\)/g, '')
    .replace(/单位[:：]?(万元|元)/, '')
    .toLowerCase();
  return { text, unit };
}

const ALL_FIELDS = Object.keys(SYNONYMS) as ImportField[];

/** The header an import template writes for a field: its first name above, money in 元. */
export function templateHeader(field: ImportField): string {
  return MONEY_FIELDS.has(field) ? `${SYNONYMS[field][0]}（元）` : SYNONYMS[field][0];
}
/** Each name's fields: a few names are two kinds' (风险等级 is a customer's level in a master, a product's in a catalogue). */
const SYNONYM_FIELDS = new Map<string, ImportField[]>();
for (const field of ALL_FIELDS)
  for (const s of SYNONYMS[field]) SYNONYM_FIELDS.set(s, [...(SYNONYM_FIELDS.get(s) ?? []), field]);
const BY_LENGTH = ALL_FIELDS.flatMap((field) => SYNONYMS[field].map((s) => [s, field] as const)).sort(
  (a, b) => b[0].length - a[0].length,
);

/** The field each row is keyed by (and must have): the customer number, a catalogue's product code. */
export const KEY_FIELDS: Record<ImportKind, ImportField> = {
  customers: 'customerNo',
  assignments: 'customerNo',
  assessments: 'customerNo',
  assets: 'customerNo',
  products: 'productCode',
  holdings: 'customerNo',
  surveys: 'customerNo',
  'benefit-usage': 'customerNo',
  households: 'customerNo',
};

function fieldOf(
  header: string,
  allowed: ReadonlySet<ImportField>,
  taken: ReadonlySet<string>,
  exactOnly: boolean,
): ImportField | null {
  const exact = SYNONYM_FIELDS.get(header)?.find((field) => allowed.has(field) && !taken.has(field));
  if (exact) return exact;
  if (exactOnly || header.length < 2) return null;
  for (const [synonym, field] of BY_LENGTH) {
    if (synonym.length >= 2 && header.includes(synonym) && allowed.has(field) && !taken.has(field)) return field;
  }
  return null;
}

/** `Q3`, `第3题`, `题3`, `问题3`, `3. 您对…` and `3、…`: the number of the question a survey column answers. */
const QUESTION_NUMBER = /^(?:q|第|题|问题)?(\d{1,2})(?:题)?(?:[.、:：)]|$)/;

/**
 * A survey file's answer columns: a header naming a question (its text, or its number as `Q3` or `第3题`)
 * is mapped to that question's field.
 */
function mapQuestions(
  normalized: Array<{ text: string }>,
  questions: readonly string[],
  fields: Array<string | null>,
  taken: Set<string>,
): void {
  const texts = questions.map((q) => normalizeHeader(q).text);
  normalized.forEach((h, i) => {
    if (fields[i] !== null || h.text === '') return;
    let index = texts.indexOf(h.text);
    if (index < 0) {
      const number = QUESTION_NUMBER.exec(h.text);
      index = number ? Number(number[1]) - 1 : -1;
    }
    const field = index >= 0 && index < questions.length ? questionField(index) : null;
    if (field && !taken.has(field)) {
      fields[i] = field;
      taken.add(field);
    }
  });
}

/**
 * Maps header cells to fields of `kind` (or of any kind, to score rows): exact names first, then containment;
 * a survey file's other columns to the `questions` of its template.
 */
export function mapColumns(
  headers: Cell[],
  kind: ImportKind | null,
  questions: readonly string[] = [],
): ColumnMapping[] {
  const allowed = new Set<ImportField>(kind ? IMPORT_FIELDS[kind] : ALL_FIELDS);
  const normalized = headers.map((h) => normalizeHeader(cellText(h)));
  const fields: Array<string | null> = normalized.map(() => null);
  const taken = new Set<string>();
  // Question texts first: a question such as "您对客户经理的服务满意吗" contains field names.
  if (kind === 'surveys') mapQuestions(normalized, questions, fields, taken);
  for (const exactOnly of [true, false]) {
    normalized.forEach((h, i) => {
      if (fields[i] !== null || h.text === '') return;
      const field = fieldOf(h.text, allowed, taken, exactOnly);
      if (field) {
        fields[i] = field;
        taken.add(field);
      }
    });
  }
  return normalized.map((h, column) => ({
    column,
    header: cellText(headers[column]),
    field: fields[column],
    unit: fields[column] && MONEY_FIELDS.has(fields[column]) ? (h.unit ?? 'yuan') : null,
    headerUnit: h.unit,
  }));
}

export interface Layout {
  /** 0-based index of the (last) header row: data starts below it. */
  headerRow: number;
  /** The header of each column (two header rows joined, when the table has a group row above its headers). */
  headers: Cell[];
  kind: ImportKind | null;
  mapping: ColumnMapping[];
  /** A month named above the table (`XX支行金融资产月报 2024年3月`), for files without a month column. */
  titleMonth: string | null;
  /** Identifies the layout (the normalised headers), to remember a user's mapping for the next such file. */
  signature: string;
}

/** The kind whose required fields the headers have and most of its distinctive ones (a shared name counts for each). */
function kindOf(mapping: ColumnMapping[]): ImportKind | null {
  const present = new Set<string | null>(mapping.map((m) => m.field));
  for (const m of mapping)
    for (const twin of SYNONYM_FIELDS.get(normalizeHeader(m.header).text) ?? []) present.add(twin);
  let best: ImportKind | null = null;
  let bestScore = -1;
  for (const kind of Object.keys(REQUIRED_FIELDS) as ImportKind[]) {
    if (!REQUIRED_FIELDS[kind].every((f) => present.has(f))) continue;
    const score = DISTINCTIVE[kind].filter((f) => present.has(f)).length;
    if (score > bestScore) [best, bestScore] = [kind, score];
  }
  return best;
}

/**
 * Finds the header row within the first rows (the one naming most known fields, at least two), the kind of
 * file (unless `kind` is given) and the column mapping; null when no row looks like a header.
 */
export function detectLayout(
  rows: Cell[][],
  kind: ImportKind | null = null,
  questions: readonly string[] = [],
): Layout | null {
  let headerRow = -1;
  let bestMatches = 1;
  for (let r = 0; r < Math.min(rows.length, HEADER_SCAN_ROWS); r++) {
    const matches = mapColumns(rows[r], null).filter((m) => m.field !== null).length;
    if (matches > bestMatches) [headerRow, bestMatches] = [r, matches];
  }
  if (headerRow < 0) return null;
  let headers = rows[headerRow];
  const below = rows[headerRow + 1] ?? [];
  if (isSubHeader(below)) {
    // A group row with merged cells (`金融资产（万元）` over `月日均 | 储蓄存款 | 理财`): each group title is
    // carried over the columns it spans and joined with the header below it.
    let group = '';
    const width = Math.max(headers.length, below.length);
    headers = Array.from({ length: width }, (_, i) => {
      const top = cellText(headers[i] ?? null);
      const bottom = cellText(below[i] ?? null);
      if (top !== '') group = top;
      return bottom === '' ? top : `${top === '' ? group : top}${bottom}`;
    });
    headerRow += 1;
  }
  const guessed = kind ?? kindOf(mapColumns(headers, null));
  const mapping = mapColumns(headers, guessed, questions);
  let titleMonth: string | null = null;
  for (let r = 0; r < headerRow && titleMonth === null; r++) {
    for (const cell of rows[r]) {
      const match = /(\d{4})\s*年\s*(\d{1,2})\s*月/.exec(cellText(cell));
      if (match && Number(match[2]) >= 1 && Number(match[2]) <= 12) {
        titleMonth = `${match[1]}-${match[2].padStart(2, '0')}`;
        break;
      }
    }
  }
  return {
    headerRow,
    headers,
    kind: guessed,
    mapping,
    titleMonth,
    signature: mapping.map((m) => normalizeHeader(m.header).text).join('|'),
  };
}

/**
 * A second header row: only text, at least half of it naming known fields (a catalogue's first row, all text, may
 * hold a word such as 理财 that names one).
 */
function isSubHeader(row: Cell[]): boolean {
  if (row.some((cell) => cell !== null && typeof cell !== 'string')) return false;
  const texts = mapColumns(row, null).filter((m) => m.header.trim() !== '');
  return texts.filter((m) => m.field !== null).length * 2 >= texts.length && texts.some((m) => m.field !== null);
}

const TOTAL_START = new Set([' ', '\t', '\u3000', '合', '小', '总', 't', 'T', 's', 'S']);

/** A 合计/小计/总计 row (in any cell of its first three), which is not data. */
export function isTotalRow(row: Cell[]): boolean {
  for (let i = 0; i < 3 && i < row.length; i++) {
    const cell = row[i];
    // Most cells start with a digit or a name: only those starting with space, 合, 小, 总, t or s are matched.
    if (typeof cell !== 'string' || !TOTAL_START.has(cell[0])) continue;
    if (/^\s*(合\s*计|小\s*计|总\s*计|total|subtotal)/i.test(cell)) return true;
  }
  return false;
}
