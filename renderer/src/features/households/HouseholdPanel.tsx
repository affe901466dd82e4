import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEMBER_ROLES, type CustomerHousehold, type HouseholdMember } from '../../../../shared/schemas/households';
import { DateField } from '../../components/DateField';
import { errorText, invoke } from '../../lib/api';
import { useMoney } from '../../lib/money';
import { useSession } from '../../lib/session';
import { useAttempt } from '../../lib/useAttempt';
import { useInvoke } from '../../lib/useInvoke';

/** Months of the household's figures the card shows. */
const MONTHS_SHOWN = 6;

type Dialogs = { kind: 'create' } | { kind: 'add'; headNo: string } | { kind: 'leave'; member: HouseholdMember };

/** 建立家庭, 添加成员 and 移出: one dialog, its fields by kind. */
function HouseholdDialog({
  customerNo,
  today,
  dialog,
  onClose,
  onSaved,
}: {
  customerNo: string;
  today: string;
  dialog: Dialogs;
  onClose(): void;
  onSaved(): void;
}) {
  const { t, i18n } = useTranslation();
  const { error, attempt } = useAttempt();
  const [memberNo, setMemberNo] = useState('');
  const [role, setRole] = useState<(typeof MEMBER_ROLES)[number]>('spouse');
  const [date, setDate] = useState(today);
  const title =
    dialog.kind === 'create'
      ? t('households.createTitle')
      : dialog.kind === 'add'
        ? t('households.addTitle')
        : t('households.leaveTitle', { name: dialog.member.name });
  const save = () =>
    attempt(async () => {
      if (dialog.kind === 'create') await invoke('households.create', { headCustomerNo: customerNo, joinedDate: date });
      else if (dialog.kind === 'add')
        await invoke('households.addMember', {
          headCustomerNo: dialog.headNo,
          customerNo: memberNo.trim(),
          role,
          joinedDate: date,
        });
      else await invoke('households.leave', { customerNo: dialog.member.customerNo ?? '', leftDate: date });
      onSaved();
    });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="household-dialog-title">
      <DialogTitle id="household-dialog-title">{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {dialog.kind === 'add' && (
            <>
              <TextField
                label={t('households.customerNo')}
                value={memberNo}
                onChange={(e) => setMemberNo(e.target.value)}
                slotProps={{ htmlInput: { maxLength: 64, 'data-testid': 'household-member-no' } }}
              />
              <TextField
                select
                label={t('households.role')}
                value={role}
                onChange={(e) => setRole(e.target.value as typeof role)}
                slotProps={{ htmlInput: { 'data-testid': 'household-member-role' } }}
              >
                {MEMBER_ROLES.map((r) => (
                  <MenuItem key={r} value={r}>
                    {t(`households.roles.${r}`)}
                  </MenuItem>
                ))}
              </TextField>
            </>
          )}
          <DateField
            label={dialog.kind === 'leave' ? t('households.leftDate') : t('households.joinedDate')}
            value={date}
            onChange={setDate}
            testId="household-date"
          />
          {error !== null && (
            <Alert severity="error" data-testid="household-error">
              {errorText(error, i18n.language)}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('actions.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} data-testid="household-save">
          {t('actions.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function MonthlyFigures({ data }: { data: NonNullable<CustomerHousehold['household']> }) {
  const { t } = useTranslation();
  const money = useMoney();
  if (data.months.length === 0) return null;
  return (
    <>
      <Typography variant="body2">{t('households.monthly')}</Typography>
      <Table
        size="small"
        sx={{ border: 1, borderColor: 'divider', '& th': { whiteSpace: 'nowrap' }, '& th, & td': { px: 1 } }}
        data-testid="household-months"
      >
        <TableHead>
          <TableRow>
            <TableCell>{t('households.month')}</TableCell>
            <TableCell align="right">{t('households.size')}</TableCell>
            <TableCell align="right">{money.header(t('households.aum'))}</TableCell>
            <TableCell align="right">{money.header(t('households.deposit'))}</TableCell>
            <TableCell align="right">{money.header(t('households.wealth'))}</TableCell>
            <TableCell align="right">{money.header(t('households.fund'))}</TableCell>
            <TableCell align="right">{money.header(t('households.insurance'))}</TableCell>
            <TableCell align="right">{money.header(t('households.other'))}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.months.slice(0, MONTHS_SHOWN).map((m) => (
            <TableRow key={m.month}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{m.month}</TableCell>
              <TableCell align="right">{m.members}</TableCell>
              <TableCell align="right">{money.amount(m.aumFen)}</TableCell>
              <TableCell align="right">{money.amount(m.depositFen)}</TableCell>
              <TableCell align="right">{money.amount(m.wealthFen)}</TableCell>
              <TableCell align="right">{money.amount(m.fundFen)}</TableCell>
              <TableCell align="right">{money.amount(m.insuranceFen)}</TableCell>
              <TableCell align="right">{money.amount(m.otherFen)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/**
 * The card's 家庭 part (docs/domain.md, "Households"): the household's 月日均 with its shape by month, its members
 * (another book's shown masked) and those who left; 建立家庭, 添加成员 and 移出 for whoever may act on the customer.
 */
export function HouseholdPanel({ customerNo }: { customerNo: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const money = useMoney();
  const state = useInvoke('households.customer', { customerNo });
  const [dialog, setDialog] = useState<Dialogs | null>(null);
  const data = state.data;
  if (!data || !state.current) return null;
  const household = data.household;
  const head = household?.members.find((m) => m.role === 'head' && m.leftDate === null);
  const current = household?.members.filter((m) => m.leftDate === null) ?? [];
  const left = household?.members.filter((m) => m.leftDate !== null) ?? [];
  const memberRow = (m: HouseholdMember, i: number) => (
    <TableRow key={`${m.shownNo}-${m.joinedDate}-${i}`} sx={m.leftDate ? { opacity: 0.6 } : undefined}>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>{m.shownNo}</TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>
        {m.name}
        {m.customerNo === null && (
          <Typography variant="caption" color="text.secondary" display="block">
            {t('households.masked')}
          </Typography>
        )}
      </TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>{t(`households.roles.${m.role}`)}</TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>{m.joinedDate}</TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>{m.leftDate ?? '—'}</TableCell>
      <TableCell align="right">{money.amount(m.aumFen)}</TableCell>
      <TableCell align="right">
        {m.leftDate === null && m.customerNo !== null && session.can('households.leave') && (
          <Button size="small" onClick={() => setDialog({ kind: 'leave', member: m })} data-testid="household-leave">
            {t('households.leave')}
          </Button>
        )}
      </TableCell>
    </TableRow>
  );
  return (
    <Stack spacing={1} data-testid="card-household">
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography variant="subtitle1">{t('households.cardTitle')}</Typography>
        {household ? (
          <Typography variant="body2" sx={{ fontWeight: 500 }} data-testid="household-aum">
            {household.withheld
              ? t('households.withheld', { count: current.length })
              : household.aumFen !== null && household.month !== null
                ? t('households.householdAum', {
                    amount: money.text(household.aumFen),
                    month: household.month,
                    members: current.length,
                  })
                : t('households.members', { count: current.length })}
          </Typography>
        ) : (
          <Typography variant="body2" color="text.secondary">
            {t('households.none')}
          </Typography>
        )}
        <Box sx={{ flexGrow: 1 }} />
        {!household && session.can('households.create') && (
          <Button
            size="small"
            variant="outlined"
            onClick={() => setDialog({ kind: 'create' })}
            data-testid="household-create"
          >
            {t('households.create')}
          </Button>
        )}
        {household && head?.customerNo && session.can('households.addMember') && (
          <Button
            size="small"
            variant="outlined"
            onClick={() => setDialog({ kind: 'add', headNo: head.customerNo ?? '' })}
            data-testid="household-add"
          >
            {t('households.add')}
          </Button>
        )}
      </Stack>
      {household && (
        <Table size="small" sx={{ border: 1, borderColor: 'divider' }} data-testid="household-members">
          <TableHead>
            <TableRow>
              <TableCell>{t('households.customerNo')}</TableCell>
              <TableCell>{t('households.name')}</TableCell>
              <TableCell>{t('households.role')}</TableCell>
              <TableCell>{t('households.joinedDate')}</TableCell>
              <TableCell>{t('households.leftDate')}</TableCell>
              <TableCell align="right">{money.header(t('households.aum'))}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>{[...current, ...left].map(memberRow)}</TableBody>
        </Table>
      )}
      {household && <MonthlyFigures data={household} />}
      {dialog && (
        <HouseholdDialog
          customerNo={customerNo}
          today={data.today}
          dialog={dialog}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            state.reload();
          }}
        />
      )}
    </Stack>
  );
}
