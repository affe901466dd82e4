/**
 * Two-period analysis of a segment (docs/domain.md, "Flows"): who stayed, who left and how,
 * who came and from where, and who came only because they bought wealth products. Pure: the service gathers one
 * row per customer who was in the segment at either month.
 */
import { FLOW_GROUPS, type FlowGroupName as FlowGroup } from '../../../shared/schemas/flows';

/** Where a customer stands against the segment in a month: in it, in a higher tier, below it, or no data. */
export const IN = 0;
export const ABOVE = 1;
export const BELOW = 2;
/** Also when the customer closed (销户) by the end of the month. */
export const NONE = 3;
export type FlowPlace = typeof IN | typeof ABOVE | typeof BELOW | typeof NONE;

/**
 * The customers in the segment at either month, as columns (a row per customer, ids ascending): no object per
 * customer for the collector to walk on a segment of 100,000.
 */
export interface FlowEntries {
  length: number;
  ids: Int32Array;
  placeA: Uint8Array;
  placeB: Uint8Array;
  /** 月日均 in 分; NaN when the month has no data for the customer. */
  aumA: Float64Array;
  aumB: Float64Array;
  /** 1 when opened after month A (or first seen after it when the opening date is unknown). */
  openedAfterA: Uint8Array;
  /** 理财 月日均 at B minus at A (A missing = 0), in 分; only asked for new entrants. */
  wealthRiseFen: Float64Array;
  /** 1 when in the segment at B only through the household's figure (docs/domain.md, "Households"). */
  viaHouseholdB: Uint8Array;
  /**
   * By row, the ID number (unmasked, never leaves the service) of those gone at B and of the entrants without data
   * at A sharing one with them: the only rows renumbering can pair.
   */
  idNumbers: Map<number, string>;
}

/** Room for `capacity` rows; `length` is set once they are written. */
export function flowEntries(capacity: number): FlowEntries {
  return {
    length: 0,
    ids: new Int32Array(capacity),
    placeA: new Uint8Array(capacity),
    placeB: new Uint8Array(capacity),
    aumA: new Float64Array(capacity),
    aumB: new Float64Array(capacity),
    openedAfterA: new Uint8Array(capacity),
    wealthRiseFen: new Float64Array(capacity),
    viaHouseholdB: new Uint8Array(capacity),
    idNumbers: new Map(),
  };
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

const orZero = (fen: number) => (Number.isNaN(fen) ? 0 : fen);

export function analyzeFlows(e: FlowEntries, options: FlowOptions): FlowFigures {
  const members = Object.fromEntries(FLOW_GROUPS.map((g) => [g, [] as number[]])) as Record<FlowGroup, number[]>;
  const groups = Object.fromEntries(FLOW_GROUPS.map((g) => [g, { count: 0, aumAFen: 0, aumBFen: 0 }])) as Record<
    FlowGroup,
    GroupFigures
  >;
  const add = (group: FlowGroup, id: number, aumA: number, aumB: number) => {
    members[group].push(id);
    const figures = groups[group];
    figures.count += 1;
    figures.aumAFen += orZero(aumA);
    figures.aumBFen += orZero(aumB);
  };

  // A customer gone at B whose ID number enters the segment under a new number at B is the same customer.
  const goneByIdNumber = new Map<string, number>();
  for (const [row, idNumber] of e.idNumbers) {
    if (e.placeA[row] === IN && e.placeB[row] === NONE) goneByIdNumber.set(idNumber, row);
  }
  const renumbered: FlowFigures['renumbered'] = [];
  const renumberedFrom = new Set<number>();
  /** Row at B → row of the same customer at A. */
  const renumberedTo = new Map<number, number>();
  for (let row = 0; row < e.length; row++) {
    const idNumber = e.idNumbers.get(row);
    if (e.placeB[row] !== IN || e.placeA[row] !== NONE || !idNumber) continue;
    const before = goneByIdNumber.get(idNumber);
    if (before === undefined || renumberedFrom.has(before)) continue;
    renumbered.push({ fromId: e.ids[before], toId: e.ids[row] });
    renumberedFrom.add(before);
    renumberedTo.set(row, before);
  }

  let viaWealthRiseFen = 0;
  for (let row = 0; row < e.length; row++) {
    const id = e.ids[row];
    const placeA = e.placeA[row];
    const placeB = e.placeB[row];
    const aumA = e.aumA[row];
    const aumB = e.aumB[row];
    if (placeA === IN) add('start', id, aumA, Number.NaN);
    if (placeB === IN) add('end', id, Number.NaN, aumB);
    if (renumberedFrom.has(row)) continue;
    const before = renumberedTo.get(row);
    if (before !== undefined) {
      add('retained', id, e.aumA[before], aumB);
    } else if (placeA === IN && placeB === IN) {
      add('retained', id, aumA, aumB);
    } else if (placeA === IN) {
      add('lost', id, aumA, aumB);
      // Churned: gone, no data at B, or below the churn line.
      const churned = placeB === NONE || Number.isNaN(aumB) || aumB < options.churnBelowFen;
      add(churned ? 'lostChurned' : placeB === ABOVE ? 'lostUp' : 'lostDown', id, aumA, aumB);
    } else if (placeB === IN) {
      add('new', id, aumA, aumB);
      add(e.openedAfterA[row] ? 'newOpened' : placeA === ABOVE ? 'newDown' : 'newUp', id, aumA, aumB);
      const rise = e.wealthRiseFen[row];
      if (rise > 0 && orZero(aumB) - rise < options.thresholdBFen) {
        add('viaWealth', id, aumA, aumB);
        viaWealthRiseFen += rise;
      }
      if (e.viaHouseholdB[row]) add('viaHousehold', id, aumA, aumB);
    }
  }
  return { groups, viaWealthRiseFen, members, renumbered };
}
