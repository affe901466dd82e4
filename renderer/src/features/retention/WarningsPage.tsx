import { Alert, Box, Button, Chip, MenuItem, Paper, Stack, TextField, Tooltip, Typography } from '@mui/material';
import { DataGrid, type GridColDef, type GridPaginationModel } from '@mui/x-data-grid';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../../../shared/format';
import { useMoney, type Money } from '../../lib/money';
import type { AppInfo } from '../../../../shared/schemas/app';
import type { Staff } from '../../../../shared/schemas/common';
import {
  WARNING_LEVELS,
  WARNING_SIGNALS,
  type WarningLevel,
  type WarningRow,
  type WarningSignal,
} from '../../../../shared/schemas/retention';
import { TierChip } from '../../components/TierChips';
import { errorText } from '../../lib/api';
import { SHOW_ALL } from '../../components/SelectField';
import { CSP_NONCE } from '../../lib/cspNonce';
import { useInvoke } from '../../lib/useInvoke';
import { useLatestTiers } from '../../lib/useLatestTiers';
import { ActionDialog, type ActionTarget } from './ActionDialog';
import { LevelChip } from './LevelChip';
import { reasonText } from './reasonText';
import { useSession } from '../../lib/session';
import { seesBalances } from '../../../../shared/access';
import { staffName } from '../../../../shared/staff-name';

const PAGE_SIZE = 50;
/** A teller sees no balance: not the 月日均, the amount needed, nor the reasons (written with amounts). */
const TELLER_HIDDEN_COLUMNS = { aumFen: false, amountNeededFen: false, reasons: false };
const num = { align: 'right', headerAlign: 'right' } as const;

interface WarningsPageProps {
  info: AppInfo;
  month: string | null;
  /** Changes when the customer card saved something: reload. */
  version: number;
  onOpenCustomer(customerNo: string): void;
}

function NoWarnings() {
  const { t } = useTranslation();
  return (
    <Stack alignItems="center" justifyContent="center" sx={{ height: '100%' }}>
      <Typography color="text.secondary">{t('warnings.empty')}</Typography>
    </Stack>
  );
}

/** The customer's name, and the number beside it in small. */
function CustomerCell({ row }: { row: WarningRow }) {
  return (
    <span>
      {row.name}{' '}
      <Typography component="span" variant="caption" color="text.secondary">
        {row.customerNo}
      </Typography>
    </span>
  );
}

/** The first two reasons in the cell, all of them on hover. */
function ReasonsCell({ row }: { row: WarningRow }) {
  const { t } = useTranslation();
  const money = useMoney();
  const all = row.reasons.map((r) => reasonText(t, money, r));
  return (
    <Tooltip title={all.join('；')}>
      <Typography variant="body2" noWrap component="span">
        {all.slice(0, 2).join('；')}
      </Typography>
    </Tooltip>
  );
}

/** The open actions' count, and 建立保级行动 (the row's click still opens the card). */
function OpenActionsCell({ row, canAct, onCreate }: { row: WarningRow; canAct: boolean; onCreate(): void }) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={1} alignItems="center" sx={{ height: '100%' }}>
      {row.openActions > 0 && <Chip size="small" label={row.openActions} />}
      {canAct && (
        <Button
          size="small"
          onClick={(event) => {
            event.stopPropagation();
            onCreate();
          }}
        >
          {t('warnings.createAction')}
        </Button>
      )}
    </Stack>
  );
}

/** Who is warned: level, customer, manager, tier and status. */
function whoColumns(t: TFunction): GridColDef<WarningRow>[] {
  return [
    {
      field: 'score',
      headerName: t('warnings.level'),
      width: 100,
      sortable: false,
      renderCell: ({ row }) => <LevelChip level={row.level} score={row.score} />,
    },
    {
      field: 'name',
      headerName: t('actions.customer'),
      width: 150,
      sortable: false,
      renderCell: ({ row }) => <CustomerCell row={row} />,
    },
    {
      field: 'managerName',
      headerName: t('customers.manager'),
      width: 100,
      sortable: false,
      valueGetter: (_v, row) => staffName(row.managerName, row.managerCode) ?? t('customers.unassigned'),
    },
    {
      field: 'tierName',
      headerName: t('tiers.tier'),
      width: 112,
      sortable: false,
      renderCell: ({ row }) => <TierChip code={row.tierCode} name={row.tierName} />,
    },
    {
      field: 'status',
      headerName: t('warnings.status'),
      width: 80,
      sortable: false,
      renderCell: ({ row }) => (
        <Chip
          size="small"
          variant={row.status === 'watch' ? 'filled' : 'outlined'}
          color={row.status === 'watch' ? 'warning' : 'default'}
          label={t(`warnings.${row.status}`)}
        />
      ),
    },
  ];
}

