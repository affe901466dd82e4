import {
  Alert,
  Box,
  Checkbox,
  FormControlLabel,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { LineChart } from '@mui/x-charts/LineChart';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, formatPercent, NOT_SHOWN, parseAmountToFen } from '../../../../shared/format';
import { useMoney } from '../../lib/money';
import type { AppInfo } from '../../../../shared/schemas/app';
import {
  GROUP_DIMENSIONS,
  type GroupDimension,
  type GroupQuery,
  type GroupReport,
} from '../../../../shared/schemas/groups';
import { BandBarChart } from '../../components/BandBarChart';
import { ExportButton } from '../../components/ExportButton';
import { useSegmentChoice } from '../../components/SegmentChoice';
import { useBranchView } from '../../lib/session';
import { BranchFiguresNote } from '../../components/BranchFiguresNote';
import { CountLink } from '../../components/CountLink';
import { SelectField } from '../../components/SelectField';
import { errorText } from '../../lib/api';
import { formatGroupLink } from '../../lib/groupLink';
import { useDebounced } from '../../lib/useDebounced';
import { useInvoke } from '../../lib/useInvoke';
import { groupDimensionLabel, groupValueLabel } from './groupValueLabel';
import { MonthSelect } from '../../components/MonthSelect';

const num = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** A second month to show beside the first, or none. */
function CompareSelect({
  months,
  value,
  onChange,
}: {
  months: string[];
  value: string;
  onChange(month: string): void;
}) {
  const { t } = useTranslation();
  return (
    <MonthSelect
      label={t('groups.compare')}
      value={value}
      months={months}
      onChange={onChange}
      width={130}
      testId="groups-compare"
      extra={[{ value: '', label: t('groups.noCompare') }]}
    />
  );
}

/** The AUM bands: their width in 万元 and how many. */
function BandFields({
  bandWidthText,
  onBandWidth,
  bandWidthError,
  bands,
  onBands,
}: {
  bandWidthText: string;
  onBandWidth(text: string): void;
  bandWidthError: boolean;
  bands: string;
  onBands(bands: string): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        size="small"
        label={t('groups.bandWidth')}
        value={bandWidthText}
        onChange={(e) => onBandWidth(e.target.value)}
        error={bandWidthError}
        helperText={bandWidthError ? t('flows.invalidThreshold') : undefined}
        sx={{ width: 140 }}
      />
      <SelectField
        label={t('groups.bands')}
        value={bands}
        options={['3', '4', '5', '6', '8', '10'].map((n) => ({ value: n, label: n }))}
        onChange={onBands}
        width={90}
        testId="groups-bands"
      />
      <Typography variant="caption" color="text.secondary" sx={{ maxWidth: 360, alignSelf: 'center' }}>
        {t('groups.bandsHint', { bands })}
      </Typography>
    </>
  );
}

/** The AUM bands chosen (null while the width is not a positive amount) and the fields that choose them. */
function useAumBands() {
  const [bandWidthText, setBandWidthText] = useState('100');
  const [bands, setBands] = useState('5');
  const bandWidthFen = parseAmountToFen(useDebounced(bandWidthText, 300), 'wan');
  const bandWidthError = bandWidthFen === null || bandWidthFen <= 0;
  const controls = (
    <BandFields
      bandWidthText={bandWidthText}
      onBandWidth={setBandWidthText}
      bandWidthError={bandWidthError}
      bands={bands}
      onBands={setBands}
    />
  );
  return { band: bandWidthError ? null : { bandWidthFen, bands: Number(bands) }, controls };
}

