import CloseIcon from '@mui/icons-material/Close';
import {
  Alert,
  Box,
  CircularProgress,
  Divider,
  Drawer,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../lib/money';
import { formatYuan } from '../../../../shared/format';
import type { CustomerCard as CustomerCardData, MonthlyAssets } from '../../../../shared/schemas/customer';
import { BandBarChart } from '../../components/BandBarChart';
import { StatusChip, TierChip } from '../../components/TierChips';
import { errorText } from '../../lib/api';
import { useInvoke } from '../../lib/useInvoke';
import { TierOverrides } from './TierOverrides';
import { ManagerHistory } from './ManagerHistory';
import { RevealField } from './RevealField';
import { CardHeader } from './CardHeader';
import { useRetentionDialogs } from '../retention/useRetentionDialogs';
import { useSession } from '../../lib/session';
import { seesBalances } from '../../../../shared/access';
import { RetentionPanel } from '../retention/RetentionPanel';
import type { Staff } from '../../../../shared/schemas/common';
import { birthdayText } from '../workbench/careText';
import { SuitabilityPanel } from '../suitability/SuitabilityPanel';
import { LoyaltyPanel } from '../loyalty/LoyaltyPanel';
import { BenefitsPanel } from '../benefits/BenefitsPanel';
import { HouseholdPanel } from '../households/HouseholdPanel';
import { SuggestionsPanel } from '../suitability/SuggestionsPanel';
import type { CardSection } from './cardSection';

/** The asset parts stacked in the chart; deposits are split into demand and time so the stack sums to 月日均. */
const CHART_PARTS = [
  { key: 'demandDeposit', color: '#8fb8de', value: (m: MonthlyAssets) => m.demandFen ?? 0 },
  { key: 'timeDeposit', color: '#1f4e79', value: (m: MonthlyAssets) => (m.depositFen ?? 0) - (m.demandFen ?? 0) },
  { key: 'wealth', color: '#c9a227', value: (m: MonthlyAssets) => m.wealthFen ?? 0 },
  { key: 'fund', color: '#5b8c5a', value: (m: MonthlyAssets) => m.fundFen ?? 0 },
  { key: 'insurance', color: '#9a1b1f', value: (m: MonthlyAssets) => m.insuranceFen ?? 0 },
  { key: 'other', color: '#999999', value: (m: MonthlyAssets) => m.otherFen ?? 0 },
] as const;

const TABLE_COLUMNS = [
  'aumFen',
  'depositFen',
  'demandFen',
  'wealthFen',
  'fundFen',
  'insuranceFen',
  'otherFen',
  'loanFen',
  'monthEndFen',
] as const;
const TABLE_LABELS: Record<(typeof TABLE_COLUMNS)[number], string> = {
  aumFen: 'card.aum',
  depositFen: 'card.deposit',
  demandFen: 'card.demand',
  wealthFen: 'card.wealth',
  fundFen: 'card.fund',
  insuranceFen: 'card.insurance',
  otherFen: 'card.other',
  loanFen: 'card.loan',
  monthEndFen: 'card.monthEnd',
};

interface CustomerCardProps {
  customerNo: string | null;
  /** The part of the card to show first (a care calendar's assessment expiry opens it at 适当性). */
  section?: CardSection | null;
  /** The data month chosen in the app bar: the header's month. */
  month: string | null;
  latestMonth: string | null;
  staff: Staff[];
  onClose(): void;
  /** Tier results changed (an override was saved or removed). */
  onTiersChanged(): void;
  /** A contact, a retention action or an outcome was saved. */
  onRetentionChanged(): void;
}

/**
 * Right-side drawer: the header (tier, status, 月日均, 保级需补, manager, actions) stays in view; below it one scroll
 * area — profile, retention, 月日均 chart by part, tier history, overrides, the monthly table — with no scroll box
 * inside it to catch the wheel. Esc closes it.
 */
export function CustomerCard({
  customerNo,
  section = null,
  month,
  latestMonth,
  staff,
  onClose,
  onTiersChanged,
  onRetentionChanged,
}: CustomerCardProps) {
  const { t, i18n } = useTranslation();
  const card = useInvoke('customers.card', customerNo ? { customerNo } : null);

  useEffect(() => {
    if (!customerNo) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [customerNo, onClose]);

  return (
    <Drawer
      anchor="right"
      open={customerNo !== null}
      onClose={onClose}
      sx={{ zIndex: (theme) => theme.zIndex.drawer + 2 }}
      slotProps={{ paper: { sx: { width: { xs: '100%', md: 820 }, overflow: 'hidden' } } }}
    >
      <Stack direction="row" alignItems="center" sx={{ px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Typography variant="h6" sx={{ flexGrow: 1 }}>
          {t('card.title')}
        </Typography>
        <IconButton onClick={onClose} aria-label={t('card.close')}>
          <CloseIcon />
        </IconButton>
      </Stack>
      <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }} data-testid="customer-card">
        {card.loading && <CircularProgress size={24} sx={{ m: 2 }} />}
        {card.error ? (
          <Alert severity="error" sx={{ m: 2 }}>
            {errorText(card.error, i18n.language)}
          </Alert>
        ) : null}
        {card.data && card.current && (
          <CardBody
            data={card.data}
            month={month}
            section={section}
            staff={staff}
            onRetentionChanged={() => {
              card.reload();
              onRetentionChanged();
            }}
            overrides={
              <TierOverrides
                customerNo={card.data.customer.customerNo}
                overrides={card.data.overrides}
                tierChoices={card.data.tierChoices}
                latestMonth={latestMonth}
                onChanged={() => {
                  card.reload();
                  onTiersChanged();
                }}
              />
            }
          />
        )}
      </Box>
    </Drawer>
  );
}

/** Who the customer is (number, manager and mobile are in the header): identity (masked until revealed), risk, dates. */
function Profile({ c }: { c: CustomerCardData['customer'] }) {
  const { t } = useTranslation();
  const profile: Array<[string, React.ReactNode]> = [
    [t('customers.gender'), c.gender === 'M' ? t('customers.male') : c.gender === 'F' ? t('customers.female') : null],
    [t('customers.age'), c.age === null ? null : String(c.age)],
    [
      t('customers.idNumber'),
      <RevealField key="idNumber" customerNo={c.customerNo} field="idNumber" masked={c.idNumberMasked} />,
    ],
    [t('card.occupation'), c.occupation],
    [t('card.annualIncome'), c.annualIncomeFen === null ? null : `${formatYuan(c.annualIncomeFen)} 元`],
    [t('customers.riskLevel'), c.riskLevel],
    [t('card.riskAssessed'), c.riskAssessedDate],
    [t('card.nextBirthday'), c.nextBirthday ? birthdayText(t, c.nextBirthday) : null],
    [t('card.idExpiry'), c.idExpiryDate],
    [t('customers.openedDate'), c.openedDate],
    [t('customers.closedDate'), c.closedDate],
  ];
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', columnGap: 2, rowGap: 1 }}>
      {profile.map(([label, value]) => (
        <Box key={label}>
          <Typography variant="caption" color="text.secondary">
            {label}
          </Typography>
          {typeof value === 'string' || value === null ? (
            <Typography variant="body2">{value ?? '—'}</Typography>
          ) : (
            value
          )}
        </Box>
      ))}
    </Box>
  );
}

/** 月日均 month by month, stacked by part (in the user's unit). */
function AumChart({ months }: { months: MonthlyAssets[] }) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <Box data-testid="aum-chart">
      <BandBarChart
        height={280}
        categories={months.map((m) => m.month)}
        valueFormatter={(v) => money.amount(v)}
        series={CHART_PARTS.map((part) => ({
          id: part.key,
          label: t(`card.${part.key}`),
          color: part.color,
          stack: 'aum',
          data: months.map((m) => part.value(m)),
          valueFormatter: (v: number | null) => (v === null ? '' : money.text(v)),
        }))}
      />
    </Box>
  );
}

