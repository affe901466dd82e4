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
import type { CustomerBenefits } from '../../../../shared/schemas/benefits';
import { DateField } from '../../components/DateField';
import { ApiError, errorText, invoke } from '../../lib/api';
import { useAttempt } from '../../lib/useAttempt';
import { useInvoke } from '../../lib/useInvoke';
import { useSession } from '../../lib/session';

const countText = (n: number | null, unlimited: string) => (n === null ? unlimited : String(n));

/** 登记使用: the benefit, date, count and note; a refusal the 支行长 may override asks for the reason. */
function RecordUseDialog({ data, onClose, onSaved }: { data: CustomerBenefits; onClose(): void; onSaved(): void }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const { error, attempt } = useAttempt();
  const [benefitCode, setBenefitCode] = useState(data.benefits.find((b) => b.entitled)?.code ?? data.benefits[0]?.code);
  const [date, setDate] = useState(data.today);
  const [count, setCount] = useState('1');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const details = error instanceof ApiError ? error.body.details : undefined;
  const canOverride = session.staff.role === 'branch_manager' && details?.overridable === true;
  const field = typeof details?.field === 'string' ? details.field : null;
  const message = error ? errorText(error, i18n.language) : null;
  const save = () =>
    attempt(async () => {
      await invoke('benefits.recordUse', {
        customerNo: data.customerNo,
        benefitCode: benefitCode ?? '',
        date,
        // Not a whole number: sent as 0, refused naming the count (NaN would cross as null).
        count: /^-?\d+$/.test(count.trim()) ? Number(count) : 0,
        note,
        ...(canOverride && reason.trim() !== '' ? { overrideReason: reason } : {}),
      });
      onSaved();
    });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="benefit-use-title">
      <DialogTitle id="benefit-use-title">{t('benefits.recordTitle')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            select
            label={t('benefits.benefit')}
            value={benefitCode ?? ''}
            onChange={(e) => setBenefitCode(e.target.value)}
            error={field === 'benefitCode'}
            slotProps={{ htmlInput: { 'data-testid': 'benefit-use-benefit' } }}
          >
            {data.benefits.map((b) => (
              <MenuItem key={b.code} value={b.code}>
                {b.name}
              </MenuItem>
            ))}
          </TextField>
          <DateField
            label={t('benefits.date')}
            value={date}
            onChange={setDate}
            error={field === 'date' ? (message ?? undefined) : undefined}
            testId="benefit-use-date"
          />
          <TextField
            label={t('benefits.count')}
            value={count}
            onChange={(e) => setCount(e.target.value)}
            error={field === 'count'}
            slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'benefit-use-count' } }}
          />
          <TextField
            label={t('benefits.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 200 } }}
          />
          {message && field !== 'date' && (
            <Alert severity="error" data-testid="benefit-use-error">
              {message}
            </Alert>
          )}
          {canOverride && (
            <>
              <Typography variant="body2" color="text.secondary">
                {t('benefits.overrideHint')}
              </Typography>
              <TextField
                label={t('benefits.overrideReason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'benefit-use-override' } }}
              />
            </>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('actions.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} data-testid="benefit-use-save">
          {t('actions.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * The card's 权益 part (docs/domain.md, "Benefits"): each benefit of the catalogue in force with its yearly quota,
 * used and remaining in the counting year holding today; what a downgrade would take; 登记使用; the uses recorded.
 */
export function BenefitsPanel({ customerNo, tierNames }: { customerNo: string; tierNames: Map<string, string> }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const state = useInvoke('benefits.customer', { customerNo });
  const [recording, setRecording] = useState(false);
  const data = state.data;
  if (!data) return null;
  const unlimited = t('benefits.unlimited');
  return (
    <Stack spacing={1} data-testid="card-benefits">
      <Stack direction="row" spacing={1} alignItems="center">
        <Typography variant="subtitle1">{t('benefits.cardTitle')}</Typography>
        <Box sx={{ flexGrow: 1 }} />
        {session.can('benefits.recordUse') && data.benefits.length > 0 && (
          <Button size="small" variant="outlined" onClick={() => setRecording(true)} data-testid="benefit-record">
            {t('benefits.record')}
          </Button>
        )}
      </Stack>
      {(data.downgradeLoss.length > 0 || data.downgradeMultiplier !== null) && (
        <Alert severity="warning" data-testid="benefit-downgrade-loss">
          {t('benefits.downgradeLoss', {
            text: i18n.language === 'en' ? data.downgradeTextEn : data.downgradeText,
          })}
          {data.downgradeTierCode &&
            ` ${t('benefits.downgradeTo', { tier: tierNames.get(data.downgradeTierCode) ?? data.downgradeTierCode })}`}
        </Alert>
      )}
      {data.benefits.length === 0 ? (
        <Alert severity="info">{t('benefits.noCatalogue')}</Alert>
      ) : (
        <Table size="small" sx={{ border: 1, borderColor: 'divider' }} data-testid="card-benefit-table">
          <TableHead>
            <TableRow>
              <TableCell>{t('benefits.benefit')}</TableCell>
              <TableCell align="right">{t('benefits.quota')}</TableCell>
              <TableCell align="right">{t('benefits.used')}</TableCell>
              <TableCell align="right">{t('benefits.remaining')}</TableCell>
              <TableCell>{t('benefits.year')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.benefits.map((b) => (
              <TableRow key={b.code}>
                <TableCell>{b.name}</TableCell>
                {b.entitled ? (
                  <>
                    <TableCell align="right">{countText(b.perYear, unlimited)}</TableCell>
                    <TableCell align="right">{b.used}</TableCell>
                    <TableCell align="right">{countText(b.remaining, unlimited)}</TableCell>
                    <TableCell>
                      {b.yearFrom && b.yearTo ? t('benefits.yearRange', { from: b.yearFrom, to: b.yearTo }) : '—'}
                    </TableCell>
                  </>
                ) : (
                  <TableCell colSpan={4}>
                    <Typography variant="body2" color="text.secondary">
                      {t('benefits.notEntitled')}
                      {b.reason ? `：${b.reason}` : ''}
                    </Typography>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {data.uses.length > 0 && (
        <>
          <Typography variant="body2">{t('benefits.uses')}</Typography>
          <Table size="small" sx={{ border: 1, borderColor: 'divider' }} data-testid="card-benefit-uses">
            <TableHead>
              <TableRow>
                <TableCell>{t('benefits.date')}</TableCell>
                <TableCell>{t('benefits.benefit')}</TableCell>
                <TableCell align="right">{t('benefits.count')}</TableCell>
                <TableCell>{t('benefits.note')}</TableCell>
                <TableCell>{t('benefits.by')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.uses.map((u) => (
                <TableRow key={u.id}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{u.date}</TableCell>
                  <TableCell>{u.benefitName}</TableCell>
                  <TableCell align="right">{u.count}</TableCell>
                  <TableCell>
                    {u.note}
                    {u.overrideReason && (
                      <Typography variant="caption" color="warning.main" display="block">
                        {t('benefits.overridden', { reason: u.overrideReason })}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{u.createdBy ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
      {recording && (
        <RecordUseDialog
          data={data}
          onClose={() => setRecording(false)}
          onSaved={() => {
            setRecording(false);
            state.reload();
          }}
        />
      )}
    </Stack>
  );
}
