/**
 * Product suggestions (产品建议, docs/domain.md "Suitability"): which catalogue products to propose to a customer and
 * why, and which products count as wealth products for 双录. Pure: the customer's ceiling, the catalogue, their
 * holdings and assets, and the same-tier holding shares are passed in.
 */
import { addDays } from '../../../shared/month';
import type { SuggestionReason } from '../../../shared/schemas/suitability';
import type { Ceiling } from './suitability-rules';

/** Suggestions a customer is given at most. */
export const SUGGESTIONS_TOP = 5;
/** Holdings maturing within this many days after the data month's end point to re-investing. */
export const MATURING_WITHIN_DAYS = 90;

/** Points each signal gives at most (an idle share or a holding share of 100%), or at once. */
const IDLE_POINTS = 40;
const MATURING_POINTS = 30;
const PEER_POINTS = 50;
const SIMILAR_POINTS = 10;

/** Product types that take idle 活期 money: deposits (存款, 大额存单, 结构性存款 …) and 理财. */
export const takesIdleMoney = (type: string | null): boolean => type !== null && /存|理财/.test(type);

/** Wealth products, whose sale to a retail customer is recorded (双录): 理财, 基金, 保险, 信托, 资管. */
export const isWealthProduct = (type: string | null): boolean => type !== null && /理财|基金|保险|信托|资管/.test(type);

/** A catalogue product as suggestions read it (risk 1–5). */
export interface CatalogueProduct {
  code: string;
  name: string;
  type: string | null;
  risk: number;
  saleStart: string | null;
  saleEnd: string | null;
}

/** A holding as suggestions read it: its type (the catalogue's, else the holdings file's). */
export interface HeldProduct {
  code: string | null;
  type: string | null;
  amountFen: number | null;
  maturityDate: string | null;
}

export interface SuggestionFacts {
  /** The customer's ceiling as of `asOf` (the data month's end). */
  ceiling: Ceiling;
  asOf: string;
  products: readonly CatalogueProduct[];
  held: readonly HeldProduct[];
  /** The data month's 月日均 and 活期 part (分), null without data. */
  aumFen: number | null;
  demandFen: number | null;
  /** 活期 at least this share of 月日均 is idle money (the branch's dimension setting). */
  idleDemandShare: number;
  /** The share of the customer's tier holding a product (0–1), null when the customer is in no tier. */
  peerShare(code: string): number | null;
}

export interface ScoredSuggestion {
  product: CatalogueProduct;
  score: number;
  reason: SuggestionReason;
}

export type Suggestions =
  { unavailable: 'unassessed' | 'expired'; suggestions: [] } | { unavailable: null; suggestions: ScoredSuggestion[] };

/** On sale on `day`: the sale period covers it, or is open on that side. */
export const onSaleOn = (product: CatalogueProduct, day: string): boolean =>
  (product.saleStart === null || product.saleStart <= day) && (product.saleEnd === null || product.saleEnd >= day);

/**
 * The top `SUGGESTIONS_TOP` products for a customer: on sale at the data month's end, within their level, not held
 * already; scored by idle 活期, maturities within 90 days of the same type, the share of their tier holding it, and
 * types they already hold (similar first). The reason is the signal that gave most points. An unassessed or
 * expired customer gets none.
 */
export function suggestProducts(facts: SuggestionFacts): Suggestions {
  const { ceiling, asOf } = facts;
  if (ceiling.unassessed) return { unavailable: 'unassessed', suggestions: [] };
  if (ceiling.expired) return { unavailable: 'expired', suggestions: [] };
  const heldCodes = new Set(facts.held.map((h) => h.code));
  const heldTypes = new Set(facts.held.map((h) => h.type));
  const until = addDays(asOf, MATURING_WITHIN_DAYS);
  const maturing = new Map<string, number>();
  for (const h of facts.held)
    if (h.type !== null && h.maturityDate !== null && h.maturityDate > asOf && h.maturityDate <= until)
      maturing.set(h.type, (maturing.get(h.type) ?? 0) + (h.amountFen ?? 0));
  const idleShare =
    facts.aumFen !== null && facts.aumFen > 0 && facts.demandFen !== null ? facts.demandFen / facts.aumFen : 0;
  const idle = idleShare >= facts.idleDemandShare && idleShare > 0;
  const scored: ScoredSuggestion[] = [];
  for (const product of facts.products) {
    if (product.risk > ceiling.max || heldCodes.has(product.code) || !onSaleOn(product, asOf)) continue;
    const signals: Array<[number, SuggestionReason]> = [];
    const type = product.type;
    if (idle && takesIdleMoney(type))
      signals.push([IDLE_POINTS * Math.min(1, idleShare), { signal: 'idle', share: idleShare, type: type ?? '' }]);
    const due = type === null ? undefined : maturing.get(type);
    if (due !== undefined) signals.push([MATURING_POINTS, { signal: 'maturing', amountFen: due, type: type ?? '' }]);
    const peers = facts.peerShare(product.code);
    if (peers !== null && peers > 0) signals.push([PEER_POINTS * peers, { signal: 'peers', share: peers }]);
    if (type !== null && heldTypes.has(type) && due === undefined)
      signals.push([SIMILAR_POINTS, { signal: 'similar', type }]);
    const score = Math.round(signals.reduce((sum, [points]) => sum + points, 0) * 10) / 10;
    // The first of the strongest: idle, maturing, peers, similar in that order on a tie.
    const strongest = signals.reduce<[number, SuggestionReason] | null>((a, b) => (a && a[0] >= b[0] ? a : b), null);
    scored.push({ product, score, reason: strongest?.[1] ?? { signal: 'fits', risk: product.risk } });
  }
  scored.sort(
    (a, b) => b.score - a.score || a.product.risk - b.product.risk || a.product.code.localeCompare(b.product.code),
  );
  return { unavailable: null, suggestions: scored.slice(0, SUGGESTIONS_TOP) };
}
