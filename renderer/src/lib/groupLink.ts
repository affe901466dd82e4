import { GroupFilterSchema, type GroupQuery } from '../../../shared/schemas/groups';

export type GroupFilter = GroupQuery & { key: string };

// New fields go last, so links made before still read.
const FIELDS = [
  'month',
  'tierCode',
  'thresholdFen',
  'dimension',
  'bandWidthFen',
  'bands',
  'key',
  'savedSegmentId',
] as const;
const NUMBERS = new Set(['thresholdFen', 'bandWidthFen', 'bands', 'savedSegmentId']);

/** `?group=2024-01,T4,,age,,,30–40岁` (each part URI-encoded) in links to the customer list. */
export function formatGroupLink(filter: GroupFilter): string {
  return FIELDS.map((field) => encodeURIComponent(String(filter[field] ?? ''))).join(',');
}

/** The link's cell; anything malformed is ignored rather than shown as an error. */
export function parseGroupLink(text: string | null): GroupFilter | null {
  if (!text) return null;
  const parts = text.split(',').map((part) => decodeURIComponent(part));
  const fields = Object.fromEntries(
    FIELDS.flatMap((field, i) => (parts[i] ? [[field, NUMBERS.has(field) ? Number(parts[i]) : parts[i]]] : [])),
  );
  const parsed = GroupFilterSchema.safeParse(fields);
  return parsed.success ? parsed.data : null;
}
