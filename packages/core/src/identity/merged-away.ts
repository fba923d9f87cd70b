import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { Conflict } from '../kernel/errors.js';
import type { Tx } from '../kernel/write.js';

/**
 * A contact or organization merged into another sits in the trash with nothing left on it: restoring it
 * from there would bring back an empty shell, so the way back is undoing the merge.
 */
export async function refuseRestoreOfMerged(db: Db | Tx, entityLabel: string, id: string): Promise<void> {
  const merge = await db.selectFrom('entityMerges').select(['id', 'survivorId']).where('mergedId', '=', id).where('undoneAt', 'is', null).executeTakeFirst();
  if (merge)
    throw new Conflict(
      `This ${entityLabel.toLowerCase()} was merged into another record (${merge.survivorId}); undo the merge (${merge.id}) to bring it back`,
      {
        mergeId: merge.id,
        survivorId: merge.survivorId,
      },
    );
}

/** For trash lists: rows of `table` that are not merged away (an un-undone merge retired them). */
export function notMergedAway(table: 'contacts' | 'organizations') {
  return sql<boolean>`not exists (select 1 from entity_merges m where m.merged_id = ${sql.ref(`${table}.id`)} and m.undone_at is null)`;
}
