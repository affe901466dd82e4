import { Alert, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/contract';
import { formatCount } from '../../../../shared/format';
import { useMoney } from '../../lib/money';
import { SEGMENT_DIMENSIONS, type SegmentDimension } from '../../../../shared/schemas/segments';
import { SelectField } from '../../components/SelectField';
import { errorText } from '../../lib/api';
import { useInvoke } from '../../lib/useInvoke';
import { useBranchView } from '../../lib/session';
import { BranchFiguresNote } from '../../components/BranchFiguresNote';
import { CountLink } from '../../components/CountLink';

const num = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** The list link of one cell: both dimensions' values as the list's filter. */
function cellLink(rows: SegmentDimension, row: string, columns: SegmentDimension, column: string): string {
  const params = new URLSearchParams();
  params.set(rows, row);
  params.set(columns, column);
  return `#/customers?${params.toString()}`;
}

/** Customers (and 月日均) per cell of the two dimensions, each row with its total; a cell links to its list. */
function SegmentGrid({ data, linked }: { data: ChannelOutput<'segments.grid'>; linked: boolean }) {
  const { t } = useTranslation();
  const money = useMoney();
  const cell = (row: string, column: string) => data.cells.find((c) => c.row === row && c.column === column);
  const rowTotal = (row: string) => data.cells.filter((c) => c.row === row).reduce((n, c) => n + c.count, 0);
  return (
    <Paper variant="outlined">
      <Table size="small" data-testid="segment-grid">
        <TableHead>
          <TableRow>
            <TableCell>
              {t(`segments.dimension.${data.rows.dimension}`)} × {t(`segments.dimension.${data.columns.dimension}`)}
              <Typography variant="caption" color="text.secondary" component="div" sx={{ whiteSpace: 'nowrap' }}>
                {money.header(t('tiers.matrixBracket'))}
              </Typography>
            </TableCell>
            {data.columns.values.map((c) => (
              <TableCell key={c.value} sx={num}>
                {c.label}
              </TableCell>
            ))}
            <TableCell sx={num}>{t('tiers.total')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.rows.values.map((r) => (
            <TableRow key={r.value} hover>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.label}</TableCell>
              {data.columns.values.map((c) => {
                const found = cell(r.value, c.value);
                return (
                  <TableCell key={c.value} sx={num}>
                    {found ? (
                      <CountLink
                        href={linked ? cellLink(data.rows.dimension, r.value, data.columns.dimension, c.value) : null}
                      >
                        {formatCount(found.count)}
                        <Typography component="span" variant="caption" color="text.secondary">
                          {' '}
                          ({money.amount(found.aumFen)})
                        </Typography>
                      </CountLink>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                );
              })}
              <TableCell sx={{ ...num, fontWeight: 600 }}>{formatCount(rowTotal(r.value))}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}

/** 客户细分: any two dimensions as rows × columns, customers and 月日均 per cell; a cell opens its customers. */
export function SegmentGridPage({ month }: { month: string | null }) {
  const { t, i18n } = useTranslation();
  const [rows, setRows] = useState<SegmentDimension>('tier');
  const [columns, setColumns] = useState<SegmentDimension>('lifecycle');
  const dimensionOptions = SEGMENT_DIMENSIONS.map((d) => ({ value: d, label: t(`segments.dimension.${d}`) }));
  const branch = useBranchView();
  const grid = useInvoke('segments.grid', month ? { month, rows, columns } : null);
  const data = grid.data && grid.current ? grid.data : null;

  return (
    <Stack spacing={2} sx={{ p: 2, overflowY: 'auto' }}>
      <Typography variant="h6" component="h1">
        {t('segments.title')} {month ? `· ${month}` : ''}
      </Typography>
      <Stack direction="row" spacing={2}>
        <SelectField<SegmentDimension>
          label={t('segments.rows')}
          value={rows}
          options={dimensionOptions}
          onChange={setRows}
          width={180}
          testId="grid-rows"
        />
        <SelectField<SegmentDimension>
          label={t('segments.columns')}
          value={columns}
          options={dimensionOptions}
          onChange={setColumns}
          width={180}
          testId="grid-columns"
        />
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {t('segments.hint')}
      </Typography>
      <BranchFiguresNote branch={branch} />
      {grid.error ? <Alert severity="info">{errorText(grid.error, i18n.language)}</Alert> : null}
      {data && <SegmentGrid data={data} linked={branch.rows} />}
    </Stack>
  );
}
