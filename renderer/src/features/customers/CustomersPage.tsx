import { Alert, Box, Chip, Paper, Stack, Typography } from '@mui/material';
import {
  DataGrid,
  type GridColDef,
  type GridColumnVisibilityModel,
  type GridPaginationModel,
  type GridSortModel,
} from '@mui/x-data-grid';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseAmountToFen } from '../../../../shared/format';
import type { AppInfo } from '../../../../shared/schemas/app';
import type {
  CustomerFilter,
  CustomerListRow,
  CustomerSort,
  CustomerSortField,
} from '../../../../shared/schemas/customer';
import { SegmentFilterSchema, type SegmentFilter } from '../../../../shared/schemas/segments';
import type { TierStatus } from '../../../../shared/schemas/tiers';
import { errorText } from '../../lib/api';
import { CSP_NONCE } from '../../lib/cspNonce';
import { useDebounced } from '../../lib/useDebounced';
import { useInvoke } from '../../lib/useInvoke';
import { useLatestTiers } from '../../lib/useLatestTiers';
import { parseTierAt } from '../../lib/tierAt';
import { parseFlowLink } from '../../lib/flowLink';
import { parseGroupLink } from '../../lib/groupLink';
import { groupShownAtEnd } from '../../../../shared/schemas/flows';
import { StatusChip, TierChip } from '../../components/TierChips';
import { CustomerFilters, EMPTY_FILTER, type FilterDraft } from './CustomerFilters';
import { SavedSegments } from './SavedSegments';
import { ExportButton } from '../../components/ExportButton';
import { useSession } from '../../lib/session';
import { useMoney, type Money } from '../../lib/money';
import { seesBalances } from '../../../../shared/access';
import { staffName } from '../../../../shared/staff-name';

const PAGE_SIZES = [50, 100];
const COLUMNS_KEY = 'tierdesk.customers.columns';

/** Grid column → server sort field; columns not listed here are not sortable. */
const SORT_FIELDS: Record<string, CustomerSortField> = {
  customerNo: 'customerNo',
  name: 'name',
  aumFen: 'aum',
  managerName: 'manager',
  openedDate: 'openedDate',
};

/** Columns shown until the user chooses: the rest stay one click away in the column menu. */
const DEFAULT_HIDDEN: GridColumnVisibilityModel = { gender: false, riskLevel: false, closedDate: false };

/** Largest first; a teller, who sees no balances and may not sort by them, by customer number. */
const defaultSort = (amounts: boolean): GridSortModel => [
  amounts ? { field: 'aumFen', sort: 'desc' } : { field: 'customerNo', sort: 'asc' },
];

/** The server filter for what the user typed, and for each amount box the i18n key of its problem, if any. */
function toFilter(draft: FilterDraft): {
  filter: CustomerFilter;
  aumMinError: string | null;
  aumMaxError: string | null;
} {
  const aumMinFen = draft.aumMin.trim() ? parseAmountToFen(draft.aumMin, 'wan') : undefined;
  const aumMaxFen = draft.aumMax.trim() ? parseAmountToFen(draft.aumMax, 'wan') : undefined;
  const aumMinError = aumMinFen === null || (aumMinFen ?? 0) < 0 ? 'customers.invalidAmount' : null;
  let aumMaxError = aumMaxFen === null || (aumMaxFen ?? 0) < 0 ? 'customers.invalidAmount' : null;
  if (!aumMaxError && aumMinFen != null && aumMaxFen != null && aumMaxFen < aumMinFen)
    aumMaxError = 'customers.maxBelowMin';
  const filter: CustomerFilter = {};
  if (draft.managerCode) filter.managerCode = draft.managerCode;
  if (!aumMinError && aumMinFen != null) filter.aumMinFen = aumMinFen;
  if (!aumMaxError && aumMaxFen != null) filter.aumMaxFen = aumMaxFen;
  if (draft.search.trim()) filter.search = draft.search.trim();
  if (draft.tierCode) filter.tierCodes = [draft.tierCode];
  if (draft.tierStatus) filter.tierStatuses = [draft.tierStatus as TierStatus];
  if (Object.keys(draft.segment).length > 0) filter.segment = draft.segment;
  if (draft.tierAt.length > 0) filter.tierAt = draft.tierAt;
  if (draft.migration) filter.migration = draft.migration;
  if (draft.group) filter.group = draft.group;
  return { filter, aumMinError, aumMaxError };
}

