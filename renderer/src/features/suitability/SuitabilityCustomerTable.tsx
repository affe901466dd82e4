import { Alert, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { SuitabilityCustomerRow } from '../../../../shared/schemas/suitability';
import { staffName } from '../../../../shared/staff-name';
import { CustomerLink } from '../../components/CustomerLink';
import { FindingChip } from './FindingChip';

/** Customers of a suitability list: name (opens the card), manager, assessment, finding, products above level. */
export function SuitabilityCustomerTable({
  rows,
  total,
  onOpenCustomer,
  testId = 'suitability-customers',
}: {
  rows: SuitabilityCustomerRow[];
  total: number;
  onOpenCustomer(customerNo: string): void;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Alert severity="info">{t('suitability.none')}</Alert>;
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" data-testid={testId}>
        <TableHead>
          <TableRow>
            <TableCell>{t('suitability.customer')}</TableCell>
            <TableCell>{t('suitability.manager')}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('suitability.riskLevel')}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('suitability.assessedDate')}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('suitability.validUntil')}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('suitability.check')}</TableCell>
            <TableCell>{t('suitability.aboveProducts')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.customerNo} hover>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <CustomerLink customerNo={r.customerNo} name={r.name} onOpen={onOpenCustomer} />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{staffName(r.managerName, r.managerCode) ?? '—'}</TableCell>
              <TableCell>
                {r.professional ? t('suitability.professionalShort') : (r.riskLevel ?? t('suitability.notAssessed'))}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.assessedDate ?? '—'}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.validUntil ?? '—'}</TableCell>
              <TableCell>
                <FindingChip finding={r.finding} />
              </TableCell>
              <TableCell>{r.aboveLevel.join('、') || '—'}</TableCell>
            </TableRow>
          ))}
          {total > rows.length && (
            <TableRow>
              <TableCell colSpan={7}>{t('suitability.more', { count: total - rows.length })}</TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
