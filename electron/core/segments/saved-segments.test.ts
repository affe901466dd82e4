import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, seedBranch, testSession } from '../../../tests/helpers/branch';
import { dispatch } from '../dispatch';
import { getCustomersCount } from '../customers/customers';
import { listSavedSegments, removeSegment, saveSegment } from './saved-segments';
import { recomputeTiers } from '../tiers/tier-recompute';

const WAN = 1_000_000;
let ctx: ReturnType<typeof createTestContext>;
beforeEach(async () => {
  ctx = createTestContext();
  seedBranch(ctx.store, [
    { customer_no: 'A', name: '甲', manager_code: 'M01', assets: { '2024-01': 700 * WAN, '2024-02': 700 * WAN } },
    { customer_no: 'B', name: '乙', manager_code: 'M01', assets: { '2024-01': 30 * WAN, '2024-02': 300 * WAN } },
    { customer_no: 'C', name: '丙', assets: { '2024-01': 30 * WAN, '2024-02': 30 * WAN } },
  ]);
  await recomputeTiers(ctx.store.sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

const bigOnes = { managerCode: 'M01', aumMinFen: 100 * WAN };

describe('saved segments', () => {
  it('saves a named filter that gives the same customers in any month', async () => {
    await saveSegment(ctx, { name: '周文静的百万客户', filter: bigOnes, replace: false, staffCode: 'M01' });
    const [segment] = (await listSavedSegments(ctx)).segments;
    expect(segment).toMatchObject({ name: '周文静的百万客户', filter: bigOnes, createdBy: 'M01' });
    expect(await getCustomersCount(ctx, { month: '2024-01', filter: segment.filter })).toEqual({ total: 1 });
    expect(await getCustomersCount(ctx, { month: '2024-02', filter: segment.filter })).toEqual({ total: 2 });
  });

  it('refuses a name in use unless told to replace it', async () => {
    await saveSegment(ctx, { name: '重点', filter: bigOnes, replace: false, staffCode: null });
    await expect(
      saveSegment(ctx, { name: '重点', filter: { tierCodes: ['T4'] }, replace: false, staffCode: null }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { field: 'name' },
    });
    await saveSegment(ctx, { name: '重点', filter: { tierCodes: ['T4'] }, replace: true, staffCode: null });
    expect((await listSavedSegments(ctx)).segments.map((s) => [s.name, s.filter])).toEqual([
      ['重点', { tierCodes: ['T4'] }],
    ]);
  });

  it('rejects an empty name or an empty filter naming the field, and removes by id', async () => {
    expect(
      await dispatch(ctx, testSession(), 'segments.save', {
        name: '  ',
        filter: bigOnes,
        replace: false,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'name' } },
    });
    expect(
      await dispatch(ctx, testSession(), 'segments.save', {
        name: '全部',
        filter: {},
        replace: false,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'filter' } },
    });
    const { id } = await saveSegment(ctx, { name: '重点', filter: bigOnes, replace: false, staffCode: null });
    await removeSegment(ctx, id);
    expect((await listSavedSegments(ctx)).segments).toEqual([]);
    await expect(removeSegment(ctx, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('leaves out a stored filter this version cannot read instead of failing the list', async () => {
    await saveSegment(ctx, { name: '好的', filter: bigOnes, replace: false, staffCode: null });
    ctx.store.sqlite
      .prepare(
        "INSERT INTO saved_segments (name, filter, created_at, updated_at) VALUES ('坏的', '{\"future\":1}', 'x', 'x')",
      )
      .run();
    expect((await listSavedSegments(ctx)).segments.map((s) => s.name)).toEqual(['好的']);
  });
});