/** A saved filter back as what the filter bar shows. */
function toDraft(filter: CustomerFilter): FilterDraft {
  const wan = (fen: number | undefined) => (fen === undefined ? '' : String(fen / 1_000_000));
  return {
    segment: filter.segment ?? {},
    tierAt: filter.tierAt ?? [],
    migration: filter.migration ?? null,
    group: filter.group ?? null,
    tierCode: filter.tierCodes?.[0] ?? '',
    tierStatus: filter.tierStatuses?.[0] ?? '',
    managerCode: filter.managerCode ?? '',
    aumMin: wan(filter.aumMinFen),
    aumMax: wan(filter.aumMaxFen),
    search: filter.search ?? '',
  };
}

/** The segment dimensions a link names (`?depth=deep&priority=A`), ignoring unknown values. */
function segmentFromLink(params: URLSearchParams): SegmentFilter {
  const parsed = SegmentFilterSchema.safeParse(
    Object.fromEntries(
      ['depth', 'priority', 'lifecycle', 'risk'].flatMap((d) => (params.get(d) ? [[d, params.get(d)]] : [])),
    ),
  );
  return parsed.success ? parsed.data : {};
}

function loadColumnChoice(): GridColumnVisibilityModel {
  try {
    const saved = localStorage.getItem(COLUMNS_KEY);
    return saved ? (JSON.parse(saved) as GridColumnVisibilityModel) : DEFAULT_HIDDEN;
  } catch {
    return DEFAULT_HIDDEN;
  }
}

function NoMatchingCustomers() {
  const { t } = useTranslation();
  return (
    <Stack alignItems="center" justifyContent="center" sx={{ height: '100%' }}>
      <Typography fontWeight={600}>{t('customers.emptyTitle')}</Typography>
      <Typography variant="body2" color="text.secondary">
        {t('customers.emptyHint')}
      </Typography>
    </Stack>
  );
}

/** What a branch with no customers yet shows instead of the list. */
function EmptyBranch() {
  const { t } = useTranslation();
  return (
    <Box sx={{ p: 3 }}>
      <Alert severity="info">
        <Typography fontWeight={600}>{t('customers.emptyBranchTitle')}</Typography>
        {t('customers.emptyBranchHint')}
      </Alert>
    </Box>
  );
}

/** Wide enough for the longest customer number on the page (head offices use 10 to 19 digits and more). */
const numberWidth = (rows: readonly CustomerListRow[]) =>
  Math.round(24 + 8.5 * rows.reduce((longest, row) => Math.max(longest, row.customerNo.length), 10));

/**
 * The list's columns; 月日均 names its month and sorts only for who sees balances, names sort only for who sees them
 * whole (the order would tell the hidden characters).
 */
function customerColumns(
  t: TFunction,
  month: string | null,
  { amounts, namesMasked }: { amounts: boolean; namesMasked: boolean },
  customerNoWidth: number,
  money: Money,
): GridColDef<CustomerListRow>[] {
  return [
    { field: 'customerNo', headerName: t('customers.customerNo'), width: customerNoWidth },
    { field: 'name', headerName: t('customers.name'), width: 90, sortable: !namesMasked },
    {
      field: 'gender',
      headerName: t('customers.gender'),
      width: 56,
      sortable: false,
      valueFormatter: (value: CustomerListRow['gender']) =>
        value === 'M' ? t('customers.male') : value === 'F' ? t('customers.female') : '',
    },
    {
      field: 'age',
      headerName: t('customers.age'),
      width: 56,
      sortable: false,
      align: 'right',
      headerAlign: 'right',
    },
    {
      field: 'aumFen',
      headerName: money.header(month ? t('customers.aum', { month }) : t('customers.aumShort')),
      width: 190,
      align: 'right',
      headerAlign: 'right',
      cellClassName: 'MuiDataGrid-cell--textRight',
      sortable: amounts,
      sortingOrder: ['desc', 'asc'],
      renderCell: ({ value }) =>
        value === null ? (
          <Typography variant="body2" color="text.disabled" component="span">
            {t('customers.noData')}
          </Typography>
        ) : (
          money.amount(value as number)
        ),
    },
    {
      field: 'tierName',
      headerName: t('tiers.tier'),
      width: 112,
      sortable: false,
      renderCell: ({ row }) => <TierChip code={row.tierCode} name={row.tierName} />,
    },
    {
      field: 'tierStatus',
      headerName: t('tiers.status'),
      width: 96,
      sortable: false,
      renderCell: ({ row }) => <StatusChip status={row.tierStatus} />,
    },
    {
      field: 'managerName',
      headerName: t('customers.manager'),
      width: 100,
      valueGetter: (_value, row) => staffName(row.managerName, row.managerCode) ?? t('customers.unassigned'),
    },
    { field: 'mobileMasked', headerName: t('customers.mobile'), width: 110, sortable: false },
    { field: 'idNumberMasked', headerName: t('customers.idNumber'), width: 175, sortable: false },
    { field: 'riskLevel', headerName: t('customers.riskLevel'), width: 76, sortable: false },
    { field: 'openedDate', headerName: t('customers.openedDate'), width: 100 },
    {
      field: 'closedDate',
      headerName: t('customers.closedDate'),
      minWidth: 90,
      flex: 1,
      sortable: false,
      renderCell: ({ value }) => (value ? <Chip size="small" label={`${t('customers.closed')} ${value}`} /> : null),
    },
  ];
}

