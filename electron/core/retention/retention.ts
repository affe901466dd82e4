import { AppError } from '../../../shared/errors';
import { addDays, addMonths, daysBetween, lastDayOfMonth } from '../../../shared/month';
import type {
  Action,
  ActionInput,
  ActionOutcome,
  Contact,
  ContactInput,
  ResultFigures,
  RetentionResults,
  SetOutcomeInput,
  WarningPage,
  WarningQuery,
  WarningRow,
  WarningSettings,
} from '../../../shared/schemas/retention';
import { TIER_STATUSES, type TierDef } from '../../../shared/schemas/tiers';
import { appendAudit } from '../platform/audit-log';
import { campaignContact } from '../campaigns/campaigns';
import {
  readContactStandards,
  readDimensionSettings,
  readWarningSettings,
  replaceJsonSetting,
} from '../platform/settings';
import { staffNames } from '../trust/staff';
import {
  insertAction,
  insertContact,
  lastContactDates,
  listActions,
  listContactsOfCustomer,
  markActionDone,
  maturingAmounts,
  setActionOutcome,
  type ActionRecord,
} from './retention-repository';
import { findCustomerIdsOfManager, findCustomerNames } from '../customers/lookup';
import {
  listTierSnapshotMonths,
  readTierSnapshotSummary,
  snapshotSlot,
  SNAPSHOT_OVERRIDDEN,
  type TierSnapshot,
} from '../tiers/tiers';
import { assessWarning, type Warning } from './warning';
import { checkProposal } from '../suitability/proposals';
import { assessedOf } from '../suitability/suitability';
import type { CoreContext } from '../platform/context';
import { derivedKind } from '../platform/derived-data';
import { openComplaintCounts } from '../complaints/complaints';
import { lastSurveyScores } from '../surveys/survey-scores';
import { requireCustomerByNo, requireStaff } from '../customers/lookup';
import { customerAttributes, managersOn } from '../segments/segments';
import { tierNames } from '../tiers/tier-history';
import { rulesForMonth, tierSnapshotOf } from '../tiers/tiers';
import { householdFiguresOfMonth } from '../households/household-figures';

const WATCH = TIER_STATUSES.indexOf('watch');

/** A customer on a month's warning list, before names are looked up. */
interface ScoredCustomer extends Warning {
  id: number;
  tierCode: string;
  watch: boolean;
  aumFen: number;
  thresholdFen: number;
}

/** A manager's book: the manager, its customers marked by id, and their last contact dates (the caller has them). */
export interface Book {
  managerCode: string;
  ids: Uint8Array;
  lastContact: ReadonlyMap<number, string>;
}

/** A month's warning list, strongest first, and by customer id. */
export interface MonthWarnings {
  month: string;
  rows: ScoredCustomer[];
  byId: Map<number, ScoredCustomer>;
}

function aumAt(snapshot: TierSnapshot | null, id: number): number | null {
  if (!snapshot) return null;
  const slot = snapshotSlot(snapshot, id);
  return slot < 0 || Number.isNaN(snapshot.aumFen[slot]) ? null : snapshot.aumFen[slot];
}

function noResults(month: string): AppError {
  return new AppError(
    'NOT_FOUND',
    `${month} 没有分层结果，无法预警（该月无资产数据或尚未重新计算）。`,
    `No tier results for ${month}, so no warnings.`,
    { field: 'month' },
  );
}

/**
 * The slots to score: in 观察, or below their tier's watch limit (threshold × (1 + margin); −∞ for tiers not
 * watched), with data and not held by an override. A small function of its own, so the loop over every customer
 * is optimised and allocates nothing.
 */
function watchedSlots(
  snapshot: TierSnapshot,
  aumFen: Float64Array,
  watchLimits: Float64Array,
  only: Uint8Array | undefined,
): number[] {
  const { ruleTier, flags, status, customerIds } = snapshot;
  const slots: number[] = [];
  for (let slot = 0; slot < ruleTier.length; slot++) {
    const tier = ruleTier[slot];
    if (tier < 0 || (flags[slot] & SNAPSHOT_OVERRIDDEN) !== 0 || (only !== undefined && only[customerIds[slot]] !== 1))
      continue;
    const aum = aumFen[slot];
    // NaN (no data) fails both comparisons.
    if (
      watchLimits[tier] > Number.NEGATIVE_INFINITY &&
      (status[slot] === WATCH ? aum === aum : aum < watchLimits[tier])
    )
      slots.push(slot);
  }
  return slots;
}

