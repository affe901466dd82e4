import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { ColumnMappingSchema, type ColumnMapping, type ImportKind } from '../../../shared/schemas/imports';
import type { CoreContext } from '../platform/context';
import { pause, type JobControl } from '../platform/jobs';
import { listTemplates } from '../surveys/surveys';
import { createAssetStage, dropAssetStage, listLayouts, stageAssets } from './imports-repository';
import { IMPORT_KIND_SPECS } from './kinds';
import { packRecords, type PackedRecords } from './packed-records';
import type { ReadLimits } from './parse/read-workbook';
import {
  parseSpreadsheet,
  type ParsedSpreadsheet,
  type ParsedTable,
  type ParseRequest,
} from './parse/parse-spreadsheet';
import { parseInWorker } from './parse-in-worker';

/** A file of an import, with what the user chose of how to read it. */
export interface ImportFile {
  name: string;
  bytes: Buffer;
  /** Overrides the kind guessed from the headers. */
  kind?: ImportKind;
  /** The sheet to read (default: the first with a recognisable table). */
  sheet?: string;
  /** The user's column mapping (default: the remembered one for this layout, else the guess). */
  mapping?: ColumnMapping[];
  /** Survey answers: the template they are of (default: the one whose questions name most columns). */
  templateId?: number;
}

export interface ReadOptions {
  /** Reader limits (tests shrink them). */
  limits?: ReadLimits;
  /** Parse in this thread instead of a worker (tests of the service logic). */
  inProcess?: boolean;
}

/** A file read, before it is planned: what the worker found, and its records as the worker sent them (columns). */
export interface ReadImport {
  name: string;
  sha256: string;
  parsed: ParsedSpreadsheet;
  table: ParsedTable;
  batches: PackedRecords[];
  /** The months of a monthly report's records (none for the other kinds), ascending. */
  months: string[];
  /** The user chose the mapping: remember it for this layout when committing. */
  mappingChosen: boolean;
  /** A kind whose rows are staged as read (`ImportKindSpec.staged`): its stage, null once let go of. */
  stage: string | null;
}

/** Lets go of the rows staged for these files (after a commit, or when their preview is dropped). */
export function releaseReads(sqlite: Database, reads: ReadImport[]): void {
  for (const read of reads) {
    if (read.stage !== null) dropAssetStage(sqlite, read.stage);
    read.stage = null;
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

/** What the worker reads: the file, and what the branch knows of its files (mappings chosen before, survey templates). */
function parseRequest(ctx: CoreContext, file: ImportFile, options: ReadOptions): ParseRequest {
  return {
    fileName: file.name,
    bytes: file.bytes,
    currentMonth: ctx.today().slice(0, 7),
    kind: file.kind,
    sheet: file.sheet,
    mapping: file.mapping,
    rememberedMappings: rememberedMappings(ctx.store.sqlite),
    limits: options.limits,
    today: ctx.today(),
    surveyTemplates: listTemplates(ctx).templates.map(({ id, name, questions }) => ({ id, name, questions })),
    templateId: file.templateId,
  };
}

/**
 * Reads a file (in a worker thread): its kind, header, column mapping, the problems of its cells, and its records,
 * kept as the worker sent them until the import plans them (docs/architecture.md, "Adding things").
 */
export async function readImport(
  ctx: CoreContext,
  file: ImportFile,
  options: ReadOptions = {},
  control?: JobControl,
): Promise<ReadImport> {
  // Reading the file has no measure of its own; the rows then count up.
  control?.report('parse', 0, 0);
  const request = parseRequest(ctx, file, options);
  const batches: PackedRecords[] = [];
  let table: ParsedTable | null = null;
  let stage: string | null = null;
  const { sqlite } = ctx.store;
  const rows = control ? (done: number, total: number) => control.report('validate', done, total) : undefined;
  // Each batch kept for planning; a monthly report's also staged as it comes (while the worker reads on).
  const keep = (records: PackedRecords, of: ParsedTable) => {
    table ??= of;
    batches.push(records);
    if (IMPORT_KIND_SPECS[of.kind].staged) stageAssets(sqlite, (stage ??= createAssetStage(sqlite)), records);
  };
  try {
    const parsing = options.inProcess
      ? parseSpreadsheet(request, { rows, records: (batch, of) => keep(packRecords(batch), of) })
      : parseInWorker(request, { rows, records: keep }, control?.signal);
    const sha256 = createHash('sha256').update(file.bytes).digest('hex'); // while the worker starts
    const parsed = await parsing;
    await pause(control?.signal);
    const months = new Set<string>();
    for (const batch of batches) for (const month of batch.texts.month ?? []) if (month) months.add(month);
    return {
      name: file.name,
      sha256,
      parsed,
      table: table ?? { kind: parsed.kind, sheet: parsed.sheet, keyColumn: '', template: parsed.template },
      batches,
      months: [...months].sort(),
      mappingChosen: file.mapping !== undefined,
      stage,
    };
  } catch (error) {
    if (stage !== null) dropAssetStage(sqlite, stage);
    throw error;
  }
}