/** The 月日均, the threshold it is held against, and the amount needed to keep the tier. */
function amountColumns(t: TFunction, money: Money): GridColDef<WarningRow>[] {
  return [
    {
      field: 'aumFen',
      headerName: money.header(t('warnings.aum')),
      width: 112,
      sortable: false,
      ...num,
      valueFormatter: (v: number | null) => money.amount(v),
    },
    {
      field: 'thresholdFen',
      headerName: money.header(t('warnings.threshold')),
      width: 100,
      sortable: false,
      ...num,
      valueFormatter: (v: number) => money.threshold(v),
    },
    {
      field: 'amountNeededFen',
      headerName: money.header(t('warnings.needed')),
      width: 108,
      sortable: false,
      ...num,
      renderCell: ({ value }) =>
        value === 0 || value === null ? '—' : <strong>{money.amount(value as number)}</strong>,
    },
  ];
}

/** The list's columns; a warned row may get a retention action for the month shown. */
function warningColumns(
  t: TFunction,
  month: string | null,
  canAct: boolean,
  onCreateAction: (target: ActionTarget) => void,
  money: Money,
  lossOf: (customerNo: string) => string | undefined,
): GridColDef<WarningRow>[] {
  return [
    ...whoColumns(t),
    ...amountColumns(t, money),
    {
      field: 'reasons',
      headerName: t('warnings.reasons'),
      minWidth: 260,
      flex: 1,
      sortable: false,
      renderCell: ({ row }) => <ReasonsCell row={row} />,
    },
    {
      // docs/domain.md, "Benefits": what the next tier down would take.
      field: 'benefitLoss',
      headerName: t('warnings.benefitLoss'),
      minWidth: 200,
      flex: 0.8,
      sortable: false,
      valueGetter: (_v, row) => lossOf(row.customerNo) ?? '—',
    },
    {
      field: 'openActions',
      headerName: t('warnings.openActions'),
      width: 150,
      sortable: false,
      renderCell: ({ row }) => (
        <OpenActionsCell
          row={row}
          canAct={canAct}
          onCreate={() => {
            if (month)
              onCreateAction({ customerNo: row.customerNo, name: row.name, month, managerCode: row.managerCode });
          }}
        />
      ),
    },
  ];
}

interface WarningFilter {
  managerCode: string;
  tierCode: string;
  signal: WarningSignal | '';
  levels: WarningLevel[];
}

/** The levels, each a chip with its count that adds it to (or takes it from) the filter. */
function LevelChips({
  levels,
  counts,
  onToggle,
}: {
  levels: WarningLevel[];
  counts: Record<WarningLevel, number> | undefined;
  onToggle(level: WarningLevel): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {WARNING_LEVELS.map((level) => (
        <Chip
          key={level}
          clickable
          data-testid={`level-${level}`}
          color={levels.includes(level) ? 'primary' : 'default'}
          variant={levels.includes(level) ? 'filled' : 'outlined'}
          label={t('warnings.levelChip', { level: t(`warnings.levels.${level}`), count: counts?.[level] ?? 0 })}
          onClick={() => onToggle(level)}
        />
      ))}
    </>
  );
}