/**
 * The 月日均 each customer holds their tier by: their own, or for a member their household may carry in that tier
 * (docs/domain.md, "Households") the larger of their own and the household's — so the gap, and the amount needed, are
 * the household's when it is the smaller. The snapshot's own values when no tier of the month has household
 * qualification.
 */
function householdEffectiveAum(
  ctx: CoreContext,
  month: string,
  snapshot: TierSnapshot,
  tierOfIndex: ReadonlyArray<TierDef | undefined>,
): Float64Array {
  if (!tierOfIndex.some((t) => t?.household !== undefined)) return snapshot.aumFen;
  const effective = snapshot.aumFen.slice();
  const figures = householdFiguresOfMonth(ctx.store.sqlite, month, (id) => {
    const slot = snapshotSlot(snapshot, id);
    return slot < 0 ? Number.NaN : snapshot.aumFen[slot];
  });
  for (const [id, { fen, role }] of figures) {
    const slot = snapshotSlot(snapshot, id);
    const tier = slot < 0 ? undefined : tierOfIndex[snapshot.ruleTier[slot]];
    const household = tier?.household;
    const own = slot < 0 ? Number.NaN : snapshot.aumFen[slot];
    if (!household || Number.isNaN(own) || own < household.minOwnFen) continue;
    if (household.spouseParentsOnly && role !== 'spouse' && role !== 'parent') continue;
    effective[slot] = Math.max(own, fen);
  }
  return effective;
}

/**
 * Scores every customer in 观察 or within the margin above its tier's threshold (not the lowest tier, not
 * held by an override) — of the whole branch, or of a manager's book (`ids` marks its customers by id). Open
 * complaints count from the complaint log, the last 1–5 score from the survey responses.
 */
function computeWarnings(ctx: CoreContext, month: string, book?: Book): MonthWarnings {
  const { sqlite } = ctx.store;
  const snapshot = tierSnapshotOf(ctx, month);
  if (!snapshot) throw noResults(month);
  const previous = tierSnapshotOf(ctx, addMonths(month, -1));
  const threeAgo = addMonths(month, -3);
  const before = tierSnapshotOf(ctx, threeAgo);
  const tiers = new Map(rulesForMonth(ctx, month).tiers.map((t) => [t.code, t]));
  const settings = readWarningSettings(sqlite);
  const standards = readContactStandards(sqlite);
  const today = ctx.today();
  const maturing = maturingAmounts(sqlite, today, addDays(today, 30), addDays(today, 60), book?.managerCode);
  const complaints = openComplaintCounts(ctx.store.sqlite);
  const surveys = lastSurveyScores(ctx.store.sqlite);
  const rows: ScoredCustomer[] = [];
  const tierOfIndex = snapshot.tierCodes.map((code) => tiers.get(code));
  const watchLimits = Float64Array.from(tierOfIndex, (tier) =>
    tier && tier.thresholdFen > 0 ? tier.thresholdFen * (1 + settings.marginShare) : Number.NEGATIVE_INFINITY,
  );
  const effective = householdEffectiveAum(ctx, month, snapshot, tierOfIndex);
  const watched = watchedSlots(snapshot, effective, watchLimits, book?.ids);
  const lastContact =
    book?.lastContact ??
    lastContactDates(
      sqlite,
      watched.map((slot) => snapshot.customerIds[slot]),
    );
  for (const slot of watched) {
    const tier = tierOfIndex[snapshot.ruleTier[slot]] as NonNullable<(typeof tierOfIndex)[number]>;
    const watch = snapshot.status[slot] === WATCH;
    const aumFen = snapshot.aumFen[slot];
    const holdFen = effective[slot];
    const id = snapshot.customerIds[slot];
    const due = maturing.get(id);
    const contacted = lastContact.get(id);
    const warning = assessWarning(
      {
        thresholdFen: tier.thresholdFen,
        aumFen,
        holdFen,
        monthsBelow: watch ? snapshot.monthsBelow[slot] : 0,
        graceMonths: tier.graceMonths,
        previousAumFen: aumAt(previous, id),
        threeMonthsAgoAumFen: aumAt(before, id),
        threeMonthsAgo: threeAgo,
        maturing30Fen: due ? due[0] : 0,
        maturing60Fen: due ? due[1] : 0,
        openComplaints: complaints.get(id) ?? 0,
        lastSurveyScore: surveys.get(id) ?? null,
        daysSinceContact: contacted === undefined ? null : Math.max(0, daysBetween(contacted, today)),
        contactStandardDays: standards.tiers[tier.code]?.contactDays ?? null,
      },
      settings,
    );
    // A literal, not a spread: spread copies make slow objects, and 10,000 of them are sorted next.
    const { score, level, reasons, amountNeededFen } = warning;
    rows.push({
      id,
      tierCode: tier.code,
      watch,
      aumFen,
      thresholdFen: tier.thresholdFen,
      score,
      level,
      reasons,
      amountNeededFen,
    });
  }
  rows.sort((a, b) => b.score - a.score || b.amountNeededFen - a.amountNeededFen || a.id - b.id);
  return { month, rows, byId: new Map(rows.map((r) => [r.id, r])) };
}

