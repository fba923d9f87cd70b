import { RetrievalSearchQuery, RetrievalSearchResult, RetrievalStatus } from '@lpdesk/contracts';
import { z } from 'zod';
import type { JobHandler } from '../jobs/runner.js';
import type { CoreContext } from '../kernel/context.js';
import { defineOperation } from '../kernel/operations.js';
import { retrievalEventLag } from './catch-up.js';
import { RETRIEVAL_EMBED_JOB, RETRIEVAL_SUBSCRIBER, rebuildRetrievalIndex } from './indexer.js';
import { searchRetrieval } from './search.js';
import { countPendingVectors, embedPending, indexedEmbedder, retrievalEmbedder } from './vectors.js';

export {
  applyRetrievalChanges,
  RETRIEVAL_EMBED_JOB,
  RETRIEVAL_SUBSCRIBER,
  rebuildRetrievalIndex,
  retrievalChangesOf,
  retrievalIndexSubscriber,
  type RebuildProgress,
} from './indexer.js';
export { catchUpRetrievalIndex } from './catch-up.js';
export { searchRetrieval } from './search.js';
export { countPendingVectors, embedPending, retrievalEmbedder, setRetrievalEmbedder } from './vectors.js';
export { reciprocalRankFusion, weightedScoreFusion } from './fusion.js';
export { splitIntoSpans, CHUNK_WORDS, CHUNK_OVERLAP_WORDS } from './chunking.js';
export { visibleRegion } from './email-text.js';
export { createEmbedder, type Embedder, type EmbedderSettings } from './embedders/index.js';

/**
 * `lpdesk index rebuild`, the operation and the job: the whole index again, then the events that arrived
 * meanwhile (their changes are already in; delivering them moves the cursor so status shows nothing pending).
 */
export async function rebuildRetrieval(
  core: CoreContext,
  options: Parameters<typeof rebuildRetrievalIndex>[1] = {},
): Promise<{ chunks: number; embedded: number }> {
  const result = await rebuildRetrievalIndex(core, options);
  for (let lag = await retrievalEventLag(core), rounds = 0; lag > 0 && rounds < 20; rounds += 1) {
    await core.dispatcher.catchUp(RETRIEVAL_SUBSCRIBER).catch(() => undefined);
    const after = await retrievalEventLag(core);
    if (after >= lag) break;
    lag = after;
  }
  return result;
}

export async function retrievalStatus(core: CoreContext): Promise<RetrievalStatus> {
  const embedder = retrievalEmbedder(core);
  const count = await core.db
    .selectFrom('retrievalChunks')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  const pending = (await retrievalEventLag(core)) + (await countPendingVectors(core.db, core.dialect));
  // An HTTP embedder learns its width from the endpoint; while that does not answer, report the index's.
  const dimensions =
    (await embedder.ready?.().then(
      () => embedder.dimensions,
      async () => (await indexedEmbedder(core.db))?.dimensions ?? 0,
    )) ?? embedder.dimensions;
  return { chunks: Number(count.count), pending, embedder: { name: embedder.name, dimensions } };
}

/** The vectors the subscriber left for later (a slow embedder, a backlog); retried with backoff when the embedder fails. */
export const retrievalEmbedJob: JobHandler = {
  kind: RETRIEVAL_EMBED_JOB,
  run: async (_payload, { core }) => ({ embedded: await embedPending(core) }),
};

/** On demand: build the whole index again (text and vectors), e.g. after a restore or an embedder change. */
export const retrievalRebuildJob: JobHandler = {
  kind: 'retrieval.rebuild',
  run: (_payload, { core }) => rebuildRetrieval(core),
};

export const RetrievalRebuildInput = z.strictObject({
  /** Re-embed every chunk, not only the pending ones. */
  vectors: z.boolean().default(false),
});

export const retrievalOperations = {
  search: defineOperation({
    name: 'retrieval.search',
    summary: 'Find what was said in communications, email and notes: BM25, embeddings or both fused, with filters',
    permission: 'crm.read',
    input: RetrievalSearchQuery,
    output: RetrievalSearchResult,
    run: ({ core, actor }, query) => searchRetrieval(core, actor, query),
  }),
  status: defineOperation({
    name: 'retrieval.status',
    summary: 'Chunks in the retrieval index, changes not yet indexed or embedded, and the embedder',
    permission: 'crm.read',
    input: z.strictObject({}),
    output: RetrievalStatus,
    run: ({ core }) => retrievalStatus(core),
  }),
  rebuild: defineOperation({
    name: 'retrieval.rebuild',
    summary: 'Rebuild the retrieval index from every record and embed what is pending (safe to repeat)',
    permission: 'jobs.manage',
    input: RetrievalRebuildInput,
    output: z.object({ chunks: z.int().min(0), embedded: z.int().min(0) }),
    run: ({ core }, input) => rebuildRetrieval(core, { revectorize: input.vectors }),
  }),
};
