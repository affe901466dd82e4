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
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../../../shared/format';
import { useMoney } from '../../lib/money';
import type { AppInfo } from '../../../../shared/schemas/app';
import type { Today } from '../../../../shared/schemas/workbench';
import type { CoveredBook } from '../../../../shared/schemas/books';
import { CustomerLink } from '../../components/CustomerLink';
import { TierChip } from '../../components/TierChips';
import { errorText } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useInvoke } from '../../lib/useInvoke';
import { ContactDialog, type ContactTarget } from '../retention/ContactDialog';
import { LevelChip } from '../retention/LevelChip';
import { careText, cardSectionOfCare } from './careText';
import type { CardSection } from '../customers/cardSection';
import { ManagerSelect } from './ManagerSelect';
import { SuitabilitySections } from '../suitability/SuitabilitySections';

interface TodayPageProps {
  info: AppInfo;
  /** Changes when the customer card saved something: reload. */
  version: number;
  onOpenCustomer(customerNo: string, section?: CardSection): void;
  onLogged(): void;
}

type SectionKey =
  'actions' | 'warnings' | 'complaints' | 'care' | 'contacts' | 'opportunities' | 'handedOver' | 'newInBook';

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
        <Chip
          size="small"
          label={formatCount(total)}
          color={total > 0 ? 'primary' : 'default'}
          data-testid={`today-${id}-count`}
        />
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

/** The customer, a click from the card. */
function CustomerCell({ customerNo, name, onOpen }: { customerNo: string; name: string; onOpen(no: string): void }) {
  return (
    <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>
      <CustomerLink customerNo={customerNo} name={name} onOpen={onOpen} />
    </TableCell>
  );
}

function TierCell({ code, name }: { code: string | null; name: string | null }) {
  return (
    <TableCell sx={{ ...cell, width: 90 }}>
      <TierChip code={code} name={name} />
    </TableCell>
  );
}

/** 记录接触 for the row, its channel and purpose filled in. */
function LogCell({ target, onLog }: { target: ContactTarget; onLog(target: ContactTarget): void }) {
  const { t } = useTranslation();
  return (
    <TableCell sx={{ ...cell, width: 90 }} align="right">
      <Button size="small" onClick={() => onLog(target)}>
        {t('workbench.logContact')}
      </Button>
    </TableCell>
  );
}

interface SectionProps {
  today: Today;
  onOpenCustomer: TodayPageProps['onOpenCustomer'];
  onLog(target: ContactTarget): void;
}

/** Retention actions due, overdue ones marked. */
function ActionsSection({ today, onOpenCustomer, onLog }: SectionProps) {
  const { t } = useTranslation();
  return (
    <Section id="actions" today={today}>
      {today.actions.rows.map((a) => (
        <TableRow key={a.id} hover>
          <CustomerCell customerNo={a.customerNo} name={a.customerName} onOpen={onOpenCustomer} />
          <TableCell sx={cell}>{t(`actions.kinds.${a.kind}`)}</TableCell>
          <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>
            {t('workbench.dueOn', { date: a.dueDate })}{' '}
            {a.overdue && <Chip size="small" color="error" label={t('workbench.overdue')} />}
          </TableCell>
          <LogCell
            target={{
              customerNo: a.customerNo,
              name: a.customerName,
              action: a,
              channel: a.kind === 'visit' ? 'visit' : 'phone',
            }}
            onLog={onLog}
          />
        </TableRow>
      ))}
    </Section>
  );
}

/** High-risk warnings, with the amount needed to keep the tier. */
function WarningsSection({ today, onOpenCustomer, onLog }: SectionProps) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <Section id="warnings" today={today}>
      {today.warnings.rows.map((w) => (
        <TableRow key={w.customerNo} hover>
          <CustomerCell customerNo={w.customerNo} name={w.name} onOpen={onOpenCustomer} />
          <TierCell code={w.tierCode} name={w.tierName} />
          <TableCell sx={cell}>
            <LevelChip level={w.level} score={w.score} />
          </TableCell>
          <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>
            {w.amountNeededFen ? t('workbench.amountNeeded', { amount: money.text(w.amountNeededFen) }) : ''}
          </TableCell>
          <LogCell target={{ customerNo: w.customerNo, name: w.name, purpose: 'retention' }} onLog={onLog} />
        </TableRow>
      ))}
    </Section>
  );
}