/** Warning lists by month: they read the service record too (contacts, actions, complaints, surveys). */
const WARNINGS = derivedKind<MonthWarnings>('warnings', 4, { readsServiceRecord: true });

/** The month's warnings, kept until the data, the tiers, the contacts or the actions change. */
export function monthWarnings(ctx: CoreContext, month: string): MonthWarnings {
  return ctx.cache.get(WARNINGS, month, () => computeWarnings(ctx, month));
}

/**
 * A book's warnings in a month, strongest first: from the month's list when it is kept, else scored for the book
 * alone (a contact logged drops the kept lists; the workbench should not score the whole branch again for it).
 */
export function bookWarnings(ctx: CoreContext, month: string, book: Book): MonthWarnings['rows'] {
  const kept = ctx.cache.peek(WARNINGS, month);
  if (kept) return kept.rows.filter((r) => book.ids[r.id] === 1);
  return computeWarnings(ctx, month, book).rows;
}

/** Names, manager and open actions for the rows shown (a page, or one customer's card). */
export function toWarningRows(ctx: CoreContext, month: string, scored: ScoredCustomer[]): WarningRow[] {
  const ids = scored.map((r) => r.id);
  const names = findCustomerNames(ctx.store.sqlite, ids);
  const tierName = tierNames(rulesForMonth(ctx, month));
  const open = new Map<number, number>();
  const actions = ids.length === 0 ? [] : listActions(ctx.store.sqlite, { customerIds: ids });
  decideOutcomes(ctx, actions).forEach(({ outcome }, i) => {
    if (outcome === 'open') open.set(actions[i].customer_id, (open.get(actions[i].customer_id) ?? 0) + 1);
  });
  return scored.map((r) => {
    const customer = names.get(r.id);
    return {
      customerNo: customer?.customerNo ?? '',
      name: customer?.name ?? '',
      managerCode: customer?.managerCode ?? null,
      managerName: customer?.managerName ?? null,
      tierCode: r.tierCode,
      tierName: tierName.get(r.tierCode) ?? r.tierCode,
      status: r.watch ? 'watch' : 'near',
      aumFen: r.aumFen,
      thresholdFen: r.thresholdFen,
      amountNeededFen: r.amountNeededFen,
      score: r.score,
      level: r.level,
      reasons: r.reasons,
      openActions: open.get(r.id) ?? 0,
    };
  });
}

