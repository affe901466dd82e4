import { questionOf, type ImportKind } from '../../../../shared/import-fields';
import type { Question } from '../../../../shared/schemas/surveys';
import type { ColumnMapping, ImportProblem } from '../../../../shared/schemas/imports';
import { AppError } from '../../../../shared/errors';
import { detectLayout, KEY_FIELDS, mapColumns, type Layout } from '../import-layout';
import { columnLabel, recordReader, type ImportRecord, type RecordReader, type RowContext } from '../import-rows';
import { readWorkbook, type ReadLimits, type SheetRows, type Workbook } from './read-workbook';

export interface ParseRequest {
  fileName: string;
  bytes: Uint8Array;
  /** `YYYY-MM` of today: later months are in the future. */
  currentMonth: string;
  kind?: ImportKind;
  sheet?: string;
  /** The mapping to use; when absent, `rememberedMappings` for the layout's signature, else the guess. */
  mapping?: ColumnMapping[];
  rememberedMappings?: Record<string, { kind: ImportKind; mapping: ColumnMapping[] }>;
  limits?: ReadLimits;
  /** `YYYY-MM-DD` of today: a survey answered later is in the future. */
  today?: string;
  /** Survey files: the templates (latest versions) their answers may be of, and the one chosen, if any. */
  surveyTemplates?: SurveyTemplateInfo[];
  templateId?: number;
}

export interface SurveyTemplateInfo {
  id: number;
  name: string;
  questions: Question[];
}

export interface ParsedSpreadsheet {
  format: Workbook['format'];
  encoding: string | null;
  sheet: string;
  sheets: string[];
  /** 0-based. */
  headerRow: number;
  kind: ImportKind;
  layout: Pick<Layout, 'signature' | 'titleMonth'>;
  mapping: ColumnMapping[];
  layoutRemembered: boolean;
  /** A survey file: the template its answers are read by. */
  template: SurveyTemplateInfo | null;
  problems: ImportProblem[];
  /** Data rows read: those that gave a record and those refused with an error. */
  rows: number;
  skipped: number;
}

export interface ParsedTable {
  kind: ImportKind;
  sheet: string;
  /** The customer-number column as problems name it (`B 客户号`). */
  keyColumn: string;
  /** A survey file's template. */
  template: SurveyTemplateInfo | null;
}

/** Where a parse sends what it reads as it goes. */
export interface ParseSink {
  /** Rows read of the sheet's rows, every few thousand. */
  rows?(done: number, total: number): void;
  /** The records read, a batch at a time in file order, with what they are of. */
  records(batch: ImportRecord[], table: ParsedTable): void;
}

/** Records per batch sent on: large enough to move cheaply, small enough that the receiver keeps pace. */
const BATCH_RECORDS = 10_000;
/** The first batch is sent sooner, so the receiver starts while the worker reads on. */
const FIRST_BATCH_RECORDS = 1_000;
const ROWS_PER_REPORT = 5_000;

function rejected(message: string, messageEn: string): AppError {
  return new AppError('IMPORT_REJECTED', message, messageEn);
}

/** A survey file's template: the one chosen, else the one whose questions name most of the file's columns. */
function surveyTemplate(request: ParseRequest, headers: Layout['headers']): SurveyTemplateInfo {
  const templates = request.surveyTemplates ?? [];
  if (templates.length === 0)
    throw rejected(
      '还没有问卷模板：请先在“满意度调查 · 问卷模板”中建立问卷，再导入答卷',
      'there is no survey template yet; create one first',
    );
  if (request.templateId !== undefined) {
    const chosen = templates.find((t) => t.id === request.templateId);
    if (!chosen) throw rejected(`找不到问卷（编号 ${request.templateId}）`, `no survey template ${request.templateId}`);
    return chosen;
  }
  const named = (t: SurveyTemplateInfo) =>
    mapColumns(
      headers,
      'surveys',
      t.questions.map((q) => q.text),
    ).filter((m) => questionOf(m.field) !== null).length;
  return templates.reduce((best, t) => (named(t) > named(best) ? t : best));
}

/** The sheet to read (the one asked for, else the first with a recognisable table) and its layout. */
function findTable(workbook: Workbook, request: ParseRequest): { sheet: SheetRows; layout: Layout } {
  const { fileName } = request;
  const candidates = request.sheet ? workbook.sheets.filter((s) => s.name === request.sheet) : workbook.sheets;
  if (request.sheet && candidates.length === 0)
    throw rejected(
      `文件 ${fileName} 中没有名为“${request.sheet}”的工作表`,
      `no sheet named "${request.sheet}" in ${fileName}`,
    );
  for (const sheet of candidates) {
    const layout = detectLayout(sheet.head, request.kind ?? null);
    if (layout?.kind) return { sheet, layout };
  }
  if (candidates.every((s) => s.rowCount <= s.head.length && s.head.every((row) => row.every((cell) => cell === null))))
    throw rejected(`文件 ${fileName} 的工作表是空的`, `the sheets of ${fileName} are empty`);
  throw rejected(
    `文件 ${fileName}：前 20 行中找不到可识别的表头（应含“客户号”以及“客户名称”或“月日均”等列），无法判断是客户信息还是金融资产月报`,
    `${fileName}: no recognisable header in the first 20 rows (expected 客户号 with 客户名称 or 月日均 …)`,
  );
}