/** Complaints near (or past) their deadline. */
function ComplaintsSection({ today, onOpenCustomer }: SectionProps) {
  const { t } = useTranslation();
  return (
    <Section id="complaints" today={today}>
      {today.complaints.rows.map((c) => (
        <TableRow key={c.id} hover>
          <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>{c.complaintNo}</TableCell>
          {c.customerNo ? (
            <CustomerCell customerNo={c.customerNo} name={c.customerName ?? ''} onOpen={onOpenCustomer} />
          ) : (
            <TableCell sx={cell}>—</TableCell>
          )}
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
  );
}

/** This week's care dates. */
function CareSection({ today, onOpenCustomer, onLog }: SectionProps) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <Section id="care" today={today}>
      {today.care.rows.map((c) => (
        <TableRow key={`${c.customerNo}-${c.kind}-${c.date}-${c.productName ?? ''}`} hover>
          <TableCell sx={{ ...cell, whiteSpace: 'nowrap', width: 90 }}>{c.date}</TableCell>
          <CustomerCell
            customerNo={c.customerNo}
            name={c.name}
            onOpen={(no) => onOpenCustomer(no, cardSectionOfCare(c))}
          />
          <TableCell sx={cell}>
            <Chip size="small" variant="outlined" label={t(`care.kinds.${c.kind}`)} sx={{ mr: 0.5 }} />
            {careText(t, money, c)}
          </TableCell>
          <LogCell
            target={{ customerNo: c.customerNo, name: c.name, purpose: c.kind === 'maturity' ? 'product' : 'care' }}
            onLog={onLog}
          />
        </TableRow>
      ))}
    </Section>
  );
}

/** Contacts and visits overdue against the standard, with the last one. */
function ContactsSection({ today, onOpenCustomer, onLog }: SectionProps) {
  const { t } = useTranslation();
  return (
    <Section id="contacts" today={today}>
      {today.contacts.rows.map((c) => (
        <TableRow key={c.customerNo} hover>
          <CustomerCell customerNo={c.customerNo} name={c.name} onOpen={onOpenCustomer} />
          <TierCell code={c.tierCode} name={c.tierName} />
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
          <LogCell
            target={{
              customerNo: c.customerNo,
              name: c.name,
              channel: c.kind === 'visit' ? 'visit' : 'phone',
              purpose: 'service',
            }}
            onLog={onLog}
          />
        </TableRow>
      ))}
    </Section>
  );
}

/** Priority-A customers with their 月日均 and the signals that make them an opportunity. */
function OpportunitiesSection({ today, onOpenCustomer, onLog }: SectionProps) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <Section id="opportunities" today={today}>
      {today.opportunities.rows.map((o) => (
        <TableRow key={o.customerNo} hover>
          <CustomerCell customerNo={o.customerNo} name={o.name} onOpen={onOpenCustomer} />
          <TierCell code={o.tierCode} name={o.tierName} />
          <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }} align="right">
            {money.text(o.aumFen)}
          </TableCell>
          <TableCell sx={cell}>
            {o.signals.map((s) => t(`workbench.signals.${s}`)).join(t('workbench.listSeparator'))}
          </TableCell>
          <LogCell target={{ customerNo: o.customerNo, name: o.name, purpose: 'product' }} onLog={onLog} />
        </TableRow>
      ))}
    </Section>
  );
}

/** Customers handed over from this book, still readable here until their transition period ends (交接中). */
function HandedOverSection({ today, onOpenCustomer }: SectionProps) {
  const { t } = useTranslation();
  if (today.handedOver.total === 0) return null;
  return (
    <Section id="handedOver" today={today}>
      {today.handedOver.rows.map((h) => (
        <TableRow key={h.customerNo} hover>
          <CustomerCell customerNo={h.customerNo} name={h.name} onOpen={onOpenCustomer} />
          <TableCell sx={cell}>
            <Chip size="small" color="warning" variant="outlined" label={t('workbench.inTransition')} />
          </TableCell>
          <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>
            {t('workbench.handedTo', { name: h.toManagerName ?? h.toManagerCode ?? '—', date: h.effectiveDate })}
          </TableCell>
          <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>
            {t('workbench.readableUntil', { date: h.until })}
          </TableCell>
        </TableRow>
      ))}
    </Section>
  );
}

/** Customers new in this book: who had them, their last contact with the customer, and what is open. */
function NewInBookSection({ today, onOpenCustomer, onLog }: SectionProps) {
  const { t } = useTranslation();
  if (today.newInBook.total === 0) return null;
  return (
    <Section id="newInBook" today={today}>
      {today.newInBook.rows.map((n) => (
        <TableRow key={n.customerNo} hover>
          <CustomerCell customerNo={n.customerNo} name={n.name} onOpen={onOpenCustomer} />
          <TableCell sx={cell}>
            {t('workbench.handedFrom', { name: n.fromManagerName ?? n.fromManagerCode ?? '—', date: n.effectiveDate })}
            <Typography variant="caption" color="text.secondary" component="div">
              {n.lastContactByPrevious
                ? t('workbench.previousContact', { date: n.lastContactByPrevious })
                : t('workbench.previousNever')}
              {n.openActions + n.openComplaints > 0
                ? ` · ${t('workbench.openItems', { actions: n.openActions, complaints: n.openComplaints })}`
                : ''}
            </Typography>
          </TableCell>
          <LogCell target={{ customerNo: n.customerNo, name: n.name, purpose: 'service' }} onLog={onLog} />
        </TableRow>
      ))}
    </Section>
  );
}

