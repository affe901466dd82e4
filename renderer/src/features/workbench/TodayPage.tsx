import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatWan } from '../../../../shared/format';
import type { AppInfo } from '../../../../shared/schemas/app';
import type { Today } from '../../../../shared/schemas/workbench';
import { CustomerLink } from '../../components/CustomerLink';
import { TierChip } from '../../components/TierChips';
import { errorText } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useInvoke } from '../../lib/useInvoke';
import { ContactDialog, type ContactTarget } from '../retention/ContactDialog';
import { LevelChip } from '../retention/LevelChip';
import { careText } from './careText';
import { ManagerSelect } from './ManagerSelect';

interface TodayPageProps {
  info: AppInfo;
  /** Changes when the customer card saved something: reload. */
  version: number;
  onOpenCustomer(customerNo: string): void;
  onLogged(): void;
}

type SectionKey = 'actions' | 'warnings' | 'complaints' | 'care' | 'contacts' | 'opportunities';

/** One list of the day: title, how many, what it holds, its rows. */
function Section({ id, today, children }: { id: SectionKey; today: Today; children: ReactNode }) {
  const { t } = useTranslation();
  const { total, rows } = today[id];
  return (
    <Paper variant="outlined" sx={{ p: 1.5, minWidth: 0 }} data-testid={`today-${id}`}>
      <Stack direction="row" spacing={1} alignItems="baseline">
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {t(`workbench.sections.${id}`)}
        </Typography>
        <Chip size="small" label={total} color={total > 0 ? 'primary' : 'default'} data-testid={`today-${id}-count`} />
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {t(`workbench.hints.${id}`)}
      </Typography>
      {rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
          {t('workbench.empty')}
        </Typography>
      ) : (
        <Box sx={{ maxHeight: 330, overflowY: 'auto', mt: 0.5 }}>
          <Table size="small">
            <TableBody>{children}</TableBody>
          </Table>
        </Box>
      )}
      {total > rows.length ? (
        <Typography variant="caption" color="text.secondary">
          {t('workbench.more', { total, shown: rows.length })}
        </Typography>
      ) : null}
    </Paper>
  );
}

const cell = { py: 0.5, fontSize: 13 } as const;

/**
 * 今日工作台: a relationship manager's day — actions due, high-risk warnings, complaints near their deadline, care
 * dates this week, overdue contacts, priority-A opportunities — each a click from the customer card and from
 * logging the contact that closes it. The branch manager chooses whose day to see.
 */
