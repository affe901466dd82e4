import type { TFunction } from 'i18next';
import { withUnit } from '../../../../shared/format';
import type { GroupDimension } from '../../../../shared/schemas/groups';

/** Dimensions whose bands are amounts in 万元 (`500万–600万`): the unit is named once, beside the dimension. */
const inWan = (dimension: GroupDimension) => dimension === 'aumBand' || dimension === 'income';

/** A dimension's name, with the unit of its bands when they are amounts: `资产区间（万元）`, `Balance band (CNY 10k)`. */
export function groupDimensionLabel(t: TFunction, dimension: GroupDimension, language: string): string {
  const name = t(`groups.dimension.${dimension}`);
  return inWan(dimension) ? withUnit(name, 'wan', language) : name;
}

/** The unit a band key ends with (ages in 岁, tenure in 年) in the UI's words. */
const UNITS: Record<string, string> = { 岁: 'groups.unitAge', 年: 'groups.unitYears' };

/** A value of a dimension in the UI's words: codes (gender, unknown) and band units translated, names as they are. */
export function groupValueLabel(t: TFunction, dimension: GroupDimension, key: string, serverLabel?: string): string {
  if (dimension === 'householdSize' || dimension === 'householdRole') {
    if (key === 'unknown') return t('households.none');
    return dimension === 'householdRole' ? t(`households.roles.${key}`) : t('households.sizeValue', { size: key });
  }
  if (key === 'unknown')
    return t(
      dimension === 'risk'
        ? 'groups.unassessed'
        : dimension === 'manager'
          ? 'customers.unassigned'
          : dimension === 'suitability'
            ? 'groups.noHoldings'
            : 'groups.unknown',
    );
  if (dimension === 'suitability') return t(`suitability.findings.${key}`);
  if (key === 'belowFloor') return t('groups.belowFloor');
  if (dimension === 'gender') return t(key === 'M' ? 'customers.male' : 'customers.female');
  if (dimension === 'age' || dimension === 'tenure') return key.replace(/[岁年]$/, (unit) => t(UNITS[unit]));
  // Balance and income bands (`500万–600万`, `<10万`) without their unit, which `groupDimensionLabel` names.
  if (inWan(dimension)) return key.replace(/万/g, '');
  return serverLabel ?? key;
}