/** 群体特征分析: a segment's make-up in a month by one dimension (optionally beside another month), and its concentration. */
export function GroupsPage({ info, month }: { info: AppInfo; month: string | null }) {
  const { t } = useTranslation();
  // A teller, or a 客户经理 without the branch view, may not group customers by balance: no AUM bands.
  const branch = useBranchView();
  const dimensions = GROUP_DIMENSIONS.filter((d) => branch.money || d !== 'aumBand');
  const [chosenMonth, setMonth] = useState<string | null>(null);
  const [compare, setCompare] = useState('');
  const [dimension, setDimension] = useState<GroupDimension>(dimensions[0]);
  const [countHouseholds, setCountHouseholds] = useState(false);
  const { band, controls: bandControls } = useAumBands();
  const { segment, controls } = useSegmentChoice('groups', true);
  const shown = chosenMonth ?? month ?? '';
  const query = (m: string): GroupQuery | null =>
    m && segment && band
      ? {
          month: m,
          dimension,
          ...segment,
          ...(dimension === 'aumBand' ? band : {}),
          ...(countHouseholds ? { countHouseholds: true } : {}),
        }
      : null;
  const months = compare ? [shown, compare] : [shown];

  return (
    <Stack spacing={1.5} sx={{ p: 2, overflowY: 'auto' }}>
      <Stack direction="row" alignItems="center">
        <Typography variant="h6" component="h1" sx={{ flexGrow: 1 }}>
          {t('groups.title')}
        </Typography>
        <ExportButton
          subject={
            shown && segment && band ? { template: 'groups', month: shown, segment: { ...segment, ...band } } : null
          }
          label={t('exports.groups')}
        />
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {t('groups.hint')}
      </Typography>
      <BranchFiguresNote branch={branch} />
      <Stack direction="row" spacing={2} alignItems="flex-start" flexWrap="wrap" useFlexGap>
        <MonthSelect
          label={t('groups.month')}
          value={shown}
          months={info.months}
          onChange={setMonth}
          width={130}
          testId="groups-month"
        />
        <CompareSelect months={info.months} value={compare} onChange={setCompare} />
        {controls}
        <SelectField<GroupDimension>
          label={t('groups.dimensionLabel')}
          value={dimension}
          options={dimensions.map((d) => ({ value: d, label: t(`groups.dimension.${d}`) }))}
          onChange={setDimension}
          width={140}
          testId="groups-dimension"
        />
        {dimension === 'aumBand' && bandControls}
        <FormControlLabel
          control={
            <Checkbox
              checked={countHouseholds}
              onChange={(e) => setCountHouseholds(e.target.checked)}
              slotProps={{ input: { 'data-testid': 'groups-count-households' } as object }}
            />
          }
          label={t('groups.countHouseholds')}
        />
      </Stack>
      <Stack direction={{ xs: 'column', lg: months.length > 1 ? 'row' : 'column' }} spacing={2} alignItems="flex-start">
        {months.map((m) => (
          <GroupPanel key={m} query={query(m)} wide={months.length === 1} linked={branch.rows} />
        ))}
      </Stack>
    </Stack>
  );
}

function GroupPanel({ query, wide, linked }: { query: GroupQuery | null; wide: boolean; linked: boolean }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const report = useInvoke('groups.report', query);
  if (report.error) return <Alert severity="warning">{errorText(report.error, i18n.language)}</Alert>;
  const data = report.data && report.current ? report.data : null;
  if (!data || !query) return null;
  return (
    <Stack spacing={1.5} sx={{ flex: 1, minWidth: 0, width: '100%' }} data-testid={`groups-panel-${data.month}`}>
      <Typography variant="subtitle1">
        {t('groups.summary', {
          month: data.month,
          count: data.count,
          aum: money.text(data.aumFen),
          date: data.referenceDate,
        })}
      </Typography>
      <Stack direction={wide ? { xs: 'column', lg: 'row' } : 'column'} spacing={2} alignItems="flex-start">
        <Paper variant="outlined" sx={{ overflowX: 'auto', maxWidth: '100%' }}>
          <GroupTable data={data} query={query} linked={linked} />
        </Paper>
        <Paper variant="outlined" sx={{ p: 1, flexGrow: 1, minWidth: 320, width: wide ? undefined : '100%' }}>
          <Typography variant="subtitle2">
            {t('groups.chart')} · {groupDimensionLabel(t, data.dimension, i18n.language)}
          </Typography>
          <BandBarChart
            everyLabel
            height={300}
            categories={data.rows.map((r) => groupValueLabel(t, data.dimension, r.key, r.label))}
            series={[{ id: 'count', label: t('groups.count'), color: '#1f4e79', data: data.rows.map((r) => r.count) }]}
          />
        </Paper>
      </Stack>
      {data.lorenz.length > 0 && <Concentration data={data} />}
    </Stack>
  );
}

