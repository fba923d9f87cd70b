import type { Tx } from '../kernel/write.js';

/** When contacts or organizations are purged for good, their source records, keys and suggestions go too. */
export async function purgeIdentityOf(tx: Tx, entityIds: readonly string[]): Promise<void> {
  for (let i = 0; i < entityIds.length; i += 500) {
    const ids = entityIds.slice(i, i + 500);
    await tx.deleteFrom('identityRecordKeys').where('entityId', 'in', ids).execute();
    await tx.deleteFrom('identityRecords').where('entityId', 'in', ids).execute();
    await tx
      .deleteFrom('identitySuggestions')
      .where((eb) => eb.or([eb('entityA', 'in', ids), eb('entityB', 'in', ids)]))
      .execute();
  }
}
