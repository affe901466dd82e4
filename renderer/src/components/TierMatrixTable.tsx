import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../../shared/format';
import { useMoney } from '../lib/money';
import type { TierMatrix } from '../../../shared/schemas/tier-views';
import { CountLink } from './CountLink';

const num = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

interface TierMatrixTableProps {
  /** The top-left cell: what rows and columns are (e.g. "2025-10 → 2026-10"). */
  corner: string;
  rows: Array<{ code: string; name: string }>;
  columns: Array<{ code: string; name: string }>;
  cells: TierMatrix['cells'];
  /**
   * Add a row 新进 (in no tier in the first month) and a column 流失/无数据 (in no tier in the second), and the totals of
   * each row and column (docs/domain.md, "Presence").
   */
  withNotAssessed: boolean;
  /** Colour the cells of customers who change tier (a what-if preview). */
  highlightMoves?: boolean;
  /** Where a cell's count links to (its customers), when it does. */
  cellHref?(from: string | null, to: string | null): string;
  testId: string;
}

/** Customers by tier × tier, with each cell's 月日均 (of the second) in brackets; the diagonal is shaded. */
export function TierMatrixTable({
  corner,
  rows,
  columns,
  cells,
  withNotAssessed,
  highlightMoves = false,
  cellHref,
  testId,
}: TierMatrixTableProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const rowList: Array<{ code: string | null; name: string }> = withNotAssessed
    ? [...rows, { code: null, name: t('tiers.entered') }]
    : rows;
  const columnList: Array<{ code: string | null; name: string }> = withNotAssessed
    ? [...columns, { code: null, name: t('tiers.leftOrNoData') }]
    : columns;
  // Margins: a tier row's total is its count in the first month, a tier column's its count in the second.
  const total = (match: (cell: TierMatrix['cells'][number]) => boolean) => {
    const matching = cells.filter(match);
    return matching.length === 0 ? null : matching.reduce((sum, c) => sum + c.count, 0);
  };
  const totalCell = (count: number | null) => (
    <TableCell sx={{ ...num, fontWeight: 500 }}>{count === null ? '—' : formatCount(count)}</TableCell>
  );
  return (
    <Table size="small" data-testid={testId}>
      <TableHead>
        <TableRow>
          <TableCell>
            {corner}
            <Typography variant="caption" color="text.secondary" component="div" sx={{ whiteSpace: 'nowrap' }}>
              {money.header(t('tiers.matrixBracket'))}
            </Typography>
          </TableCell>
          {columnList.map((c) => (
            <TableCell key={c.code ?? 'none'} sx={num}>
              {c.name}
            </TableCell>
          ))}
          {withNotAssessed && <TableCell sx={num}>{t('tiers.matrixTotal')}</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {rowList.map((row) => (
          <TableRow key={row.code ?? 'none'} hover>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{row.name}</TableCell>
            {columnList.map((col) => {
              const cell = cells.find((c) => c.from === row.code && c.to === col.code);
              const diagonal = row.code !== null && row.code === col.code;
              const moved = highlightMoves && !diagonal && cell !== undefined;
              return (
                <TableCell
                  key={col.code ?? 'none'}
                  sx={{ ...num, backgroundColor: diagonal ? 'action.hover' : moved ? 'warning.light' : undefined }}
                >
                  {cell ? (
                    <>
                      <CountLink href={cellHref ? cellHref(row.code, col.code) : null}>
                        {formatCount(cell.count)}
                      </CountLink>
                      <Typography component="span" variant="caption" color="text.secondary">
                        {' '}
                        ({money.amount(cell.toAumFen)})
                      </Typography>
                    </>
                  ) : (
                    '—'
                  )}
                </TableCell>
              );
            })}
            {withNotAssessed && totalCell(total((c) => c.from === row.code))}
          </TableRow>
        ))}
        {withNotAssessed && (
          <TableRow>
            <TableCell sx={{ fontWeight: 500 }}>{t('tiers.matrixTotal')}</TableCell>
            {columnList.map((col) => (
              <Fragment key={col.code ?? 'none'}>{totalCell(total((c) => c.to === col.code))}</Fragment>
            ))}
            <TableCell />
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}