function GroupTable({ data, query, linked }: { data: GroupReport; query: GroupQuery; linked: boolean }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  return (
    <Table size="small" data-testid="groups-table">
      <TableHead>
        <TableRow>
          <TableCell>{groupDimensionLabel(t, data.dimension, i18n.language)}</TableCell>
          <TableCell sx={num}>{t('groups.count')}</TableCell>
          {query.countHouseholds && <TableCell sx={num}>{t('groups.households')}</TableCell>}
          <TableCell sx={num}>{t('groups.share')}</TableCell>
          <TableCell sx={num}>{money.header(t('groups.aum'))}</TableCell>
          <TableCell sx={num}>{money.header(t('groups.average'))}</TableCell>
          <TableCell sx={num}>{money.header(t('groups.median'))}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {data.rows.map((row) => (
          <TableRow key={row.key} hover>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {groupValueLabel(t, data.dimension, row.key, row.label)}
            </TableCell>
            <TableCell sx={num}>
              {row.count === 0 ? (
                '0'
              ) : (
                <CountLink
                  href={linked ? `#/customers?group=${formatGroupLink({ ...query, key: row.key })}` : null}
                  testId={`groups-count-${row.key}`}
                >
                  {formatCount(row.count)}
                </CountLink>
              )}
            </TableCell>
            {query.countHouseholds && <TableCell sx={num}>{formatCount(row.households ?? 0)}</TableCell>}
            <TableCell sx={num}>{formatPercent(row.share)}</TableCell>
            <TableCell sx={num}>{money.amount(row.aumFen)}</TableCell>
            <TableCell sx={num}>{row.count ? money.amount(row.averageFen) : '—'}</TableCell>
            <TableCell sx={num}>{row.count ? money.amount(row.medianFen) : '—'}</TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableCell sx={{ fontWeight: 600 }}>{t('groups.total')}</TableCell>
          <TableCell sx={{ ...num, fontWeight: 600 }}>{formatCount(data.count)}</TableCell>
          {query.countHouseholds && <TableCell />}
          <TableCell sx={{ ...num, fontWeight: 600 }}>{formatPercent(data.count ? 1 : 0)}</TableCell>
          <TableCell sx={{ ...num, fontWeight: 600 }}>{money.amount(data.aumFen)}</TableCell>
          <TableCell sx={{ ...num, fontWeight: 600 }}>
            {data.count && data.aumFen !== null ? money.amount(Math.round(data.aumFen / data.count)) : NOT_SHOWN}
          </TableCell>
          <TableCell />
        </TableRow>
      </TableBody>
    </Table>
  );
}

/** Pareto shares in words and the Lorenz curve against the line of perfect equality. */
function Concentration({ data }: { data: GroupReport }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} alignItems="center">
        <Box sx={{ minWidth: 260 }}>
          <Typography variant="subtitle2">{t('groups.pareto')}</Typography>
          {data.pareto.map((p) => (
            <Typography key={p.topShare} variant="body2" data-testid="groups-pareto">
              {t('groups.paretoItem', {
                top: formatPercent(p.topShare).replace('.0%', '%'),
                share: formatPercent(p.aumShare),
              })}
            </Typography>
          ))}
        </Box>
        <Box sx={{ flexGrow: 1, width: '100%' }} data-testid="groups-lorenz">
          <Typography variant="subtitle2">
            {t('groups.lorenz')}（{t('groups.aumAxis')}）
          </Typography>
          <LineChart
            skipAnimation
            height={220}
            xAxis={[
              {
                data: data.lorenz.map((p) => p.customers),
                min: 0,
                max: 1,
                valueFormatter: (v: number) => `${Math.round(v * 100)}%`,
                label: t('groups.customersAxis'),
              },
            ]}
            yAxis={[{ min: 0, max: 1, width: 48, valueFormatter: (v: number) => `${Math.round(v * 100)}%` }]}
            series={[
              {
                id: 'lorenz',
                label: t('groups.lorenz'),
                data: data.lorenz.map((p) => p.aum),
                color: '#9a1b1f',
                showMark: false,
              },
              {
                id: 'equality',
                label: t('groups.equality'),
                data: data.lorenz.map((p) => p.customers),
                color: '#9e9e9e',
                showMark: false,
              },
            ]}
            margin={{ left: 8, right: 16, top: 8, bottom: 8 }}
          />
        </Box>
      </Stack>
    </Paper>
  );
}
