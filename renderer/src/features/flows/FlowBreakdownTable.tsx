import {
  MenuItem,
  Paper,
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
import { formatCount } from '../../../../shared/format';
import {
  FLOW_BREAKDOWN_GROUPS,
  FLOW_DIMENSIONS,
  type FlowDimension,
  type FlowQuery,
} from '../../../../shared/schemas/flows';
import { useInvoke } from '../../lib/useInvoke';

const NONE = 'none';
const num = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/**
 * The groups counted by a customer dimension (docs/domain.md, "Flows"): the risk level assessed, whether the
 * customer holds a product above it at B's month end, or the manager of record. Counts only, as every viewer of the branch figures sees them.
 */
export function FlowBreakdownTable({ query }: { query: FlowQuery }) {
  const { t } = useTranslation();
  const [dimension, setDimension] = useState<FlowDimension | typeof NONE>(NONE);
  const breakdown = useInvoke('flows.breakdown', dimension === NONE ? null : { ...query, dimension });
  const data = breakdown.data && breakdown.current ? breakdown.data : null;
  const label = (key: string, named: string) =>
    data?.dimension === 'manager'
      ? key === 'unknown'
        ? t('flows.unassigned')
        : named
      : data?.dimension === 'aboveLevel'
        ? t(`flows.breakdownValues.${key as 'yes' | 'no'}`)
        : key === 'unknown'
          ? t('suitability.notAssessed')
          : t(`suitability.levels.${key as 'C1'}`);
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }}>
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography variant="subtitle1">{t('flows.breakdown')}</Typography>
        <TextField
          select
          size="small"
          label={t('flows.breakdownBy')}
          value={dimension}
          onChange={(e) => setDimension(e.target.value as FlowDimension | typeof NONE)}
          sx={{ minWidth: 200 }}
          slotProps={{ htmlInput: { 'data-testid': 'migration-breakdown-dimension' } }}
        >
          <MenuItem value={NONE}>{t('flows.breakdownNone')}</MenuItem>
          {FLOW_DIMENSIONS.map((d) => (
            <MenuItem key={d} value={d}>
              {t(`flows.dimensions.${d}`)}
            </MenuItem>
          ))}
        </TextField>
        {data && (
          <Typography variant="caption" color="text.secondary">
            {t(`flows.breakdownHints.${data.dimension}`, { asOf: data.asOf })}
          </Typography>
        )}
      </Stack>
      {data && (
        <Table size="small" data-testid="migration-breakdown" sx={{ mt: 1 }}>
          <TableHead>
            <TableRow>
              <TableCell>{t(`flows.dimensions.${data.dimension}`)}</TableCell>
              {FLOW_BREAKDOWN_GROUPS.map((g) => (
                <TableCell key={g} sx={num}>
                  {t(`flows.groups.${g}`)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {data.rows.map((row) => (
              <TableRow key={row.key} hover>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{label(row.key, row.label)}</TableCell>
                {FLOW_BREAKDOWN_GROUPS.map((g) => (
                  <TableCell key={g} sx={num}>
                    {formatCount(row.counts[g])}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Paper>
  );
}
