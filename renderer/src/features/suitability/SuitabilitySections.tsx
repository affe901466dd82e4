import { Chip, Paper, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../../../shared/format';
import type { SuitabilityBench } from '../../../../shared/schemas/suitability';
import { CustomerLink } from '../../components/CustomerLink';
import { useInvoke } from '../../lib/useInvoke';

const cell = { py: 0.5, fontSize: 13 } as const;

/** One of the workbench's suitability lists: title, count, hint, and each customer with what to say of them. */
function BenchList({
  id,
  list,
  detail,
  onOpenCustomer,
}: {
  id: 'expiring' | 'mismatches';
  list: SuitabilityBench['expiring'];
  detail(row: SuitabilityBench['expiring']['rows'][number]): string;
  onOpenCustomer(customerNo: string): void;
}) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" sx={{ p: 1.5, minWidth: 0 }} data-testid={`today-suitability-${id}`}>
      <Stack direction="row" spacing={1} alignItems="baseline">
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {t(`suitability.bench.${id}`)}
        </Typography>
        <Chip size="small" label={formatCount(list.total)} color={list.total > 0 ? 'primary' : 'default'} />
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {t(`suitability.bench.${id}Hint`)}
      </Typography>
      {list.rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
          {t('workbench.empty')}
        </Typography>
      ) : (
        <Table size="small">
          <TableBody>
            {list.rows.slice(0, 50).map((r) => (
              <TableRow key={r.customerNo}>
                <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>
                  <CustomerLink customerNo={r.customerNo} name={r.name} onOpen={onOpenCustomer} />
                </TableCell>
                <TableCell sx={cell}>{detail(r)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {list.total > Math.min(list.rows.length, 50) ? (
        <Typography variant="caption" color="text.secondary">
          {t('workbench.more', { total: list.total, shown: Math.min(list.rows.length, 50) })}
        </Typography>
      ) : null}
    </Paper>
  );
}

/** The workbench's suitability part (as of today): the book's assessments expiring within 30 days, and mismatches. */
export function SuitabilitySections({
  managerCode,
  version,
  onOpenCustomer,
}: {
  managerCode: string;
  version: number;
  onOpenCustomer(customerNo: string): void;
}) {
  const { t } = useTranslation();
  const bench = useInvoke('suitability.bench', managerCode ? { managerCode } : null, version).data;
  if (!bench) return null;
  return (
    <>
      <BenchList
        id="expiring"
        list={bench.expiring}
        detail={(r) => t('suitability.bench.expiringRow', { level: r.riskLevel ?? '', until: r.validUntil ?? '' })}
        onOpenCustomer={onOpenCustomer}
      />
      <BenchList
        id="mismatches"
        list={bench.mismatches}
        detail={(r) =>
          t('suitability.bench.mismatchRow', { level: r.riskLevel ?? '', products: r.aboveLevel.join('、') })
        }
        onOpenCustomer={onOpenCustomer}
      />
    </>
  );
}
