import {
  Alert,
  Box,
  Button,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  HANDOVER_REASONS,
  TRANSITION_DAYS,
  type HandoverPreview,
  type HandoverReason,
} from '../../../../shared/schemas/books';
import { BookCoverPanel } from './BookCoverPanel';
import type { AppInfo } from '../../../../shared/schemas/app';
import { localToday } from '../../../../shared/month';
import { staffName } from '../../../../shared/staff-name';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateField } from '../../components/DateField';
import { ExportButton } from '../../components/ExportButton';
import { FormError } from '../../components/FormError';
import { fieldErrors, invoke } from '../../lib/api';
import { useMoney } from '../../lib/money';
import { useAttempt } from '../../lib/useAttempt';
import { useInvoke } from '../../lib/useInvoke';

/** Rows of the preview shown on screen (the totals count them all). */
const SHOWN = 200;

interface Form {
  by: 'book' | 'customers' | 'segment';
  fromManagerCode: string;
  customerNos: string;
  savedSegmentId: string;
  toManagerCode: string;
  effectiveDate: string;
  reason: HandoverReason;
  note: string;
  transitionDays: string;
}

/**
 * 管户交接: the branch manager moves a book or named customers to another manager, with a transition period in which
 * the previous manager still reads them; and names each manager's backup (AB角) and their time away
 * (docs/domain.md, "Book history").
 */
