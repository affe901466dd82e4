/**
 * The one path of every call — Electron IPC, browser mode and tests alike: session → role → input → scope → handler →
 * the answer narrowed and masked, from the contract's declarations (docs/architecture.md, "Trust").
 */
import type { z } from 'zod';
import { allows, isPublic, ROLE_NAMES, ROLE_NAMES_EN } from '../../shared/access';
import {
  contract,
  isChannel,
  jobContract,
  type Channel,
  type ChannelInput,
  type ChannelSpec,
} from '../../shared/contract';
import { AppError, type Envelope, type ErrorBody } from '../../shared/errors';
import type { Exposure } from '../../shared/roles';
import type { SignedIn } from '../../shared/schemas/auth';
import { REPORT_TEMPLATE_SPECS } from '../../shared/schemas/exports';
import {
  customerViewOf,
  protectAggregates,
  protectAnswer,
  refuseBalanceQuery,
  refuseNameOrder,
  requireOwnTargets,
  WHOLE_BRANCH,
  valuesAt,
  viewerOf,
  withBook,
  type CustomerView,
  type Viewer,
} from './trust/access-scope';
import { appendAudit } from './platform/audit-log';
import { readAccessSettings } from './platform/settings';
import { databaseError } from './platform/sqlite-errors';
import { handlers } from './handlers';
import type { Handler } from './trust/caller';
import { activeStaff, type Session } from './trust/auth';
import type { CoreContext } from './platform/context';
import type { DatabaseState } from '../../shared/schemas/recovery';
import { damagedError } from './trust/recovery';
import { applyDueHandovers } from './books/handovers';

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

/** Every `staffCode` in a call (also a job's and an export's) is who is signed in: the window never sends one (`ActorSchema` refuses it). */
function withActor(value: unknown, code: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const entries = Object.entries(value).map(([key, v]) => [
    key,
    key === 'staffCode' ? code : key === 'request' || key === 'export' ? withActor(v, code) : v,
  ]);
  return Object.fromEntries(entries);
}

const failure = (
  code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT',
  message: string,
  messageEn: string,
): Envelope<never> => ({
  ok: false,
  error: { code, message, messageEn },
});

/** A refusal of a signed-in staff member, audited with what was refused and why. */
function auditRefusal(ctx: CoreContext, staff: SignedIn, channel: Channel, why: Record<string, unknown> = {}): void {
  appendAudit(ctx.store.sqlite, {
    at: ctx.now(),
    actor: staff.code,
    action: 'auth.forbidden',
    target: channel,
    detail: { role: staff.role, ...why },
  });
}

/** A backup's call on the books of managers away (AB角): audited as the backup, on their behalf. */
function auditActedFor(ctx: CoreContext, staff: SignedIn, channel: Channel, managers: readonly string[]): void {
  appendAudit(ctx.store.sqlite, {
    at: ctx.now(),
    actor: staff.code,
    action: 'books.actedFor',
    target: managers.join(','),
    detail: { channel, onBehalfOf: managers },
  });
}

/** A call the role may not make: refused, and audited. */
function forbidden(ctx: CoreContext, staff: SignedIn, channel: Channel): Envelope<never> {
  auditRefusal(ctx, staff, channel);
  return failure(
    'FORBIDDEN',
    `${ROLE_NAMES[staff.role]}无权进行此操作`,
    `A ${ROLE_NAMES_EN[staff.role].toLowerCase()} may not do this`,
  );
}

/** Branch figures (tier counts and 月日均 totals) for a teller only when the access settings allow them. */
function requireBranchFigures({ staff, access }: Viewer): void {
  if (staff.role === 'teller' && !access.tellerSeesAggregates) {
    throw new AppError(
      'FORBIDDEN',
      '本支行设置为柜员不查看全行层级户数与金额汇总',
      'This branch does not show tellers its tier counts and totals',
    );
  }
}

interface ScopedCall {
  input: unknown;
  view: CustomerView;
  /** The managers away whose books the call acts on, as their backup (AB角): audited on their behalf. */
  actedFor: string[];
}