/** One page of the ranked warning list, filtered by manager, tier, level and reason. */
export function getWarnings(ctx: CoreContext, query: WarningQuery): WarningPage {
  const { rows } = monthWarnings(ctx, query.month);
  const book =
    query.managerCode === undefined ? null : new Set(findCustomerIdsOfManager(ctx.store.sqlite, query.managerCode));
  const tiers = query.tierCodes ? new Set(query.tierCodes) : null;
  const matching = rows.filter(
    (r) =>
      (book === null || book.has(r.id)) &&
      (tiers === null || tiers.has(r.tierCode)) &&
      (query.signal === undefined || r.reasons.some((reason) => reason.signal === query.signal)),
  );
  const levels = { high: 0, medium: 0, low: 0 };
  for (const r of matching) levels[r.level] += 1;
  const shown = query.levels ? matching.filter((r) => query.levels?.includes(r.level)) : matching;
  return {
    month: query.month,
    marginShare: readWarningSettings(ctx.store.sqlite).marginShare,
    total: shown.length,
    levels,
    rows: toWarningRows(ctx, query.month, shown.slice(query.offset, query.offset + query.limit)),
  };
}

/** The warning of one customer in a month, or null when it is not on the list. */
export function warningOfCustomer(ctx: CoreContext, customerId: number, month: string): WarningRow | null {
  const scored = monthWarnings(ctx, month).byId.get(customerId);
  return scored ? toWarningRows(ctx, month, [scored])[0] : null;
}

/**
 * What became of each action, from the months after its warning month: 流失 (closed, or 月日均 below the churn
 * line), 已降级 (a lower tier), 保级成功 (out of 观察 in the tier or higher), else 进行中. A month without data for
 * the customer decides nothing. An outcome set by hand wins.
 */
function decideOutcomes(
  ctx: CoreContext,
  actions: ActionRecord[],
): Array<{ outcome: ActionOutcome; month: string | null }> {
  const decided = actions.map((a) => ({
    outcome: a.outcome ?? ('open' as ActionOutcome),
    month: null as string | null,
  }));
  let pending = actions.flatMap((a, i) => (a.outcome === null ? [i] : []));
  if (pending.length === 0) return decided;
  const months = listTierSnapshotMonths(ctx.store.sqlite);
  const first = pending.reduce((m, i) => (actions[i].month < m ? actions[i].month : m), '9999-12');
  const churnBelowFen = readDimensionSettings(ctx.store.sqlite).churnBelowFen;
  const closed = customerAttributes(ctx).closed;
  for (const month of months) {
    if (month <= first || pending.length === 0) continue;
    const snapshot = tierSnapshotOf(ctx, month);
    if (!snapshot) continue;
    const monthEnd = lastDayOfMonth(month);
    pending = pending.filter((i) => {
      const action = actions[i];
      if (action.month >= month) return true;
      const decide = (outcome: ActionOutcome) => {
        decided[i] = { outcome, month };
        return false;
      };
      const closedDate = closed[action.customer_id];
      if (closedDate && closedDate <= monthEnd) return decide('churned');
      const slot = snapshotSlot(snapshot, action.customer_id);
      if (slot < 0 || Number.isNaN(snapshot.aumFen[slot])) return true;
      if (snapshot.aumFen[slot] < churnBelowFen) return decide('churned');
      const target = snapshot.tierCodes.indexOf(action.tier_code);
      if (target >= 0 && snapshot.tier[slot] >= 0 && snapshot.tier[slot] < target) return decide('downgraded');
      return snapshot.status[slot] === WATCH ? true : decide('saved');
    });
  }
  return decided;
}

function toActions(ctx: CoreContext, records: ActionRecord[]): Action[] {
  const today = ctx.today();
  const outcomes = decideOutcomes(ctx, records);
  return records.map((a, i) => ({
    id: a.id,
    customerNo: a.customer_no,
    customerName: a.customer_name,
    month: a.month,
    tierCode: a.tier_code,
    tierName: tierNames(rulesForMonth(ctx, a.month)).get(a.tier_code) ?? a.tier_code,
    kind: a.kind,
    ownerCode: a.owner_code,
    ownerName: a.owner_name,
    dueDate: a.due_date,
    notes: a.notes,
    benefitCode: a.benefit_code,
    benefitName: a.benefit_name,
    riskScore: a.risk_score,
    doneDate: a.done_date,
    outcome: outcomes[i].outcome,
    outcomeMonth: outcomes[i].month,
    outcomeReason: a.outcome_reason,
    overdue: a.done_date === null && outcomes[i].outcome === 'open' && a.due_date < today,
  }));
}

