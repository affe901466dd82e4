import type { TFunction } from 'i18next';
import type { GroupDimension } from '../../../../shared/schemas/groups';

/** A value of a dimension in the UI's words: codes (gender, unknown) translated, bands and names as they are. */
export function groupValueLabel(t: TFunction, dimension: GroupDimension, key: string, serverLabel?: string): string {
  if (key === 'unknown') return t(dimension === 'risk' ? 'groups.unassessed' : dimension === 'manager' ? 'customers.unassigned' : 'groups.unknown');
  if (dimension === 'gender') return t(key === 'M' ? 'customers.male' : 'customers.female');
  return serverLabel ?? key;
}