/**
 * The scope checks of one call, from the contract's declarations: a teller's balance queries and branch figures,
 * a 客户经理's book (and the books covered today) on everything the call acts on, and the book pinned into the
 * input's manager field — the caller's own, or a covered book it names. Returns the input as the handler gets it and
 * how customer rows reach the caller.
 */
function scopeCall(ctx: CoreContext, viewer: Viewer, channel: Channel, input: unknown): ScopedCall {
  const spec: ChannelSpec = contract[channel];
  const exposure = spec.customers;
  if (exposure.answers === 'aggregates') requireBranchFigures(viewer);
  const actedFor = requireOwnTargets(ctx, viewer, spec.acts ?? [], input);
  if (channel === 'jobs.start') return scopeJob(ctx, viewer, input as ChannelInput<'jobs.start'>);
  const view = customerViewOf(viewer, exposure.answers === 'rows' ? exposure.scope : 'branchView');
  if (exposure.answers === 'nothing') return { input, view, actedFor };
  refuseBalanceQuery(ctx, view, input, exposure.answers);
  refuseNameOrder(view, input);
  if (exposure.answers !== 'rows' || !exposure.bookField || view.bookOf === null) return { input, view, actedFor };
  const [named] = valuesAt(input, exposure.bookField);
  const book = typeof named === 'string' && view.covers.includes(named) ? named : view.bookOf;
  return { input: withBook(input, exposure.bookField, book), view, actedFor };
}

/** A job is decided by its kind's declaration; an export by its template's (narrowed and masked row by row as it is written). */
function scopeJob(ctx: CoreContext, viewer: Viewer, input: ChannelInput<'jobs.start'>): ScopedCall {
  const { request } = input;
  const actedFor = requireOwnTargets(ctx, viewer, jobContract[request.kind].acts ?? [], request);
  // Full ID numbers and mobiles only of one's own book, whatever the branch view (as a reveal is).
  const full = request.kind === 'exports.report' && request.export.full;
  const view = customerViewOf(viewer, full ? 'book' : 'branchView');
  if (request.kind === 'exports.report') {
    const { template, filter, sort, segment } = request.export;
    if (REPORT_TEMPLATE_SPECS[template].aggregates) requireBranchFigures(viewer);
    refuseBalanceQuery(ctx, view, { filter, sort }, 'rows');
    refuseBalanceQuery(ctx, view, segment, 'aggregates');
    refuseNameOrder(view, { sort });
  }
  return { input, view, actedFor };
}

const SERVED_WHEN_DAMAGED = new Set<Channel>(['auth.status', 'recovery.backups', 'recovery.restore']);
/**
 * No database yet, nobody to sign in: the first run's choice and nothing else — an empty branch, or the demo branch
 * as a job, followed by its status and cancel (docs/architecture.md, "The first run").
 */
const SERVED_ON_FIRST_RUN = new Set<Channel>([
  'auth.status',
  'setup.createBranch',
  'jobs.start',
  'jobs.status',
  'jobs.current',
  'jobs.cancel',
]);

function servedOnFirstRun(channel: Channel, input: unknown): boolean {
  if (channel !== 'jobs.start') return SERVED_ON_FIRST_RUN.has(channel);
  const request = (input as { request?: { kind?: unknown } } | null)?.request;
  return request?.kind === 'setup.loadDemo';
}

/**
 * Served while the database file is being checked (or the data directory moved): signing in and out, and the calls
 * that only read — those that answer about customers without acting on any (checked by test: none of them writes),
 * the app's facts, job status, and a job's cancel (the move's own).
 */
export function servedWhileChecking(channel: Channel): boolean {
  const spec: ChannelSpec = contract[channel];
  return (
    channel.startsWith('auth.') ||
    channel === 'app.info' ||
    channel === 'jobs.status' ||
    channel === 'jobs.current' ||
    channel === 'jobs.cancel' ||
    (spec.customers.answers !== 'nothing' && spec.acts === undefined)
  );
}

const waits = (state: DatabaseState) => state.state === 'checking' || state.state === 'moving';

/**
 * Validates `input` against the channel's contract (strict: unknown keys rejected), then who may make the call:
 * signed in on this window (`session`), in a role the channel allows, acting as themselves, within what the channel
 * declares about customers — the caller's book, a teller's masking — on the way in (the query) and on the way out
 * (every customer row of the answer). Refusals are audited. Never throws: every outcome is an envelope.
 */
