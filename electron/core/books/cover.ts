/**
 * Books covered and in transition (docs/domain.md, "Book history"): each manager's backup (AB角), who covers the book
 * while the manager is away; and, after a handover, the transition period in which the previous manager still reads
 * the customers and the new manager sees them as new in the book. Set by the 支行长, audited.
 */
import { AppError } from '../../../shared/errors';
import { addDays, mondayOf } from '../../../shared/month';
import {
  MAX_AWAY_DAYS,
  type BookCover,
  type CoveredBook,
  type HandedOver,
  type MarkAway,
  type NewInBook,
  type SetBackup,
} from '../../../shared/schemas/books';
import { appendAudit } from '../platform/audit-log';
import type { CoreContext } from '../platform/context';
import { activeStaffRole, staffNames } from '../trust/staff';
import {
  backupOf,
  cancelAbsenceRow,
  comingAbsences,
  findAbsence,
  insertAbsence,
  listAbsenceRows,
  listBackupRows,
  overlappingAbsence,
  overlappingCoveredAbsence,
  saveBackup,
  type AbsenceRow,
} from './cover-repository';
import { countCustomerItems } from './handovers-repository';
import { listCoveredBooks, listInTransition } from '../customers/lookup';

const nameOf = (ctx: CoreContext, code: string) => staffNames(ctx.store.sqlite).get(code) ?? code;

/** Refuses a 工号 that is not an active 客户经理 or 支行长 (they have books), naming the field (`why`: what it may not do). */
export function requireBookHolder(ctx: CoreContext, code: string, field: string, why = ''): void {
  const role = activeStaffRole(ctx.store.sqlite, code);
  if (role !== 'manager' && role !== 'branch_manager')
    throw new AppError(
      'VALIDATION',
      `工号 ${code} 不是在岗的客户经理或支行长${why}`,
      `${code} is not an active relationship or branch manager`,
      { field },
    );
}

const span = (a: AbsenceRow) => `${a.from_date} 至 ${a.to_date}`;

/** Each manager's backup and time away not yet over. */
export function readBookCover(ctx: CoreContext): BookCover {
  const { sqlite } = ctx.store;
  const today = ctx.today();
  const absences = listAbsenceRows(sqlite, today);
  return {
    managers: listBackupRows(sqlite).map((b) => ({
      managerCode: b.manager_code,
      managerName: b.manager_name,
      backupCode: b.backup_code,
      backupName: b.backup_name,
      absences: absences
        .filter((a) => a.manager_code === b.manager_code)
        .map((a) => ({
          id: a.id,
          managerCode: a.manager_code,
          from: a.from_date,
          to: a.to_date,
          note: a.note,
          current: a.from_date <= today,
        })),
    })),
  };
}

/**
 * Names (or, with null, removes) a manager's backup: an active 客户经理 or 支行长 other than the manager, not away
 * while the manager is; a manager away now or soon keeps a backup. Audited.
 */
export function setBackup(ctx: CoreContext, input: SetBackup): { managerCode: string; backupCode: string | null } {
  const { sqlite } = ctx.store;
  const { managerCode, backupCode } = input;
  sqlite
    .transaction(() => {
      requireBookHolder(ctx, managerCode, 'managerCode');
      const coming = comingAbsences(sqlite, managerCode, ctx.today());
      if (backupCode === null) {
        if (coming.length > 0)
          throw new AppError(
            'CONFLICT',
            `${nameOf(ctx, managerCode)} 已登记 ${span(coming[0])} 休假，需有AB角代管；请先取消休假或改指定他人`,
            `${managerCode} is away ${coming[0].from_date}–${coming[0].to_date} and needs a backup`,
            { field: 'backupCode' },
          );
      } else {
        if (backupCode === managerCode)
          throw new AppError('VALIDATION', 'AB角不能是本人', 'A manager cannot be their own backup', {
            field: 'backupCode',
          });
        requireBookHolder(ctx, backupCode, 'backupCode');
        for (const a of coming) {
          const clash = overlappingAbsence(sqlite, backupCode, a.from_date, a.to_date);
          if (clash)
            throw new AppError(
              'CONFLICT',
              `${nameOf(ctx, backupCode)} 在 ${span(clash)} 也休假，与 ${nameOf(ctx, managerCode)} 的休假（${span(a)}）重叠，不能担任AB角`,
              `${backupCode} is away ${clash.from_date}–${clash.to_date}, while ${managerCode} is away ${a.from_date}–${a.to_date}`,
              { field: 'backupCode' },
            );
        }
      }
      saveBackup(sqlite, managerCode, backupCode, ctx.now(), input.staffCode);
      appendAudit(sqlite, {
        at: ctx.now(),
        actor: input.staffCode,
        action: 'books.setBackup',
        target: managerCode,
        detail: { backupCode },
      });
    })
    .immediate();
  return { managerCode, backupCode };
}

/**
 * Marks a manager away from one day to another (inclusive): the manager has a backup, who is not away then, and is not
 * the backup of someone away then; the time does not overlap the manager's own other time away, is not over already
 * and lasts at most MAX_AWAY_DAYS. Audited.
 */