/** A 客户经理's own book, or one they cover today for a colleague away (AB角). */
function BookChoice({
  own,
  covers,
  value,
  onChange,
}: {
  own: string;
  covers: CoveredBook[];
  value: string;
  onChange(code: string): void;
}) {
  const { t } = useTranslation();
  if (covers.length === 0) return null;
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={value}
      onChange={(_, code: string | null) => code && onChange(code)}
    >
      <ToggleButton value={own} data-testid="today-own-book">
        {t('workbench.ownBook')}
      </ToggleButton>
      {covers.map((c) => (
        <ToggleButton key={c.managerCode} value={c.managerCode} data-testid={`today-cover-${c.managerCode}`}>
          {t('workbench.coverBook', { name: c.managerName ?? c.managerCode, date: c.until })}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}

/**
 * 今日工作台: a relationship manager's day — actions due, high-risk warnings, complaints near their deadline, care
 * dates this week, overdue contacts, priority-A opportunities — each a click from the customer card and from
 * logging the contact that closes it; customers new in the book and those handed over in their transition period.
 * The branch manager chooses whose day to see; a 客户经理 covering a colleague away (AB角) may open that book's day.
 */
export function TodayPage({ info, version, onOpenCustomer, onLogged }: TodayPageProps) {
  const { t, i18n } = useTranslation();
  const { staff } = useSession();
  const managers = info.staff.filter((s) => s.role === 'manager');
  const [chosen, setChosen] = useState(() => (staff.role === 'manager' ? staff.code : (managers[0]?.code ?? '')));
  const [contactFor, setContactFor] = useState<ContactTarget | null>(null);
  const day = useInvoke('workbench.today', chosen ? { managerCode: chosen } : null, version);
  const d = day.data;
  // The books this 客户经理 covers today, as their own day tells (kept while they look at one of them).
  const [covers, setCovers] = useState<CoveredBook[]>([]);
  const ownCovers = d && d.managerCode === staff.code ? d.covers : null;
  if (ownCovers && ownCovers !== covers) setCovers(ownCovers);
  const covering =
    staff.role === 'manager' && chosen !== staff.code ? covers.find((c) => c.managerCode === chosen) : undefined;

  return (
    <Stack spacing={1.5} sx={{ p: 2, overflowY: 'auto' }}>
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography variant="h6" component="h1">
          {t('workbench.title')}
        </Typography>
        {staff.role !== 'manager' && <ManagerSelect staff={info.staff} value={chosen} onChange={setChosen} />}
        {staff.role === 'manager' && (
          <BookChoice own={staff.code} covers={covers} value={chosen} onChange={setChosen} />
        )}
        {d && (
          <Typography variant="body2" color="text.secondary" data-testid="today-header">
            {t('workbench.header', {
              name: d.managerName ?? d.managerCode,
              code: d.managerCode,
              today: d.today,
              book: d.bookSize,
              month: d.month ?? t('workbench.noMonth'),
            })}
          </Typography>
        )}
        {d && d.campaignsOverdue > 0 && (
          <Chip
            size="small"
            color="warning"
            component="a"
            href="#/campaigns"
            clickable
            label={t('workbench.campaignsOverdue', { count: d.campaignsOverdue })}
            data-testid="today-campaigns-overdue"
          />
        )}
        {day.loading && <CircularProgress size={18} />}
      </Stack>
      {day.error ? <Alert severity="error">{errorText(day.error, i18n.language)}</Alert> : null}
      {covering ? (
        <Alert severity="info" data-testid="today-covering">
          {t('workbench.coveringNote', { name: covering.managerName ?? covering.managerCode, date: covering.until })}
        </Alert>
      ) : null}
      {d?.away ? (
        <Alert severity="warning" data-testid="today-away">
          {t('workbench.awayNote', {
            name: d.managerName ?? d.managerCode,
            from: d.away.from,
            to: d.away.to,
            backup: d.away.backupName ?? d.away.backupCode ?? '—',
          })}
        </Alert>
      ) : null}
      {d && (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 1.5 }}>
          <NewInBookSection today={d} onOpenCustomer={onOpenCustomer} onLog={setContactFor} />
          <HandedOverSection today={d} onOpenCustomer={onOpenCustomer} onLog={setContactFor} />
          <ActionsSection today={d} onOpenCustomer={onOpenCustomer} onLog={setContactFor} />
          <WarningsSection today={d} onOpenCustomer={onOpenCustomer} onLog={setContactFor} />
          <ComplaintsSection today={d} onOpenCustomer={onOpenCustomer} onLog={setContactFor} />
          <CareSection today={d} onOpenCustomer={onOpenCustomer} onLog={setContactFor} />
          <ContactsSection today={d} onOpenCustomer={onOpenCustomer} onLog={setContactFor} />
          <OpportunitiesSection today={d} onOpenCustomer={onOpenCustomer} onLog={setContactFor} />
          <SuitabilitySections managerCode={chosen} version={version} onOpenCustomer={onOpenCustomer} />
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
