import { Alert, Box, Button, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../../../shared/format';
import type { SuggestionReason } from '../../../../shared/schemas/suitability';
import { useMoney, type Money } from '../../lib/money';
import { useSession } from '../../lib/session';
import { useInvoke } from '../../lib/useInvoke';
import { ContactDialog, type ContactTarget } from '../retention/ContactDialog';

/** A suggestion's one line, e.g. “活期占比 62.0%，可转理财”; an amount hidden from the caller is left out. */
export function suggestionReasonText(t: TFunction, money: Money, reason: SuggestionReason): string {
  const key = `suitability.suggest.reasons.${reason.signal}`;
  switch (reason.signal) {
    case 'idle':
      return t(key, { share: formatPercent(reason.share), type: reason.type });
    case 'maturing':
      return reason.amountFen === null
        ? t('suitability.suggest.reasons.maturingHidden', { type: reason.type })
        : t(key, { amount: money.text(reason.amountFen), type: reason.type });
    case 'peers':
      return t(key, { share: formatPercent(reason.share) });
    case 'similar':
      return t(key, { type: reason.type });
    case 'fits':
      return t(key, { risk: reason.risk });
  }
}

/**
 * The card's 产品建议: the products suggested as of the data month's end, each with why, and 推荐 (for those who
 * may log contacts) opening the contact dialog on a product proposal; none, with why, when unassessed or expired.
 */
export function SuggestionsPanel({
  customerNo,
  name,
  month,
  onChanged,
}: {
  customerNo: string;
  name: string;
  month: string | null;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const session = useSession();
  const [proposing, setProposing] = useState<ContactTarget | null>(null);
  const { data } = useInvoke('suitability.suggestions', { customerNo, ...(month ? { month } : {}) });
  if (!data) return null;
  const canPropose = session.can('contacts.log');
  return (
    <Stack spacing={1} data-testid="card-suggestions">
      <Typography variant="subtitle1">{t('suitability.suggest.title')}</Typography>
      {data.unavailable ? (
        <Alert severity="warning">{t(`suitability.suggest.unavailable.${data.unavailable}`)}</Alert>
      ) : data.suggestions.length === 0 ? (
        <Alert severity="info">{t('suitability.suggest.none')}</Alert>
      ) : (
        <>
          <Typography variant="caption" color="text.secondary">
            {t('suitability.suggest.hint', { asOf: data.asOf })}
          </Typography>
          <Table size="small" sx={{ border: 1, borderColor: 'divider' }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('suitability.suggest.product')}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('suitability.suggest.type')}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('suitability.suggest.risk')}</TableCell>
                <TableCell>{t('suitability.suggest.reason')}</TableCell>
                {canPropose && <TableCell />}
              </TableRow>
            </TableHead>
            <TableBody>
              {data.suggestions.map((s) => (
                <TableRow key={s.productCode} data-testid={`suggestion-${s.productCode}`}>
                  <TableCell>
                    {s.productName}
                    <Typography component="span" variant="caption" color="text.secondary">
                      {' '}
                      {s.productCode}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{s.productType ?? '—'}</TableCell>
                  <TableCell>{s.productRisk}</TableCell>
                  <TableCell>{suggestionReasonText(t, money, s.reason)}</TableCell>
                  {canPropose && (
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      <Button
                        size="small"
                        variant="outlined"
                        onClick={() => setProposing({ customerNo, name, productCode: s.productCode })}
                        data-testid={`propose-${s.productCode}`}
                      >
                        {t('suitability.suggest.propose')}
                      </Button>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
      <Box>
        <ContactDialog
          target={proposing}
          onClose={() => setProposing(null)}
          onLogged={() => {
            setProposing(null);
            onChanged();
          }}
        />
      </Box>
    </Stack>
  );
}
