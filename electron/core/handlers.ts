import type { z } from 'zod';
import { contract, isChannel, type Channel, type ChannelOutput, type Contract } from '../../shared/contract';
import { AppError, type Envelope, type ErrorBody } from '../../shared/errors';
import { getAppInfo } from './services/app-info';
import type { CoreContext } from './services/context';
import { getCustomerCard, getCustomersCount, getCustomersPage } from './services/customers';
import { recomputeTiers } from './services/tier-recompute';
import { forgetTierSnapshots, getTierMatrix, getTierOverview } from './services/tiers';
import { getTierRules, previewTierRules, saveTierRules } from './services/tier-rules';
import { getSegmentGrid } from './services/segments';

type Handler<C extends Channel> = (ctx: CoreContext, input: z.output<Contract[C]['input']>) => Promise<ChannelOutput<C>>;

/** The only dispatch table: contract channel → service function. Used by Electron IPC and browser mode alike. */
export const handlers: { [C in Channel]: Handler<C> } = {
  'app.info': (ctx) => getAppInfo(ctx),
  'customers.page': (ctx, input) => getCustomersPage(ctx, input),
  'customers.count': (ctx, input) => getCustomersCount(ctx, input),
  'customers.card': (ctx, input) => getCustomerCard(ctx, input.customerNo),
  'tiers.overview': async (ctx, input) => getTierOverview(ctx, input.month),
  'tiers.matrix': async (ctx, input) => getTierMatrix(ctx, input.fromMonth, input.toMonth),
  'tiers.recompute': async (ctx) => {
    const summary = recomputeTiers(ctx.store.sqlite, ctx.now());
    forgetTierSnapshots(ctx);
    return { months: summary.months, customers: summary.customers };
  },
  'tiers.rules': async (ctx) => getTierRules(ctx),
  'segments.grid': async (ctx, input) => getSegmentGrid(ctx, input.month, input.rows, input.columns),
  'tiers.previewRules': async (ctx, input) => previewTierRules(ctx, input.rules),
  'tiers.saveRules': async (ctx, input) => {
    const summary = saveTierRules(ctx, input.rules, input.staffCode);
    return { months: summary.months, customers: summary.customers };
  },
};

function validationError(channel: Channel, error: z.ZodError): ErrorBody {
  const issues = error.issues.map((issue) => ({ field: issue.path.join('.') || '(input)', message: issue.message }));
  const first = issues[0];
  return {
    code: 'VALIDATION',
    message: `输入无效：字段 ${first.field}：${first.message}`,
    messageEn: `Invalid input for ${channel}: ${first.field}: ${first.message}`,
    details: { field: first.field, issues },
  };
}

/**
 * Validates `input` against the channel's contract (strict: unknown keys rejected) before any service runs,
 * and never throws: every outcome is an envelope.
 */
export async function dispatch(ctx: CoreContext, channel: unknown, input: unknown): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    const name = String(channel).slice(0, 80);
    return {
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', message: `未知的调用：${name}`, messageEn: `Unknown channel: ${name}` },
    };
  }
  const parsed = contract[channel].input.safeParse(input);
  if (!parsed.success) return { ok: false, error: validationError(channel, parsed.error) };
  try {
    const handler = handlers[channel] as Handler<Channel>;
    return { ok: true, value: await handler(ctx, parsed.data as never) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toBody() };
    // Internal details go to the log only; never personal data, never to the user.
    console.error(`[tierdesk] ${channel} failed:`, error instanceof Error ? error.stack : error);
    return {
      ok: false,
      error: { code: 'INTERNAL', message: '内部错误，操作未完成。请重试；若仍失败请联系管理员。', messageEn: 'Internal error; the operation did not complete. Try again, or contact the administrator if it keeps failing.' },
    };
  }
}
