import { AppError } from '../../../shared/errors';
import {
  CustomerFilterSchema,
  type CustomerFilter,
  type SaveSegmentInput,
  type SavedSegment,
} from '../../../shared/schemas/customer';
import {
  deleteSavedSegment,
  findSavedSegmentById,
  findSavedSegmentByName,
  insertSavedSegment,
  listSavedSegmentRows,
  updateSavedSegment,
} from './saved-segments-repository';
import type { CoreContext } from '../platform/context';

/** A stored filter, or null when this version cannot read it (written by a newer one, or edited by hand). */
function readFilter(text: string): CustomerFilter | null {
  try {
    const parsed = CustomerFilterSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** One saved segment with its filter (read at once: analyses run in one step), or NOT_FOUND. */
export function readSavedSegment(ctx: CoreContext, id: number): { name: string; filter: CustomerFilter } {
  const row = findSavedSegmentById(ctx.store.sqlite, id);
  const filter = row ? readFilter(row.filter) : null;
  if (!row || !filter)
    throw new AppError(
      'NOT_FOUND',
      '找不到该已存细分（可能已被删除），请重新选择。',
      'No such saved segment (it may have been deleted).',
      { field: 'savedSegmentId' },
    );
  return { name: row.name, filter };
}

/** Every saved segment, by name; one whose filter cannot be read is left out (and logged) rather than breaking the list. */
export async function listSavedSegments(ctx: CoreContext): Promise<{ segments: SavedSegment[] }> {
  const rows = await listSavedSegmentRows(ctx.store.db);
  const segments = rows.flatMap((row) => {
    const filter = readFilter(row.filter);
    if (!filter) console.error(`[tierdesk] saved segment ${row.id} has a filter this version cannot read; left out`);
    return filter ? [{ id: row.id, name: row.name, filter, createdBy: row.created_by, updatedAt: row.updated_at }] : [];
  });
  return { segments };
}

/** Saves a named filter; a name in use is refused unless `replace` says to overwrite it. */
export async function saveSegment(ctx: CoreContext, input: SaveSegmentInput): Promise<{ id: number }> {
  const { db } = ctx.store;
  const filter = JSON.stringify(input.filter);
  const existing = await findSavedSegmentByName(db, input.name);
  if (existing && !input.replace) {
    throw new AppError(
      'CONFLICT',
      `已有名为“${input.name}”的细分；换个名称，或选择覆盖。`,
      `A segment named "${input.name}" exists; choose another name or replace it.`,
      {
        field: 'name',
      },
    );
  }
  if (existing) await updateSavedSegment(db, existing.id, filter, ctx.now());
  else await insertSavedSegment(db, { name: input.name, filter, at: ctx.now(), by: input.staffCode });
  const saved = await findSavedSegmentByName(db, input.name);
  return { id: (saved as NonNullable<typeof saved>).id };
}

export async function removeSegment(ctx: CoreContext, id: number): Promise<{ removed: true }> {
  if (!(await deleteSavedSegment(ctx.store.db, id))) {
    throw new AppError('NOT_FOUND', '找不到该细分（可能已被删除）。', 'No such segment (it may have been deleted).', {
      field: 'id',
    });
  }
  return { removed: true };
}
