/**
 * 审计日志 (DESIGN.md, "Security"): the append-only, hash-chained log of sign-ins, reveals, exports, imports, rule
 * changes, overrides and complaint steps — listed with filters, and verified link by link.
 */
import type { AuditEntryView, AuditQuery, AuditVerification } from '../../../shared/schemas/audit';
import { appendAudit, firstBrokenAudit } from '../db/repositories/audit';
import { staffNames } from '../db/repositories/branch';
import type { CoreContext } from './context';

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
  const rows = sqlite.prepare(`SELECT id, at, actor, action, target, detail FROM audit_log ${where} ORDER BY id DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit: query.limit, offset: query.offset }) as Array<Omit<AuditEntryView, 'actorName'>>;
  const names = staffNames(sqlite);
  return { total, rows: rows.map((r) => ({ ...r, actorName: r.actor === null ? null : (names.get(r.actor) ?? null) })) };
}

/** Checks every link of the chain from the first entry; the check itself is recorded (after it ran). */
export function verifyAudit(ctx: CoreContext, staffCode: string | null): AuditVerification {
  const { sqlite } = ctx.store;
  const entries = sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  const firstBroken = firstBrokenAudit(sqlite);
  appendAudit(sqlite, { at: ctx.now(), actor: staffCode, action: 'audit.verify', target: null, detail: { entries, brokenAt: firstBroken?.id ?? null } });
  return { entries, firstBroken };
}
