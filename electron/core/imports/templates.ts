/**
 * 导入模板: for each kind an xlsx with the headers the import recognises (in Chinese), one example row, and a sheet
 * explaining each column, its unit and the forms accepted — what a branch fills in when head office sends nothing
 * better (docs/domain.md, "Head-office spreadsheets").
 */
import {
  IMPORT_FIELDS,
  IMPORT_KIND_NAMES,
  MONEY_FIELDS,
  type ImportField,
  type ImportKind,
} from '../../../shared/import-fields';
import { REQUIRED_FIELDS, templateHeader } from './import-layout';

type Cell = string | number | null;

/** What each column holds and an example of it. */
const FIELD_NOTES: Record<ImportField, { note: string; example: Cell }> = {
  customerNo: { note: '核心系统客户号，每位客户唯一；按文本填写，保留前导 0。', example: '0510001' },
  name: { note: '客户姓名或户名。', example: '王芳' },
  gender: { note: '男 / 女（也接受 M / F）。', example: '女' },
  idNumber: { note: '18 位居民身份证号（末位 X 大小写均可），或其他证件号码。', example: '110105198001011238' },
  birthDate: {
    note: '出生日期：2024-03-31、2024/3/31、20240331 或 Excel 日期均可；空缺时按身份证号推算。',
    example: '1980-01-01',
  },
  mobile: { note: '11 位手机号码。', example: '13800001234' },
  occupation: { note: '职业，按总行口径原样填写。', example: '企业管理人员' },
  annualIncome: { note: '个人年收入；单位见列名（元，列名写“万元”则按万元）。', example: 500000 },
  riskLevel: { note: '风险承受能力等级，按总行口径原样填写（如 C3、平衡型）。', example: 'C3' },
  riskAssessedDate: { note: '最近一次风险评估日期；不能晚于今天。', example: '2024-01-15' },
  riskAssessedChannel: {
    note: '风险评估渠道：柜面、网银、手机银行、自助设备、电话银行、微信银行、上门（也接受 柜台、网点、网上银行、手机APP、智能柜台 等写法）；其他写法原样保留（最多 20 字）。',
    example: '柜面',
  },
  openedDate: { note: '开户日期。', example: '2015-06-01' },
  closedDate: { note: '销户日期；未销户留空。', example: '' },
  managerCode: { note: '管户客户经理工号；本支行没有的工号会新建该员工（姓名取“客户经理”列）。', example: '3201001' },
  managerName: { note: '管户客户经理姓名（可不填）。', example: '周文静' },
  lunarBirthday: { note: '是否过农历生日：是 / 否（也接受 农历 / 公历、1 / 0）。', example: '否' },
  idExpiryDate: { note: '证件有效期至；长期有效填“长期”。', example: '2035-01-01' },
  month: { note: '数据月份 YYYY-MM；整张表同一月份时也可只写在表头标题中（如“2024年3月”）。', example: '2024-03' },
  aum: { note: '金融资产月日均（必填）；单位见列名（元，列名写“万元”则按万元），精确到分。', example: 6505000 },
  deposit: { note: '储蓄存款月日均（含活期、定期）。', example: 6000000 },
  demand: { note: '其中活期存款月日均。', example: 1000000 },
  wealth: { note: '理财产品月日均。', example: 505000 },
  fund: { note: '基金月日均。', example: 0 },
  insurance: { note: '保险月日均。', example: 0 },
  other: { note: '其他金融资产月日均。', example: 0 },
  loan: { note: '贷款月日均（不计入金融资产）。', example: 0 },
  monthEnd: { note: '月末时点余额（分层依据为“月末余额”时使用）。', example: 6400000 },
  productCode: { note: '产品代码（产品目录必填；持有表按它对应产品目录）。', example: 'WM2024001' },
  productName: { note: '产品名称（必填）。', example: '稳利理财 180 天' },
  productType: { note: '产品类型：存款 / 理财 / 基金 / 保险 / 贵金属 / 其他。', example: '理财' },
  amount: { note: '持有金额；单位见列名。', example: 500000 },
  startDate: { note: '起息或购买日期。', example: '2024-01-10' },
  maturityDate: { note: '到期日；无固定期限留空。', example: '2024-07-08' },
  productRisk: {
    note: '产品风险等级（必填）：R1–R5，也接受 PR3、3、三级、低风险、中低风险、中风险、中高风险、高风险。',
    example: 'R2',
  },
  term: { note: '产品期限，原样填写（如 180天、1年、无固定期限）。', example: '180天' },
  currency: { note: '币种（如 人民币、美元）。', example: '人民币' },
  issuer: { note: '发行机构或管理人。', example: '本行' },
  saleStart: { note: '销售起始日；长期在售留空。', example: '2024-01-01' },
  saleEnd: { note: '销售截止日，不得早于起始日；长期在售留空。', example: '2024-12-31' },
  minAmount: { note: '起购金额；单位见列名。', example: 10000 },
  surveyDate: { note: '答卷日期（必填）。', example: '2024-03-20' },
  channel: { note: '调查渠道：电话 / 短信 / 微信 / 网点 / 上门 / 其他。', example: '电话' },
  staffCode: { note: '调查人工号（可不填）。', example: '3201001' },
  benefit: {
    note: '权益代码或名称（必填），须是使用日期当月权益目录中的权益（设置 · 客户权益）。',
    example: '机场贵宾厅',
  },
  usedDate: { note: '使用日期（必填），不能晚于今天。', example: '2024-03-20' },
  useCount: { note: '使用次数，正整数；留空按 1 次。', example: 1 },
  note: { note: '备注（可不填，最多 200 字）。', example: '首都机场 T3' },
  headNo: { note: '户主的客户号（必填）；户主本人一行填自己的客户号。', example: '0510001' },
  relation: { note: '与户主的关系：户主 / 配偶 / 父母 / 子女 / 其他；户主一行可留空。', example: '户主' },
  joinedDate: { note: '加入家庭的日期（可不填，默认导入当天），不能晚于今天。', example: '2024-01-01' },
};