export function HandoverPage({ info, onHandedOver }: { info: AppInfo; onHandedOver(): void }) {
  const { t } = useTranslation();
  const money = useMoney();
  // Any manager's book may be handed over (one who left included); only an active one takes customers over.
  const holders = info.staff.filter((s) => s.role === 'manager' || s.role === 'branch_manager');
  const managers = holders.filter((s) => s.active);
  const [form, setForm] = useState<Form>({
    by: 'book',
    fromManagerCode: '',
    customerNos: '',
    savedSegmentId: '',
    toManagerCode: '',
    effectiveDate: localToday(),
    reason: 'transfer',
    note: '',
    transitionDays: String(TRANSITION_DAYS.default),
  });
  const [preview, setPreview] = useState<HandoverPreview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { error, attempt } = useAttempt();
  const [historyVersion, setHistoryVersion] = useState(0);
  const history = useInvoke('books.handovers', {}, historyVersion);
  const segments = useInvoke('segments.saved', form.by === 'segment' ? {} : null);
  const fields = fieldErrors(error);

  const selection = () => {
    if (form.by === 'book') return { by: 'book' as const, managerCode: form.fromManagerCode };
    if (form.by === 'segment')
      return { by: 'segment' as const, savedSegmentId: Number(form.savedSegmentId), month: info.latestMonth ?? '' };
    return { by: 'customers' as const, customerNos: form.customerNos.split(/[\s,，、;；]+/).filter(Boolean) };
  };
  const request = () => ({
    selection: selection(),
    toManagerCode: form.toManagerCode,
    effectiveDate: form.effectiveDate,
    reason: form.reason,
    transitionDays: Number(form.transitionDays),
    ...(form.note.trim() ? { note: form.note.trim() } : {}),
  });
  const change = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
    setPreview(null);
  };
  const showPreview = () =>
    attempt(async () => {
      setNotice(null);
      setPreview(await invoke('books.handoverPreview', request()));
    });
  const commit = () =>
    attempt(async () => {
      setConfirming(false);
      const done = await invoke('books.handover', { ...request(), previewed: preview?.totals.customers });
      setPreview(null);
      setNotice(
        t(form.effectiveDate > localToday() ? 'handovers.doneAhead' : 'handovers.done', {
          count: done.customers,
          id: done.handoverId,
          date: form.effectiveDate,
        }),
      );
      setHistoryVersion((v) => v + 1);
      onHandedOver();
    });
  const undo = (handoverId: number) =>
    attempt(async () => {
      await invoke('books.undoHandover', { handoverId });
      setNotice(t('handovers.undone', { id: handoverId }));
      setHistoryVersion((v) => v + 1);
      onHandedOver();
    });
  const options = (staff: typeof holders) =>
    staff.map((s) => (
      <MenuItem key={s.code} value={s.code}>
        {staffName(s.name, s.code)}（{s.code}）
      </MenuItem>
    ));

  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Typography variant="h5" component="h1">
        {t('handovers.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('handovers.hint')}
      </Typography>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField
          select
          size="small"
          label={t('handovers.by')}
          value={form.by}
          onChange={(e) => change({ by: e.target.value as Form['by'] })}
          sx={{ width: 160 }}
          slotProps={{ htmlInput: { 'data-testid': 'handover-by' } }}
        >
          <MenuItem value="book">{t('handovers.byBook')}</MenuItem>
          <MenuItem value="customers">{t('handovers.byCustomers')}</MenuItem>
          <MenuItem value="segment">{t('handovers.bySegment')}</MenuItem>
        </TextField>
        {form.by === 'segment' && (
          <TextField
            select
            size="small"
            label={t('handovers.segment', { month: info.latestMonth ?? '—' })}
            value={form.savedSegmentId}
            onChange={(e) => change({ savedSegmentId: e.target.value })}
            error={Boolean(fields.selection)}
            helperText={fields.selection}
            sx={{ width: 260 }}
            slotProps={{ htmlInput: { 'data-testid': 'handover-segment' } }}
          >
            {(segments.data?.segments ?? []).map((s) => (
              <MenuItem key={s.id} value={String(s.id)}>
                {s.name}
              </MenuItem>
            ))}
          </TextField>
        )}
        {form.by === 'segment' ? null : form.by === 'book' ? (
          <TextField
            select
            size="small"
            label={t('handovers.from')}
            value={form.fromManagerCode}
            onChange={(e) => change({ fromManagerCode: e.target.value })}
            sx={{ width: 220 }}
            slotProps={{ htmlInput: { 'data-testid': 'handover-from' } }}
          >
            {options(holders)}
          </TextField>
        ) : (
          <TextField
            size="small"
            multiline
            minRows={2}
            label={t('handovers.customerNos')}
            value={form.customerNos}
            onChange={(e) => change({ customerNos: e.target.value })}
            error={Boolean(fields.selection)}
            helperText={fields.selection ?? t('handovers.customerNosHint')}
            sx={{ width: 320 }}
            slotProps={{ htmlInput: { 'data-testid': 'handover-customers' } }}
          />
        )}
        <TextField
          select
          size="small"
          label={t('handovers.to')}
          value={form.toManagerCode}
          onChange={(e) => change({ toManagerCode: e.target.value })}
          error={Boolean(fields.toManagerCode)}
          helperText={fields.toManagerCode}
          sx={{ width: 220 }}
          slotProps={{ htmlInput: { 'data-testid': 'handover-to' } }}
        >
          {options(managers)}
        </TextField>
        <DateField
          size="small"
          label={t('handovers.effectiveDate')}
          value={form.effectiveDate}
          onChange={(effectiveDate) => change({ effectiveDate })}
          error={fields.effectiveDate}
          testId="handover-date"
        />
        <TextField
          select
          size="small"
          label={t('handovers.reason')}
          value={form.reason}
          onChange={(e) => change({ reason: e.target.value as HandoverReason })}
          sx={{ width: 140 }}
          slotProps={{ htmlInput: { 'data-testid': 'handover-reason' } }}
        >
          {HANDOVER_REASONS.map((r) => (
            <MenuItem key={r} value={r}>
              {t(`handovers.reasons.${r}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          type="number"
          label={t('handovers.transitionDays')}
          value={form.transitionDays}
          onChange={(e) => change({ transitionDays: e.target.value })}
          error={Boolean(fields.transitionDays)}
          helperText={fields.transitionDays ?? t('handovers.transitionHint')}
          sx={{ width: 150 }}
          slotProps={{ htmlInput: { min: 0, max: TRANSITION_DAYS.max, 'data-testid': 'handover-transition' } }}
        />
        <TextField
          size="small"
          label={t('handovers.note')}
          value={form.note}
          onChange={(e) => change({ note: e.target.value })}
          error={Boolean(fields.note)}
          helperText={fields.note}
          sx={{ width: 240 }}
        />
        <Button variant="outlined" onClick={showPreview} data-testid="handover-preview">
          {t('handovers.preview')}
        </Button>
      </Stack>
      <FormError error={error} fields={fields} />
      {notice && <Alert severity="success">{notice}</Alert>}
      {preview && (
        <Stack spacing={1} data-testid="handover-preview-result">
          <Typography variant="subtitle1">
            {t('handovers.summary', {
              count: preview.totals.customers,
              aum: money.text(preview.totals.aumFen),
              month: preview.month ?? '—',
              actions: preview.totals.openActions,
              complaints: preview.totals.openComplaints,
              plans: preview.totals.planItems,
              invitations: preview.totals.invitations,
            })}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('handovers.whatMoves')}
            {preview.alreadyWithTarget > 0 ? t('handovers.already', { count: preview.alreadyWithTarget }) : ''}
          </Typography>
          <TableContainer>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{t('handovers.col.customerNo')}</TableCell>
                  <TableCell>{t('handovers.col.name')}</TableCell>
                  <TableCell>{t('handovers.col.from')}</TableCell>
                  <TableCell>{t('handovers.col.tier')}</TableCell>
                  <TableCell align="right">{money.header(t('handovers.col.aum'))}</TableCell>
                  <TableCell align="right">{t('handovers.col.actions')}</TableCell>
                  <TableCell align="right">{t('handovers.col.complaints')}</TableCell>
                  <TableCell align="right">{t('handovers.col.plans')}</TableCell>
                  <TableCell align="right">{t('handovers.col.invitations')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {preview.customers.slice(0, SHOWN).map((c) => (
                  <TableRow key={c.customerNo}>
                    <TableCell>{c.customerNo}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{c.name}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {staffName(c.fromManagerName, c.fromManagerCode) ?? t('card.managerUnassigned')}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{c.tierName ?? '—'}</TableCell>
                    <TableCell align="right">{money.amount(c.aumFen)}</TableCell>
                    <TableCell align="right">{c.openActions}</TableCell>
                    <TableCell align="right">{c.openComplaints}</TableCell>
                    <TableCell align="right">{c.planItems}</TableCell>
                    <TableCell align="right">{c.invitations}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          {preview.customers.length > SHOWN && (
            <Typography variant="body2" color="text.secondary">
              {t('handovers.more', { shown: SHOWN, count: preview.customers.length })}
            </Typography>
          )}
          <Box>
            <Button variant="contained" onClick={() => setConfirming(true)} data-testid="handover-commit">
              {t('handovers.commit', { count: preview.totals.customers })}
            </Button>
          </Box>
        </Stack>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('handovers.confirmTitle')}
        text={t('handovers.confirmText', { count: preview?.totals.customers ?? 0 })}
        confirmLabel={t('handovers.confirm')}
        color="warning"
        testId="handover-confirm"
        onClose={() => setConfirming(false)}
        onConfirm={commit}
      />
      <Typography variant="subtitle1">{t('handovers.history')}</Typography>
      {history.data && history.data.handovers.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('handovers.noHistory')}
        </Typography>
      ) : (
        <TableContainer>
          <Table size="small" data-testid="handover-history">
            <TableHead>
              <TableRow>
                <TableCell>{t('handovers.col.id')}</TableCell>
                <TableCell>{t('handovers.col.to')}</TableCell>
                <TableCell>{t('handovers.effectiveDate')}</TableCell>
                <TableCell>{t('handovers.reason')}</TableCell>
                <TableCell align="right">{t('handovers.col.customers')}</TableCell>
                <TableCell>{t('handovers.col.transitionUntil')}</TableCell>
                <TableCell>{t('handovers.note')}</TableCell>
                <TableCell>{t('handovers.col.status')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {(history.data?.handovers ?? []).map((h) => (
                <TableRow key={h.id}>
                  <TableCell>{h.id}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{staffName(h.toManagerName, h.toManagerCode)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{h.effectiveDate}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{t(`handovers.reasons.${h.reason}`)}</TableCell>
                  <TableCell align="right">{h.customers}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {h.transitionUntil ?? t('handovers.noTransition')}
                  </TableCell>
                  <TableCell>{h.note ?? ''}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {h.scheduled ? `${t('handovers.scheduledStatus', { date: h.effectiveDate })} ` : ''}
                    {h.undoneAt ? (
                      t('handovers.undoneStatus')
                    ) : h.canUndo ? (
                      <Button size="small" onClick={() => undo(h.id)} data-testid="handover-undo">
                        {t('handovers.undo')}
                      </Button>
                    ) : (
                      t('handovers.inForce')
                    )}
                  </TableCell>
                  <TableCell>
                    {info.latestMonth && !h.undoneAt && (
                      <ExportButton
                        subject={{ template: 'handover', month: info.latestMonth, handoverId: h.id }}
                        label={t('handovers.list')}
                      />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <BookCoverPanel info={info} />
    </Stack>
  );
}