export function markAway(ctx: CoreContext, input: MarkAway): { absenceId: number } {
  const { sqlite } = ctx.store;
  const { managerCode, from, to } = input;
  return sqlite
    .transaction(() => {
      requireBookHolder(ctx, managerCode, 'managerCode');
      if (to < ctx.today())
        throw new AppError('VALIDATION', '休假已结束，无需登记', 'That time away is already over', { field: 'to' });
      if (addDays(from, MAX_AWAY_DAYS - 1) < to)
        throw new AppError('VALIDATION', `一次最多登记 ${MAX_AWAY_DAYS} 天`, `At most ${MAX_AWAY_DAYS} days at once`, {
          field: 'to',
        });
      const backup = backupOf(sqlite, managerCode);
      if (backup === undefined)
        throw new AppError(
          'VALIDATION',
          `请先为 ${nameOf(ctx, managerCode)} 指定AB角，休假期间由其代管客户`,
          `Name a backup for ${managerCode} first: the backup covers the book while the manager is away`,
          { field: 'managerCode' },
        );
      const own = overlappingAbsence(sqlite, managerCode, from, to);
      if (own)
        throw new AppError(
          'CONFLICT',
          `${nameOf(ctx, managerCode)} 已登记 ${span(own)} 休假，与此次重叠`,
          `${managerCode} is already away ${own.from_date}–${own.to_date}`,
          { field: 'from' },
        );
      const backupAway = overlappingAbsence(sqlite, backup, from, to);
      if (backupAway)
        throw new AppError(
          'CONFLICT',
          `AB角 ${nameOf(ctx, backup)} 在 ${span(backupAway)} 也休假，无人代管；请改期或先更换AB角`,
          `The backup ${backup} is away ${backupAway.from_date}–${backupAway.to_date} too`,
          { field: 'from' },
        );
      const covering = overlappingCoveredAbsence(sqlite, managerCode, from, to);
      if (covering)
        throw new AppError(
          'CONFLICT',
          `${nameOf(ctx, managerCode)} 是 ${nameOf(ctx, covering.manager_code)} 的AB角，后者在 ${span(covering)} 休假，两人不能同时休假`,
          `${managerCode} backs up ${covering.manager_code}, who is away ${covering.from_date}–${covering.to_date}`,
          { field: 'from' },
        );
      const absenceId = insertAbsence(sqlite, {
        manager_code: managerCode,
        from_date: from,
        to_date: to,
        note: input.note || null,
        created_at: ctx.now(),
        created_by: input.staffCode,
      });
      appendAudit(sqlite, {
        at: ctx.now(),
        actor: input.staffCode,
        action: 'books.markAway',
        target: managerCode,
        detail: { absenceId, from, to, backupCode: backup, ...(input.note ? { note: input.note } : {}) },
      });
      return { absenceId };
    })
    .immediate();
}

/** Cancels a time away (kept, marked cancelled); audited. */
export function cancelAway(ctx: CoreContext, input: { absenceId: number; staffCode: string | null }) {
  const { sqlite } = ctx.store;
  sqlite
    .transaction(() => {
      const absence = findAbsence(sqlite, input.absenceId);
      if (!absence)
        throw new AppError('NOT_FOUND', `没有编号为 ${input.absenceId} 的休假登记`, `No time away ${input.absenceId}`, {
          field: 'absenceId',
        });
      cancelAbsenceRow(sqlite, absence.id, ctx.now(), input.staffCode);
      appendAudit(sqlite, {
        at: ctx.now(),
        actor: input.staffCode,
        action: 'books.cancelAway',
        target: absence.manager_code,
        detail: { absenceId: absence.id, from: absence.from_date, to: absence.to_date },
      });
    })
    .immediate();
  return { absenceId: input.absenceId };
}

/**
 * What the workbench of `managerCode` shows about books moving and covered today: the books the manager covers, the
 * manager's own time away now (and who covers), the customers handed over from the book in transition (交接中) and
 * those new in it, with the previous manager's last contact and open items.
 */
export function bookMovesOf(
  ctx: CoreContext,
  managerCode: string,
): {
  covers: CoveredBook[];
  away: { from: string; to: string; backupCode: string | null; backupName: string | null } | null;
  handedOver: HandedOver[];
  newInBook: NewInBook[];
} {
  const { sqlite } = ctx.store;
  const today = ctx.today();
  const now = overlappingAbsence(sqlite, managerCode, today, today);
  const backup = now ? (backupOf(sqlite, managerCode) ?? null) : null;
  const arrived = listInTransition(sqlite, 'to', managerCode, today);
  const items = countCustomerItems(
    sqlite,
    arrived.map((r) => r.customer_id),
    mondayOf(today),
    today,
  );
  return {
    covers: listCoveredBooks(sqlite, managerCode, today).map((c) => ({
      managerCode: c.manager_code,
      managerName: c.manager_name,
      until: c.to_date,
    })),
    away: now
      ? { from: now.from_date, to: now.to_date, backupCode: backup, backupName: backup ? nameOf(ctx, backup) : null }
      : null,
    handedOver: listInTransition(sqlite, 'from', managerCode, today).map((r) => ({
      customerNo: r.customer_no,
      name: r.name,
      toManagerCode: r.to_code,
      toManagerName: r.to_name,
      effectiveDate: r.effective_date,
      until: r.until,
    })),
    newInBook: arrived.map((r) => ({
      customerNo: r.customer_no,
      name: r.name,
      fromManagerCode: r.from_code,
      fromManagerName: r.from_name,
      effectiveDate: r.effective_date,
      until: r.until,
      lastContactByPrevious: r.last_contact,
      openActions: items.get(r.customer_id)?.actions ?? 0,
      openComplaints: items.get(r.customer_id)?.complaints ?? 0,
    })),
  };
}
