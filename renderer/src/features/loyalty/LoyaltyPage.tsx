import {
  Alert,
  CircularProgress,
  Link,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CountedCustomers } from '../../components/CountedCustomers';
import { ExportButton } from '../../components/ExportButton';
import { allows } from '../../../../shared/access';
import { formatCount } from '../../../../shared/format';
import { errorText } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useInvoke } from '../../lib/useInvoke';

interface Opened {
  month: string;
  tierCode: string;
  title: string;
}

/** The customers behind a count opened: those of the tier with points unspent at the month's end, most first. */
function OpenedCustomers({ opened, onOpenCustomer }: { opened: Opened; onOpenCustomer(customerNo: string): void }) {
  const { t } = useTranslation();
  const list = useInvoke('loyalty.analysisCustomers', { month: opened.month, tierCode: opened.tierCode });
  return (
    <CountedCustomers
      title={opened.title}
      list={list.data}
      error={list.error}
      figureHeader={t('loyalty.analysisColumns.outstanding')}
      figureOf={(r) => r.points}
      onOpenCustomer={onOpenCustomer}
      testId="loyalty-analysis-customers"
    />
  );
}

/**
 * 积分分析 (docs/domain.md, "Loyalty points"): per month, and in it per tier (the customers' assessed tier that
 * month), the points earned, redeemed and expired and those unspent at the month's end — the twelve months up to the
 * data month.
 */
export function LoyaltyPage({
  month,
  onOpenCustomer,
}: {
  month: string | null;
  onOpenCustomer(customerNo: string): void;
}) {
  const { t, i18n } = useTranslation();
  const state = useInvoke('loyalty.analysis', month ? { toMonth: month } : {});
  const [opened, setOpened] = useState<Opened | null>(null);
  // The administrator keeps the plan and sees its figures, not its customers.
  const opens = allows(useSession().staff.role, 'loyalty.analysisCustomers', {});
  const data = state.data;
  if (!data) {
    return state.error ? (
      <Alert severity="error">{errorText(state.error, i18n.language)}</Alert>
    ) : (
      <CircularProgress sx={{ m: 3 }} size={24} />
    );
  }
  const nameOf = new Map(data.tiers.map((tier) => [tier.code, tier.name]));
  const order = new Map(data.tiers.map((tier, i) => [tier.code, i]));
  const rows = [...data.cells].sort(
    (a, b) => b.month.localeCompare(a.month) || (order.get(a.tierCode) ?? 99) - (order.get(b.tierCode) ?? 99),
  );
  return (
    <Stack spacing={2} sx={{ p: 2 }} data-testid="loyalty-analysis">
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="h6">{t('loyalty.analysisTitle')}</Typography>
        {month && <ExportButton subject={{ template: 'loyalty', month }} label={t('exports.loyalty')} />}
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('loyalty.analysisHint')}
      </Typography>
      {rows.length === 0 ? (
        <Alert severity="info">{t('loyalty.noVersions')}</Alert>
      ) : (
        <Paper variant="outlined">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('loyalty.analysisColumns.month')}</TableCell>
                <TableCell>{t('loyalty.analysisColumns.tier')}</TableCell>
                <TableCell align="right">{t('loyalty.analysisColumns.customers')}</TableCell>
                <TableCell align="right">{t('loyalty.analysisColumns.earned')}</TableCell>
                <TableCell align="right">{t('loyalty.analysisColumns.redeemed')}</TableCell>
                <TableCell align="right">{t('loyalty.analysisColumns.expired')}</TableCell>
                <TableCell align="right">{t('loyalty.analysisColumns.outstanding')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((cell) => (
                <TableRow key={`${cell.month}-${cell.tierCode}`}>
                  <TableCell>{cell.month}</TableCell>
                  <TableCell>
                    {cell.tierCode ? (nameOf.get(cell.tierCode) ?? cell.tierCode) : t('loyalty.noTier')}
                  </TableCell>
                  <TableCell align="right">
                    {opens && cell.customers > 0 ? (
                      <Link
                        component="button"
                        underline="hover"
                        data-testid={`loyalty-count-${cell.month}-${cell.tierCode || 'none'}`}
                        onClick={() =>
                          setOpened({
                            month: cell.month,
                            tierCode: cell.tierCode,
                            title: `${cell.month} ${cell.tierCode ? (nameOf.get(cell.tierCode) ?? cell.tierCode) : t('loyalty.noTier')}`,
                          })
                        }
                      >
                        {formatCount(cell.customers)}
                      </Link>
                    ) : (
                      formatCount(cell.customers)
                    )}
                  </TableCell>
                  <TableCell align="right">{formatCount(cell.earned)}</TableCell>
                  <TableCell align="right">{formatCount(cell.redeemed)}</TableCell>
                  <TableCell align="right">{formatCount(cell.expired)}</TableCell>
                  <TableCell align="right">{formatCount(cell.outstanding)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
      {opened && (
        <OpenedCustomers key={`${opened.month}-${opened.tierCode}`} opened={opened} onOpenCustomer={onOpenCustomer} />
      )}
    </Stack>
  );
}