/** The server's sort for the grid's, or the default one when the grid sorts by a column the server does not. */
function serverSort(sortModel: GridSortModel, amounts: boolean): CustomerSort {
  return sortModel[0] && SORT_FIELDS[sortModel[0].field]
    ? {
        field: SORT_FIELDS[sortModel[0].field],
        direction: sortModel[0].sort === 'asc' ? ('asc' as const) : ('desc' as const),
      }
    : {
        field: amounts ? ('aum' as const) : ('customerNo' as const),
        direction: amounts ? ('desc' as const) : ('asc' as const),
      };
}

/** The filters a link names (`?tier=T4&status=watch`, a matrix cell, a flow group, a group cell). */
function draftFromLink(preset: URLSearchParams): FilterDraft {
  return {
    ...EMPTY_FILTER,
    tierCode: preset.get('tier') ?? '',
    tierStatus: preset.get('status') ?? '',
    segment: segmentFromLink(preset),
    tierAt: parseTierAt(preset.get('tierAt')),
    migration: parseFlowLink(preset.get('migration')),
    group: parseGroupLink(preset.get('group')),
  };
}

/** The month a list is of: the data month, unless a two-period group or a group-analysis cell names its own. */
function listMonth(draft: FilterDraft, dataMonth: string | null): string | null {
  // A two-period group is listed in the month it is about: the leavers at A, the rest at B.
  const moved = draft.migration;
  // A group-analysis cell likewise in its month.
  return moved ? (groupShownAtEnd(moved.group) ? moved.toMonth : moved.fromMonth) : (draft.group?.month ?? dataMonth);
}

/** The rows of the page shown and the count of all, paged by keyset: page p starts after the last row of page p-1. */
function useCustomerPages(
  query: { month: string | null; sort: CustomerSort; filter: CustomerFilter },
  pagination: GridPaginationModel,
  setPagination: (model: GridPaginationModel) => void,
) {
  const { month, sort, filter } = query;
  // Remember each page's cursor, for as long as the query stays the same.
  const queryKey = JSON.stringify({ month, sort, filter, pageSize: pagination.pageSize });
  const [cursors, setCursors] = useState<{ key: string; byPage: Array<string | null> }>({
    key: queryKey,
    byPage: [null],
  });
  if (cursors.key !== queryKey) {
    setCursors({ key: queryKey, byPage: [null] });
    if (pagination.page !== 0) setPagination({ ...pagination, page: 0 });
  }
  const cursor = cursors.key === queryKey ? cursors.byPage[pagination.page] : null;

  const page = useInvoke(
    'customers.page',
    month && cursor !== undefined ? { month, sort, filter, cursor: cursor ?? null, limit: pagination.pageSize } : null,
  );
  const count = useInvoke('customers.count', month ? { month, filter } : null);

  const nextCursor = page.data?.nextCursor ?? null;
  if (page.current && cursors.key === queryKey && cursors.byPage[pagination.page + 1] === undefined && nextCursor) {
    const byPage = [...cursors.byPage];
    byPage[pagination.page + 1] = nextCursor;
    setCursors({ key: queryKey, byPage });
  }
  return { page, count };
}

