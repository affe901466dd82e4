import { Alert, Box, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/contract';
import type { ResultFigures } from '../../../../shared/schemas/retention';
import { BandBarChart } from '../../components/BandBarChart';
import { errorText } from '../../lib/api';
import { useInvoke } from '../../lib/useInvoke';
import { formatCount } from '../../../../shared/format';

import { staffName } from '../../../../shared/staff-name';
import { MonthSelect } from '../../components/MonthSelect';

const FIGURES: Array<keyof ResultFigures> = [
  'warned',
  'inWatch',
  'actions',
  'saved',
  'heldWithoutAction',
  'downgraded',
  'churned',
];
const TREND = [
  { key: 'watch', label: 'results.watch', color: '#f0a030' },
  { key: 'downgraded', label: 'results.downgradedMonth', color: '#c62828' },
  { key: 'actions', label: 'results.actionsMonth', color: '#1f4e79' },
  { key: 'saved', label: 'results.savedMonth', color: '#2e7d32' },
] as const;
const num = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

type Results = ChannelOutput<'retention.results'>;

/** Each manager's figures over the period, and the branch's total. */
function ResultsTable({ data }: { data: Results }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid="retention-results">
        <TableHead>
          <TableRow>
            <TableCell>{t('results.manager')}</TableCell>
            {FIGURES.map((f) => (
              <TableCell key={f} sx={num}>
                {t(`results.${f}`)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {data.managers.map((m) => (
            <TableRow key={m.managerCode ?? 'none'} hover>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {staffName(m.managerName, m.managerCode) ?? t('customers.unassigned')}
              </TableCell>
              {FIGURES.map((f) => (
                <TableCell key={f} sx={num}>
                  {formatCount(m[f])}
                </TableCell>
              ))}
            </TableRow>
          ))}
          <TableRow>
            <TableCell sx={{ fontWeight: 600 }}>{t('results.total')}</TableCell>
            {FIGURES.map((f) => (
              <TableCell key={f} sx={{ ...num, fontWeight: 600 }}>
                {formatCount(data.total[f])}
              </TableCell>
            ))}
          </TableRow>
        </TableBody>
      </Table>
    </Paper>
  );
}

/** 保级成效: per manager and for the branch over a period, with the month-by-month trend. */
export function RetentionResultsPanel({ months }: { months: string[] }) {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState(months[Math.min(months.length - 1, 3)] ?? '');
  const [to, setTo] = useState(months[0] ?? '');
  const results = useInvoke('retention.results', from && to ? { fromMonth: from, toMonth: to } : null);
  const data = results.data;
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={2} alignItems="center">
        <MonthSelect
          label={t('results.from')}
          value={from}
          months={months}
          onChange={setFrom}
          width={140}
          testId="results-from"
        />
        <MonthSelect
          label={t('results.to')}
          value={to}
          months={months}
          onChange={setTo}
          width={140}
          testId="results-to"
        />
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {t('results.hint')}
      </Typography>
      {results.error ? <Alert severity="info">{errorText(results.error, i18n.language)}</Alert> : null}
      {data && (
        <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2} alignItems="flex-start">
          <ResultsTable data={data} />
          <Paper variant="outlined" sx={{ p: 1, flexGrow: 1, minWidth: 360 }}>
            <Typography variant="subtitle2">{t('results.trend')}</Typography>
            <Box data-testid="results-chart">
              <BandBarChart
                height={260}
                categories={data.months.map((m) => m.month)}
                series={TREND.map((s) => ({
                  id: s.key,
                  label: t(s.label),
                  color: s.color,
                  data: data.months.map((m) => m[s.key]),
                }))}
              />
            </Box>
          </Paper>
        </Stack>
      )}
    </Stack>
  );
}
