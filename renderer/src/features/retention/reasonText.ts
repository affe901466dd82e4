import type { TFunction } from 'i18next';
import { formatPercent } from '../../../../shared/format';
import type { Money } from '../../lib/money';
import type { WarningReason } from '../../../../shared/schemas/retention';

/** One reason of a warning in words, amounts in the user's unit, e.g. “低于门槛 6.7%（差 40.00万）”. */
export function reasonText(t: TFunction, money: Money, reason: WarningReason): string {
  switch (reason.signal) {
    case 'gap':
      return reason.gapFen > 0
        ? t('warnings.text.gapBelow', { share: formatPercent(reason.share), amount: money.text(reason.gapFen) })
        : t('warnings.text.gapNear', { share: formatPercent(-reason.share) });
    case 'months':
      return t('warnings.text.months', { months: reason.monthsBelow, grace: reason.graceMonths });
    case 'trend':
      return t('warnings.text.trendDown', { month: reason.fromMonth, share: formatPercent(-reason.share) });
    case 'maturity':
      return t('warnings.text.maturity', {
        within30: money.text(reason.within30Fen),
        within60: money.text(reason.within60Fen),
      });
    case 'outflow':
      return t('warnings.text.outflow', { amount: money.text(reason.amountFen), share: formatPercent(reason.share) });
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
