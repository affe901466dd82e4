/** The trust channels' handlers (the contract's `shared/contract/trust.ts`; dispatch applies its declarations around them). */
import { AppError } from '../../../shared/errors';
import { type CoreContext } from '../platform/context';
import { listAudit, verifyAudit } from './audit';
import { backupFile, createBackup, describeBackup, listBackups, restoreBackup } from './backups';
import { restoreOverDamaged } from './recovery';
import { type DatabaseState } from '../../../shared/schemas/recovery';
import { backupDir, backupFileName } from '../platform/backup-names';
import {
  authStatus,
  getAccessSettings,
  listStaffAccounts,
  saveAccessSettings,
  saveStaffAccount,
  setupAdministrator,
  signIn,
  signOut,
} from './auth';
import { type ChannelHandlers } from './caller';
import type { trustChannels } from '../../../shared/contract/trust';

/** Recovery is for a damaged database only: a sound one is restored from the backups page, by the administrator. */
function requireDamaged(ctx: CoreContext): Extract<DatabaseState, { state: 'damaged' }> {
  const { state } = ctx.database;
  if (state.state !== 'damaged')
    throw new AppError(
      'CONFLICT',
      '数据库完好，无需在此恢复；如需恢复备份，请管理员在“数据备份”页操作。',
      'The database is sound; to restore a backup, the administrator uses the backups page.',
    );
  return state;
}

export const trustHandlers: ChannelHandlers<typeof trustChannels> = {
  'auth.status': (ctx, _input, caller) => authStatus(ctx, caller.session),
  'auth.setup': async (ctx, input, caller) => setupAdministrator(ctx, caller.session, input),
  'auth.signIn': async (ctx, input, caller) => signIn(ctx, caller.session, input),
  'auth.signOut': async (ctx, _input, caller) => signOut(ctx, caller.session),
  'recovery.backups': async (ctx) => ({ database: requireDamaged(ctx), backups: listBackups(ctx) }),
  'recovery.restore': async (ctx) => {
    requireDamaged(ctx);
    const restored = restoreOverDamaged(ctx, null, null);
    ctx.database.state = { state: 'ok' };
    return restored;
  },
  'staff.list': async (ctx) => listStaffAccounts(ctx),
  'staff.save': async (ctx, input, caller) => saveStaffAccount(ctx, input, caller.session),
  'access.settings': async (ctx) => getAccessSettings(ctx),
  'access.saveSettings': async (ctx, input) => saveAccessSettings(ctx, input.settings, input.staffCode),
  'audit.list': async (ctx, input) => listAudit(ctx, input),
  'audit.verify': async (ctx, input) => verifyAudit(ctx, input.staffCode),
  'backups.list': async (ctx) => ({ folder: backupDir(ctx.store.file), backups: listBackups(ctx) }),
  'backups.inspect': async (ctx, input) => describeBackup(ctx, input.fileName),
  'backups.create': async (ctx, input) => {
    if (!input.chooseLocation) return createBackup(ctx, 'manual', undefined, input.staffCode);
    if (!ctx.chooseSaveTarget)
      throw new AppError(
        'NOT_FOUND',
        '浏览器模式的备份保存在备份文件夹中',
        'In browser mode, backups go to the backups folder',
      );
    const target = await ctx.chooseSaveTarget(backupFileName(new Date(ctx.now()), 'manual'));
    return target === null ? null : createBackup(ctx, 'manual', target, input.staffCode);
  },
  'backups.restore': (ctx, input) => restoreBackup(ctx, backupFile(ctx, input.fileName), input.staffCode),
};
