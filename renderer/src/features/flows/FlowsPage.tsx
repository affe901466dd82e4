import { Alert, Box, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, NOT_SHOWN } from '../../../../shared/format';
import { useMoney } from '../../lib/money';
import type { AppInfo } from '../../../../shared/schemas/app';
import type { FlowGroupName, FlowQuery, FlowReport } from '../../../../shared/schemas/flows';
import { BandBarChart } from '../../components/BandBarChart';
import { BranchFiguresNote } from '../../components/BranchFiguresNote';
import { CountLink } from '../../components/CountLink';
import { useSegmentChoice } from '../../components/SegmentChoice';
import { TierMatrixTable } from '../../components/TierMatrixTable';
import { errorText } from '../../lib/api';
import { formatFlowLink } from '../../lib/flowLink';
import { useBranchView } from '../../lib/session';
import { matrixCellHref } from '../../lib/tierAt';
import { useInvoke } from '../../lib/useInvoke';
import { comparisonMonth } from '../../lib/comparisonMonth';
import { MonthSelect } from '../../components/MonthSelect';
import { FlowBreakdownTable } from './FlowBreakdownTable';

/** The table's rows: groups, and their parts indented under them. */
const ROWS: Array<{ group: FlowGroupName; part?: boolean }> = [
  { group: 'start' },
  { group: 'retained' },
  { group: 'lost' },
  { group: 'lostDown', part: true },
  { group: 'lostUp', part: true },
  { group: 'lostChurned', part: true },
  { group: 'new' },
  { group: 'newUp', part: true },
  { group: 'newDown', part: true },
  { group: 'newOpened', part: true },
  { group: 'viaWealth', part: true },
  { group: 'viaHousehold', part: true },
  { group: 'end' },
];
/** The chart's stacks: A = retained + each way of leaving; B = retained + each way of entering. */
const CHART = [
  { group: 'retained', color: '#1f4e79', a: true, b: true },
  { group: 'lostDown', color: '#e57373', a: true, b: false },
  { group: 'lostUp', color: '#9575cd', a: true, b: false },
  { group: 'lostChurned', color: '#b71c1c', a: true, b: false },
  { group: 'newUp', color: '#81c784', a: false, b: true },
  { group: 'newDown', color: '#ffb74d', a: false, b: true },
  { group: 'newOpened', color: '#2e7d32', a: false, b: true },
] as const;
const num = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** 两期迁徙分析: a tier or a 月日均 threshold between two months, every number a link to its customers. */
export function FlowsPage({ info, month }: { info: AppInfo; month: string | null }) {
  const { t, i18n } = useTranslation();
  const months = info.months;
  // To begin with: the same month a year earlier (or the earliest since) → the data month chosen in the app bar.
  const [toChoice, setTo] = useState<string | null>(null);
  const [fromChoice, setFrom] = useState<string | null>(null);
  const to = toChoice ?? month ?? '';
  const from = fromChoice ?? (to ? (comparisonMonth(months, to, 12) ?? '') : '');
  const { segment, controls } = useSegmentChoice('migration');
  const branch = useBranchView();
  const query: FlowQuery | null = from && to && segment ? { fromMonth: from, toMonth: to, ...segment } : null;
  const report = useInvoke('flows.report', query);
  const data = report.data && report.current ? report.data : null;

  return (
    <Stack spacing={1.5} sx={{ p: 2, overflowY: 'auto' }}>
      <Typography variant="h6" component="h1">
        {t('flows.title')}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {t('flows.hint')}
      </Typography>
      <BranchFiguresNote branch={branch} />
      <Stack direction="row" spacing={2} alignItems="flex-start" flexWrap="wrap" useFlexGap>
        <MonthSelect
          label={t('flows.from')}
          value={from}
          months={months}
          onChange={setFrom}
          width={140}
          testId="migration-from"
        />
        <MonthSelect
          label={t('flows.to')}
          value={to}
          months={months}
          onChange={setTo}
          width={140}
          testId="migration-to"
        />
        {controls}
      </Stack>
      {report.error ? <Alert severity="warning">{errorText(report.error, i18n.language)}</Alert> : null}
      {data && query && <FlowTables data={data} query={query} linked={branch.rows} />}
    </Stack>
  );
}

