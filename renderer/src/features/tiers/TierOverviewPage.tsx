import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import {
  Alert,
  Box,
  Button,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { ExportButton } from '../../components/ExportButton';
import { JobProgressDialog, useJob } from '../../components/JobProgressDialog';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/contract';
import { formatCount, formatPercent, NOT_SHOWN } from '../../../../shared/format';
import { addMonths } from '../../../../shared/month';
import { useMoney } from '../../lib/money';
import type { AppInfo } from '../../../../shared/schemas/app';
import { StatusChip, TierChip } from '../../components/TierChips';
import { BranchFiguresNote } from '../../components/BranchFiguresNote';
import { TierMatrixTable } from '../../components/TierMatrixTable';
import { errorText } from '../../lib/api';
import { useInvoke } from '../../lib/useInvoke';
import { useAttempt } from '../../lib/useAttempt';
import { useBranchView } from '../../lib/session';
import { formatTierAt, matrixCellHref } from '../../lib/tierAt';
import { CountLink } from '../../components/CountLink';
import { useSession } from '../../lib/session';
import { comparisonMonth } from '../../lib/comparisonMonth';
import { MonthSelect } from '../../components/MonthSelect';

/** ▲ / ▼ with the change, so the direction is never told by colour alone. */
function Change({ now, before, format }: { now: number | null; before: number | null; format(n: number): string }) {
  if (now === null || before === null || now === before) return <span>—</span>;
  const up = now > before;
  const Icon = up ? ArrowUpwardIcon : ArrowDownwardIcon;
  return (
    <Box
      component="span"
      sx={{ display: 'inline-flex', alignItems: 'center', color: up ? 'success.main' : 'error.main' }}
    >
      <Icon sx={{ fontSize: 14 }} />
      {format(Math.abs(now - before))}
    </Box>
  );
}

const num = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

type Overview = ChannelOutput<'tiers.overview'>;

/**
 * Each tier's customers and 月日均, their shares and the change since last month, and the totals. A count opens those
 * customers (the tier in that month) in the list — for a viewer whose list shows them all (`linked`).
 */
function TierTable({ data, linked }: { data: Overview; linked: boolean }) {
  const { t } = useTranslation();
  const money = useMoney();
  const totalCount = data.tiers.reduce((n, r) => n + r.count, 0);
  // Unknown when a tier too small to show this viewer its money is among them.
  const totalAum = data.tiers.every((r) => r.aumFen !== null)
    ? data.tiers.reduce((n, r) => n + (r.aumFen ?? 0), 0)
    : null;
  // Changes are against the latest earlier month with data: named when it is not last month.
  const change =
    data.previousMonth === null || data.previousMonth === addMonths(data.month, -1)
      ? t('tiers.change')
      : t('tiers.changeSince', { month: data.previousMonth });
  return (
    <Paper variant="outlined" sx={{ flexGrow: 1 }}>
      <Table size="small" data-testid="tier-overview">
        <TableHead>
          <TableRow>
            <TableCell>{t('tiers.tier')}</TableCell>
            <TableCell sx={num}>{money.header(t('tiers.threshold'))}</TableCell>
            <TableCell sx={num}>{t('tiers.customers')}</TableCell>
            <TableCell sx={num}>{t('tiers.share')}</TableCell>
            <TableCell sx={num}>{change}</TableCell>
            <TableCell sx={num}>{money.header(t('tiers.aum'))}</TableCell>
            <TableCell sx={num}>{t('tiers.share')}</TableCell>
            <TableCell sx={num}>{money.header(change)}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.tiers.map((row) => (
            <TableRow key={row.code} hover>
              <TableCell>
                <TierChip
                  code={row.code}
                  name={row.name}
                  href={linked ? `#/customers?tier=${encodeURIComponent(row.code)}` : undefined}
                />
              </TableCell>
              <TableCell sx={num}>≥ {money.threshold(row.thresholdFen)}</TableCell>
              <TableCell sx={num}>
                <CountLink
                  href={
                    linked ? `#/customers?tierAt=${formatTierAt([{ month: data.month, tierCode: row.code }])}` : null
                  }
                  testId={`tier-count-${row.code}`}
                >
                  {formatCount(row.count)}
                </CountLink>
              </TableCell>
              <TableCell sx={num}>{formatPercent(totalCount ? row.count / totalCount : 0)}</TableCell>
              <TableCell sx={num}>
                <Change now={row.count} before={row.previousCount} format={formatCount} />
              </TableCell>
              <TableCell sx={num}>{money.amount(row.aumFen)}</TableCell>
              <TableCell sx={num}>
                {totalAum === null || row.aumFen === null
                  ? NOT_SHOWN
                  : formatPercent(totalAum ? row.aumFen / totalAum : 0)}
              </TableCell>
              <TableCell sx={num}>
                <Change now={row.aumFen} before={row.previousAumFen} format={money.amount} />
              </TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell sx={{ fontWeight: 600 }}>{t('tiers.total')}</TableCell>
            <TableCell />
            <TableCell sx={{ ...num, fontWeight: 600 }}>{formatCount(totalCount)}</TableCell>
            <TableCell />
            <TableCell />
            <TableCell sx={{ ...num, fontWeight: 600 }}>{money.amount(totalAum)}</TableCell>
            <TableCell />
            <TableCell />
          </TableRow>
        </TableBody>
      </Table>
    </Paper>
  );
}

/** How many customers are in each tier status, each a link to them. */
function StatusCounts({ statuses }: { statuses: Overview['statuses'] }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" sx={{ p: 1.5, minWidth: 220 }}>
      <Typography variant="subtitle2" gutterBottom>
        {t('tiers.statusTitle')}
      </Typography>
      {statuses.map((s) => (
        <Stack key={s.status} direction="row" justifyContent="space-between" alignItems="center" sx={{ py: 0.5 }}>
          <StatusChip status={s.status} href={`#/customers?status=${s.status}`} />
          <Typography variant="body2" sx={num}>
            {formatCount(s.count)}
          </Typography>
        </Stack>
      ))}
    </Paper>
  );
}

/** The migration matrix between two months (the month before the data month to it, to begin with). */
function MatrixPanel({ months, month, linked }: { months: string[]; month: string | null; linked: boolean }) {
  const { t, i18n } = useTranslation();
  const [fromChoice, setFrom] = useState<string | null>(null);
  const [toChoice, setTo] = useState<string | null>(null);
  const to = toChoice ?? month;
  const from = fromChoice ?? (to ? comparisonMonth(months, to, 1) : null);
  const matrix = useInvoke('tiers.matrix', from && to ? { fromMonth: from, toMonth: to } : null);
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }}>
      <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 1 }}>
        <Typography variant="subtitle1">{t('tiers.matrixTitle')}</Typography>
        <MonthSelect
          label={t('tiers.from')}
          value={from ?? ''}
          months={months}
          onChange={setFrom}
          width={140}
          testId="matrix-from"
        />
        <MonthSelect
          label={t('tiers.to')}
          value={to ?? ''}
          months={months}
          onChange={setTo}
          width={140}
          testId="matrix-to"
        />
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {t('tiers.matrixHint')}
      </Typography>
      {matrix.error ? <Alert severity="info">{errorText(matrix.error, i18n.language)}</Alert> : null}
      {matrix.data && (
        <TierMatrixTable
          corner={`${matrix.data.fromMonth} → ${matrix.data.toMonth}`}
          rows={matrix.data.rows}
          columns={matrix.data.columns}
          cells={matrix.data.cells}
          withNotAssessed
          cellHref={linked ? matrixCellHref(matrix.data.fromMonth, matrix.data.toMonth) : undefined}
          testId="tier-matrix"
        />
      )}
    </Paper>
  );
}

