import type { TFunction } from 'i18next';
import { formatPercent, formatWan } from '../../../../shared/format';
import type { WarningReason } from '../../../../shared/schemas/retention';

/** One reason of a warning in words, e.g. “低于门槛 6.7%（差 40.00万）”. */
export function reasonText(t: TFunction, reason: WarningReason): string {
  switch (reason.signal) {
    case 'gap':
      return reason.gapFen > 0
        ? t('warnings.text.gapBelow', { share: formatPercent(reason.share), amount: formatWan(reason.gapFen) })
        : t('warnings.text.gapNear', { share: formatPercent(-reason.share) });
    case 'months':
      return t('warnings.text.months', { months: reason.monthsBelow, grace: reason.graceMonths });
    case 'trend':
      return t('warnings.text.trendDown', { month: reason.fromMonth, share: formatPercent(-reason.share) });
    case 'maturity':
      return t('warnings.text.maturity', {
        within30: formatWan(reason.within30Fen),
        within60: formatWan(reason.within60Fen),
      });
    case 'outflow':
      return t('warnings.text.outflow', { amount: formatWan(reason.amountFen), share: formatPercent(reason.share) });
    case 'complaint':
      return t('warnings.text.complaint', { count: reason.open });
    case 'survey':
      return t('warnings.text.survey', { score: reason.score });
    case 'contact':
      return reason.days === null
        ? t('warnings.text.contactNever', { standard: reason.standardDays })
        : t('warnings.text.contactDays', { days: reason.days, standard: reason.standardDays });
  }
}
