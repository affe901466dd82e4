/**
 * Product suggestions for a customer (产品建议) as of the data month's end, with the same-tier holding shares kept
 * per data version (derived data); docs/domain.md, "Suitability".
 */
import { lastDayOfMonth, monthOfDate } from '../../../shared/month';
import type { CustomerSuggestions, ProductRiskLevel } from '../../../shared/schemas/suitability';
import type { CoreContext } from '../platform/context';
import { lastCustomerId } from '../platform/bulk';
import { inIdSteps, type IdRange } from '../platform/jobs';
import { derivedKind } from '../platform/derived-data';
import { readDimensionSettings, readSuitabilitySettings } from '../platform/settings';
import { latestTierMonth, tierSnapshotOf } from '../tiers/tiers';
import { assessedOf, requireAssessed } from './suitability';
import { catalogueHolders, catalogueProducts, heldProducts, monthAumAndDemand } from './suitability-repository';
import { ceilingOf } from './suitability-rules';
import { suggestProducts } from './suggestion-rules';

/** A month's tiers and who holds each catalogue product: per tier, its customers and each product's holders. */
interface PeerHoldings {
  /** Tier index by customer id (−1: in no tier that month). */
  tierById: Int8Array;
  tierCustomers: Int32Array;
  holders: Map<string, Int32Array>;
}

export const PEER_HOLDINGS = derivedKind<PeerHoldings | null>('same-tier product holders', 3);

/** The month's tiers, by customer id, and how many customers each tier has; null without a snapshot. */
function peersOf(ctx: CoreContext, month: string): PeerHoldings | null {
  const snapshot = tierSnapshotOf(ctx, month);
  if (!snapshot) return null;
  const { customerIds, tier } = snapshot;
  const tierById = new Int8Array(customerIds.length === 0 ? 0 : customerIds[customerIds.length - 1] + 1).fill(-1);
  const tierCustomers = new Int32Array(snapshot.tierCodes.length);
  for (let slot = 0; slot < customerIds.length; slot++) {
    if (tier[slot] < 0) continue;
    tierById[customerIds[slot]] = tier[slot];
    tierCustomers[tier[slot]]++;
  }
  return { tierById, tierCustomers, holders: new Map() };
}

/** Adds the holders of catalogue products among `ids` (all by default) to their tier's count. */
function countHolders(ctx: CoreContext, peers: PeerHoldings, ids?: IdRange): void {
  const held = catalogueHolders(ctx.store.sqlite, ids);
  const counts = held.codes.map((code) => {
    let kept = peers.holders.get(code);
    if (!kept) peers.holders.set(code, (kept = new Int32Array(peers.tierCustomers.length)));
    return kept;
  });
  for (let k = 0; k < held.customerIds.length; k++) {
    const id = held.customerIds[k];
    const t = id < peers.tierById.length ? peers.tierById[id] : -1;
    if (t >= 0) counts[held.products[k]][t]++;
  }
}

/** Counts, once per data version and month, the customers of each tier and how many of them hold each product. */
const peerHoldings = (ctx: CoreContext, month: string) =>
  ctx.cache.get(PEER_HOLDINGS, month, () => {
    const peers = peersOf(ctx, month);
    if (peers) countHolders(ctx, peers);
    return peers;
  });

/**
 * The same, counted a step of customers at a time with other calls served between (the first screens): the first
 * suggestions after a start or an import find them kept.
 */
export function prepareSuggestions(ctx: CoreContext, month: string, signal?: AbortSignal): Promise<unknown> {
  return ctx.cache.getInSteps(PEER_HOLDINGS, month, async () => {
    const peers = peersOf(ctx, month);
    if (peers) await inIdSteps(lastCustomerId(ctx.store.sqlite), (ids) => countHolders(ctx, peers, ids), signal);
    return peers;
  });
}

/** The data month a call means: the one asked for, else the latest with tier results, else this month. */
const dataMonthOf = (ctx: CoreContext, month: string | undefined) =>
  month ?? latestTierMonth(ctx) ?? monthOfDate(ctx.today());

/** A customer's suggestions as of the data month's end (none, with the reason, when unassessed or expired). */
export async function getCustomerSuggestions(
  ctx: CoreContext,
  input: { customerNo: string; month?: string },
): Promise<CustomerSuggestions> {
  const row = await requireAssessed(ctx, input.customerNo);
  const { sqlite } = ctx.store;
  const month = dataMonthOf(ctx, input.month);
  const asOf = lastDayOfMonth(month);
  const peers = peerHoldings(ctx, month);
  const tier = peers && row.id < peers.tierById.length ? peers.tierById[row.id] : -1;
  const result = suggestProducts({
    ceiling: ceilingOf(assessedOf(row), readSuitabilitySettings(sqlite), asOf),
    asOf,
    products: catalogueProducts(sqlite),
    held: heldProducts(sqlite, row.id),
    ...monthAumAndDemand(sqlite, row.id, month),
    idleDemandShare: readDimensionSettings(sqlite).idleDemandShare,
    peerShare: (code) =>
      peers === null || tier < 0 || peers.tierCustomers[tier] === 0
        ? null
        : (peers.holders.get(code)?.[tier] ?? 0) / peers.tierCustomers[tier],
  });
  return {
    customerNo: row.customerNo,
    month,
    asOf,
    unavailable: result.unavailable,
    suggestions: result.suggestions.map(({ product, score, reason }) => ({
      productCode: product.code,
      productName: product.name,
      productType: product.type,
      productRisk: `R${product.risk}` as ProductRiskLevel,
      score,
      reason,
    })),
  };
}
