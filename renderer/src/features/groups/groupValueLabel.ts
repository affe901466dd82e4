import type { TFunction } from 'i18next';
import type { GroupDimension } from '../../../../shared/schemas/groups';

/** The unit a band key ends with (ages in 岁, tenure in 年) in the UI's words. */
const UNITS: Record<string, string> = { 岁: 'groups.unitAge', 年: 'groups.unitYears' };

/** A value of a dimension in the UI's words: codes (gender, unknown) and band units translated, names as they are. */
export function groupValueLabel(t: TFunction, dimension: GroupDimension, key: string, serverLabel?: string): string {
  if (key === 'unknown')
    return t(
      dimension === 'risk' ? 'groups.unassessed' : dimension === 'manager' ? 'customers.unassigned' : 'groups.unknown',
    );
  if (key === 'belowFloor') return t('groups.belowFloor');
  if (dimension === 'gender') return t(key === 'M' ? 'customers.male' : 'customers.female');
  if (dimension === 'age' || dimension === 'tenure') return key.replace(/[岁年]$/, (unit) => t(UNITS[unit]));
  return serverLabel ?? key;
}
