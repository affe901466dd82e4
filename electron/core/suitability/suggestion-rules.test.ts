import { describe, expect, it } from 'vitest';
import {
  isWealthProduct,
  onSaleOn,
  suggestProducts,
  SUGGESTIONS_TOP,
  takesIdleMoney,
  type CatalogueProduct,
  type SuggestionFacts,
} from './suggestion-rules';

const product = (
  code: string,
  type: string | null,
  risk: number,
  sale: [string | null, string | null] = [null, null],
) => ({ code, name: `产品${code}`, type, risk, saleStart: sale[0], saleEnd: sale[1] }) satisfies CatalogueProduct;

const facts = (over: Partial<SuggestionFacts> = {}): SuggestionFacts => ({
  ceiling: { max: 3, unassessed: false, expired: false },
  asOf: '2024-03-31',
  products: [],
  held: [],
  aumFen: null,
  demandFen: null,
  idleDemandShare: 0.3,
  peerShare: () => null,
  ...over,
});

const codes = (f: SuggestionFacts) => suggestProducts(f).suggestions.map((s) => s.product.code);

describe('which products may be suggested', () => {
  it.each([
    ['open sale period', [null, null], true],
    ['started before the month end, open end', ['2024-01-01', null], true],
    ['ends on the month end', ['2024-01-01', '2024-03-31'], true],
    ['ended the day before', ['2024-01-01', '2024-03-30'], false],
    ['starts the day after', ['2024-04-01', null], false],
  ] as const)('%s → on sale %s', (_, sale, expected) => {
    expect(onSaleOn(product('P', '理财', 1, [...sale]), '2024-03-31')).toBe(expected);
    expect(codes(facts({ products: [product('P', '理财', 1, [...sale])] })).length).toBe(expected ? 1 : 0);
  });

  it.each([
    [1, 2, false],
    [2, 1, true],
    [3, 3, true],
    [3, 4, false],
    [5, 5, true],
  ])('ceiling R%i, product R%i → suggested %s', (max, risk, expected) => {
    const f = facts({ ceiling: { max, unassessed: false, expired: false }, products: [product('P', '基金', risk)] });
    expect(codes(f)).toEqual(expected ? ['P'] : []);
  });

  it('leaves out products the customer holds already', () => {
    const f = facts({
      products: [product('A', '理财', 1), product('B', '理财', 1)],
      held: [{ code: 'A', type: '理财', amountFen: 100, maturityDate: null }],
    });
    expect(codes(f)).toEqual(['B']);
  });

  it.each([
    ['unassessed', { max: 0, unassessed: true, expired: false }],
    ['expired', { max: 3, unassessed: false, expired: true }],
  ] as const)('an %s customer gets none, with the reason', (why, ceiling) => {
    expect(suggestProducts(facts({ ceiling, products: [product('P', '存款', 1)] }))).toEqual({
      unavailable: why,
      suggestions: [],
    });
  });

  it(`gives the top ${SUGGESTIONS_TOP}, by score, then lower risk, then code`, () => {
    const products = ['G', 'F', 'E', 'D', 'C', 'B', 'A'].map((c, i) => product(c, '基金', (i % 3) + 1));
    const f = facts({ products, peerShare: (code) => (code === 'A' ? 0.5 : null) });
    expect(codes(f)).toEqual(['A', 'D', 'G', 'C', 'F']);
  });
});

describe('the signals and the one line saying why', () => {
  it.each([
    [
      'idle 活期 → deposits and 理财',
      facts({ aumFen: 1_000_000, demandFen: 620_000, products: [product('W', '理财', 2), product('F', '基金', 2)] }),
      { W: { score: 24.8, reason: { signal: 'idle', share: 0.62, type: '理财' } }, F: { score: 0 } },
    ],
    [
      '活期 below the idle share: no idle signal',
      facts({ aumFen: 1_000_000, demandFen: 290_000, products: [product('W', '理财', 2)] }),
      { W: { score: 0, reason: { signal: 'fits', risk: 2 } } },
    ],
    [
      'maturing within 90 days → the same type',
      facts({
        products: [product('W', '理财', 2), product('F', '基金', 2)],
        held: [
          { code: 'X', type: '理财', amountFen: 300_000, maturityDate: '2024-06-29' },
          { code: 'Y', type: '理财', amountFen: 200_000, maturityDate: '2024-04-15' },
          { code: 'Z', type: '基金', amountFen: 900_000, maturityDate: '2024-06-30' },
        ],
      }),
      {
        W: { score: 30, reason: { signal: 'maturing', amountFen: 500_000, type: '理财' } },
        F: { score: 10, reason: { signal: 'similar', type: '基金' } },
      },
    ],
    [
      'what the same tier holds',
      facts({ products: [product('W', '理财', 2)], peerShare: () => 0.38 }),
      { W: { score: 19, reason: { signal: 'peers', share: 0.38 } } },
    ],
    [
      'signals add up; the strongest says why',
      facts({
        aumFen: 1_000_000,
        demandFen: 500_000,
        products: [product('W', '理财', 2)],
        held: [{ code: 'X', type: '理财', amountFen: 1, maturityDate: null }],
        peerShare: () => 0.1,
      }),
      { W: { score: 35, reason: { signal: 'idle', share: 0.5, type: '理财' } } },
    ],
  ])('%s', (_, f, expected) => {
    const got = Object.fromEntries(suggestProducts(f).suggestions.map((s) => [s.product.code, s]));
    for (const [code, want] of Object.entries(expected)) expect(got[code]).toMatchObject(want);
  });
});

describe('product types', () => {
  it.each([
    ['存款', true, false],
    ['大额存单', true, false],
    ['结构性存款', true, false],
    ['理财', true, true],
    ['银行理财', true, true],
    ['基金', false, true],
    ['保险', false, true],
    ['信托', false, true],
    ['贵金属', false, false],
    [null, false, false],
  ])('%s: takes idle money %s, wealth %s', (type, idle, wealth) => {
    expect(takesIdleMoney(type)).toBe(idle);
    expect(isWealthProduct(type)).toBe(wealth);
  });
});
