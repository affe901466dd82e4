import { z } from 'zod';

export const IMPORT_KINDS = ['customers', 'assets'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const ImportKindSchema = z.enum(IMPORT_KINDS);

/** The kinds' Chinese names, as head office titles its files. */
export const IMPORT_KIND_NAMES: Record<ImportKind, string> = { customers: '客户信息', assets: '金融资产月报' };

export const IMPORT_FIELDS = {
  customers: [
    'customerNo', 'name', 'gender', 'idNumber', 'birthDate', 'mobile', 'occupation', 'annualIncome', 'riskLevel',
    'riskAssessedDate', 'openedDate', 'closedDate', 'managerCode', 'managerName',
  ],
  assets: [
    'customerNo', 'name', 'managerCode', 'managerName', 'month', 'aum', 'deposit', 'demand', 'wealth', 'fund',
    'insurance', 'other', 'loan', 'monthEnd',
  ],
} as const;
export type ImportField = (typeof IMPORT_FIELDS)[ImportKind][number];

/** One column of the file and what it was taken as (null: ignored). */
export const ColumnMappingSchema = z.object({
  column: z.number().int().min(0),
  header: z.string(),
  field: z.string().nullable(),
  /** For amounts: the unit the header names (元 when it names none). */
  unit: z.enum(['yuan', 'wan']).nullable(),
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