/** The filters: manager, tier, reason (not for who sees no balance) and levels. */
function WarningFilterBar({
  filters,
  onChange,
  managers,
  tiers,
  amounts,
  counts,
}: {
  filters: WarningFilter;
  onChange(patch: Partial<WarningFilter>): void;
  managers: Staff[];
  tiers: Array<{ code: string; name: string }>;
  amounts: boolean;
  counts: Record<WarningLevel, number> | undefined;
}) {
  const { t } = useTranslation();
  const { levels } = filters;
  const toggle = (level: WarningLevel) =>
    onChange({ levels: levels.includes(level) ? levels.filter((l) => l !== level) : [...levels, level] });
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}>
      <TextField
        select
        size="small"
        label={t('customers.manager')}
        value={filters.managerCode}
        onChange={(e) => onChange({ managerCode: e.target.value })}
        sx={{ width: 170 }}
        slotProps={{ ...SHOW_ALL, htmlInput: { 'data-testid': 'warning-manager' } }}
      >
        <MenuItem value="">{t('warnings.allManagers')}</MenuItem>
        {managers.map((m) => (
          <MenuItem key={m.code} value={m.code}>
            {m.name}（{m.code}）
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label={t('tiers.tier')}
        value={filters.tierCode}
        onChange={(e) => onChange({ tierCode: e.target.value })}
        sx={{ width: 150 }}
        slotProps={SHOW_ALL}
      >
        <MenuItem value="">{t('warnings.allTiers')}</MenuItem>
        {tiers.map((tier) => (
          <MenuItem key={tier.code} value={tier.code}>
            {tier.name}
          </MenuItem>
        ))}
      </TextField>
      {amounts && (
        <TextField
          select
          size="small"
          label={t('warnings.reason')}
          value={filters.signal}
          onChange={(e) => onChange({ signal: e.target.value as WarningSignal | '' })}
          sx={{ width: 150 }}
          slotProps={SHOW_ALL}
        >
          <MenuItem value="">{t('warnings.allReasons')}</MenuItem>
          {WARNING_SIGNALS.map((s) => (
            <MenuItem key={s} value={s}>
              {t(`warnings.signal.${s}`)}
            </MenuItem>
          ))}
        </TextField>
      )}
      <LevelChips levels={levels} counts={counts} onToggle={toggle} />
    </Box>
  );
}

/** One page of the month's warnings under the filters; a change of filter goes back to the first page. */
function useWarningPages(month: string | null, filters: WarningFilter, version: number) {
  const { managerCode, tierCode, signal, levels } = filters;
  const [pagination, setPagination] = useState<GridPaginationModel>({ page: 0, pageSize: PAGE_SIZE });
  const filterKey = JSON.stringify([month, managerCode, tierCode, signal, levels]);
  const [pagedFor, setPagedFor] = useState(filterKey);
  if (pagedFor !== filterKey) {
    setPagedFor(filterKey);
    setPagination((p) => ({ ...p, page: 0 }));
  }
  const list = useInvoke(
    'warnings.list',
    month
      ? {
          month,
          ...(managerCode ? { managerCode } : {}),
          ...(tierCode ? { tierCodes: [tierCode] } : {}),
          ...(signal ? { signal } : {}),
          ...(levels.length ? { levels } : {}),
          offset: pagination.page * pagination.pageSize,
          limit: pagination.pageSize,
        }
      : null,
    version,
  );
  return { list, pagination, setPagination };
}

/** 防降级预警: the ranked list, a manager's own book by default, filters by tier, level and reason. */
export function WarningsPage({ info, month, version, onOpenCustomer }: WarningsPageProps) {
  const { t, i18n } = useTranslation();
  const { staff, can } = useSession();
  const canAct = can('retention.createAction');
  // A teller sees no balance, nor the reasons built from them, and may not pick customers by them.
  const amounts = seesBalances(staff.role);
  const managers = info.staff.filter((s) => s.role === 'manager');
  const ownBook = managers.some((m) => m.code === staff.code) ? staff.code : '';
  const [filters, setFilters] = useState<WarningFilter>({ managerCode: ownBook, tierCode: '', signal: '', levels: [] });
  const [actionFor, setActionFor] = useState<ActionTarget | null>(null);
  const tiers = useLatestTiers().filter((tier) => tier.thresholdFen > 0);
  const { list, pagination, setPagination } = useWarningPages(month, filters, version);
  const money = useMoney();
  const data = list.data;
  const losses = useInvoke(
    'benefits.downgradeLosses',
    month && data && data.rows.length > 0 ? { month, customerNos: data.rows.map((r) => r.customerNo) } : null,
  );
  const lossOf = useMemo(() => {
    const byCustomer = new Map(
      (losses.data?.rows ?? []).map((r) => [r.customerNo, i18n.language === 'en' ? r.textEn : r.text]),
    );
    return (customerNo: string) => byCustomer.get(customerNo);
  }, [losses.data, i18n.language]);
  const columns = useMemo(
    () => warningColumns(t, month, canAct, setActionFor, money, lossOf),
    [t, month, setActionFor, canAct, money, lossOf],
  );

  return (
    <Stack spacing={1.5} sx={{ p: 2, flexGrow: 1, minHeight: 0 }}>
      <Stack direction="row" spacing={2} alignItems="baseline">
        <Typography variant="h6" component="h1">
          {t('warnings.title')} {month ? `· ${month}` : ''}
        </Typography>
        <Typography variant="body2" color="text.secondary" data-testid="warning-count">
          {data ? t('warnings.count', { total: data.total }) : ''}
        </Typography>
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {data ? t('warnings.hint', { margin: formatPercent(data.marginShare) }) : ''}
      </Typography>
      <WarningFilterBar
        filters={filters}
        onChange={(patch) => setFilters((f) => ({ ...f, ...patch }))}
        managers={managers}
        tiers={tiers}
        amounts={amounts}
        counts={data?.levels}
      />
      {list.error ? <Alert severity="info">{errorText(list.error, i18n.language)}</Alert> : null}
      <Paper variant="outlined" sx={{ flexGrow: 1, minHeight: 300 }} data-testid="warning-grid">
        <DataGrid
          rows={data?.rows ?? []}
          columns={columns}
          getRowId={(row) => row.customerNo}
          density="compact"
          nonce={CSP_NONCE}
          loading={list.loading}
          paginationMode="server"
          sortingMode="server"
          disableColumnFilter
          disableColumnSorting
          disableRowSelectionOnClick
          rowCount={data?.total ?? 0}
          columnVisibilityModel={amounts ? {} : TELLER_HIDDEN_COLUMNS}
          pageSizeOptions={[PAGE_SIZE, 100]}
          paginationModel={pagination}
          onPaginationModelChange={setPagination}
          onRowClick={({ row }) => onOpenCustomer(row.customerNo)}
          slots={{ noRowsOverlay: NoWarnings }}
          sx={{ border: 0, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
        />
      </Paper>
      <ActionDialog
        target={actionFor}
        staff={info.staff}
        onClose={() => setActionFor(null)}
        onCreated={() => {
          setActionFor(null);
          list.reload();
        }}
      />
    </Stack>
  );
}
