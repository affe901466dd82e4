import { SurveyEntryDialog } from '../surveys/SurveysPage';
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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../../shared/schemas/common';
import type { CustomerCard } from '../../../../shared/schemas/customer';
import type { Action } from '../../../../shared/schemas/retention';
import { TierChip } from '../../components/TierChips';
import { ActionDialog, type ActionTarget } from './ActionDialog';
import { ActionsTable } from './ActionsTable';
import { ContactDialog, type ContactTarget } from './ContactDialog';
import { LevelChip } from './LevelChip';
import { OutcomeDialog } from './OutcomeDialog';
import { reasonText } from './reasonText';
import { useSession } from '../../lib/session';
import { useMoney } from '../../lib/money';

interface RetentionPanelProps {
  card: CustomerCard;
  staff: Staff[];
  /** A contact, an action or an outcome was saved. */
  onChanged(): void;
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

/** 接触记录: when, how, why, by whom, and the note; 记录接触 for who may. */
function ContactLog({ contacts, onAdd }: { contacts: CustomerCard['contacts']; onAdd(): void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  return (
    <>
      <Stack direction="row" alignItems="center">
        <Typography variant="subtitle1" sx={{ flexGrow: 1 }}>
          {t('contacts.title')}
        </Typography>
        {can('contacts.log') && (
          <Button size="small" variant="outlined" onClick={onAdd} data-testid="card-log-contact">
            {t('contacts.add')}
          </Button>
        )}
      </Stack>
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
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{c.staffName ?? c.staffCode ?? '—'}</TableCell>
                <TableCell sx={{ fontSize: 12 }}>{c.note ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

/** The warning month's title, with 录入满意度 and 建立保级行动 for who may. */
function WarningHeader({
  warningMonth,
  onSurvey,
  onCreateAction,
}: {
  warningMonth: string | null;
  onSurvey(): void;
  onCreateAction(month: string): void;
}) {
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
      {warningMonth && can('retention.createAction') && (
        <Button size="small" variant="outlined" onClick={() => onCreateAction(warningMonth)}>
          {t('actions.create')}
        </Button>
      )}
    </Stack>
  );
}

/** On the customer card: the warning with its reasons and the amount needed, retention actions, the contact log. */
export function RetentionPanel({ card, staff, onChanged }: RetentionPanelProps) {
  const { t } = useTranslation();
  const { customer, warning, warningMonth } = card;
  const [actionFor, setActionFor] = useState<ActionTarget | null>(null);
  const [contactFor, setContactFor] = useState<ContactTarget | null>(null);
  const [outcomeFor, setOutcomeFor] = useState<Action | null>(null);
  const [surveyFor, setSurveyFor] = useState<{ customerNo: string; name: string } | null>(null);
  const done = (close: () => void) => () => {
    close();
    onChanged();
  };
  return (
    <Stack spacing={1.5}>
      <WarningHeader
        warningMonth={warningMonth}
        onSurvey={() => setSurveyFor({ customerNo: customer.customerNo, name: customer.name })}
        onCreateAction={(month) =>
          setActionFor({
            customerNo: customer.customerNo,
            name: customer.name,
            month,
            managerCode: customer.managerCode,
          })
        }
      />
      <SurveyEntryDialog customer={surveyFor} onClose={() => setSurveyFor(null)} onSaved={onChanged} />
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
            onLogContact={(a) => setContactFor({ customerNo: customer.customerNo, name: customer.name, action: a })}
            onSetOutcome={setOutcomeFor}
            testId="card-actions"
          />
        </Box>
      )}
      <ContactLog
        contacts={card.contacts}
        onAdd={() => setContactFor({ customerNo: customer.customerNo, name: customer.name })}
      />
      <ActionDialog
        target={actionFor}
        staff={staff}
        onClose={() => setActionFor(null)}
        onCreated={done(() => setActionFor(null))}
      />
      <ContactDialog
        target={contactFor}
        onClose={() => setContactFor(null)}
        onLogged={done(() => setContactFor(null))}
      />
      <OutcomeDialog
        action={outcomeFor}
        onClose={() => setOutcomeFor(null)}
        onSaved={done(() => setOutcomeFor(null))}
      />
    </Stack>
  );
}
