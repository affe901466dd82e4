import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export type BranchSettingKey = 'branch_name' | 'demo_seed';

export async function getBranchSetting(db: Kysely<DB>, key: BranchSettingKey): Promise<string | null> {
  const row = await db.selectFrom('branch_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function setBranchSetting(db: Kysely<DB>, key: BranchSettingKey, value: string): Promise<void> {
  await db
    .insertInto('branch_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export async function listStaff(db: Kysely<DB>) {
  return db.selectFrom('staff').selectAll().orderBy('code').execute();
}
