import { systemActor } from '@lpdesk/core';
import type { CoreContext } from '../../packages/core/src/kernel/context.js';
import { contentHash } from '../../packages/core/src/retrieval/chunking.js';
import { searchRetrieval } from '../../packages/core/src/retrieval/search.js';
import type { ChunkDraft } from '../../packages/core/src/retrieval/sources.js';
import { inTransaction, lockRetrievalIndex, replaceSources } from '../../packages/core/src/retrieval/store.js';
import { embedPending } from '../../packages/core/src/retrieval/vectors.js';
import type { EvalDocument } from './corpus.js';
import type { EvalMode, SearchDocuments } from './evaluate.js';

// The corpus goes straight into the chunk store through the indexer's own write path (replaceSources,
// then embedPending for the vectors), skipping the CRM records it would be chunked from: ranking and
// latency depend on the chunks, and this loads 200k of them in minutes rather than hours.

/** One chunk per document, shaped like a communication's (notes-log lines are `note` sources). */
export function chunkOf(document: EvalDocument): ChunkDraft {
  const sourceType = document.kind === 'note' ? 'note' : document.kind === 'email' ? 'email' : 'communication';
  return {
    chunkId: `bench:${document.id}:0`,
    sourceKey: `bench:${document.id}`,
    sourceType,
    sourceId: document.id,
    kind: document.kind,
    eventAt: document.eventAt,
    fundId: null,
    confidence: null,
    title: document.header.split('\n')[0] ?? null,
    entityIds: [document.firmId, ...document.personIds],
    header: document.header,
    body: document.body,
    start: 0,
    end: document.body.length,
    contentHash: contentHash(document.header, document.body),
  };
}

const WRITE_BATCH = 2_000;

/** Writes the chunks (sparse index included) in transactions of WRITE_BATCH; answers how many. */
export async function writeChunks(core: CoreContext, documents: Iterable<EvalDocument>): Promise<number> {
  let written = 0;
  let batch = new Map<string, ChunkDraft[]>();
  const flush = async () => {
    if (batch.size === 0) return;
    const drafts = batch;
    batch = new Map();
    await inTransaction(core.db, async (tx) => {
      await lockRetrievalIndex(tx, core.dialect);
      written += (await replaceSources(tx, core.dialect, drafts)).written;
    });
  };
  for (const document of documents) {
    const chunk = chunkOf(document);
    batch.set(chunk.sourceKey, [chunk]);
    if (batch.size >= WRITE_BATCH) await flush();
  }
  await flush();
  return written;
}

/** Chunks then vectors: what indexing a corpus costs end to end. */
export async function indexDocuments(core: CoreContext, documents: Iterable<EvalDocument>): Promise<{ chunks: number; embedded: number }> {
  const chunks = await writeChunks(core, documents);
  const embedded = await embedPending(core);
  return { chunks, embedded };
}

/** The real search (`GET /api/search` minus HTTP), answering document ids. */
export function searchThroughCore(core: CoreContext): SearchDocuments {
  const actor = systemActor('cli');
  return async (q: string, mode: EvalMode, limit: number) => {
    const [searchMode, fusion] =
      mode === 'hybrid-rrf' ? (['hybrid', 'rrf'] as const) : mode === 'hybrid-weighted' ? (['hybrid', 'weighted'] as const) : ([mode, 'rrf'] as const);
    const result = await searchRetrieval(core, actor, { q, mode: searchMode, fusion, limit });
    return result.data.map((hit) => hit.sourceId);
  };
}
