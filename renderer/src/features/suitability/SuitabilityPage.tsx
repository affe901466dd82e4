import {
  Alert,
  Link,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../../../shared/format';
import { staffName } from '../../../../shared/staff-name';
import {
  SUITABILITY_FINDINGS,
  type SuitabilityFinding,
  type SuitabilityOverview,
} from '../../../../shared/schemas/suitability';
import { ExportButton } from '../../components/ExportButton';
import { errorText } from '../../lib/api';
import { useInvoke } from '../../lib/useInvoke';
import { SuitabilityCustomerTable } from './SuitabilityCustomerTable';

/** One count opened: a finding, for the branch or one manager (null code: customers without one). */
interface Opened {
  finding: SuitabilityFinding;
  manager?: { code: string | null };
}

function CountButton({ count, onOpen, testId }: { count: number; onOpen(): void; testId: string }) {
  if (count === 0) return <span data-testid={testId}>0</span>;
  return (
    <Link component="button" underline="hover" onClick={onOpen} data-testid={testId}>
      {formatCount(count)}
    </Link>
  );
}

/** Customers by worst finding per manager; each count opens its customers below. */
function ManagersTable({ overview, onOpen }: { overview: SuitabilityOverview; onOpen(opened: Opened): void }) {
  const { t } = useTranslation();
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" data-testid="suitability-managers">
        <TableHead>
          <TableRow>
            <TableCell>{t('suitability.manager')}</TableCell>
            <TableCell align="right">{t('suitability.customersHolding')}</TableCell>
            {SUITABILITY_FINDINGS.map((f) => (
              <TableCell key={f} align="right" sx={{ whiteSpace: 'nowrap' }}>
                {t(`suitability.findings.${f}`)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          <TableRow sx={{ '& td': { fontWeight: 600 } }}>
            <TableCell>{t('suitability.all')}</TableCell>
            <TableCell align="right">{formatCount(overview.customers)}</TableCell>
            {SUITABILITY_FINDINGS.map((f) => (
              <TableCell key={f} align="right">
                <CountButton count={overview.counts[f]} onOpen={() => onOpen({ finding: f })} testId={`count-${f}`} />
              </TableCell>
            ))}
          </TableRow>
          {overview.managers.map((m) => (
            <TableRow key={m.managerCode ?? ''} hover>
              <TableCell>
                {m.managerCode === null ? t('suitability.unassigned') : staffName(m.managerName, m.managerCode)}
              </TableCell>
              <TableCell align="right">{formatCount(m.customers)}</TableCell>
              {SUITABILITY_FINDINGS.map((f) => (
                <TableCell key={f} align="right">
                  <CountButton
                    count={m.counts[f]}
                    onOpen={() => onOpen({ finding: f, manager: { code: m.managerCode } })}
                    testId={`count-${m.managerCode ?? 'none'}-${f}`}
                  />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/**
 * 适当性检查: every holding checked against its customer's assessment as of the data month's end — customers by their
 * worst finding, in all and per manager; each count opens its customers (masked as every list is).
 */
export function SuitabilityPage({
  month,
  onOpenCustomer,
}: {
  month: string | null;
  onOpenCustomer(customerNo: string): void;
}) {
  const { t, i18n } = useTranslation();
  const [opened, setOpened] = useState<Opened | null>(null);
  const overview = useInvoke('suitability.overview', month ? { month } : null);
  const list = useInvoke(
    'suitability.customers',
    month && opened
      ? {
          month,
          finding: opened.finding,
          ...(opened.manager
            ? opened.manager.code === null
              ? { unassigned: true }
              : { managerCode: opened.manager.code }
            : {}),
        }
      : null,
  );
  if (!month) return <Alert severity="info">{t('suitability.noData')}</Alert>;
  const data = overview.data;
  return (
    <Stack spacing={2} sx={{ p: 2, overflowY: 'auto' }} data-testid="suitability-page">
      <Stack direction="row" spacing={2} alignItems="center">
        <Typography variant="h6" component="h1">
          {t('nav.suitability')}
        </Typography>
        <ExportButton subject={{ template: 'suitability', month }} label={t('exports.suitability')} />
      </Stack>
      {overview.error ? <Alert severity="error">{errorText(overview.error, i18n.language)}</Alert> : null}
      {data && (
        <>
          <Typography variant="body2" color="text.secondary">
            {t('suitability.summary', { asOf: data.asOf, customers: data.customers, holdings: data.holdings })}
          </Typography>
          {data.customers === 0 ? (
            <Alert severity="info">{t('suitability.noHoldingsBranch')}</Alert>
          ) : (
            <ManagersTable overview={data} onOpen={setOpened} />
          )}
        </>
      )}
      {opened && list.data && (
        <Stack spacing={1}>
          <Typography variant="subtitle1" data-testid="suitability-list-title">
            {t('suitability.listTitle', {
              finding: t(`suitability.findings.${opened.finding}`),
              count: list.data.total,
            })}
          </Typography>
          <SuitabilityCustomerTable rows={list.data.rows} total={list.data.total} onOpenCustomer={onOpenCustomer} />
        </Stack>
      )}
    </Stack>
  );
}
