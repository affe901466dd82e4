import { z } from 'zod';
import { IMPORT_KINDS } from '../import-fields';

export {
  IMPORT_FIELDS,
  IMPORT_KINDS,
  IMPORT_KIND_NAMES,
  MONEY_FIELDS,
  columnLetter,
  questionField,
  type ImportField,
  type ImportKind,
} from '../import-fields';

export const ImportKindSchema = z.enum(IMPORT_KINDS);

/** Files in one import at most (a master, the books, two years of months, holdings, surveys). */
export const MAX_IMPORT_FILES = 30;

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
  format: z.enum(['xlsx', 'xlsb', 'xls', 'csv']),
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
  holdings: z
    .object({ customers: z.number().int(), rows: z.number().int(), replacesRows: z.number().int() })
    .nullable(),
  /** Product catalogues: products added, changed and the same as stored, rows written. */
  products: z
    .object({
      added: z.number().int(),
      changed: z.number().int(),
      same: z.number().int(),
      rows: z.number().int(),
    })
    .nullable(),
  /**
   * Survey answers: the template (latest version) read by, its questions, the responses to record, those with a low
   * score, and of those the ones that get a follow-up action (the others are warnings saying why not).
   */
  surveys: z
    .object({
      templateId: z.number().int(),
      templateName: z.string(),
      questions: z.array(z.string()),
      responses: z.number().int(),
      lowScores: z.number().int(),
      followUps: z.number().int(),
    })
    .nullable(),
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
  productRows: z.number().int().default(0),
  surveyRows: z.number().int().default(0),
  /** Benefit uses recorded (benefit-usage files). */
  benefitUseRows: z.number().int().default(0),
  /** Memberships recorded (households files). */
  householdRows: z.number().int().default(0),
  /** Follow-up actions created for low scores (survey answers). */
  followUps: z.number().int().default(0),
  newStaff: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

/** What one import (a set of one or more files) would change: each file in the order it is imported, and in all. */
export const ImportSetPreviewSchema = z.object({
  /**
   * The files in import order: customer master, assignments, assessments, months (ascending), products, holdings,
   * surveys.
   */
  files: z.array(ImportPreviewSchema),
  /** For each file in import order, its place among the files as they were given. */
  order: z.array(z.number().int()),
  totals: ImportPreviewSchema.pick({
    rows: true,
    skipped: true,
    newCustomers: true,
    updatedCustomers: true,
    unchangedCustomers: true,
    months: true,
    newStaff: true,
    errors: true,
    warnings: true,
  }),
  /** Months already in the database the import replaces (confirmed before committing), with their rows. */
  replaces: z.array(z.object({ month: z.string(), rows: z.number().int() })),
  canCommit: z.boolean(),
});
export type ImportSetPreview = z.infer<typeof ImportSetPreviewSchema>;

/** What an import wrote: its set (the id of its first batch), each file's batch, and the totals. */
export const ImportSetResultSchema = ImportResultSchema.omit({ batchId: true }).extend({
  setId: z.number().int(),
  /** Whether the tiers were recomputed: not after files that change nothing they are made of (books, assessments, catalogue, holdings, survey answers). */
  tiersRecomputed: z.boolean(),
  files: z.array(ImportResultSchema.extend({ fileName: z.string(), kind: ImportKindSchema })),
});
export type ImportSetResult = z.infer<typeof ImportSetResultSchema>;

export const ImportBatchSchema = z.object({
  id: z.number().int(),
  /** The set it was imported in (the id of the set's first batch): undone together. */
  setId: z.number().int(),
  fileName: z.string(),
  kind: ImportKindSchema,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  undoneAt: z.string().nullable(),
  summary: ImportResultSchema.omit({ batchId: true }),
  /** Only the latest set still in force can be undone (all its batches together). */
  canUndo: z.boolean(),
});
export type ImportBatch = z.infer<typeof ImportBatchSchema>;
