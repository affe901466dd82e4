import { Button, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Action } from '../../../../shared/schemas/retention';
import { CustomerLink } from '../../components/CustomerLink';
import { TierChip } from '../../components/TierChips';
import { OutcomeChip } from './OutcomeChip';
import { staffName } from '../../../../shared/staff-name';

interface ActionsTableProps {
  actions: Action[];
  /** Show the customer column (the board), or not (the customer's own card). */
  withCustomer: boolean;
  onOpenCustomer?(customerNo: string): void;
  onLogContact(action: Action): void;
  onSetOutcome(action: Action): void;
  testId: string;
}

/** Retention actions with their due dates and outcomes, and the two things to do with one. */
export function ActionsTable({
  actions,
  withCustomer,
  onOpenCustomer,
  onLogContact,
  onSetOutcome,
  testId,
}: ActionsTableProps) {
  const { t } = useTranslation();
  return (
    <Table size="small" data-testid={testId}>
      <TableHead>
        <TableRow>
          {withCustomer && <TableCell>{t('actions.customer')}</TableCell>}
          <TableCell>{t('actions.tier')}</TableCell>
          <TableCell>{t('actions.kind')}</TableCell>
          <TableCell>{t('actions.owner')}</TableCell>
          <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('actions.due')}</TableCell>
          <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('actions.done')}</TableCell>
          <TableCell>{t('actions.outcome')}</TableCell>
          <TableCell>{t('actions.notes')}</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {actions.map((a) => (
          <TableRow key={a.id} hover>
            {withCustomer && (
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <CustomerLink customerNo={a.customerNo} name={a.customerName} onOpen={(no) => onOpenCustomer?.(no)} />
              </TableCell>
            )}
            <TableCell>
              <TierChip code={a.tierCode} name={a.tierName} />
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {t(`actions.kinds.${a.kind}`)}
              {a.benefitName ? t('actions.offering', { benefit: a.benefitName }) : ''}
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{staffName(a.ownerName, a.ownerCode) ?? '—'}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {a.dueDate} {a.overdue && <Chip size="small" color="error" label={t('actions.overdue')} />}
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{a.doneDate ?? '—'}</TableCell>
            <TableCell>
              <OutcomeChip action={a} />
            </TableCell>
            <TableCell sx={{ fontSize: 12, maxWidth: 240 }}>{a.notes ?? ''}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              <Stack direction="row" spacing={0.5}>
                {a.doneDate === null && a.outcome === 'open' && (
                  <Button size="small" onClick={() => onLogContact(a)}>
                    {t('actions.logContact')}
                  </Button>
                )}
                <Button size="small" onClick={() => onSetOutcome(a)}>
                  {t('actions.setOutcome')}
                </Button>
              </Stack>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
