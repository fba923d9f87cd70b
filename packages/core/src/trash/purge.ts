import { z } from 'zod';
import { purgeIdentityOf } from '../identity/purge.js';
import type { Actor } from '../kernel/actor.js';
import { addDays } from '../kernel/clock.js';
import type { CoreContext } from '../kernel/context.js';
import { Invalid } from '../kernel/errors.js';
import { defineOperation } from '../kernel/operations.js';
import { authorize } from '../kernel/permissions.js';
import { PURGE_ORDER } from '../kernel/entities.js';
import { write } from '../kernel/write.js';


const PurgeResult = z.object({ cutoff: z.string(), purged: z.record(z.string(), z.int()) });
export type PurgeResult = z.infer<typeof PurgeResult>;

/**
 * Permanently remove rows trashed more than `olderThanDays` ago. Admin-only, CLI-only by design
 * (no HTTP route), and logged like any other write. `dryRun` counts without deleting.
 */
export async function purgeTrash(core: CoreContext, actor: Actor, olderThanDays: number, dryRun = false): Promise<PurgeResult> {
  authorize(actor, 'trash.purge');
  if (!Number.isInteger(olderThanDays) || olderThanDays < 1) throw new Invalid('olderThanDays: must be a whole number of days, at least 1');
  const cutoff = addDays(core.clock.now(), -olderThanDays).toISOString();
  return write(core, actor, async (scope) => {
    const purged: Record<string, number> = {};
    for (const { table, entityType, linkable } of PURGE_ORDER) {
      const rows = await scope.tx.selectFrom(table as 'tasks').select('id').where('deletedAt', 'is not', null).where('deletedAt', '<', cutoff).execute();
      const ids = rows.map((r) => r.id);
      purged[entityType] = ids.length;
      if (dryRun || ids.length === 0) continue;
      if (linkable) {
        await scope.tx.deleteFrom('entityTags').where('entityType', '=', entityType).where('entityId', 'in', ids).execute();
        await scope.tx.deleteFrom('customFieldValues').where('entityType', '=', entityType).where('entityId', 'in', ids).execute();
        await scope.tx.deleteFrom('communicationLinks').where('entityType', '=', entityType).where('entityId', 'in', ids).execute();
        await scope.tx.updateTable('tasks').set({ entityType: null, entityId: null }).where('entityType', '=', entityType).where('entityId', 'in', ids).execute();
        await scope.tx.deleteFrom('entityAliases').where('entityType', '=', entityType).where('entityId', 'in', ids).execute();
      }
      // Source records of a purged contact or organization go with it (core/identity).
      if (entityType === 'contact' || entityType === 'organization') await purgeIdentityOf(scope.tx, ids);
      // The outreach log is append-only; its entries go only when their organization is purged.
      if (entityType === 'organization') await scope.tx.deleteFrom('organizationNotes').where('organizationId', 'in', ids).execute();
      await scope.tx.deleteFrom(table as 'tasks').where('id', 'in', ids).execute();
    }
    if (!dryRun) await scope.log({ action: 'purge', entityType: 'trash', entityId: null, diff: { olderThanDays, cutoff, purged } });
    return { cutoff, purged };
  });
}

export const purgeOperation = defineOperation({
  name: 'trash.purge',
  summary: 'Permanently remove records trashed more than N days ago (CLI only; logged)',
  permission: 'trash.purge',
  doors: ['cli'],
  input: z.object({
    olderThanDays: z.int({ error: 'must be a whole number of days' }).min(1, { error: 'must be a whole number of days, at least 1' }),
    dryRun: z.boolean().default(false),
  }),
  output: PurgeResult,
  run: ({ core, actor }, { olderThanDays, dryRun }) => purgeTrash(core, actor, olderThanDays, dryRun),
});
