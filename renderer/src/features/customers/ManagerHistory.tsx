import { Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ManagerPeriod } from '../../../../shared/schemas/customer';
import { staffName } from '../../../../shared/staff-name';

/** How a period began, in words: the first manager, an import (its batch), a handover (its reason). */
function sourceText(t: TFunction, p: ManagerPeriod): string {
  if (p.source === 'first') return t('card.managerPeriodFirst');
  if (p.source === 'import') return t('card.managerPeriodImport', { batch: p.batchId });
  return t('card.managerPeriodHandover', { reason: t(`handovers.reasons.${p.reason}`) });
}

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
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{sourceText(t, p)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}
