/** What refuses an import set as a whole, or a file of it (docs/domain.md, "Head-office spreadsheets"). */
import { AppError } from '../../../shared/errors';
import { formatDateTime } from '../../../shared/format';
import type { ImportPreview, ImportProblem, ImportSetPreview } from '../../../shared/schemas/imports';
import type { ReadImport } from './import-read';

/** What commits are given: whether the user confirmed replacing months, and who acts. */
export interface CommitOptions {
  /** The user confirmed that months already in the database are replaced. */
  replaceMonths: boolean;
  staffCode: string | null;
}

/** A problem of the whole file, as the set sees it: an error that keeps the set from being imported. */
function fileError(read: ReadImport, message: string, messageEn: string): ImportProblem {
  return {
    severity: 'error',
    file: read.name,
    sheet: read.parsed.sheet,
    row: null,
    column: null,
    value: null,
    message,
    messageEn,
  };
}

/**
 * What the set refuses of its files, by file: the same file twice, two customer masters (a master names no branch,
 * so two cannot be told to be the same branch's), the same month in two monthly reports.
 */
export function setProblems(reads: ReadImport[]): ImportProblem[][] {
  return reads.map((read, i) => {
    const before = reads.slice(0, i);
    const problems: ImportProblem[] = [];
    const same = before.find((r) => r.sha256 === read.sha256);
    if (same)
      problems.push(
        fileError(
          read,
          `与本次的“${same.name}”是同一个文件，同一文件只能导入一次`,
          `the same file as “${same.name}” in this import; a file is imported once`,
        ),
      );
    const master = before.find((r) => r.parsed.kind === 'customers');
    if (read.parsed.kind === 'customers' && master && !same)
      problems.push(
        fileError(
          read,
          `本次已有客户信息“${master.name}”：客户信息不含机构号，两份无法确认属于同一支行；请每次只导入一份客户信息`,
          `“${master.name}” is a customer master too: masters carry no branch code, so two cannot be told to be the same branch's; import one master at a time`,
        ),
      );
    for (const month of read.months) {
      const other = before.find((r) => r.months.includes(month));
      if (other && !same)
        problems.push(
          fileError(
            read,
            `${month} 的月报同时在“${other.name}”和本文件中；同一月份只能来自一个文件`,
            `${month} is in both “${other.name}” and this file; a month comes from one file`,
          ),
        );
    }
    return problems;
  });
}

/** A planned file that cannot be imported, and why, naming it. */
export function refusal({ preview, problems }: { preview: ImportPreview; problems: ImportProblem[] }): AppError {
  if (preview.alreadyImported)
    return new AppError(
      'CONFLICT',
      `“${preview.fileName}”已于 ${formatDateTime(preview.alreadyImported.at)} 导入（批次 ${preview.alreadyImported.batchId}），不会重复导入；未写入任何数据`,
      `“${preview.fileName}” was already imported (batch ${preview.alreadyImported.batchId}); nothing was written`,
      { batchId: preview.alreadyImported.batchId },
    );
  const first = problems.find((p) => p.severity === 'error');
  if (!first)
    return new AppError(
      'IMPORT_REJECTED',
      `“${preview.fileName}”没有可导入的数据；未写入任何数据`,
      `“${preview.fileName}” has no data to import; nothing was written`,
    );
  return new AppError(
    'IMPORT_REJECTED',
    `“${preview.fileName}”有 ${preview.errors} 处错误（${first.message}），请修正后重新导入；未写入任何数据`,
    `“${preview.fileName}” has ${preview.errors} errors (${first.messageEn}); fix them and import again — nothing was written`,
  );
}

/** Months already in the database that the files replace, with the rows they have. */
export function replacedMonths(files: ImportPreview[]): ImportSetPreview['replaces'] {
  return files
    .flatMap((f) => f.months.filter((m) => m.replacesRows > 0).map((m) => ({ month: m.month, rows: m.replacesRows })))
    .sort((a, b) => a.month.localeCompare(b.month));
}

/** Months already in the database are replaced only once the user has confirmed it; the refusal names each. */
export function refuseUnconfirmedMonths(files: ImportPreview[], options: CommitOptions): void {
  const replaced = replacedMonths(files);
  if (replaced.length > 0 && !options.replaceMonths) {
    const months = replaced.map((m) => `${m.month}（${m.rows.toLocaleString('en-US')} 行）`).join('、');
    throw new AppError(
      'CONFLICT',
      `将替换 ${months} 已有的数据，请确认替换后再导入；未写入任何数据`,
      `this replaces the data of ${replaced.map((m) => `${m.month} (${m.rows} rows)`).join(', ')}; confirm to go on — nothing was written`,
      { months: replaced.map((m) => m.month) },
    );
  }
}
