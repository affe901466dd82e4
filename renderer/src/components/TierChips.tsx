import { Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TierStatus } from '../../../shared/schemas/tiers';

/** One fixed colour per tier everywhere (chips, charts, exports); unknown codes fall back to grey. */
export const TIER_COLORS: Record<string, string> = {
  T0: '#78909c',
  T1: '#c9a227',
  T2: '#5c6bc0',
  T3: '#0288d1',
  T4: '#8e1b3a',
};

/** `href` makes the chip a link (e.g. to the customers of that tier). */
export function TierChip({ code, name, href }: { code: string | null; name: string | null; href?: string }) {
  const { t } = useTranslation();
  // In no tier (before any data, no data for too long, closed): the status beside it says which.
  if (code === null) return <>—</>;
  return (
    <Chip
      size="small"
      label={name ?? code}
      {...(href ? { component: 'a' as const, href, clickable: true } : {})}
      sx={{ backgroundColor: TIER_COLORS[code] ?? '#9e9e9e', color: '#fff', fontWeight: 500 }}
      title={t('tiers.tierCode', { code })}
    />
  );
}

const STATUS_COLORS: Record<TierStatus, 'default' | 'warning' | 'error' | 'success' | 'info'> = {
  normal: 'default',
  watch: 'warning',
  downgraded: 'error',
  upgraded: 'success',
  new: 'info',
  missing: 'default',
  absent: 'default',
  nodata: 'default',
  closed: 'default',
};

/** Status as a chip with its word (never colour alone); none before the customer's first data (shown nowhere). */
export function StatusChip({ status, href }: { status: TierStatus; href?: string }) {
  const { t } = useTranslation();
  if (status === 'absent') return <>—</>;
  return (
    <Chip
      size="small"
      {...(href ? { component: 'a' as const, href, clickable: true } : {})}
      variant={status === 'normal' || status === 'missing' || status === 'nodata' ? 'outlined' : 'filled'}
      color={STATUS_COLORS[status]}
      label={t(`status.${status}`)}
      sx={status === 'missing' || status === 'nodata' || status === 'closed' ? { color: 'text.disabled' } : undefined}
    />
  );
}
