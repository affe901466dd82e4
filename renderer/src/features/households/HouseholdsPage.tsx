import {
  Alert,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TablePagination,
  TableRow,
  TableSortLabel,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { seesBalances } from '../../../../shared/access';
import { HOUSEHOLD_MAX_MEMBERS, type HouseholdListQuery } from '../../../../shared/schemas/households';
import { useMoney } from '../../lib/money';
import { useSession } from '../../lib/session';
import { useDebounced } from '../../lib/useDebounced';
import { useInvoke } from '../../lib/useInvoke';

type SortField = HouseholdListQuery['sort']['field'];

/**
 * 家庭: the households of the data month by their head (docs/domain.md, "Households"): size and the household's
 * 月日均, sortable and filtered; a 客户经理's own book's heads, masked like the customer list; a row opens the head's
 * card.
 */
export function HouseholdsPage({
  month,
  onOpenCustomer,
}: {
  month: string | null;
  onOpenCustomer(customerNo: string): void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const session = useSession();
  const balances = seesBalances(session.staff.role);
  const [sort, setSort] = useState<HouseholdListQuery['sort']>({
    field: balances ? 'aum' : 'size',
    direction: 'desc',
  });
  const [text, setText] = useState('');
  const [minSize, setMinSize] = useState(0);
  const [page, setPage] = useState(0);
  const [limit, setLimit] = useState(50);
  const search = useDebounced(text.trim(), 250);
  const state = useInvoke(
    'households.page',
    month
      ? {
          month,
          sort,
          filter: { ...(search ? { text: search } : {}), ...(minSize > 0 ? { minSize } : {}) },
          offset: page * limit,
          limit,
        }
      : null,
  );
  const data = state.data;
  const sortBy = (field: SortField) => {
    setSort((s) => ({ field, direction: s.field === field && s.direction === 'desc' ? 'asc' : 'desc' }));
    setPage(0);
  };
  const header = (field: SortField, label: string, align: 'left' | 'right' = 'left') => (
    <TableCell align={align} sortDirection={sort.field === field ? sort.direction : false}>
      <TableSortLabel
        active={sort.field === field}
        direction={sort.field === field ? sort.direction : 'desc'}
        onClick={() => sortBy(field)}
        data-testid={`households-sort-${field}`}
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );
  return (
    <Stack spacing={2} sx={{ p: 2 }} data-testid="households-page">
      <Typography variant="h6">{t('households.listTitle')}</Typography>
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <TextField
          size="small"
          label={t('households.search')}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setPage(0);
          }}
          slotProps={{ htmlInput: { maxLength: 64, 'data-testid': 'households-search' } }}
          sx={{ minWidth: 240 }}
        />
        <TextField
          select
          size="small"
          label={t('households.minSize')}
          value={minSize}
          onChange={(e) => {
            setMinSize(Number(e.target.value));
            setPage(0);
          }}
          sx={{ minWidth: 120 }}
        >
          {Array.from({ length: HOUSEHOLD_MAX_MEMBERS }, (_, i) => i).map((n) => (
            <MenuItem key={n} value={n}>
              {n === 0 ? '—' : n}
            </MenuItem>
          ))}
        </TextField>
        {data && (
          <Typography variant="body2" color="text.secondary" data-testid="households-total">
            {t('households.total', { count: data.total })}
          </Typography>
        )}
      </Stack>
      {data && data.total === 0 ? (
        <Alert severity="info">{t('households.empty')}</Alert>
      ) : (
        <Table size="small" sx={{ border: 1, borderColor: 'divider' }} data-testid="households-table">
          <TableHead>
            <TableRow>
              {header('headNo', t('households.headNo'))}
              <TableCell>{t('households.headName')}</TableCell>
              <TableCell>{t('households.manager')}</TableCell>
              {header('size', t('households.size'), 'right')}
              {balances ? (
                header('aum', money.header(t('households.aum')), 'right')
              ) : (
                <TableCell align="right">{money.header(t('households.aum'))}</TableCell>
              )}
              <TableCell align="right">{t('households.wealthPct')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(data?.rows ?? []).map((r) => (
              <TableRow
                key={r.id}
                hover
                sx={{ cursor: 'pointer' }}
                onClick={() => onOpenCustomer(r.customerNo)}
                data-testid="households-row"
              >
                <TableCell>{r.customerNo}</TableCell>
                <TableCell>{r.name}</TableCell>
                <TableCell>{r.managerCode ?? '—'}</TableCell>
                <TableCell align="right">{r.size}</TableCell>
                <TableCell align="right">{money.amount(r.aumFen)}</TableCell>
                <TableCell align="right">{r.wealthPct === null ? '—' : `${r.wealthPct.toFixed(1)}%`}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {data && data.total > 0 && (
        <TablePagination
          component="div"
          count={data.total}
          page={page}
          rowsPerPage={limit}
          rowsPerPageOptions={[25, 50, 100]}
          onPageChange={(_, p) => setPage(p)}
          onRowsPerPageChange={(e) => {
            setLimit(Number(e.target.value));
            setPage(0);
          }}
        />
      )}
    </Stack>
  );
}
