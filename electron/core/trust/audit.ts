/**
 * 审计日志 (docs/architecture.md, "Trust"): the append-only, hash-chained log of sign-ins, reveals, exports, imports, rule
 * changes, overrides and complaint steps — listed with filters, and verified link by link.
 */
import type { AuditEntryView, AuditQuery, AuditVerification } from '../../../shared/schemas/audit';
import { checkAuditTail, openAuditAnchor, reanchorAuditLog, syncAuditAnchor } from './audit-anchor';
import {
  countAudit,
  countAuditMatching,
  firstBrokenAudit,
  listAuditMatching,
  restoreAuditGuards,
  type AuditFilter,
} from './audit-repository';
import { appendAudit } from '../platform/audit-log';
import { staffNames } from './staff-repository';
import type { CoreContext } from '../platform/context';

/** Entries (newest first) in a period, by whom and of what action (a name, or a prefix ending in `.`). */
export function listAudit(ctx: CoreContext, query: AuditQuery): { total: number; rows: AuditEntryView[] } {
  const { sqlite } = ctx.store;
  const action = query.action ?? null;
  const filter: AuditFilter = {
    from: query.fromDate ?? null,
    // Through the whole of the last day (times are ISO, `2024-04-10T…`).
    to: query.toDate ? `${query.toDate}\uffff` : null,
    actor: query.actor ?? null,
    action,
  };
  const total = countAuditMatching(sqlite, filter);
  const rows = listAuditMatching(sqlite, filter, { limit: query.limit, offset: query.offset });
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

/**
 * Anchors a log never anchored and moves the anchor to the head; a tail that does not hold is logged (verification
 * reports it). A failure is logged, not fatal: a damaged log must not keep the branch from its backups page.
 */
export function anchorAuditLogAtOpen(ctx: CoreContext, log: (line: string) => void): void {
  try {
    const restored = restoreAuditGuards(ctx.store.sqlite, ctx.now());
    if (restored.length > 0)
      log(
        `审计日志的只增保护曾被删除，已恢复并记入日志 / The audit log's append-only guards had been removed; restored and recorded: ${restored.join(', ')}`,
      );
    const tail = openAuditAnchor(ctx.store, ctx.now());
    if (tail.state !== 'ok')
      log(
        `审计日志末尾与登记不符（${tail.state}），请在审计日志页校验完整性。 / The audit log's end does not match its anchor (${tail.state}); verify it on the audit page.`,
      );
  } catch (error) {
    log(
      `审计日志无法登记末尾 / The audit log's end could not be anchored: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
