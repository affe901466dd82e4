import { Alert, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../../shared/format';
import type { CountedCustomer } from '../../../shared/schemas/common';
import { staffName } from '../../../shared/staff-name';
import { errorText } from '../lib/api';
import { CustomerLink } from './CustomerLink';

/**
 * The customers behind a count an analysis opened (below its table): how many in all, and the first of them with
 * their manager and the analysis's own figure; a name opens the card.
 */
export function CountedCustomers<R extends CountedCustomer>({
  title,
  list,
  error,
  figureHeader,
  figureOf,
  onOpenCustomer,
  testId,
}: {
  title: string;
  /** The answer (null while it loads). */
  list: { total: number; rows: R[] } | null;
  error: unknown;
  figureHeader: string;
  figureOf(row: R): number;
  onOpenCustomer(customerNo: string): void;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid={testId}>
      <Typography variant="subtitle1">
        {title}
        {list ? ` · ${t('counted.customers', { count: list.total })}` : ''}
      </Typography>
      {error ? <Alert severity="error">{errorText(error, i18n.language)}</Alert> : null}
      {list && (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t('actions.customer')}</TableCell>
              <TableCell>{t('customers.manager')}</TableCell>
              <TableCell align="right">{figureHeader}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {list.rows.map((r) => (
              <TableRow key={r.customerNo}>
                <TableCell>
                  <CustomerLink customerNo={r.customerNo} name={r.name} onOpen={onOpenCustomer} />
                </TableCell>
                <TableCell>{staffName(r.managerName, r.managerCode) ?? t('customers.unassigned')}</TableCell>
                <TableCell align="right">{formatCount(figureOf(r))}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {list && list.total > list.rows.length && (
        <Typography variant="body2" color="text.secondary">
          {t('counted.shown', { shown: list.rows.length, count: list.total })}
        </Typography>
      )}
    </Paper>
  );
}