/** The customer's tier month by month, with its status and why. */
function TierHistoryTable({ history }: { history: CustomerCardData['tierHistory'] }) {
  const { t } = useTranslation();
  return (
    <TableContainer sx={{ border: 1, borderColor: 'divider' }} data-testid="tier-history">
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('tiers.month')}</TableCell>
            <TableCell>{t('tiers.tier')}</TableCell>
            <TableCell>{t('tiers.status')}</TableCell>
            <TableCell>{t('tiers.explanation')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {history.map((h) => (
            <TableRow key={h.month}>
              <TableCell sx={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>{h.month}</TableCell>
              <TableCell sx={{ verticalAlign: 'top' }}>
                <TierChip code={h.tierCode} name={h.tierName} />
              </TableCell>
              <TableCell sx={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                <StatusChip status={h.status} />
                {h.monthsLeft !== null && (
                  <Typography variant="caption" display="block" color="warning.dark">
                    {t('tiers.monthsLeft', { count: h.monthsLeft })}
                  </Typography>
                )}
              </TableCell>
              <TableCell sx={{ fontSize: 12 }}>{h.explanation}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** Each month's balances by part in 元, newest first. */
function MonthlyTable({ months }: { months: MonthlyAssets[] }) {
  const { t } = useTranslation();
  return (
    <TableContainer sx={{ border: 1, borderColor: 'divider' }}>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('card.month')}</TableCell>
            {TABLE_COLUMNS.map((col) => (
              <TableCell key={col} align="right" sx={{ whiteSpace: 'nowrap' }}>
                {t(TABLE_LABELS[col])}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {[...months].reverse().map((m) => (
            <TableRow key={m.month} hover>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{m.month}</TableCell>
              {TABLE_COLUMNS.map((col) => (
                <TableCell key={col} align="right" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                  {m[col] === null ? (
                    '—'
                  ) : col === 'aumFen' ? (
                    <strong>{formatYuan(m[col])}</strong>
                  ) : (
                    formatYuan(m[col])
                  )}
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
 * The loaded card: the header, then profile, retention, 月日均 by part, tier history, overrides, the book history and the
 * monthly table.
 */
function CardBody({
  data,
  month,
  section,
  staff,
  onRetentionChanged,
  overrides,
}: {
  data: CustomerCardData;
  month: string | null;
  section: CardSection | null;
  staff: Staff[];
  onRetentionChanged(): void;
  overrides: React.ReactNode;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const dialogs = useRetentionDialogs(data, staff, onRetentionChanged);
  const months = data.months;
  return (
    <>
      <CardHeader card={data} month={month} dialogs={dialogs} />
      <Box sx={{ flex: 1, minHeight: 0, overflowY: 'auto' }} data-testid="card-scroll">
        <Stack spacing={2} sx={{ p: 2 }}>
          <Profile c={data.customer} />
          <Divider />
          <SuitabilityPanel
            customerNo={data.customer.customerNo}
            onChanged={onRetentionChanged}
            focused={section === 'suitability'}
          />
          <SuggestionsPanel
            customerNo={data.customer.customerNo}
            name={data.customer.name}
            month={month}
            onChanged={onRetentionChanged}
          />
          <LoyaltyPanel customerNo={data.customer.customerNo} />
          <Divider />
          <BenefitsPanel
            customerNo={data.customer.customerNo}
            tierNames={new Map(data.tierChoices.map((c) => [c.code, c.name]))}
          />
          <Divider />
          <HouseholdPanel customerNo={data.customer.customerNo} />
          <Divider />
          <RetentionPanel card={data} dialogs={dialogs} />
          <Divider />
          <Typography variant="subtitle1">{t('card.aumTrend')}</Typography>
          {months.length === 0 ? (
            <Alert severity="info">
              {t(seesBalances(session.staff.role) ? 'card.noMonths' : 'card.amountsHidden')}
            </Alert>
          ) : (
            <AumChart months={months} />
          )}
          <Typography variant="subtitle1">{t('tiers.history')}</Typography>
          <TierHistoryTable history={data.tierHistory} />
          {overrides}
          <ManagerHistory periods={data.managerHistory} />
          <Typography variant="subtitle1">{t('card.monthlyTable')}</Typography>
          <MonthlyTable months={months} />
        </Stack>
      </Box>
      {dialogs.rendered}
    </>
  );
}
