/**
 * Two-period analysis of a segment (docs/domain.md, "Flows"): who stayed, who left and how,
 * who came and from where, and who came only because they bought wealth products. Pure: the service gathers one
 * entry per customer who was in the segment at either month.
 */
import { FLOW_GROUPS, type FlowGroupName as FlowGroup } from '../../../shared/schemas/flows';

/** Where a customer stands against the segment in a month: in it, in a higher tier, below it, or no data. */
export type FlowPlace = 'in' | 'above' | 'below' | 'none';

export interface FlowEntry {
  id: number;
  placeA: FlowPlace;
  /** 'none' also when the customer closed (销户) by the end of B. */
  placeB: FlowPlace;
  /** 月日均 in 分; null when the month has no data for the customer. */
  aumA: number | null;
  aumB: number | null;
  /** Opened after month A (or first seen after it when the opening date is unknown). */
  openedAfterA: boolean;
  /** For renumbered customers: the ID number (unmasked, never leaves the service). */
  idNumber: string | null;
  /** 理财 月日均 at B minus at A (A missing = 0), in 分; only asked for new entrants. */
  wealthRiseFen: number;
}

export interface GroupFigures {
  count: number;
  /** Sums of 月日均 in 分 at A and B (customers without data that month add nothing). */
  aumAFen: number;
  aumBFen: number;
}

export interface FlowFigures {
  groups: Record<FlowGroup, GroupFigures>;
  /** Sum of the 理财 rise of the customers reached via wealth products, in 分. */
  viaWealthRiseFen: number;
  /** Ids per group, for the click-through lists (a renumbered customer under its number at B). */
  members: Record<FlowGroup, number[]>;
  /** Customers gone at B whose ID number reappears under a new customer number: counted as retained. */
  renumbered: Array<{ fromId: number; toId: number }>;
}

export interface FlowOptions {
  /** Below this 月日均 (分) at B a customer who left counts as churned (docs/domain.md, "Flows": 流失). */
  churnBelowFen: number;
  /** The entry threshold at B (分): a new entrant whose 月日均 at B less its 理财 rise is below it came via wealth. */
  thresholdBFen: number;
}

function isChurned(e: FlowEntry, churnBelowFen: number): boolean {
  return e.placeB === 'none' || e.aumB === null || e.aumB < churnBelowFen;
}

export function analyzeFlows(entries: readonly FlowEntry[], options: FlowOptions): FlowFigures {
  const members = Object.fromEntries(FLOW_GROUPS.map((g) => [g, [] as number[]])) as Record<FlowGroup, number[]>;
  const groups = Object.fromEntries(FLOW_GROUPS.map((g) => [g, { count: 0, aumAFen: 0, aumBFen: 0 }])) as Record<
    FlowGroup,
    GroupFigures
  >;
  const add = (group: FlowGroup, id: number, aumA: number | null, aumB: number | null) => {
    members[group].push(id);
    const figures = groups[group];
    figures.count += 1;
    figures.aumAFen += aumA ?? 0;
    figures.aumBFen += aumB ?? 0;
  };

  // A customer gone at B whose ID number enters the segment under a new number at B is the same customer.
  const goneByIdNumber = new Map<string, FlowEntry>();
  for (const e of entries) {
    if (e.placeA === 'in' && e.placeB === 'none' && e.idNumber) goneByIdNumber.set(e.idNumber, e);
  }
  const renumbered: FlowFigures['renumbered'] = [];
  const renumberedFrom = new Set<number>();
  const renumberedTo = new Map<number, FlowEntry>();
  for (const e of entries) {
    if (e.placeB !== 'in' || e.placeA !== 'none' || !e.idNumber) continue;
    const before = goneByIdNumber.get(e.idNumber);
    if (!before || renumberedFrom.has(before.id)) continue;
    renumbered.push({ fromId: before.id, toId: e.id });
    renumberedFrom.add(before.id);
    renumberedTo.set(e.id, before);
  }

  let viaWealthRiseFen = 0;
  for (const e of entries) {
    if (e.placeA === 'in') add('start', e.id, e.aumA, null);
    if (e.placeB === 'in') add('end', e.id, null, e.aumB);
    if (renumberedFrom.has(e.id)) continue;
    const before = renumberedTo.get(e.id);
    if (before) {
      add('retained', e.id, before.aumA, e.aumB);
    } else if (e.placeA === 'in' && e.placeB === 'in') {
      add('retained', e.id, e.aumA, e.aumB);
    } else if (e.placeA === 'in') {
      add('lost', e.id, e.aumA, e.aumB);
      add(
        isChurned(e, options.churnBelowFen) ? 'lostChurned' : e.placeB === 'above' ? 'lostUp' : 'lostDown',
        e.id,
        e.aumA,
        e.aumB,
      );
    } else if (e.placeB === 'in') {
      add('new', e.id, e.aumA, e.aumB);
      add(e.openedAfterA ? 'newOpened' : e.placeA === 'above' ? 'newDown' : 'newUp', e.id, e.aumA, e.aumB);
      if (e.wealthRiseFen > 0 && (e.aumB ?? 0) - e.wealthRiseFen < options.thresholdBFen) {
        add('viaWealth', e.id, e.aumA, e.aumB);
        viaWealthRiseFen += e.wealthRiseFen;
      }
    }
  }
  return { groups, viaWealthRiseFen, members, renumbered };
}
