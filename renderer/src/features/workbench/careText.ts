import type { TFunction } from 'i18next';
import type { Money } from '../../lib/money';
import type { CareItem } from '../../../../shared/schemas/workbench';
import type { CardSection } from '../customers/cardSection';

/** What a date the year lacks fell back on ('' for the date itself). */
const ruleText = (t: TFunction, rule: CareItem['rule']): string =>
  rule && rule !== 'exact' ? t(`care.rules.${rule}`) : '';

/** A next birthday on the customer card: the date, its lunar date, the fallback rule. */
export function birthdayText(
  t: TFunction,
  birthday: { date: string; lunarLabel: string | null; rule: CareItem['rule'] },
): string {
  const lunar = birthday.lunarLabel ? `（${t('card.lunar', { label: birthday.lunarLabel })}）` : '';
  const rule = ruleText(t, birthday.rule);
  return `${birthday.date}${lunar}${rule ? ` · ${rule}` : ''}`;
}

/**
 * What a care date is about, in the UI's language and the user's unit; for a birthday the rule used when the year
 * lacks the date.
 */
export function careText(t: TFunction, money: Money, item: CareItem): string {
  switch (item.kind) {
    case 'birthday': {
      const text = item.lunar
        ? t('care.lunarBirthday', { years: item.years, label: item.lunarLabel })
        : t('care.birthday', { years: item.years });
      const rule = ruleText(t, item.rule);
      return rule ? `${text} · ${rule}` : text;
    }
    case 'maturity':
      return t('care.maturity', {
        product: item.productName ?? '',
        amount: item.amountFen === null ? '' : money.text(item.amountFen),
        date: item.dueDate,
        days: item.daysAhead,
      });
    case 'riskExpiry':
      return t('care.riskExpiry', {
        date: item.dueDate,
        level: item.riskLevel ? t(`suitability.levels.${item.riskLevel}`) : '',
      });
    case 'idExpiry':
      return t('care.idExpiry', { date: item.dueDate });
    case 'anniversary':
      return t('care.anniversary', { years: item.years });
  }
}

/** The card section a care item opens the card at: an assessment expiry at 适当性, the others at the top. */
export const cardSectionOfCare = (item: Pick<CareItem, 'kind'>): CardSection | undefined =>
  item.kind === 'riskExpiry' ? 'suitability' : undefined;