export async function dispatch(
  ctx: CoreContext,
  session: Session,
  channel: unknown,
  input: unknown,
): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    const name = String(channel).slice(0, 80);
    return {
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', message: `未知的调用：${name}`, messageEn: `Unknown channel: ${name}` },
    };
  }
  let staff: SignedIn | null = null;
  // While the file is checked (or the data directory moved) only reading and signing in go on; a damaged file serves
  // nothing but its recovery.
  while (waits(ctx.database.state) && !servedWhileChecking(channel)) await ctx.database.checked;
  const { state } = ctx.database;
  if (state.state === 'damaged' && !SERVED_WHEN_DAMAGED.has(channel))
    return { ok: false, error: damagedError(state).toBody() };
  if (state.state === 'new' && !servedOnFirstRun(channel, input))
    return failure(
      'CONFLICT',
      '尚未建立支行数据库：请先选择载入演示支行或建立本支行。',
      'No branch database yet: first load the demo branch or create your own.',
    );
  // Before the first run nobody exists to sign in: what it serves needs no one.
  const anonymous = isPublic(channel) || state.state === 'new';
  try {
    // Who first (a refused call learns nothing of its input's checks), then the input, then the call itself.
    const access = anonymous ? null : readAccessSettings(ctx.store.sqlite);
    staff = access === null ? null : activeStaff(ctx, session, access.idleMinutes);
    if (!anonymous && !staff)
      return failure(
        'UNAUTHENTICATED',
        '请先登录（或因长时间未操作已锁定，请重新登录）',
        'Sign in first (or again, after the idle lock)',
      );
    if (staff && !allows(staff.role, channel)) return forbidden(ctx, staff, channel);
    const parsed = contract[channel].input.safeParse(input);
    if (!parsed.success) {
      // A sign-in attempt signs the window out whatever it sent, like a refused one.
      if (channel === 'auth.signIn') session.staff = null;
      return { ok: false, error: validationError(channel, parsed.error) };
    }
    if (staff && !allows(staff.role, channel, parsed.data)) return forbidden(ctx, staff, channel);
    // Handovers dated ahead move their books on the day, before anyone is served that day's books.
    if (staff && ctx.database.state.state === 'ok') applyDueHandovers(ctx);
    const viewer = staff && access ? viewerOf(ctx, staff, access) : null;
    const scoped = viewer
      ? scopeCall(ctx, viewer, channel, withActor(parsed.data, viewer.staff.code))
      : { input: parsed.data, view: WHOLE_BRANCH, actedFor: [] };
    const handler = handlers[channel] as Handler<Channel>;
    const value = await handler(ctx, scoped.input as never, { session, viewer, view: scoped.view });
    if (staff && scoped.actedFor.length > 0) auditActedFor(ctx, staff, channel, scoped.actedFor);
    const exposure: Exposure = contract[channel].customers;
    if (exposure.answers === 'rows') return { ok: true, value: protectAnswer(ctx, scoped.view, value) };
    return {
      ok: true,
      value: exposure.answers === 'aggregates' ? protectAggregates(scoped.view, value, exposure.tierTotals) : value,
    };
  } catch (thrown) {
    const error = thrown instanceof AppError ? thrown : databaseError(thrown);
    if (error) {
      if (error !== thrown) console.error(`[tierdesk] ${channel} failed: ${(thrown as { code: string }).code}`);
      if (error !== thrown && error.code === 'DB_CORRUPT') ctx.database.suspect();
      if (error.code === 'FORBIDDEN' && staff) auditRefusal(ctx, staff, channel, error.details ?? {});
      return { ok: false, error: error.toBody() };
    }
    // Internal details go to the log only; never personal data, never to the user.
    console.error(`[tierdesk] ${channel} failed:`, thrown instanceof Error ? thrown.stack : thrown);
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: '内部错误，操作未完成。请重试；若仍失败请联系管理员。',
        messageEn:
          'Internal error; the operation did not complete. Try again, or contact the administrator if it keeps failing.',
      },
    };
  }
}