/** A workbook of plain sheets: every cell a value (text or number), never a formula, whatever it starts with. */
export async function plainWorkbook(
  sheets: Array<{ name: string; rows: Cell[][]; widths: number[] }>,
): Promise<Buffer> {
  const XLSX = await import('@e965/xlsx');
  const book = XLSX.utils.book_new();
  for (const { name, rows, widths } of sheets) {
    const sheet = XLSX.utils.aoa_to_sheet(rows);
    sheet['!cols'] = widths.map((wch) => ({ wch }));
    XLSX.utils.book_append_sheet(book, sheet, name);
  }
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

/** The template of `kind`: its headers and an example row, and 填写说明. */
export async function importTemplate(kind: ImportKind): Promise<{ fileName: string; bytes: Buffer }> {
  const fields: readonly ImportField[] = IMPORT_FIELDS[kind];
  const required = new Set<ImportField>(REQUIRED_FIELDS[kind]);
  const headers = fields.map(templateHeader);
  const notes: Cell[][] = [
    ['列名', '必填', '说明', '示例'],
    ...fields.map((field, i) => [
      headers[i],
      required.has(field) ? '是' : '',
      FIELD_NOTES[field].note,
      FIELD_NOTES[field].example,
    ]),
    [],
    ['第 1 行为列名（列的顺序不限，可以只保留需要的列），第 2 行为示例，可删除后粘贴数据。'],
    ['列名上方可以有标题行；表尾的“合计”行和空行会被跳过。金额列名写“（万元）”即按万元读取。'],
  ];
  if (kind === 'surveys')
    notes.push(['每个问题一列，列名用调查模板中该问题的原文；答案按模板的题型填写（分数、是/否或选项）。']);
  if (fields.some((f) => MONEY_FIELDS.has(f))) notes.push(['金额精确到分；千分位逗号、空格可有可无。']);
  const name = IMPORT_KIND_NAMES[kind].replace('/', '、');
  const bytes = await plainWorkbook([
    {
      name,
      rows: [headers, fields.map((f) => FIELD_NOTES[f].example)],
      widths: headers.map((h) => Math.max(12, h.length * 2 + 2)),
    },
    { name: '填写说明', rows: notes, widths: [22, 6, 72, 20] },
  ]);
  return { fileName: `${name}导入模板.xlsx`, bytes };
}
