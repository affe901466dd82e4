import { Alert, Box, Button, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../lib/money';
import { useSession } from '../../lib/session';
import { useInvoke } from '../../lib/useInvoke';
import { AssessmentDialog } from './AssessmentDialog';
import { FindingChip } from './FindingChip';

/**
 * The card's 适当性 part: the assessment (level, date, valid until, channel), 登记风险评估 for those who may act on the
 * customer, and each holding with its product's risk level and its check as of today. `focused`: the card was opened
 * at it (an assessment expiry of the care calendar), so it is scrolled into view once loaded.
 */
export function SuitabilityPanel({
  customerNo,
  onChanged,
  focused = false,
}: {
  customerNo: string;
  onChanged(): void;
  focused?: boolean;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const session = useSession();
  const [editing, setEditing] = useState(false);
  const state = useInvoke('suitability.customer', { customerNo });
  const data = state.data;
  const panel = useRef<HTMLDivElement>(null);
  const loaded = data !== null && data !== undefined;
  useEffect(() => {
    if (focused && loaded) panel.current?.scrollIntoView({ block: 'start' });
  }, [focused, loaded, customerNo]);
  if (!data) return null;
  const expired = data.validUntil !== null && data.validUntil < data.asOf;
  const facts: Array<[string, string]> = [
    [
      t('suitability.riskLevel'),
      data.riskLevel ? t(`suitability.levels.${data.riskLevel}`) : t('suitability.notAssessed'),
    ],
    [t('suitability.assessedDate'), data.assessedDate ?? '—'],
    [
      t('suitability.validUntil'),
      data.validUntil ? `${data.validUntil}${expired ? ` ${t('suitability.expiredMark')}` : ''}` : '—',
    ],
    [t('suitability.channel'), data.channel ?? '—'],
  ];
  return (
    <Stack spacing={1} data-testid="card-suitability" ref={panel}>
      <Stack direction="row" spacing={1} alignItems="center">
        <Typography variant="subtitle1">{t('suitability.cardTitle')}</Typography>
        <FindingChip finding={data.finding} />
        {data.professional && <Typography variant="body2">{t('suitability.professional')}</Typography>}
        <Box sx={{ flexGrow: 1 }} />
        {session.can('suitability.recordAssessment') && (
          <Button size="small" variant="outlined" onClick={() => setEditing(true)} data-testid="assessment-edit">
            {t('suitability.record')}
          </Button>
        )}
      </Stack>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', columnGap: 2 }}>
        {facts.map(([label, value]) => (
          <Box key={label}>
            <Typography variant="caption" color="text.secondary">
              {label}
            </Typography>
            <Typography variant="body2">{value}</Typography>
          </Box>
        ))}
      </Box>
      {data.holdings.length === 0 ? (
        <Alert severity="info">{t('suitability.noHoldings')}</Alert>
      ) : (
        <Table size="small" sx={{ border: 1, borderColor: 'divider' }} data-testid="card-holdings">
          <TableHead>
            <TableRow>
              <TableCell>{t('suitability.product')}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('suitability.productRisk')}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {money.header(t('suitability.amount'))}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('suitability.maturity')}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('suitability.check')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.holdings.map((h) => (
              <TableRow key={h.productKey}>
                <TableCell>
                  {h.productName}
                  {h.productCode && (
                    <Typography component="span" variant="caption" color="text.secondary">
                      {' '}
                      {h.productCode}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{h.productRisk ?? t('suitability.notInCatalogue')}</TableCell>
                <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                  {h.amountFen === null ? '—' : money.amount(h.amountFen)}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{h.maturityDate ?? '—'}</TableCell>
                <TableCell>
                  <FindingChip finding={h.finding} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {editing && (
        <AssessmentDialog
          current={data}
          open
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            state.reload();
            onChanged();
          }}
        />
      )}
    </Stack>
  );
}
