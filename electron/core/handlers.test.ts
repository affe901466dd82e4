import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, contract } from '../../shared/contract';
import { createTestContext, seedBranch, testSession } from '../../tests/helpers/branch';
import { dispatch } from './dispatch';
import { handlers } from './handlers';

let ctx: ReturnType<typeof createTestContext>;
beforeEach(() => {
  ctx = createTestContext();
  seedBranch(ctx.store, [{ customer_no: '0001', name: '王芳', assets: { '2024-03': 100 } }]);
});
afterEach(() => ctx.store.close());

const pageInput = { month: '2024-03', sort: { field: 'aum', direction: 'desc' }, filter: {}, cursor: null, limit: 50 };

describe('dispatch', () => {
  it('has a handler for every contract channel and no other', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
  });

  it.each([
    [{ ...pageInput, limit: 5000 }, 'limit'],
    [{ ...pageInput, sort: { field: 'id_number', direction: 'asc' } }, 'sort.field'],
    [{ ...pageInput, filter: { aumMinFen: 10, aumMaxFen: 5 } }, 'filter.aumMaxFen'],
    [{ ...pageInput, filter: { aumMinFen: 1.5 } }, 'filter.aumMinFen'],
    [{ ...pageInput, extra: true }, '(input)'],
  ])('rejects invalid input naming the field (%#)', async (input, field) => {
    const result = await dispatch(ctx, testSession(), 'customers.page', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field } } });
    if (!result.ok) expect(result.error.message).toContain(field);
  });

  it('answers an unknown channel with an error envelope', async () => {
    await expect(dispatch(ctx, testSession(), '__proto__', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    await expect(dispatch(ctx, testSession(), 42, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
  });

  it('turns an unexpected failure into INTERNAL without leaking its details', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    ctx.store.sqlite.exec('DROP TABLE monthly_assets');
    const result = await dispatch(ctx, testSession(), 'customers.page', pageInput);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!result.ok) expect(result.error.message).not.toContain('monthly_assets');
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it.each([
    ['app.info', {}],
    ['customers.page', pageInput],
    ['customers.count', { month: '2024-03', filter: {} }],
    ['customers.card', { customerNo: '0001' }],
  ] as const)('%s returns a value that satisfies its output schema', async (channel, input) => {
    const result = await dispatch(ctx, testSession(), channel, input);
    if (!result.ok) throw new Error(result.error.message);
    expect(() => contract[channel].output.parse(result.value)).not.toThrow();
  });
});
