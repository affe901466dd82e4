import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/schema';

export function listSavedSegmentRows(db: Kysely<DB>) {
  return db.selectFrom('saved_segments').selectAll().orderBy('name').execute();
}

export function findSavedSegmentByName(db: Kysely<DB>, name: string) {
  return db.selectFrom('saved_segments').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertSavedSegment(
  db: Kysely<DB>,
  row: { name: string; filter: string; at: string; by: string | null },
): Promise<void> {
  await db
    .insertInto('saved_segments')
    .values({ name: row.name, filter: row.filter, created_at: row.at, created_by: row.by, updated_at: row.at })
    .execute();
}

export async function updateSavedSegment(db: Kysely<DB>, id: number, filter: string, at: string): Promise<void> {
  await db.updateTable('saved_segments').set({ filter, updated_at: at }).where('id', '=', id).execute();
}

/** False when there was no such segment. */
export async function deleteSavedSegment(db: Kysely<DB>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('saved_segments').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** One saved segment's name and stored filter text, or undefined (synchronous: analyses read it in one step). */
export function findSavedSegmentById(sqlite: Database, id: number): { name: string; filter: string } | undefined {
  return sqlite.prepare('SELECT name, filter FROM saved_segments WHERE id = ?').get(id) as
    { name: string; filter: string } | undefined;
}
