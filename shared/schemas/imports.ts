import { z } from 'zod';

/** In the order several files are imported: customers before their assignments and their months. */
export const IMPORT_KINDS = ['customers', 'assignments', 'assets', 'holdings'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const ImportKindSchema = z.enum(IMPORT_KINDS);

/** The kinds' Chinese names, as head office titles its files. */
export const IMPORT_KIND_NAMES: Record<ImportKind, string> = { customers: '客户信息', assignments: '管户关系', assets: '金融资产月报', holdings: '产品持有/到期' };

export const IMPORT_FIELDS = {
  customers: [
    'customerNo', 'name', 'gender', 'idNumber', 'birthDate', 'mobile', 'occupation', 'annualIncome', 'riskLevel',
    'riskAssessedDate', 'openedDate', 'closedDate', 'managerCode', 'managerName',
  ],
  assignments: ['customerNo', 'name', 'managerCode', 'managerName'],
  assets: [
    'customerNo', 'name', 'managerCode', 'managerName', 'month', 'aum', 'deposit', 'demand', 'wealth', 'fund',
    'insurance', 'other', 'loan', 'monthEnd',
  ],
  holdings: ['customerNo', 'name', 'productCode', 'productName', 'productType', 'amount', 'startDate', 'maturityDate'],
} as const;
export type ImportField = (typeof IMPORT_FIELDS)[ImportKind][number];

/** Fields that hold money (their unit, 元 or 万元, comes from the header). */
export const MONEY_FIELDS: ReadonlySet<string> = new Set<ImportField>(['annualIncome', 'aum', 'deposit', 'demand', 'wealth', 'fund', 'insurance', 'other', 'loan', 'monthEnd', 'amount']);

/** Excel's column letter for a 0-based index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** One column of the file and what it was taken as (null: ignored). */
export const ColumnMappingSchema = z.object({
  column: z.number().int().min(0),
  header: z.string(),
  field: z.string().nullable(),
  /** For amounts: the unit to read them in (the header's, else 元). */
  unit: z.enum(['yuan', 'wan']).nullable(),
  /** The unit the header names, if any (the default when the user maps the column to an amount). */
  headerUnit: z.enum(['yuan', 'wan']).nullable(),
});
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

export const ImportProblemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  file: z.string(),
  sheet: z.string(),
  /** The row as Excel numbers it (1-based); null for a problem of the whole file. */
  row: z.number().int().nullable(),
  /** Column letter and header, e.g. `D 月日均（万元）`; null for a whole row. */
  column: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
  messageEn: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblemSchema>;

/** What an import would change, before anything is written (the dry run). */
export const ImportPreviewSchema = z.object({
  fileName: z.string(),
  sha256: z.string(),
  format: z.enum(['xlsx', 'xls', 'csv']),
  encoding: z.string().nullable(),
  sheet: z.string(),
  sheets: z.array(z.string()),
  /** The header row as Excel numbers it. */
  headerRow: z.number().int(),
  kind: ImportKindSchema,
  mapping: z.array(ColumnMappingSchema),
  /** The mapping came from an earlier file of the same layout. */
  layoutRemembered: z.boolean(),
  /** Data rows read, and rows passed over (blank, 合计, notes). */
  rows: z.number().int(),
  skipped: z.number().int(),
  newCustomers: z.number().int(),
  updatedCustomers: z.number().int(),
  unchangedCustomers: z.number().int(),
  months: z.array(z.object({ month: z.string(), rows: z.number().int(), replacesRows: z.number().int() })),
  newStaff: z.array(z.string()),
  /** Holdings files: customers whose holdings are replaced, rows written, rows they had. */
  holdings: z.object({ customers: z.number().int(), rows: z.number().int(), replacesRows: z.number().int() }).nullable(),
  errors: z.number().int(),
  warnings: z.number().int(),
  /** The first problems (all of them go into the problems workbook). */
  problems: z.array(ImportProblemSchema),
  alreadyImported: z.object({ batchId: z.number().int(), at: z.string() }).nullable(),
  canCommit: z.boolean(),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportResultSchema = z.object({
  batchId: z.number().int(),
  newCustomers: z.number().int(),
  updatedCustomers: z.number().int(),
  months: z.array(z.string()),
  assetRows: z.number().int(),
  holdingRows: z.number().int().default(0),
  newStaff: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const ImportBatchSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  kind: ImportKindSchema,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  undoneAt: z.string().nullable(),
  summary: ImportResultSchema.omit({ batchId: true }),
  /** Only the latest batch still in force can be undone. */
  canUndo: z.boolean(),
});
export type ImportBatch = z.infer<typeof ImportBatchSchema>;
