/** The branch's profile (the titles of its reports), the first run's two ways in, and clearing the demo data. */
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { BranchProfile, BranchProfileView, ClearDemoResult } from '../../../shared/schemas/branch';
import { appendAudit } from '../platform/audit-log';
import type { CoreContext } from '../platform/context';
import type { JobControl } from '../platform/jobs';
import { deleteSetting, readSetting, writeSetting } from '../platform/settings';
import { createBackup } from '../trust/backups';
import { clearCustomerData } from './branch-repository';

export function readProfile(ctx: CoreContext): BranchProfileView {
  const { sqlite } = ctx.store;
  return {
    name: readSetting(sqlite, 'branch_name') ?? '',
    code: readSetting(sqlite, 'branch_code') ?? '',
    headOffice: readSetting(sqlite, 'head_office') ?? '',
    demo: readSetting(sqlite, 'demo_seed') !== null,
  };
}

/** How reports and exports name the branch: head office, branch name and 机构号 (those set). */
export function branchTitle(profile: BranchProfile): string {
  const name = profile.code ? `${profile.name}（机构号 ${profile.code}）` : profile.name;
  return [profile.headOffice, name].filter(Boolean).join(' ');
}

/** Writes the profile (inside the caller's transaction). */
export function writeProfile(sqlite: Database, profile: BranchProfile): void {
  writeSetting(sqlite, 'branch_name', profile.name);
  writeSetting(sqlite, 'branch_code', profile.code);
  writeSetting(sqlite, 'head_office', profile.headOffice);
}

/** 管理员: changes the profile. The demo branch keeps its labelled name until its data is cleared. Audited. */
export function saveProfile(ctx: CoreContext, profile: BranchProfile, actor: string | null): BranchProfileView {
  const previous = readProfile(ctx);
  if (previous.demo)
    throw new AppError(
      'CONFLICT',
      '演示支行的名称不能修改（其中客户均为虚构）；请先“清除演示数据”，再填写本支行的信息。',
      'The demo branch keeps its name (its customers are invented): clear the demo data first, then enter your branch.',
    );
  ctx.store.sqlite.transaction(() => {
    writeProfile(ctx.store.sqlite, profile);
    appendAudit(ctx.store.sqlite, {
      at: ctx.now(),
      actor,
      action: 'branch.saveProfile',
      target: null,
      detail: { previous: { name: previous.name, code: previous.code, headOffice: previous.headOffice }, profile },
    });
  })();
  return readProfile(ctx);
}

/**
 * Turns the demo branch into an empty branch of the user's own: a backup first, then in one transaction every
 * invented customer and what is recorded about them, and the demo staff who cannot sign in, removed; the profile
 * replaced; the configuration (rules, settings, templates) kept. Audited. Refused on a branch's own database.
 */
export async function clearDemo(
  ctx: CoreContext,
  profile: BranchProfile,
  actor: string | null,
): Promise<ClearDemoResult> {
  if (!readProfile(ctx).demo)
    throw new AppError(
      'CONFLICT',
      '这是本支行自己的数据库，不是演示数据库：没有可清除的演示数据，未作任何改动。',
      'This is your branch’s own database, not the demo: there is no demo data to clear. Nothing was changed.',
    );
  const backup = ctx.store.file === ':memory:' ? null : await createBackup(ctx, 'reset');
  const { sqlite } = ctx.store;
  const removed = sqlite.transaction(() => {
    const counts = clearCustomerData(sqlite);
    deleteSetting(sqlite, 'demo_seed');
    deleteSetting(sqlite, 'tiers_stale_from');
    writeProfile(sqlite, profile);
    appendAudit(sqlite, {
      at: ctx.now(),
      actor,
      action: 'branch.clearDemo',
      target: null,
      detail: { ...counts, backup: backup?.fileName ?? null, profile },
    });
    return counts;
  })();
  return { backup: backup?.fileName ?? null, removed };
}

/** The first run's choice: creates the database (only while there is none) and answers its profile. */
export async function startBranch(
  ctx: CoreContext,
  choice: 'demo' | BranchProfile,
  control?: JobControl,
): Promise<BranchProfileView> {
  if (!ctx.firstRun || ctx.database.state.state !== 'new')
    throw new AppError(
      'CONFLICT',
      '本机已有支行数据库，不能再次建立；请登录。',
      'This computer already has a branch database; sign in.',
    );
  await ctx.firstRun(choice, control);
  return readProfile(ctx);
}
