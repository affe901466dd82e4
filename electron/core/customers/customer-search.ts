/**
 * Finding a customer the way branch staff do (docs/domain.md, "Finding a customer"): by number prefix, a mobile's
 * last 4 digits, any part of the name, or the name's pinyin — full or initials — from the keys stored with it.
 */
import { normalizeQuery } from '../../../shared/name-keys';
import {
  CUSTOMER_SEARCH_LIMIT,
  type CustomerSearchHit,
  type CustomerSearchInput,
  type CustomerSearchResult,
  type SearchMatch,
} from '../../../shared/schemas/customer-search';
import type { CoreContext } from '../platform/context';
import { derivedKind } from '../platform/derived-data';
import type { CustomerView } from '../trust/access-scope';
import { maskMobile } from '../trust/masking';
import {
  findByFirstCharacter,
  findByFirstPinyin,
  findByKey,
  findByMobileLast4,
  findByNamePart,
  type SearchRecord,
  type SearchScope,
} from './search-repository';

/** One way of matching, tried in rank order; `halfOfList` lets it fill at most half of the list. */
interface Step {
  matchedBy: SearchMatch;
  find(scope: SearchScope): SearchRecord[];
  halfOfList?: boolean;
}

/** At most this many customers are found for the customer list's search box. */
export const LIST_SEARCH_LIMIT = 5_000;

/** The customer list's latest searches (ids found), by text, masking and book. */
const LIST_SEARCHES = derivedKind<readonly number[]>('list searches', 8);

const HAN = /\p{Script=Han}/u;

/**
 * The ways a query is matched, best first: exact keys, then prefixes, then a part of the name. A viewer who sees
 * names masked finds a name only by its first character (or that character's pinyin): what the masked name shows.
 */
function stepsFor(ctx: CoreContext, typed: string, masksNames: boolean): Step[] {
  const { sqlite } = ctx.store;
  const text = typed.normalize('NFKC').trim();
  if (HAN.test(text)) {
    const name = text.replace(/\s+/g, '');
    if (masksNames)
      return [...name].length === 1 ? [{ matchedBy: 'name', find: (s) => findByFirstCharacter(sqlite, name, s) }] : [];
    return [
      { matchedBy: 'name', find: (s) => findByKey(sqlite, 'name', 'exact', name, s) },
      { matchedBy: 'name', find: (s) => findByKey(sqlite, 'name', 'prefix', name, s) },
      { matchedBy: 'name', find: (s) => findByNamePart(sqlite, name, s) },
    ];
  }
  const key = normalizeQuery(text);
  if (/^[a-z]+$/.test(key)) {
    const number: Step = { matchedBy: 'number', find: (s) => findByKey(sqlite, 'customer_no', 'prefix', text, s) };
    if (masksNames) return [{ matchedBy: 'pinyin', find: (s) => findByFirstPinyin(sqlite, key, s) }, number];
    return [
      { matchedBy: 'initials', find: (s) => findByKey(sqlite, 'name_initials', 'exact', key, s) },
      { matchedBy: 'pinyin', find: (s) => findByKey(sqlite, 'name_pinyin', 'exact', key, s) },
      { matchedBy: 'initials', find: (s) => findByKey(sqlite, 'name_initials', 'prefix', key, s) },
      { matchedBy: 'pinyin', find: (s) => findByKey(sqlite, 'name_pinyin', 'prefix', key, s) },
      number,
    ];
  }
  const steps: Step[] = [{ matchedBy: 'number', find: (s) => findByKey(sqlite, 'customer_no', 'exact', text, s) }];
  // Four digits are also the end of a mobile: both kinds are listed, neither crowding the other out.
  if (/^\d{4}$/.test(text))
    steps.push({
      matchedBy: 'mobile',
      find: (s) => findByMobileLast4(sqlite, text, s),
      halfOfList: true,
    });
  steps.push({ matchedBy: 'number', find: (s) => findByKey(sqlite, 'customer_no', 'prefix', text, s) });
  if (/^\d{4}$/.test(text)) steps.push({ matchedBy: 'mobile', find: (s) => findByMobileLast4(sqlite, text, s) });
  return steps;
}

function toHit(record: SearchRecord, matchedBy: SearchMatch): CustomerSearchHit {
  return {
    customerNo: record.customer_no,
    name: record.name,
    managerCode: record.manager_code,
    managerName: record.manager_name,
    mobileMasked: record.mobile ? maskMobile(record.mobile) : null,
    matchedBy,
  };
}

/**
 * At most `limit` customers for what was typed, best first, each once (by its best match); only the manager's book
 * when `managerCode` is set.
 */
function findCustomers(
  ctx: CoreContext,
  text: string,
  masksNames: boolean,
  managerCode: string | null,
  limit: number,
): Map<number, CustomerSearchHit> {
  const found = new Map<number, CustomerSearchHit>();
  for (const step of stepsFor(ctx, text, masksNames)) {
    const room = limit - found.size;
    if (room <= 0) break;
    // Those found already may come again (a prefix holds the exact match): enough to fill the room besides them.
    const scope = { managerCode, limit: room + found.size };
    const take = step.halfOfList ? Math.ceil(limit / 2) : room;
    let taken = 0;
    for (const record of step.find(scope)) {
      if (found.size >= limit || taken >= take) break;
      if (found.has(record.id)) continue;
      found.set(record.id, toHit(record, step.matchedBy));
      taken += 1;
    }
  }
  return found;
}

/**
 * The palette's answer: at most `CUSTOMER_SEARCH_LIMIT` customers, best first. Names leave as they are: dispatch masks
 * them for whoever sees them masked.
 */
export function searchCustomers(
  ctx: CoreContext,
  input: CustomerSearchInput,
  view: CustomerView,
): CustomerSearchResult {
  const found = findCustomers(ctx, input.text, view.masksNames, input.managerCode ?? null, CUSTOMER_SEARCH_LIMIT);
  return { hits: [...found.values()], namesMasked: view.masksNames };
}

/**
 * The customer list's search box (and the fields that offer customers from it): the same matching, its ids in
 * ascending order, at most `LIST_SEARCH_LIMIT` of them — the best found when more match (docs/domain.md, "Finding a
 * customer").
 */
export function customerIdsFound(
  ctx: CoreContext,
  text: string,
  masksNames: boolean,
  managerCode: string | null,
): readonly number[] {
  // Kept while the data is unchanged: each page, count and sort of the same search asks again.
  return ctx.cache.get(LIST_SEARCHES, JSON.stringify([text, masksNames, managerCode]), () =>
    [...findCustomers(ctx, text, masksNames, managerCode, LIST_SEARCH_LIMIT).keys()].sort((a, b) => a - b),
  );
}
