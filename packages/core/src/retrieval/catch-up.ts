import type { CoreContext } from '../kernel/context.js';
import { subscriberLag } from '../kernel/subscriber-lag.js';
import { RETRIEVAL_SUBSCRIBER } from './indexer.js';
import { countPendingVectors, embedPending } from './vectors.js';

/** A search waits for at most this many unindexed events / unembedded chunks; further behind, it reads the index as it is. */
const CATCH_UP_EVENTS = 500;
const CATCH_UP_VECTORS = 500;

/** How many outbox events the index has not seen yet. */
export function retrievalEventLag(core: CoreContext): Promise<number> {
  return subscriberLag(core, RETRIEVAL_SUBSCRIBER);
}

/**
 * Read-your-writes for retrieval, like `catchUpSearchIndex`: a change committed a moment ago (here or in
 * another process) is chunked before the query, and for dense/hybrid a few pending vectors are made.
 */
export async function catchUpRetrievalIndex(core: CoreContext, options: { vectors: boolean }): Promise<void> {
  const lag = await retrievalEventLag(core);
  if (lag > 0 && lag <= CATCH_UP_EVENTS) {
    try {
      await core.dispatcher.catchUp(RETRIEVAL_SUBSCRIBER);
    } catch {
      // Recorded on the subscription; the search answers from the index as it stands.
    }
  }
  if (!options.vectors) return;
  const pending = await countPendingVectors(core.db, core.dialect);
  if (pending > 0 && pending <= CATCH_UP_VECTORS) {
    try {
      await embedPending(core, { limit: CATCH_UP_VECTORS });
    } catch {
      // An unreachable embedder: dense answers from the vectors there are.
    }
  }
}
