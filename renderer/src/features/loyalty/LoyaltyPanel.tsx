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
import { BONUS_EVENTS, type BonusEvent, type LedgerLine } from '../../../../shared/schemas/loyalty';
import { formatCount } from '../../../../shared/format';
import { errorText, invoke } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useInvoke } from '../../lib/useInvoke';

/** Lines the card shows, newest first. */
const LINES_SHOWN = 20;

type Action = 'redeem' | 'bonus' | 'adjust';

/**
 * The card's 积分 part (docs/domain.md, "Loyalty points"): the balance, the next expiry and the latest ledger lines;
 * 兑换礼品 and 奖励积分 for whoever may act on the customer, 调整积分 for the 支行长. Not shown to tellers.
 */
export function LoyaltyPanel({ customerNo }: { customerNo: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const allowed = session.can('loyalty.customer');
  const state = useInvoke('loyalty.customer', allowed ? { customerNo } : null);
  const settings = useInvoke('loyalty.settings', allowed ? {} : null);
  const [action, setAction] = useState<Action | null>(null);
  const data = state.data;
  if (!allowed || !data || !state.current) return null;
  const gifts = (settings.data?.gifts ?? []).filter((g) => g.active);
  const detail = (line: LedgerLine) =>
    [
      line.bonusEvent ? t(`loyalty.events.${line.bonusEvent}`) : null,
      line.giftCode ? `${line.reason ?? line.giftCode} × ${line.quantity ?? 1}` : line.reason,
    ]
      .filter(Boolean)
      .join(' · ');
  return (
    <Stack spacing={1} data-testid="card-loyalty">
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography variant="subtitle1">{t('loyalty.cardTitle')}</Typography>
        <Typography variant="body2" sx={{ fontWeight: 500 }} data-testid="loyalty-balance">
          {t('loyalty.balanceValue', { points: formatCount(data.balance) })}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {data.nextExpiry
            ? t('loyalty.nextExpiry', { date: data.nextExpiry.date, points: data.nextExpiry.points })
            : t('loyalty.noExpiry')}
        </Typography>
        <Box sx={{ flexGrow: 1 }} />
        {data.enabled && session.can('loyalty.redeem') && (
          <Button size="small" variant="outlined" onClick={() => setAction('redeem')} data-testid="loyalty-redeem">
            {t('loyalty.redeem')}
          </Button>
        )}
        {data.enabled && session.can('loyalty.bonus') && (
          <Button size="small" variant="outlined" onClick={() => setAction('bonus')} data-testid="loyalty-bonus">
            {t('loyalty.bonus')}
          </Button>
        )}
        {data.enabled && session.can('loyalty.adjust') && (
          <Button size="small" variant="outlined" onClick={() => setAction('adjust')} data-testid="loyalty-adjust">
            {t('loyalty.adjust')}
          </Button>
        )}
      </Stack>
      {!data.enabled && data.lines.length === 0 && <Alert severity="info">{t('loyalty.off')}</Alert>}
      {data.enabled && data.lines.length === 0 && <Alert severity="info">{t('loyalty.noLines')}</Alert>}
      {data.lines.length > 0 && (
        <Table size="small" data-testid="loyalty-lines">
          <TableHead>
            <TableRow>
              <TableCell>{t('loyalty.columns.createdAt')}</TableCell>
              <TableCell>{t('loyalty.columns.kind')}</TableCell>
              <TableCell align="right">{t('loyalty.columns.points')}</TableCell>
              <TableCell>{t('loyalty.columns.month')}</TableCell>
              <TableCell>{t('loyalty.columns.detail')}</TableCell>
              <TableCell>{t('loyalty.columns.by')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.lines.slice(0, LINES_SHOWN).map((line) => (
              <TableRow key={line.id}>
                <TableCell>{line.createdAt.slice(0, 10)}</TableCell>
                <TableCell>{t(`loyalty.kinds.${line.kind}`)}</TableCell>
                <TableCell align="right">
                  {line.points > 0 ? `+${formatCount(line.points)}` : formatCount(line.points)}
                </TableCell>
                <TableCell>{line.month}</TableCell>
                <TableCell>{detail(line)}</TableCell>
                <TableCell>{line.createdBy ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {data.lines.length > LINES_SHOWN && (
        <Typography variant="caption" color="text.secondary">
          {t('loyalty.linesShown', { shown: LINES_SHOWN, total: data.lines.length })}
        </Typography>
      )}
      {action && (
        <PointsDialog
          action={action}
          customerNo={customerNo}
          gifts={gifts}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            state.reload();
            settings.reload();
          }}
        />
      )}
    </Stack>
  );
}

function PointsDialog({
  action,
  customerNo,
  gifts,
  onClose,
  onDone,
}: {
  action: Action;
  customerNo: string;
  gifts: Array<{ code: string; name: string; pointsPrice: number; stock: number }>;
  onClose(): void;
  onDone(): void;
}) {
  const { t, i18n } = useTranslation();
  const [giftCode, setGiftCode] = useState(gifts[0]?.code ?? '');
  const [quantity, setQuantity] = useState('1');
  const [event, setEvent] = useState<BonusEvent>('event');
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (action === 'redeem') await invoke('loyalty.redeem', { customerNo, giftCode, quantity: Number(quantity) });
      else if (action === 'bonus') await invoke('loyalty.bonus', { customerNo, bonusEvent: event, reason });
      else await invoke('loyalty.adjust', { customerNo, points: Number(points), reason });
      onDone();
    } catch (e) {
      setError(errorText(e, i18n.language));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="loyalty-dialog-title">
      <DialogTitle id="loyalty-dialog-title">{t(`loyalty.${action}`)}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {action === 'redeem' && (
            <>
              <TextField
                select
                label={t('loyalty.gift')}
                value={giftCode}
                onChange={(e) => setGiftCode(e.target.value)}
                inputProps={{ 'data-testid': 'loyalty-gift' }}
              >
                {gifts.map((g) => (
                  <MenuItem key={g.code} value={g.code}>
                    {t('loyalty.giftOption', { name: g.name, price: g.pointsPrice, stock: g.stock })}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                label={t('loyalty.quantity')}
                value={quantity}
                onChange={(e) => setQuantity(e.target.value)}
                inputProps={{ inputMode: 'numeric', 'data-testid': 'loyalty-quantity' }}
              />
            </>
          )}
          {action === 'bonus' && (
            <TextField
              select
              label={t('loyalty.bonusEvent')}
              value={event}
              onChange={(e) => setEvent(e.target.value as BonusEvent)}
            >
              {BONUS_EVENTS.map((k) => (
                <MenuItem key={k} value={k}>
                  {t(`loyalty.events.${k}`)}
                </MenuItem>
              ))}
            </TextField>
          )}
          {action !== 'redeem' && (
            <>
              {action === 'adjust' && (
                <TextField
                  label={t('loyalty.points')}
                  value={points}
                  onChange={(e) => setPoints(e.target.value)}
                  helperText={t('loyalty.adjustHint')}
                  inputProps={{ inputMode: 'numeric', 'data-testid': 'loyalty-points' }}
                />
              )}
              <TextField
                label={t('loyalty.reason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                inputProps={{ 'data-testid': 'loyalty-reason' }}
              />
            </>
          )}
          {error && (
            <Alert severity="error" data-testid="loyalty-error">
              {error}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={submit} disabled={busy} data-testid="loyalty-submit">
          {t(`loyalty.${action}`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
