import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, seedBranch, testSession } from '../../../tests/helpers/branch';
import { dispatch } from '../dispatch';
import { DEFAULT_SUITABILITY_SETTINGS } from '../../../shared/schemas/suitability';
import type { CustomerCard } from '../../../shared/schemas/customer';

let ctx: ReturnType<typeof createTestContext>;

/** Today is 2024-04-10. 王芳 C3 (valid), 李强 C3 (expired on 2024-04-09), 赵敏 never assessed, 周杰 a professional. */
beforeEach(() => {
  ctx = createTestContext();
  seedBranch(ctx.store, [
    { customer_no: 'C01', name: '王芳', manager_code: 'M01', risk_level: 'C3', risk_assessed_date: '2024-01-15' },
    { customer_no: 'C02', name: '李强', manager_code: 'M01', risk_level: 'C3', risk_assessed_date: '2023-04-09' },
    { customer_no: 'C03', name: '赵敏', manager_code: 'M01' },
    { customer_no: 'C04', name: '周杰', manager_code: 'M01' },
  ]);
  ctx.store.sqlite.prepare("UPDATE customers SET professional_investor = 1 WHERE customer_no = 'C04'").run();
  const product = ctx.store.sqlite.prepare('INSERT INTO products (code, name, type, risk_level) VALUES (?, ?, ?, ?)');
  for (const p of [
    ['D1', '大额存单', '存款', 'R1'],
    ['W2', '稳利90天', '理财', 'R2'],
    ['F4', '成长混合', '基金', 'R4'],
  ])
    product.run(...p);
});
afterEach(() => ctx.store.close());

const manager = testSession('M01', 'manager', '周文静');
const branchManager = testSession('B01', 'branch_manager', '支行长');
const propose = (customerNo: string, more: Record<string, unknown>) =>
  dispatch(ctx, manager, 'contacts.log', {
    customerNo,
    date: '2024-04-10',
    channel: 'visit',
    purpose: 'product',
    ...more,
  });
const refusal = async (customerNo: string, more: Record<string, unknown>) => {
  const result = await propose(customerNo, more);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
};
const stored = () =>
  ctx.store.sqlite
    .prepare('SELECT product_code, own_request, own_request_reason, dual_recording_ref FROM contacts ORDER BY id')
    .all();

describe('a product-proposal contact', () => {
  it('records the product and the 双录 number', async () => {
    expect((await propose('C01', { productCode: 'W2', dualRecordingRef: 'SL-2024-001' })).ok).toBe(true);
    expect(stored()).toEqual([
      { product_code: 'W2', own_request: 0, own_request_reason: null, dual_recording_ref: 'SL-2024-001' },
    ]);
    const card = await dispatch(ctx, manager, 'customers.card', { customerNo: 'C01' });
    expect(card.ok && (card.value as CustomerCard).contacts[0]).toMatchObject({
      productCode: 'W2',
      dualRecordingRef: 'SL-2024-001',
    });
  });

  it('a deposit needs no 双录 number; a contact without a product is as before', async () => {
    expect((await propose('C01', { productCode: 'D1' })).ok).toBe(true);
    expect((await propose('C03', {})).ok).toBe(true);
    expect(stored()).toHaveLength(2);
  });

  it.each([
    [
      'an unknown product',
      'C01',
      { productCode: 'NOPE' },
      'productCode',
      /“NOPE”不在产品目录/,
      /not in the product catalogue/,
    ],
    ['a product above the level', 'C01', { productCode: 'F4' }, 'productCode', /R4.*超出客户风险等级 C3/, /above/],
    ['no assessment', 'C03', { productCode: 'D1' }, 'productCode', /未做风险评估/, /no risk assessment/],
    [
      'an expired assessment',
      'C02',
      { productCode: 'D1' },
      'productCode',
      /评估已过期（有效期至 2024-04-08）/,
      /expired/,
    ],
    [
      'an own request without its reason',
      'C01',
      { productCode: 'F4', ownRequest: true, ownRequestReason: ' ' },
      'ownRequestReason',
      /须写明原因/,
      /needs its reason/,
    ],
    [
      'a wealth product without its 双录 number',
      'C01',
      { productCode: 'W2' },
      'dualRecordingRef',
      /理财产品向普通投资者推荐须填写双录编号/,
      /dual-recording/,
    ],
    [
      'an own request with no product',
      'C01',
      { ownRequest: true, ownRequestReason: '客户指定' },
      'productCode',
      /须选择推荐的产品/,
      /choose the proposed product/,
    ],
  ])('%s is refused, naming the field, nothing written', async (_, no, more, field, zh, en) => {
    const error = await refusal(no, more);
    expect(error).toMatchObject({ code: 'VALIDATION', details: { field } });
    expect(error.message).toMatch(zh);
    expect(error.messageEn).toMatch(en);
    expect(stored()).toEqual([]);
  });

  it.each([
    ['above the level', 'C01', 'F4', 'aboveLevel', 'SL-9'],
    ['unassessed', 'C03', 'D1', 'unassessed', undefined],
    ['expired', 'C02', 'D1', 'expired', undefined],
  ])("the customer's own request with a reason lets it through (%s), audited", async (_, no, code, why, ref) => {
    const result = await propose(no, {
      productCode: code,
      ownRequest: true,
      ownRequestReason: '客户坚持购买',
      dualRecordingRef: ref,
    });
    expect(result.ok).toBe(true);
    expect(stored()).toEqual([
      { product_code: code, own_request: 1, own_request_reason: '客户坚持购买', dual_recording_ref: ref ?? null },
    ]);
    const audit = ctx.store.sqlite
      .prepare("SELECT actor, target, detail FROM audit_log WHERE action = 'contacts.ownRequestProposal'")
      .get() as { actor: string; target: string; detail: string };
    expect(audit).toMatchObject({ actor: 'M01', target: no });
    expect(JSON.parse(audit.detail)).toMatchObject({ productCode: code, reason: '客户坚持购买', refusal: why });
  });

  it('the own request still needs the 双录 number for a wealth product', async () => {
    const error = await refusal('C01', { productCode: 'F4', ownRequest: true, ownRequestReason: '客户坚持购买' });
    expect(error.details).toEqual({ field: 'dualRecordingRef' });
  });

  it('a professional investor needs neither an assessment nor a 双录 number', async () => {
    expect((await propose('C04', { productCode: 'F4' })).ok).toBe(true);
  });

  it('the setting can drop the 双录 requirement', async () => {
    const saved = await dispatch(ctx, branchManager, 'suitability.saveSettings', {
      settings: { ...DEFAULT_SUITABILITY_SETTINGS, requireDualRecording: false },
    });
    expect(saved.ok).toBe(true);
    expect((await propose('C01', { productCode: 'W2' })).ok).toBe(true);
  });
});
