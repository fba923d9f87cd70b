import type { CoreContext } from '../kernel/context.js';
import type { Subscriber } from '../kernel/dispatcher.js';
import type { DomainEvent } from '../kernel/outbox.js';
import { subscriberLag } from '../kernel/subscriber-lag.js';
import { SEARCHABLE_TYPES, type SearchableType } from './documents.js';
import { applySearchChanges, noSearchChanges, type SearchChanges } from './indexer.js';

export const SEARCH_SUBSCRIBER = 'search-index';

const isSearchable = (type: string): type is SearchableType => (SEARCHABLE_TYPES as readonly string[]).includes(type);

/**
 * Which documents a batch of events may have changed. Every action on a contact, organization, fund,
 * communication or task (create, update — which carries emails and organization links — delete,
 * restore) re-reads that record;
 * an organization's also re-reads its people; a purge of the trash sweeps documents whose row is gone.
 */
export function searchChangesOf(events: DomainEvent[]): SearchChanges {
  const changes = noSearchChanges();
  for (const event of events) {
    if (event.entityType === 'trash' && event.action === 'purge') changes.sweep = true;
    else if (event.entityId && isSearchable(event.entityType)) changes.ids[event.entityType].add(event.entityId);
  }
  return changes;
}

/**
 * Keeps the index current after every commit, from any door or process. It replays the retained outbox
 * when first seen; the migration has built the index from the rows already, and replaying is idempotent.
 */
export function searchIndexSubscriber(core: CoreContext): Subscriber {
  return {
    name: SEARCH_SUBSCRIBER,
    from: 'beginning',
    batchSize: 500,
    handleBatch: (events) => applySearchChanges(core.db, core.dialect, searchChangesOf(events)),
  };
}

/** A search waits for at most this many unindexed events; further behind, it reads the index as it is. */
const CATCH_UP_LIMIT = 500;

/**
 * Read-your-writes for search: a change committed a moment ago, or by a CLI command with no dispatcher
 * running, is indexed before the query runs. The dispatcher delivers the pending events to this one
 * subscriber now (taking its turn with the running loop, moving the cursor as usual). Failing that, the
 * search reads the index as it stands.
 */
export async function catchUpSearchIndex(core: CoreContext): Promise<void> {
  const lag = await subscriberLag(core, SEARCH_SUBSCRIBER);
  if (lag <= 0 || lag > CATCH_UP_LIMIT) return;
  try {
    await core.dispatcher.catchUp(SEARCH_SUBSCRIBER);
  } catch {
    // A failing delivery is recorded on the subscription (Settings → Jobs); the search still answers.
  }
}
