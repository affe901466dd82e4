import {
  Alert,
  Box,
  Button,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';

import type { CustomerCard } from '../../../../shared/schemas/customer';
import { TierChip } from '../../components/TierChips';
import { ActionsTable } from './ActionsTable';
import { LevelChip } from './LevelChip';
import { reasonText } from './reasonText';
import { useSession } from '../../lib/session';
import { useMoney } from '../../lib/money';

import type { RetentionDialogs } from './useRetentionDialogs';
import { staffName } from '../../../../shared/staff-name';

interface RetentionPanelProps {
  card: CustomerCard;
  /** The card's dialogs (its header opens them too). */
  dialogs: RetentionDialogs;
}

/** The warning's level, tier, 月日均 against the threshold, the amount needed, and each reason with its points. */
function WarningSummary({ warning }: { warning: NonNullable<CustomerCard['warning']> }) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="card-warning">
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <LevelChip level={warning.level} score={warning.score} />
        <TierChip code={warning.tierCode} name={warning.tierName} />
        <Typography variant="body2">
          {warning.aumFen !== null && `${t('warnings.aum')} ${money.text(warning.aumFen)} · `}
          {t('warnings.threshold')} {money.thresholdText(warning.thresholdFen)}
        </Typography>
        {warning.amountNeededFen !== null && warning.amountNeededFen > 0 && (
          <Typography variant="body2" fontWeight={600} color="error.main">
            {t('warnings.needed')} {money.text(warning.amountNeededFen)}
          </Typography>
        )}
      </Stack>
      <Box component="ol" sx={{ m: 0, mt: 1, pl: 3 }}>
        {warning.reasons.map((r) => (
          <Typography component="li" variant="body2" key={r.signal}>
            {reasonText(t, money, r)}
            <Typography component="span" variant="caption" color="text.secondary">
              {' '}
              (+{r.points})
            </Typography>
          </Typography>
        ))}
      </Box>
    </Paper>
  );
}

/** 接触记录: when, how, why, by whom, and the note (记录接触 is in the card's header). */
function ContactLog({ contacts }: { contacts: CustomerCard['contacts'] }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography variant="subtitle1">{t('contacts.title')}</Typography>
      {contacts.length === 0 ? (
        <Alert severity="info">{t('contacts.none')}</Alert>
      ) : (
        <Table size="small" sx={{ border: 1, borderColor: 'divider' }} data-testid="card-contacts">
          <TableHead>
            <TableRow>
              <TableCell>{t('contacts.date')}</TableCell>
              <TableCell>{t('contacts.channel')}</TableCell>
              <TableCell>{t('contacts.purpose')}</TableCell>
              <TableCell>{t('contacts.staff')}</TableCell>
              <TableCell>{t('contacts.note')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {contacts.map((c) => (
              <TableRow key={c.id}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{c.date}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{t(`contacts.channels.${c.channel}`)}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{t(`contacts.purposes.${c.purpose}`)}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{staffName(c.staffName, c.staffCode) ?? '—'}</TableCell>
                <TableCell sx={{ fontSize: 12 }}>
                  {c.productCode &&
                    t('contacts.proposed', { code: c.productCode }) +
                      (c.ownRequest ? t('contacts.proposedOwn', { reason: c.ownRequestReason ?? '' }) : '') +
                      (c.dualRecordingRef ? t('contacts.proposedRef', { ref: c.dualRecordingRef }) : '') +
                      (c.note ? ' · ' : '')}
                  {c.note ?? ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

/** The warning month's title, with 录入满意度 for who may (建立保级行动 is in the card's header). */
function WarningHeader({ warningMonth, onSurvey }: { warningMonth: string | null; onSurvey(): void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  return (
    <Stack direction="row" alignItems="center" spacing={1}>
      <Typography variant="subtitle1" sx={{ flexGrow: 1 }}>
        {t('warnings.cardTitle', { month: warningMonth ?? '—' })}
      </Typography>
      {can('surveys.respond') && (
        <Button size="small" variant="outlined" onClick={onSurvey} data-testid="card-survey">
          {t('surveys.enterForCustomer')}
        </Button>
      )}
    </Stack>
  );
}

/** On the customer card: the warning with its reasons and the amount needed, retention actions, the contact log. */
export function RetentionPanel({ card, dialogs }: RetentionPanelProps) {
  const { t } = useTranslation();
  const { warning, warningMonth } = card;
  return (
    <Stack spacing={1.5}>
      <WarningHeader warningMonth={warningMonth} onSurvey={dialogs.enterSurvey} />
      {warning ? (
        <WarningSummary warning={warning} />
      ) : (
        <Typography variant="body2" color="text.secondary">
          {t('warnings.notWarned', { month: warningMonth ?? '—' })}
        </Typography>
      )}
      {card.actions.length > 0 && (
        <Box sx={{ overflowX: 'auto', border: 1, borderColor: 'divider' }}>
          <ActionsTable
            actions={card.actions}
            withCustomer={false}
            onLogContact={dialogs.logContact}
            onSetOutcome={dialogs.setOutcome}
            testId="card-actions"
          />
        </Box>
      )}
      <ContactLog contacts={card.contacts} />
    </Stack>
  );
}