/** A manager's actions (all managers' when none): open ones by default, overdue first, then by due date. */
export function getActionBoard(
  ctx: CoreContext,
  query: { ownerCode?: string; includeClosed: boolean },
): { actions: Action[] } {
  const actions = toActions(ctx, listActions(ctx.store.sqlite, { ownerCode: query.ownerCode }));
  const shown = query.includeClosed ? actions : actions.filter((a) => a.outcome === 'open');
  shown.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate) || a.id - b.id);
  return { actions: shown };
}

/**
 * A retention action for a customer on the month's warning list (or in 观察 there); `benefit`: the benefit it offers,
 * checked by the caller (the benefits domain) as one the customer still has.
 */
export async function createAction(
  ctx: CoreContext,
  input: ActionInput,
  benefit: { code: string; name: string } | null = null,
): Promise<{ id: number }> {
  const customer = await requireCustomerByNo(ctx, input.customerNo);
  requireStaff(ctx, input.ownerCode, 'ownerCode');
  const snapshot = tierSnapshotOf(ctx, input.month);
  const slot = snapshot ? snapshotSlot(snapshot, customer.id) : -1;
  if (!snapshot || slot < 0 || snapshot.ruleTier[slot] < 0) {
    throw new AppError(
      'VALIDATION',
      `客户 ${input.customerNo} 在 ${input.month} 没有分层结果，无法建立保级行动。`,
      `Customer ${input.customerNo} has no tier in ${input.month}.`,
      { field: 'month' },
    );
  }
  const warning = monthWarnings(ctx, input.month).byId.get(customer.id);
  const id = ctx.store.sqlite.transaction(() => {
    const created = insertAction(ctx.store.sqlite, {
      customer_id: customer.id,
      month: input.month,
      tier_code: snapshot.tierCodes[snapshot.ruleTier[slot]],
      kind: input.kind,
      owner_code: input.ownerCode,
      due_date: input.dueDate,
      notes: input.notes || null,
      risk_score: warning?.score ?? null,
      created_at: ctx.now(),
      created_by: input.staffCode,
      benefit_code: benefit?.code ?? null,
      benefit_name: benefit?.name ?? null,
    });
    appendAudit(ctx.store.sqlite, {
      at: ctx.now(),
      actor: input.staffCode,
      action: 'retention.createAction',
      target: input.customerNo,
      detail: {
        id: created,
        kind: input.kind,
        owner: input.ownerCode,
        due: input.dueDate,
        ...(benefit ? { benefit: benefit.name } : {}),
      },
    });
    return created;
  })();
  return { id };
}

function requireAction(ctx: CoreContext, id: number): ActionRecord {
  const [action] = listActions(ctx.store.sqlite, { id });
  if (!action)
    throw new AppError('NOT_FOUND', '找不到该保级行动（可能已被删除）。', 'No such retention action.', {
      field: 'actionId',
    });
  return action;
}

/** Sets an action's outcome by hand, with the reason (null: back to what the data says); audited. */
export function setOutcome(ctx: CoreContext, input: SetOutcomeInput): { action: Action } {
  const action = requireAction(ctx, input.actionId);
  ctx.store.sqlite.transaction(() => {
    setActionOutcome(
      ctx.store.sqlite,
      action.id,
      input.outcome,
      input.outcome === null ? null : input.reason,
      ctx.now(),
    );
    appendAudit(ctx.store.sqlite, {
      at: ctx.now(),
      actor: input.staffCode,
      action: 'retention.setOutcome',
      target: action.customer_no,
      detail: { id: action.id, from: action.outcome, to: input.outcome, reason: input.reason },
    });
  })();
  return { action: toActions(ctx, [requireAction(ctx, action.id)])[0] };
}

