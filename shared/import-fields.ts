/**
 * What an import reads, without schemas: the import worker loads this (zod would add a tenth of a second to
 * every worker's start). The IPC schemas are in `schemas/imports.ts`.
 */

/**
 * In the order several files are imported: customers before their assignments and assessments, months, the
 * product catalogue, holdings (which name its products), surveys, benefit uses and households.
 */
export const IMPORT_KINDS = [
  'customers',
  'assignments',
  'assessments',
  'assets',
  'products',
  'holdings',
  'surveys',
  'benefit-usage',
  'households',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The files offered for import, by extension: Excel's workbooks and templates (macro-enabled, binary, old xls), and CSV. */
export const IMPORT_FILE_EXTENSIONS = ['xlsx', 'xlsm', 'xlsb', 'xltx', 'xltm', 'xls', 'xlt', 'csv'];

/** The kinds' Chinese names, as head office titles its files. */
export const IMPORT_KIND_NAMES: Record<ImportKind, string> = {
  customers: '客户信息',
  assignments: '管户关系',
  assessments: '风险评估',
  assets: '金融资产月报',
  products: '产品目录',
  holdings: '产品持有/到期',
  surveys: '满意度答卷',
  'benefit-usage': '权益使用',
  households: '家庭成员',
};

export const IMPORT_FIELDS = {
  customers: [
    'customerNo',
    'name',
    'gender',
    'idNumber',
    'birthDate',
    'mobile',
    'occupation',
    'annualIncome',
    'riskLevel',
    'riskAssessedDate',
    'riskAssessedChannel',
    'openedDate',
    'closedDate',
    'managerCode',
    'managerName',
    'lunarBirthday',
    'idExpiryDate',
  ],
  assignments: ['customerNo', 'name', 'managerCode', 'managerName'],
  assessments: ['customerNo', 'name', 'riskLevel', 'riskAssessedDate', 'riskAssessedChannel'],
  assets: [
    'customerNo',
    'name',
    'managerCode',
    'managerName',
    'month',
    'aum',
    'deposit',
    'demand',
    'wealth',
    'fund',
    'insurance',
    'other',
    'loan',
    'monthEnd',
  ],
  products: [
    'productCode',
    'productName',
    'productType',
    'productRisk',
    'term',
    'currency',
    'issuer',
    'saleStart',
    'saleEnd',
    'minAmount',
  ],
  holdings: ['customerNo', 'name', 'productCode', 'productName', 'productType', 'amount', 'startDate', 'maturityDate'],
  /** And a column per question of the chosen template (`questionField`). */
  surveys: ['customerNo', 'name', 'surveyDate', 'channel', 'staffCode'],
  /** Head office's benefit-usage file (docs/domain.md, "Benefits"): a row per use. */
  'benefit-usage': ['customerNo', 'name', 'benefit', 'usedDate', 'useCount', 'note'],
  /** Households (docs/domain.md, "Households"): a row per member, the head's own row naming itself. */
  households: ['customerNo', 'name', 'headNo', 'relation', 'joinedDate'],
} as const;
export type ImportField = (typeof IMPORT_FIELDS)[ImportKind][number];

/** A survey file's answer column: `q1` for the template's first question. */
export const questionField = (index: number): string => `q${index + 1}`;

/** The question (0-based) an answer column is mapped to, or null for any other field. */
export function questionOf(field: string | null): number | null {
  const match = field === null ? null : /^q([1-9]\d?)$/.exec(field);
  return match ? Number(match[1]) - 1 : null;
}

/** Fields that hold money (their unit, 元 or 万元, comes from the header). */
export const MONEY_FIELDS: ReadonlySet<string> = new Set<ImportField>([
  'annualIncome',
  'aum',
  'deposit',
  'demand',
  'wealth',
  'fund',
  'insurance',
  'other',
  'loan',
  'monthEnd',
  'amount',
  'minAmount',
]);

/** Excel's column letter for a 0-based index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