/** Each group's count (a link to its customers), its 月日均 at A and at B, and the average at either end. */
function GroupsTable({ data, query, linked }: { data: FlowReport; query: FlowQuery; linked: boolean }) {
  const { t } = useTranslation();
  const money = useMoney();
  const g = data.groups;
  const href = (group: FlowGroupName) => `#/customers?migration=${formatFlowLink(query, group)}`;
  const average = (fen: number | null, count: number) =>
    count === 0 || fen === null ? NOT_SHOWN : money.amount(Math.round(fen / count));
  return (
    <Paper variant="outlined">
      <Table size="small" data-testid="migration-groups">
        <TableHead>
          <TableRow>
            <TableCell>{t('flows.group')}</TableCell>
            <TableCell sx={num}>{t('flows.count')}</TableCell>
            <TableCell sx={num}>{money.header(t('flows.aumA', { month: data.fromMonth }))}</TableCell>
            <TableCell sx={num}>{money.header(t('flows.aumB', { month: data.toMonth }))}</TableCell>
            <TableCell sx={num}>{money.header(t('flows.average'))}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {ROWS.map(({ group, part }) => {
            const figures = g[group];
            const edge = group === 'start' || group === 'end';
            return (
              <TableRow key={group} hover sx={edge ? { backgroundColor: 'action.hover' } : undefined}>
                <TableCell sx={{ pl: part ? 4 : 2, fontWeight: edge ? 600 : undefined, whiteSpace: 'nowrap' }}>
                  {t(`flows.groups.${group}`)}
                </TableCell>
                <TableCell sx={num}>
                  <CountLink href={linked ? href(group) : null} testId={`migration-count-${group}`}>
                    {formatCount(figures.count)}
                  </CountLink>
                </TableCell>
                <TableCell sx={num}>{group === 'end' ? '' : money.amount(figures.aumAFen)}</TableCell>
                <TableCell sx={num}>{group === 'start' ? '' : money.amount(figures.aumBFen)}</TableCell>
                <TableCell sx={num}>
                  {group === 'start'
                    ? average(figures.aumAFen, figures.count)
                    : group === 'end'
                      ? average(figures.aumBFen, figures.count)
                      : ''}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Paper>
  );
}

/** The customers at A and at B, stacked by how they stayed, left or came. */
function FlowChart({ data }: { data: FlowReport }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" sx={{ p: 1, flexGrow: 1, minWidth: 320 }}>
      <Typography variant="subtitle2">{t('flows.chart')}</Typography>
      <Box data-testid="migration-chart">
        <BandBarChart
          height={300}
          categories={[data.fromMonth, data.toMonth]}
          series={CHART.map((s) => ({
            id: s.group,
            label: t(`flows.groups.${s.group}`),
            color: s.color,
            stack: 'customers',
            data: [s.a ? data.groups[s.group].count : 0, s.b ? data.groups[s.group].count : 0],
          }))}
        />
      </Box>
    </Paper>
  );
}

/** The report: groups and chart side by side, the net change and its notes, and the tier matrix. */
function FlowTables({ data, query, linked }: { data: FlowReport; query: FlowQuery; linked: boolean }) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} alignItems="flex-start" flexWrap="wrap" useFlexGap>
        <GroupsTable data={data} query={query} linked={linked} />
        <FlowChart data={data} />
      </Stack>
      <Stack spacing={0.5}>
        <Typography variant="body2" data-testid="migration-net">
          {t('flows.net', {
            count: `${data.net.count >= 0 ? '+' : ''}${formatCount(data.net.count)}`,
            aum: `${(data.net.aumFen ?? -1) >= 0 ? '+' : ''}${money.text(data.net.aumFen)}`,
          })}
        </Typography>
        <Typography variant="body2">
          {t('flows.viaWealth', { count: data.groups.viaWealth.count, rise: money.text(data.viaWealthRiseFen) })}
        </Typography>
        {data.renumbered.length > 0 && (
          <Typography variant="body2">
            {t('flows.renumbered', {
              pairs: data.renumbered.map((r) => `${r.fromCustomerNo} → ${r.toCustomerNo}`).join('、'),
            })}
          </Typography>
        )}
      </Stack>
      <FlowBreakdownTable query={query} />
      <Paper variant="outlined" sx={{ p: 1.5 }}>
        <Typography variant="subtitle1">{t('flows.matrix')}</Typography>
        <TierMatrixTable
          corner={`${data.fromMonth} → ${data.toMonth}`}
          rows={data.matrix.rows}
          columns={data.matrix.columns}
          cells={data.matrix.cells}
          withNotAssessed
          cellHref={linked ? matrixCellHref(data.fromMonth, data.toMonth) : undefined}
          testId="migration-matrix"
        />
      </Paper>
    </Stack>
  );
}