/** Logs a contact; one made for a retention action marks the action done. */
export async function logContact(ctx: CoreContext, input: ContactInput): Promise<{ id: number }> {
  const customer = await requireCustomerByNo(ctx, input.customerNo);
  if (input.date > ctx.today()) {
    throw new AppError(
      'VALIDATION',
      `接触日期 ${input.date} 晚于今天，请更正。`,
      `The contact date ${input.date} is in the future.`,
      { field: 'date' },
    );
  }
  if (input.staffCode !== null) requireStaff(ctx, input.staffCode, 'staffCode');
  if (input.actionId !== undefined && requireAction(ctx, input.actionId).customer_id !== customer.id) {
    throw new AppError(
      'VALIDATION',
      '该保级行动不属于这位客户。',
      'The retention action belongs to another customer.',
      { field: 'actionId' },
    );
  }
  const proposal = checkProposal(
    ctx,
    assessedOf({
      riskLevel: customer.risk_level,
      assessedDate: customer.risk_assessed_date,
      professional: customer.professional_investor,
    }),
    input,
    input.date,
  );
  const campaign =
    input.campaignId === undefined
      ? null
      : campaignContact(ctx, input.campaignId, customer.id, input.customerNo, input.date);
  const id = ctx.store.sqlite.transaction(() => {
    const created = insertContact(ctx.store.sqlite, {
      customer_id: customer.id,
      contact_date: input.date,
      channel: input.channel,
      purpose: input.purpose,
      note: input.note || null,
      staff_code: input.staffCode,
      action_id: input.actionId ?? null,
      product_code: proposal.productCode,
      own_request: proposal.ownRequest ? 1 : 0,
      own_request_reason: proposal.ownRequestReason,
      dual_recording_ref: proposal.dualRecordingRef,
      created_at: ctx.now(),
      created_by: input.staffCode,
    });
    if (input.actionId !== undefined) markActionDone(ctx.store.sqlite, input.actionId, input.date, ctx.now());
    campaign?.(created, input.date, input.staffCode);
    if (proposal.ownRequest)
      appendAudit(ctx.store.sqlite, {
        at: ctx.now(),
        actor: input.staffCode,
        action: 'contacts.ownRequestProposal',
        target: input.customerNo,
        detail: {
          contactId: created,
          productCode: proposal.productCode,
          reason: proposal.ownRequestReason,
          ...(proposal.overridden ?? { refusal: null }),
        },
      });
    return created;
  })();
  return { id };
}

/** A customer's contacts and retention actions, for the card. */
export function retentionOfCustomer(ctx: CoreContext, customerId: number): { contacts: Contact[]; actions: Action[] } {
  const contacts = listContactsOfCustomer(ctx.store.sqlite, customerId).map((c) => ({
    id: c.id,
    date: c.contact_date,
    channel: c.channel as Contact['channel'],
    purpose: c.purpose as Contact['purpose'],
    note: c.note,
    staffCode: c.staff_code,
    staffName: c.staff_name,
    actionId: c.action_id,
    productCode: c.product_code,
    ownRequest: c.own_request === 1,
    ownRequestReason: c.own_request_reason,
    dualRecordingRef: c.dual_recording_ref,
  }));
  return { contacts, actions: toActions(ctx, listActions(ctx.store.sqlite, { customerIds: [customerId] })) };
}

const noFigures = (): ResultFigures => ({
  warned: 0,
  inWatch: 0,
  actions: 0,
  saved: 0,
  heldWithoutAction: 0,
  downgraded: 0,
  churned: 0,
});

/**
 * What downgrade prevention achieved over a period, per manager and for the branch: customers warned, actions taken,
 * and what became of the customers in 观察 at the start — saved (with an action), held without one, downgraded,
 * churned — with the month-by-month trend. Customers count for their manager of record at the start month's end,
 * actions for whoever carried them (docs/domain.md, "Book history").
 */
