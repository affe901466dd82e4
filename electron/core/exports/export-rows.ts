/**
 * Every export's customer rows as the one exporting may see them, row by row, from what each column says about the
 * customer (`ReportColumn.customer`) — the same rule dispatch applies to answers (docs/architecture.md, "Trust"):
 * a 客户经理 without the branch view gets only their book's rows, a teller no balance and (by the access settings)
 * masked names, and ID numbers and mobiles are masked unless exported in full with a reason.
 */
import type { CustomerView } from '../trust/access-scope';
import { inMixedHouseholds, managersOfCustomers } from '../customers/lookup';
import { maskIdNumber, maskMobile, maskName } from '../trust/masking';
import type { CellValue, CustomerColumn } from './report-writer';
import type { ReportSheet } from './write-report';
import type { CoreContext } from '../platform/context';

/**
 * A cell as `view` may see it; `mixed`: the row's customer is in a household reaching another book, whose amounts a
 * narrowed viewer does not get (some are measured from the household's figure; docs/domain.md, "Households").
 */
function shownCell(
  view: CustomerView,
  full: boolean,
  column: CustomerColumn | undefined,
  cell: CellValue,
  mixed: boolean,
): CellValue {
  if (typeof cell !== 'string' && column !== 'balance') return cell;
  switch (column) {
    case 'name':
      return view.masksNames ? maskName(cell as string) : cell;
    case 'balance':
      return view.hidesBalances || mixed ? null : cell;
    case 'idNumber':
      return full ? cell : maskIdNumber(cell as string);
    case 'mobile':
      return full ? cell : maskMobile(cell as string);
    default:
      return cell;
  }
}

/**
 * A sheet narrowed and masked for `view` (`full`: ID numbers and mobiles as they are). A sheet with customer
 * columns must have the customer number among them, or whose rows they are could not be told: a mistake in a
 * template, refused rather than written.
 */
export function protectSheet(ctx: CoreContext, view: CustomerView, full: boolean, sheet: ReportSheet): ReportSheet {
  const columns = sheet.spec.columns.map((c) => c.customer);
  const number = columns.indexOf('number');
  if (number < 0) {
    if (columns.some((c) => c !== undefined))
      throw new Error(`export sheet ${sheet.spec.name}: customer columns without the customer number`);
    return sheet;
  }
  const hidden = (column: CustomerColumn | undefined) => column === 'balance' && view.hidesBalances;
  const spec = {
    ...sheet.spec,
    columns: sheet.spec.columns.map((c) => (hidden(c.customer) ? { ...c, sum: false } : c)),
  };
  async function* rows(): AsyncGenerator<CellValue[][]> {
    for await (const chunk of sheet.chunks) {
      const customerNos = chunk.map((row) => row[number]).filter((no): no is string => typeof no === 'string');
      const managers = view.bookOf === null ? null : managersOfCustomers(ctx.store.sqlite, customerNos);
      const mixed =
        view.bookOf === null ? new Set<string>() : inMixedHouseholds(ctx.store.sqlite, [view.bookOf], customerNos);
      // A row without a customer (a complaint registered without one) is in nobody's book and names no one.
      const inBook = (row: CellValue[]) =>
        managers === null || row[number] === null || managers.get(row[number] as string) === view.bookOf;
      yield chunk
        .filter(inBook)
        .map((row) => row.map((cell, i) => shownCell(view, full, columns[i], cell, mixed.has(row[number] as string))));
    }
  }
  return { ...sheet, spec, chunks: rows() };
}
