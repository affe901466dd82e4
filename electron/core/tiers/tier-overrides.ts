import { AppError } from '../../../shared/errors';
import type { TierOverrideInput } from '../../../shared/schemas/tiers';
import { appendAudit } from '../platform/audit-log';
import {
  deleteTierOverride,
  findCustomerNoById,
  findTierOverride,
  insertTierOverride,
  listTierOverrideRows,
  listTierOverrides,
  listTierRuleSets,
  toTierOverride,
} from './tier-rules-repository';
import { ruleSetLookup, type TierOverride } from './tiering';
import type { JobControl } from '../platform/jobs';
import type { CoreContext } from '../platform/context';
import { recomputeTiers, type RecomputeSummary } from './tier-recompute';
import { requireCustomerByNo } from '../customers/lookup';

/** The override's tier must exist in every rule set that applies to one of its months. */
function checkTierCode(ctx: CoreContext, input: TierOverrideInput): void {
  const ruleSets = listTierRuleSets(ctx.store.sqlite);
  const rulesFor = ruleSetLookup(ruleSets);
  const starts = [
    input.fromMonth,
    ...ruleSets.map((r) => r.validFrom).filter((m) => m > input.fromMonth && m <= input.untilMonth),
  ];
  for (const month of starts) {
    const rules = rulesFor(month);
    if (!rules.tiers.some((t) => t.code === input.tierCode)) {
      const codes = rules.tiers.map((t) => t.code).join('、');
      throw new AppError(
        'VALIDATION',
        `输入无效：字段 tierCode：${month} 起的分层规则中没有层级 ${input.tierCode}（可选：${codes}）`,
        `Invalid input: tierCode: the rules from ${month} have no tier ${input.tierCode} (choose from ${codes})`,
        { field: 'tierCode' },
      );
    }
  }
}

/** Recomputes from `fromMonth` with `overrides` in place of the stored ones; `apply` stores the change. */
async function recomputeWithOverrides(
  ctx: CoreContext,
  fromMonth: string,
  overrides: Map<number, TierOverride[]>,
  apply: () => void,
  control?: JobControl,
): Promise<RecomputeSummary> {
  const summary = await recomputeTiers(ctx.store.sqlite, ctx.now(), {
    fromMonth,
    overrides,
    valuesFromSnapshots: true,
    onProgress: control?.report,
    signal: control?.signal,
    apply,
  });
  return summary;
}

/** Sets a customer's tier by hand for a span of months, with the reason; audited; results recomputed from its start. */
export async function saveTierOverride(
  ctx: CoreContext,
  input: TierOverrideInput,
  staffCode: string | null,
  control?: JobControl,
): Promise<RecomputeSummary> {
  const customerId = (await requireCustomerByNo(ctx, input.customerNo)).id;
  checkTierCode(ctx, input);
  const override: TierOverride = {
    tierCode: input.tierCode,
    reason: input.reason,
    from: input.fromMonth,
    until: input.untilMonth,
  };
  const overrides = listTierOverrides(ctx.store.sqlite);
  overrides.set(customerId, [...(overrides.get(customerId) ?? []), override]);
  return recomputeWithOverrides(
    ctx,
    input.fromMonth,
    overrides,
    () => {
      const { sqlite } = ctx.store;
      const at = ctx.now();
      const id = insertTierOverride(sqlite, {
        customer_id: customerId,
        tier_code: input.tierCode,
        reason: input.reason,
        from_month: input.fromMonth,
        until_month: input.untilMonth,
        created_at: at,
        created_by: staffCode,
      });
      appendAudit(sqlite, {
        at,
        actor: staffCode,
        action: 'tiers.saveOverride',
        target: input.customerNo,
        detail: { id, ...override },
      });
    },
    control,
  );
}

/** Removes an override (the rules' tier applies again); audited; results recomputed from its start. */
export async function removeTierOverride(
  ctx: CoreContext,
  overrideId: number,
  staffCode: string | null,
  control?: JobControl,
): Promise<RecomputeSummary> {
  const row = findTierOverride(ctx.store.sqlite, overrideId);
  if (!row)
    throw new AppError('NOT_FOUND', `找不到编号为 ${overrideId} 的人工调整。`, `No override with id ${overrideId}.`, {
      field: 'overrideId',
    });
  const overrides = listTierOverrides(ctx.store.sqlite);
  const rest = listTierOverrideRows(ctx.store.sqlite, row.customer_id).filter((r) => r.id !== overrideId);
  overrides.set(row.customer_id, rest.map(toTierOverride));
  const customerNo = findCustomerNoById(ctx.store.sqlite, row.customer_id);
  return recomputeWithOverrides(
    ctx,
    row.from_month,
    overrides,
    () => {
      deleteTierOverride(ctx.store.sqlite, overrideId);
      appendAudit(ctx.store.sqlite, {
        at: ctx.now(),
        actor: staffCode,
        action: 'tiers.removeOverride',
        target: customerNo,
        detail: {
          id: overrideId,
          tierCode: row.tier_code,
          reason: row.reason,
          from: row.from_month,
          until: row.until_month,
        },
      });
    },
    control,
  );
}