export function TodayPage({ info, version, onOpenCustomer, onLogged }: TodayPageProps) {
  const { t, i18n } = useTranslation();
  const { staff } = useSession();
  const managers = info.staff.filter((s) => s.role === 'manager');
  const [chosen, setChosen] = useState(() => (staff.role === 'manager' ? staff.code : (managers[0]?.code ?? '')));
  const [contactFor, setContactFor] = useState<ContactTarget | null>(null);
  const day = useInvoke('workbench.today', chosen ? { managerCode: chosen } : null, version);
  const d = day.data;
  const logButton = (target: ContactTarget) => (
    <TableCell sx={{ ...cell, width: 90 }} align="right">
      <Button size="small" onClick={() => setContactFor(target)}>
        {t('workbench.logContact')}
      </Button>
    </TableCell>
  );
  const customer = (customerNo: string, name: string) => (
    <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>
      <CustomerLink customerNo={customerNo} name={name} onOpen={onOpenCustomer} />
    </TableCell>
  );
  const tier = (code: string | null, name: string | null) => (
    <TableCell sx={{ ...cell, width: 90 }}>
      <TierChip code={code} name={name} />
    </TableCell>
  );

  return (
    <Stack spacing={1.5} sx={{ p: 2, overflowY: 'auto' }}>
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography variant="h6" component="h1">
          {t('workbench.title')}
        </Typography>
        {staff.role !== 'manager' && <ManagerSelect staff={info.staff} value={chosen} onChange={setChosen} />}
        {d && (
          <Typography variant="body2" color="text.secondary" data-testid="today-header">
            {t('workbench.header', {
              name: d.managerName ?? d.managerCode,
              code: d.managerCode,
              today: d.today,
              book: d.bookSize.toLocaleString(),
              month: d.month ?? t('workbench.noMonth'),
            })}
          </Typography>
        )}
        {day.loading && <CircularProgress size={18} />}
      </Stack>
      {day.error ? <Alert severity="error">{errorText(day.error, i18n.language)}</Alert> : null}
      {d && (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 1.5 }}>
          <Section id="actions" today={d}>
            {d.actions.rows.map((a) => (
              <TableRow key={a.id} hover>
                {customer(a.customerNo, a.customerName)}
                <TableCell sx={cell}>{t(`actions.kinds.${a.kind}`)}</TableCell>
                <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>
                  {t('workbench.dueOn', { date: a.dueDate })}{' '}
                  {a.overdue && <Chip size="small" color="error" label={t('workbench.overdue')} />}
                </TableCell>
                {logButton({
                  customerNo: a.customerNo,
                  name: a.customerName,
                  action: a,
                  channel: a.kind === 'visit' ? 'visit' : 'phone',
                })}
              </TableRow>
            ))}
          </Section>
          <Section id="warnings" today={d}>
            {d.warnings.rows.map((w) => (
              <TableRow key={w.customerNo} hover>
                {customer(w.customerNo, w.name)}
                {tier(w.tierCode, w.tierName)}
                <TableCell sx={cell}>
                  <LevelChip level={w.level} score={w.score} />
                </TableCell>
                <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>
                  {w.amountNeededFen ? t('workbench.amountNeeded', { amount: formatWan(w.amountNeededFen) }) : ''}
                </TableCell>
                {logButton({ customerNo: w.customerNo, name: w.name, purpose: 'retention' })}
              </TableRow>
            ))}
          </Section>
          <Section id="complaints" today={d}>
            {d.complaints.rows.map((c) => (
              <TableRow key={c.id} hover>
                <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>{c.complaintNo}</TableCell>
                {c.customerNo ? customer(c.customerNo, c.customerName ?? '') : <TableCell sx={cell}>—</TableCell>}
                <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>
                  {c.deadline.overdue ? (
                    <Chip size="small" color="error" label={t('workbench.overdue')} />
                  ) : (
                    t('workbench.daysLeft', { days: c.deadline.daysLeft })
                  )}
                </TableCell>
                <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>{c.deadline.dueDate ?? ''}</TableCell>
              </TableRow>
            ))}
          </Section>
          <Section id="care" today={d}>
            {d.care.rows.map((c) => (
              <TableRow key={`${c.customerNo}-${c.kind}-${c.date}-${c.productName ?? ''}`} hover>
                <TableCell sx={{ ...cell, whiteSpace: 'nowrap', width: 90 }}>{c.date}</TableCell>
                {customer(c.customerNo, c.name)}
                <TableCell sx={cell}>
                  <Chip size="small" variant="outlined" label={t(`care.kinds.${c.kind}`)} sx={{ mr: 0.5 }} />
                  {careText(t, c)}
                </TableCell>
                {logButton({
                  customerNo: c.customerNo,
                  name: c.name,
                  purpose: c.kind === 'maturity' ? 'product' : 'care',
                })}
              </TableRow>
            ))}
          </Section>
          <Section id="contacts" today={d}>
            {d.contacts.rows.map((c) => (
              <TableRow key={c.customerNo} hover>
                {customer(c.customerNo, c.name)}
                {tier(c.tierCode, c.tierName)}
                <TableCell sx={cell}>
                  <Chip
                    size="small"
                    variant="outlined"
                    label={c.kind === 'visit' ? t('workbench.kindVisit') : t('workbench.kindContact')}
                    sx={{ mr: 0.5 }}
                  />
                  {t('workbench.overdueDays', { days: c.daysOverdue })}
                  <Typography variant="caption" color="text.secondary" component="div">
                    {c.lastDate ? t('workbench.lastContact', { date: c.lastDate }) : t('workbench.never')} ·{' '}
                    {t('workbench.standard', { days: c.standardDays })}
                  </Typography>
                </TableCell>
                {logButton({
                  customerNo: c.customerNo,
                  name: c.name,
                  channel: c.kind === 'visit' ? 'visit' : 'phone',
                  purpose: 'service',
                })}
              </TableRow>
            ))}
          </Section>
          <Section id="opportunities" today={d}>
            {d.opportunities.rows.map((o) => (
              <TableRow key={o.customerNo} hover>
                {customer(o.customerNo, o.name)}
                {tier(o.tierCode, o.tierName)}
                <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }} align="right">
                  {o.aumFen === null ? '—' : formatWan(o.aumFen)}
                </TableCell>
                <TableCell sx={cell}>
                  {o.signals.map((s) => t(`workbench.signals.${s}`)).join(t('workbench.listSeparator'))}
                </TableCell>
                {logButton({ customerNo: o.customerNo, name: o.name, purpose: 'product' })}
              </TableRow>
            ))}
          </Section>
        </Box>
      )}
      <ContactDialog
        target={contactFor}
        onClose={() => setContactFor(null)}
        onLogged={() => {
          setContactFor(null);
          day.reload();
          onLogged();
        }}
      />
    </Stack>
  );
}