interface CustomersPageProps {
  info: AppInfo;
  month: string | null;
  /** Filters from the link that opened the list (`?tier=T4&status=watch`). */
  preset: URLSearchParams;
  onOpenCustomer(customerNo: string): void;
}

/** The customer list: server-side keyset paging, sorting and filtering over the whole branch. */
export function CustomersPage({ info, month: dataMonth, preset, onOpenCustomer }: CustomersPageProps) {
  const { t, i18n } = useTranslation();
  const amounts = seesBalances(useSession().staff.role);
  const [draft, setDraft] = useState<FilterDraft>(() => draftFromLink(preset));
  const tiers = useLatestTiers();
  const settledDraft = useDebounced(draft, 300);
  const month = listMonth(settledDraft, dataMonth);
  const { filter, aumMinError, aumMaxError } = toFilter(settledDraft);
  const [sortModel, setSortModel] = useState<GridSortModel>(() => defaultSort(amounts));
  const [pagination, setPagination] = useState<GridPaginationModel>({ page: 0, pageSize: PAGE_SIZES[0] });
  const [columnChoice, setColumnChoice] = useState<GridColumnVisibilityModel>(loadColumnChoice);
  const sort = serverSort(sortModel, amounts);
  const { page, count } = useCustomerPages({ month, sort, filter }, pagination, setPagination);
  const customerNoWidth = numberWidth(page.data?.rows ?? []);
  const money = useMoney();
  const namesMasked = page.data?.namesMasked ?? false;
  const columns = useMemo(
    () => customerColumns(t, month, { amounts, namesMasked }, customerNoWidth, money),
    [t, month, amounts, namesMasked, customerNoWidth, money],
  );

  if (info.customerCount === 0) return <EmptyBranch />;

  const error = page.error ?? count.error;
  return (
    <Stack spacing={1.5} sx={{ p: 2, flexGrow: 1, minHeight: 0 }}>
      <Stack direction="row" spacing={2} alignItems="baseline">
        <Typography variant="h6" component="h1">
          {t('customers.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" data-testid="customer-count">
          {count.data ? t('customers.count', { total: count.data.total }) : ''}
        </Typography>
        <Box sx={{ flexGrow: 1 }} />
        <SavedSegments filter={toFilter(draft).filter} onApply={(saved) => setDraft(toDraft(saved))} />
        <ExportButton subject={month ? { template: 'list', month, filter, sort } : null} label={t('exports.list')} />
      </Stack>
      <CustomerFilters
        draft={draft}
        onChange={setDraft}
        managers={info.staff.filter((s) => s.role === 'manager')}
        tiers={tiers}
        aumMinError={aumMinError}
        aumMaxError={aumMaxError}
        amounts={amounts}
      />
      {error ? <Alert severity="error">{errorText(error, i18n.language)}</Alert> : null}
      <Paper variant="outlined" sx={{ flexGrow: 1, minHeight: 300 }}>
        <DataGrid
          rows={page.data?.rows ?? []}
          columns={columns}
          getRowId={(row) => row.customerNo}
          density="compact"
          nonce={CSP_NONCE}
          loading={page.loading}
          paginationMode="server"
          sortingMode="server"
          filterMode="server"
          disableColumnFilter
          disableRowSelectionOnClick
          rowCount={count.data?.total ?? 0}
          pageSizeOptions={PAGE_SIZES}
          paginationModel={pagination}
          onPaginationModelChange={setPagination}
          sortModel={sortModel}
          onSortModelChange={(model) => setSortModel(model.length ? model : defaultSort(amounts))}
          columnVisibilityModel={amounts ? columnChoice : { ...columnChoice, aumFen: false }}
          onColumnVisibilityModelChange={(model) => {
            setColumnChoice(model);
            localStorage.setItem(COLUMNS_KEY, JSON.stringify(model));
          }}
          onRowClick={({ row }) => onOpenCustomer(row.customerNo)}
          onCellKeyDown={({ row }, event) => {
            if (event.key === 'Enter') onOpenCustomer(row.customerNo);
          }}
          slots={{ noRowsOverlay: NoMatchingCustomers }}
          sx={{ border: 0, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
        />
      </Paper>
    </Stack>
  );
}