export async function getRetentionResults(
  ctx: CoreContext,
  query: { fromMonth: string; toMonth: string },
): Promise<RetentionResults> {
  const start = tierSnapshotOf(ctx, query.fromMonth);
  const end = tierSnapshotOf(ctx, query.toMonth);
  if (!start) throw noResults(query.fromMonth);
  if (!end) throw noResults(query.toMonth);
  const attributes = customerAttributes(ctx);
  const churnBelowFen = readDimensionSettings(ctx.store.sqlite).churnBelowFen;
  const endDay = lastDayOfMonth(query.toMonth);
  const actions = listActions(ctx.store.sqlite, {}).filter(
    (a) => a.month >= query.fromMonth && a.month <= query.toMonth,
  );
  const withAction = new Set(actions.map((a) => a.customer_id));

  // The book as it stood at the start month's end; an action counts for whoever carried it.
  const managers = managersOn(ctx, lastDayOfMonth(query.fromMonth));
  const byManager = new Map<string | null, ResultFigures>();
  const total = noFigures();
  const figuresOf = (code: string | null) => {
    let figures = byManager.get(code);
    if (!figures) byManager.set(code, (figures = noFigures()));
    return [figures, total];
  };
  for (const r of monthWarnings(ctx, query.fromMonth).rows)
    for (const f of figuresOf(managers[r.id] ?? null)) f.warned += 1;
  for (const a of actions) for (const f of figuresOf(a.owner_code)) f.actions += 1;
  for (let slot = 0; slot < start.customerIds.length; slot++) {
    if (start.status[slot] !== WATCH || start.tier[slot] < 0) continue;
    const id = start.customerIds[slot];
    const endSlot = snapshotSlot(end, id);
    const closed = attributes.closed[id];
    const aum = endSlot < 0 ? Number.NaN : end.aumFen[endSlot];
    const target = end.tierCodes.indexOf(start.tierCodes[start.tier[slot]]);
    let result: 'saved' | 'heldWithoutAction' | 'downgraded' | 'churned' | null = null;
    if ((closed && closed <= endDay) || aum < churnBelowFen) result = 'churned';
    else if (endSlot >= 0 && end.tier[endSlot] >= 0 && target >= 0)
      result = end.tier[endSlot] < target ? 'downgraded' : withAction.has(id) ? 'saved' : 'heldWithoutAction';
    for (const f of figuresOf(managers[id] ?? null)) {
      f.inWatch += 1;
      if (result) f[result] += 1;
    }
  }

  const savedIn = new Map<string, number>();
  decideOutcomes(ctx, actions).forEach(({ outcome, month }) => {
    if (outcome === 'saved' && month) savedIn.set(month, (savedIn.get(month) ?? 0) + 1);
  });
  const months = listTierSnapshotMonths(ctx.store.sqlite).filter((m) => m >= query.fromMonth && m <= query.toMonth);
  const names = staffNames(ctx.store.sqlite);
  return {
    ...query,
    managers: [...byManager]
      .map(([code, figures]) => ({
        managerCode: code,
        managerName: code === null ? null : (names.get(code) ?? null),
        ...figures,
      }))
      .sort((a, b) => (a.managerCode ?? '\uffff').localeCompare(b.managerCode ?? '\uffff')),
    total,
    months: months.map((month) => {
      const summary = readTierSnapshotSummary(ctx.store.sqlite, month);
      return {
        month,
        watch: summary?.statuses[WATCH] ?? 0,
        downgraded: summary?.statuses[TIER_STATUSES.indexOf('downgraded')] ?? 0,
        actions: actions.filter((a) => a.month === month).length,
        saved: savedIn.get(month) ?? 0,
      };
    }),
  };
}

export function getWarningSettings(ctx: CoreContext): { settings: WarningSettings } {
  return { settings: readWarningSettings(ctx.store.sqlite) };
}

/** Saves the warning model's parameters, audited; the lists are scored afresh. */
export function saveWarningSettings(
  ctx: CoreContext,
  settings: WarningSettings,
  staffCode: string | null,
): { saved: true } {
  replaceJsonSetting(ctx.store.sqlite, 'warning_settings', settings, {
    at: ctx.now(),
    actor: staffCode,
    action: 'warnings.saveSettings',
  });
  return { saved: true };
}

/** What the workbench and the surveys read and write of contacts and retention actions. */
export { allContactDates, bookContactDates, insertAction } from './retention-repository';
