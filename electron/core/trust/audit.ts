/**
 * 审计日志 (docs/architecture.md, "Trust"): the append-only, hash-chained log of sign-ins, reveals, exports, imports, rule
 * changes, overrides and complaint steps — listed with filters, and verified link by link.
 */
import type { AuditEntryView, AuditQuery, AuditVerification } from '../../../shared/schemas/audit';
import { checkAuditTail, reanchorAuditLog, syncAuditAnchor } from './audit-anchor';
import { appendAudit, countAudit, firstBrokenAudit, restoreAuditGuards } from './audit-repository';
import { staffNames } from '../branch/branch-repository';
import type { CoreContext } from '../platform/context';

/** Entries (newest first) in a period, by whom and of what action (a name, or a prefix ending in `.`). */
export function listAudit(ctx: CoreContext, query: AuditQuery): { total: number; rows: AuditEntryView[] } {
  const { sqlite } = ctx.store;
  const action = query.action ?? null;
  const where = `WHERE (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to) AND (@actor IS NULL OR actor = @actor)
    AND (@action IS NULL OR action = @action OR (substr(@action, -1) = '.' AND substr(action, 1, length(@action)) = @action))`;
  const params = {
    from: query.fromDate ?? null,
    // Through the whole of the last day (times are ISO, `2024-04-10T…`).
    to: query.toDate ? `${query.toDate}\uffff` : null,
    actor: query.actor ?? null,
    action,
  };
  const total = sqlite.prepare(`SELECT count(*) FROM audit_log ${where}`).pluck().get(params) as number;
  const rows = sqlite
    .prepare(
      `SELECT id, at, actor, action, target, detail FROM audit_log ${where} ORDER BY id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: query.limit, offset: query.offset }) as Array<Omit<AuditEntryView, 'actorName'>>;
  const names = staffNames(sqlite);
  return {
    total,
    rows: rows.map((r) => ({ ...r, actorName: r.actor === null ? null : (names.get(r.actor) ?? null) })),
  };
}

/**
 * Checks every link of the chain from the first entry, and its end against the anchor kept outside the table; the
 * check itself is recorded (after it ran). An anchor lost or failing its MAC is reported once: recorded, and the
 * current head anchored afresh (a log never anchored is anchored too).
 */
export function verifyAudit(ctx: CoreContext, staffCode: string | null): AuditVerification {
  const { store } = ctx;
  const entries = countAudit(store.sqlite);
  const firstBroken = firstBrokenAudit(store.sqlite);
  const tail = checkAuditTail(store);
  if (tail.state === 'anchorMissing' || tail.state === 'anchorInvalid' || tail.state === 'unanchored') {
    reanchorAuditLog(store, {
      at: ctx.now(),
      actor: staffCode,
      reason: tail.state === 'unanchored' ? 'first' : tail.state,
    });
  }
  restoreAuditGuards(store.sqlite, ctx.now());
  const missing = tail.state === 'missing' ? { missing: tail.missing } : {};
  appendAudit(store.sqlite, {
    at: ctx.now(),
    actor: staffCode,
    action: 'audit.verify',
    target: null,
    detail: { entries, brokenAt: firstBroken?.id ?? null, tail: tail.state, ...missing },
  });
  syncAuditAnchor(store);
  return { entries, firstBroken, tail };
}
