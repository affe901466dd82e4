import { Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ManagerPeriod } from '../../../../shared/schemas/customer';
import { staffName } from '../../../../shared/staff-name';

/** 管户历史: who managed the customer when, oldest first (docs/domain.md, "Book history"). */
export function ManagerHistory({ periods }: { periods: ManagerPeriod[] }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography variant="subtitle1">{t('card.managerHistory')}</Typography>
      <TableContainer>
        <Table size="small" data-testid="manager-history">
          <TableHead>
            <TableRow>
              <TableCell>{t('card.managerPeriodManager')}</TableCell>
              <TableCell>{t('card.managerPeriodFrom')}</TableCell>
              <TableCell>{t('card.managerPeriodTo')}</TableCell>
              <TableCell>{t('card.managerPeriodSource')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {periods.map((p, i) => (
              <TableRow key={i}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {staffName(p.managerName, p.managerCode) ?? t('card.managerUnassigned')}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{p.from ?? '—'}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{p.to ?? t('card.managerPeriodOpen')}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {p.reason === 'first'
                    ? t('card.managerPeriodFirst')
                    : t('card.managerPeriodImport', { batch: p.batchId })}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}