/** The mapping read by: the user's, else the one remembered for the layout (of the same kind), else the guess. */
function chooseMapping(
  request: ParseRequest,
  layout: Layout,
  kind: ImportKind,
  template: SurveyTemplateInfo | null,
): { mapping: ColumnMapping[]; remembered: boolean } {
  if (request.mapping) return { mapping: request.mapping, remembered: false };
  const remembered = request.rememberedMappings?.[layout.signature];
  if (remembered !== undefined && remembered.kind === kind) return { mapping: remembered.mapping, remembered: true };
  const questionTexts = template?.questions.map((q) => q.text) ?? [];
  return { mapping: mapColumns(layout.headers, kind, questionTexts), remembered: false };
}

/** Told to read a monthly report as the customer master, its amounts would silently be dropped: refuse. */
function refuseReportAsMaster(request: ParseRequest, sheet: SheetRows, kind: ImportKind): void {
  if (kind === 'customers' && request.kind && detectLayout(sheet.head, null)?.kind === 'assets') {
    throw rejected(
      `文件 ${request.fileName} 是金融资产月报（有“月日均”等金额列），不能按客户信息导入；请把文件类型选为“金融资产月报”`,
      `${request.fileName} is a monthly asset report (it has amount columns); it cannot be imported as the customer master`,
    );
  }
}

/** Reads the sheet's rows, sending the records on a batch at a time and the progress every few thousand rows. */
function readRows(sheet: SheetRows, reader: RecordReader<ImportRecord>, table: ParsedTable, sink: ParseSink): void {
  sheet.forEachRow((row, index) => {
    reader.read(row, index);
    if (index % ROWS_PER_REPORT === 0 && index > 0) sink.rows?.(index, sheet.rowCount);
    if (reader.count > 0 && (reader.count % BATCH_RECORDS === 0 || reader.count === FIRST_BATCH_RECORDS)) {
      const batch = reader.take();
      if (batch.length > 0) sink.records(batch, table);
    }
  });
  const last = reader.take();
  if (last.length > 0) sink.records(last, table);
}

/**
 * Everything of an import that needs no database: read the file, find the table and its kind, map the
 * columns, and read the rows into records with their problems. Runs in the import worker.
 */
export async function parseSpreadsheet(request: ParseRequest, sink: ParseSink): Promise<ParsedSpreadsheet> {
  const { fileName } = request;
  // A view of the bytes, not a copy (Buffer.from of a typed array copies byte by byte).
  const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
  const workbook = await readWorkbook(bytes, fileName, request.limits);
  const { sheet, layout } = findTable(workbook, request);
  const kind = (request.kind ?? layout.kind) as ImportKind;
  const template = kind === 'surveys' ? surveyTemplate(request, layout.headers) : null;
  const { mapping, remembered } = chooseMapping(request, layout, kind, template);
  const context: RowContext = {
    file: fileName,
    sheet: sheet.name,
    date1904: workbook.date1904,
    currentMonth: request.currentMonth,
    titleMonth: layout.titleMonth,
    questions: template?.questions,
    today: request.today,
  };
  refuseReportAsMaster(request, sheet, kind);
  const reader = recordReader(kind, layout.headerRow, mapping, context);
  const key = mapping.find((m) => m.field === KEY_FIELDS[kind]);
  readRows(sheet, reader, { kind, sheet: sheet.name, keyColumn: key ? columnLabel(key) : '', template }, sink);
  const rows =
    reader.count +
    new Set(reader.problems.filter((p) => p.severity === 'error' && p.row !== null).map((p) => p.row)).size;
  if (rows === 0 && reader.problems.length === 0)
    throw rejected(`文件 ${fileName} 只有表头，没有数据行`, `${fileName} has a header but no data rows`);
  return {
    format: workbook.format,
    encoding: workbook.encoding,
    sheet: sheet.name,
    sheets: workbook.sheets.map((s) => s.name),
    headerRow: layout.headerRow,
    kind,
    layout: { signature: layout.signature, titleMonth: layout.titleMonth },
    mapping,
    layoutRemembered: remembered,
    template,
    problems: reader.problems,
    rows,
    skipped: reader.skipped,
  };
}
