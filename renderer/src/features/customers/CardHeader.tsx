import { Box, Button, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { addMonths } from '../../../../shared/month';
import type { CustomerCard } from '../../../../shared/schemas/customer';
import { staffName } from '../../../../shared/staff-name';
import { StatusChip, TierChip } from '../../components/TierChips';
import { useMoney, type Money } from '../../lib/money';
import { useSession } from '../../lib/session';
import type { RetentionDialogs } from '../retention/useRetentionDialogs';
import { RevealField } from './RevealField';

/** An amount with its sign, in the user's unit: a change on last month. */
function signed(money: Money, fen: number): string {
  return `${fen > 0 ? '+' : ''}${money.text(fen)}`;
}

/** One labelled figure of the header. */
function Figure({ label, children, testId }: { label: string; children: React.ReactNode; testId: string }) {
  return (
    <Box data-testid={testId}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="body2" component="div" sx={{ fontVariantNumeric: 'tabular-nums' }}>
        {children}
      </Typography>
    </Box>
  );
}

/**
 * The top of the card, always in view: who (name masked as the viewer's role requires, number), the tier and status of
 * the data month, its 月日均 and the change on the month before, 保级需补, the manager, and the main actions.
 */
export function CardHeader({
  card,
  month,
  dialogs,
}: {
  card: CustomerCard;
  /** The data month chosen in the app bar. */
  month: string | null;
  dialogs: RetentionDialogs;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const { can } = useSession();
  const { customer } = card;
  const shownMonth = month ?? card.tierHistory[0]?.month ?? null;
  const tier = card.tierHistory.find((h) => h.month === shownMonth) ?? null;
  const assets = card.months.find((m) => m.month === shownMonth) ?? null;
  const before = shownMonth ? card.months.find((m) => m.month === addMonths(shownMonth, -1)) : undefined;
  const manager = staffName(customer.managerName, customer.managerCode);
  return (
    <Stack spacing={1} sx={{ px: 2, py: 1.5, borderBottom: 1, borderColor: 'divider' }} data-testid="card-header">
      <Stack direction="row" spacing={1.5} alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography variant="h5" component="h2" data-testid="card-name">
          {customer.name}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {customer.customerNo}
        </Typography>
        <Box data-testid="card-tier">
          <TierChip code={tier?.tierCode ?? null} name={tier?.tierName ?? null} />
        </Box>
        {tier && tier.tierCode !== null && (
          <Box data-testid="card-status">
            <StatusChip status={tier.status} />
          </Box>
        )}
        {tier?.monthsLeft !== null && tier?.monthsLeft !== undefined && (
          <Typography variant="caption" color="warning.dark">
            {t('tiers.monthsLeft', { count: tier.monthsLeft })}
          </Typography>
        )}
      </Stack>
      <Stack direction="row" spacing={3} alignItems="flex-start" flexWrap="wrap" useFlexGap>
        <Figure label={t('card.header.aum', { month: shownMonth ?? '—' })} testId="card-aum">
          <strong>{assets ? money.text(assets.aumFen) : '—'}</strong>
          {assets && before && (
            <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
              {t('card.header.change', { amount: signed(money, assets.aumFen - before.aumFen) })}
            </Typography>
          )}
        </Figure>
        <Figure label={t('warnings.needed')} testId="card-needed">
          {tier?.holdGapFen ? (
            <Typography component="span" variant="body2" fontWeight={600} color="error.main">
              {money.text(tier.holdGapFen)}
            </Typography>
          ) : (
            '—'
          )}
        </Figure>
        <Figure label={t('customers.manager')} testId="card-manager">
          {manager ?? t('customers.unassigned')}
        </Figure>
        <Figure label={t('customers.mobile')} testId="card-mobile-figure">
          <RevealField customerNo={customer.customerNo} field="mobile" masked={customer.mobileMasked} />
        </Figure>
        <Stack direction="row" spacing={1} sx={{ ml: 'auto', alignSelf: 'center' }}>
          {can('contacts.log') && (
            <Button
              size="small"
              variant="contained"
              onClick={() => dialogs.logContact()}
              data-testid="card-log-contact"
            >
              {t('contacts.add')}
            </Button>
          )}
          {card.warningMonth && can('retention.createAction') && (
            <Button
              size="small"
              variant="outlined"
              onClick={() => card.warningMonth && dialogs.createAction(card.warningMonth)}
              data-testid="card-create-action"
            >
              {t('actions.create')}
            </Button>
          )}
        </Stack>
      </Stack>
    </Stack>
  );
}