/** 客户分层: counts and 月日均 per tier this month vs last, statuses, and the migration matrix for two months. */
export function TierOverviewPage({
  info,
  month,
  onRecomputed,
}: {
  info: AppInfo;
  month: string | null;
  onRecomputed(): void;
}) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const job = useJob();
  const recomputing = useAttempt();
  const recompute = () =>
    recomputing.attempt(async () => {
      await job.run({ kind: 'tiers.recompute' });
      onRecomputed();
    });
  const overview = useInvoke('tiers.overview', month ? { month } : null);
  const branch = useBranchView();
  const data = overview.data && overview.current ? overview.data : null;

  return (
    <Stack spacing={2} sx={{ p: 2, overflowY: 'auto' }}>
      <Stack direction="row" alignItems="center">
        <Typography variant="h6" component="h1" sx={{ flexGrow: 1 }}>
          {t('tiers.title')} {month ? `· ${month}` : ''}
        </Typography>
        <Stack direction="row" spacing={1}>
          <ExportButton subject={month ? { template: 'monthly', month } : null} label={t('exports.monthly')} />
          <ExportButton subject={month ? { template: 'customers', month } : null} label={t('exports.customers')} />
          {can('jobs.start', { request: { kind: 'tiers.recompute' } }) && (
            <Tooltip title={t('tiers.recomputeHint')} describeChild>
              <Button size="small" variant="outlined" onClick={() => void recompute()}>
                {t('tiers.recompute')}
              </Button>
            </Tooltip>
          )}
        </Stack>
      </Stack>
      <BranchFiguresNote branch={branch} />
      {recomputing.error ? <Alert severity="error">{errorText(recomputing.error, i18n.language)}</Alert> : null}
      <JobProgressDialog progress={job.progress} title={t('jobs.recomputeTitle')} />
      {overview.error ? <Alert severity="info">{errorText(overview.error, i18n.language)}</Alert> : null}
      {data && (
        <Stack direction="row" spacing={2} alignItems="flex-start" flexWrap="wrap" useFlexGap>
          <TierTable data={data} linked={branch.rows} />
          <StatusCounts statuses={data.statuses} />
        </Stack>
      )}
      <MatrixPanel months={info.months} month={month} linked={branch.rows} />
    </Stack>
  );
}
