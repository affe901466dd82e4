import { FlowGroupFilterSchema, type FlowGroupName, type FlowQuery } from '../../../shared/schemas/flows';

export type FlowGroupFilter = FlowQuery & { group: FlowGroupName };

/** `?migration=2024-01,2024-05,T4,,lost` (or `2024-01,2024-05,,500000000,viaWealth`) in links to the customer list. */
export function formatFlowLink(query: FlowQuery, group: FlowGroupName): string {
  return [query.fromMonth, query.toMonth, query.tierCode ?? '', query.thresholdFen ?? '', group]
    .map((part) => encodeURIComponent(part))
    .join(',');
}

/** The link's group; anything malformed is ignored rather than shown as an error. */
export function parseFlowLink(text: string | null): FlowGroupFilter | null {
  if (!text) return null;
  const [fromMonth, toMonth, tierCode, threshold, group] = text.split(',').map((part) => decodeURIComponent(part));
  const parsed = FlowGroupFilterSchema.safeParse({
    fromMonth,
    toMonth,
    group,
    ...(tierCode ? { tierCode } : {}),
    ...(threshold ? { thresholdFen: Number(threshold) } : {}),
  });
  return parsed.success ? parsed.data : null;
}
