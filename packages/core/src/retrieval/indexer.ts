import { splitIntoChunks } from '../kernel/chunks.js';
import type { CoreContext } from '../kernel/context.js';
import type { Subscriber } from '../kernel/dispatcher.js';
import type { DomainEvent } from '../kernel/outbox.js';
import { write } from '../kernel/write.js';
import { enqueueJobIn, jobActor } from '../jobs/commands.js';
import { buildCommunicationChunks, buildNoteChunks, type ChunkDraft, NOTE_OWNER_TYPES, type NoteOwnerType } from './sources.js';
import { inTransaction, lockRetrievalIndex, markVectorsPending, readMeta, replaceSources, writeMeta } from './store.js';
import { countPendingVectors, embedPending } from './vectors.js';

export const RETRIEVAL_SUBSCRIBER = 'retrieval-index';
export const RETRIEVAL_EMBED_JOB = 'retrieval.embed';
/** Set once the index holds every source (the first delivery builds it); a rebuild sets it again. */
const BUILT_META = 'built';
/** Vectors the subscriber makes itself per batch; more are left pending for the `retrieval.embed` job. */
const INLINE_EMBED_LIMIT = 512;

/** Sources a batch of events may have changed. */
export interface RetrievalChanges {
  communications: Set<string>;
  notes: Record<NoteOwnerType, Set<string>>;
  /** Records whose links may have moved (a merge, a trash move): every source mentioning them is rebuilt. */
  mentioned: Set<string>;
  sweep: boolean;
}

export function noRetrievalChanges(): RetrievalChanges {
  return { communications: new Set(), notes: { organization: new Set(), contact: new Set(), commitment: new Set() }, mentioned: new Set(), sweep: false };
}

export function retrievalChangesOf(events: readonly DomainEvent[]): RetrievalChanges {
  const changes = noRetrievalChanges();
  for (const event of events) {
    if (event.entityType === 'trash' && event.action === 'purge') changes.sweep = true;
    if (!event.entityId) continue;
    if (event.entityType === 'communication') changes.communications.add(event.entityId);
    else if ((NOTE_OWNER_TYPES as readonly string[]).includes(event.entityType)) {
      changes.notes[event.entityType as NoteOwnerType].add(event.entityId);
      // Updates of plain fields do not move links; merges, deletes and restores may.
      if (event.action !== 'update' && event.action !== 'note_logged' && event.action !== 'create') changes.mentioned.add(event.entityId);
    }
  }
  return changes;
}

/** Bring the chunks of the changed sources in line with their rows. Idempotent. */
export async function applyRetrievalChanges(core: CoreContext, changes: RetrievalChanges): Promise<void> {
  const communications = new Set(changes.communications);
  const notes = { organization: new Set(changes.notes.organization), contact: new Set(changes.notes.contact), commitment: new Set(changes.notes.commitment) };
  const mentioned = [...changes.mentioned];
  for (const part of splitIntoChunks(mentioned, 400)) {
    const rows = await core.db
      .selectFrom('retrievalChunkEntities as e')
      .innerJoin('retrievalChunks as c', 'c.id', 'e.chunkRowId')
      .select(['c.sourceKey'])
      .distinct()
      .where('e.entityId', 'in', part)
      .execute();
    for (const { sourceKey } of rows) addSourceKey(sourceKey, communications, notes);
    // Communications now linked to a merge's winner were the loser's: its events name both.
    const linked = await core.db.selectFrom('communicationLinks').select('communicationId').distinct().where('entityId', 'in', part).execute();
    for (const { communicationId } of linked) communications.add(communicationId);
  }
  if (changes.sweep) {
    const keys = await core.db.selectFrom('retrievalChunks').select('sourceKey').distinct().execute();
    for (const { sourceKey } of keys) addSourceKey(sourceKey, communications, notes);
  }
  for (const part of splitIntoChunks([...communications], 200)) {
    await inTransaction(core.db, async (tx) => {
      await lockRetrievalIndex(tx, core.dialect);
      await replaceSources(tx, core.dialect, await buildCommunicationChunks(tx, part));
    });
  }
  for (const type of NOTE_OWNER_TYPES) {
    for (const part of splitIntoChunks([...notes[type]], 200)) {
      await inTransaction(core.db, async (tx) => {
        await lockRetrievalIndex(tx, core.dialect);
        await replaceSources(tx, core.dialect, await buildNoteChunks(tx, type, part, core.settings.timeZone));
      });
    }
  }
}

function addSourceKey(sourceKey: string, communications: Set<string>, notes: Record<NoteOwnerType, Set<string>>): void {
  const [kind, a, b] = sourceKey.split(':');
  if (kind === 'communication' && a) communications.add(a);
  else if (kind === 'notes' && b && (NOTE_OWNER_TYPES as readonly string[]).includes(a ?? '')) notes[a as NoteOwnerType].add(b);
}

export interface RebuildProgress {
  phase: 'text' | 'vectors';
  done: number;
  total: number;
}

/**
 * Build the whole index from the records: every source's chunks (unchanged chunks keep their vectors),
 * removal of chunks whose source is gone, then (unless `textOnly`) every pending vector.
 */
export async function rebuildRetrievalIndex(
  core: CoreContext,
  options: { textOnly?: boolean; revectorize?: boolean; onProgress?: (progress: RebuildProgress) => void } = {},
): Promise<{ chunks: number; embedded: number }> {
  const communicationIds = (await core.db.selectFrom('communications').select('id').where('deletedAt', 'is', null).orderBy('id').execute()).map((r) => r.id);
  const noteIds: Record<NoteOwnerType, string[]> = {
    organization: (await core.db.selectFrom('organizations').select('id').where('deletedAt', 'is', null).orderBy('id').execute()).map((r) => r.id),
    contact: (await core.db.selectFrom('contacts').select('id').where('deletedAt', 'is', null).orderBy('id').execute()).map((r) => r.id),
    commitment: (await core.db.selectFrom('commitments').select('id').where('deletedAt', 'is', null).orderBy('id').execute()).map((r) => r.id),
  };
  const total = communicationIds.length + NOTE_OWNER_TYPES.reduce((sum, type) => sum + noteIds[type].length, 0);
  let done = 0;
  const wanted = new Set<string>();
  const apply = async (build: (tx: Parameters<typeof replaceSources>[0]) => Promise<Map<string, ChunkDraft[]>>) => {
    await inTransaction(core.db, async (tx) => {
      await lockRetrievalIndex(tx, core.dialect);
      const drafts = await build(tx);
      for (const key of drafts.keys()) wanted.add(key);
      await replaceSources(tx, core.dialect, drafts);
    });
  };
  for (const part of splitIntoChunks(communicationIds, 200)) {
    await apply((tx) => buildCommunicationChunks(tx, part));
    done += part.length;
    options.onProgress?.({ phase: 'text', done, total });
  }
  for (const type of NOTE_OWNER_TYPES) {
    for (const part of splitIntoChunks(noteIds[type], 200)) {
      await apply((tx) => buildNoteChunks(tx, type, part, core.settings.timeZone));
      done += part.length;
      options.onProgress?.({ phase: 'text', done, total });
    }
  }
  // Sources no longer live (trashed, purged, unlinked while the index was not following).
  const present = await core.db.selectFrom('retrievalChunks').select('sourceKey').distinct().execute();
  const gone = present.map((row) => row.sourceKey).filter((key) => !wanted.has(key));
  for (const part of splitIntoChunks(gone, 200)) {
    await inTransaction(core.db, async (tx) => {
      await lockRetrievalIndex(tx, core.dialect);
      await replaceSources(tx, core.dialect, new Map(part.map((key) => [key, []])));
    });
  }
  await writeMeta(core.db, BUILT_META, core.clock.now().toISOString());
  if (options.revectorize)
    await inTransaction(core.db, async (tx) => {
      if (core.dialect === 'postgres') await tx.updateTable('retrievalVectors').set({ contentHash: '' }).execute();
      else await tx.updateTable('retrievalChunks').set({ vectorHash: null }).execute();
      await markVectorsPending(tx);
    });
  let embedded = 0;
  if (!options.textOnly) {
    const pending = await countPendingVectors(core.db, core.dialect);
    embedded = await embedPending(core, { onProgress: (n) => options.onProgress?.({ phase: 'vectors', done: n, total: pending }) });
  }
  const count = await core.db
    .selectFrom('retrievalChunks')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return { chunks: Number(count.count), embedded };
}

/**
 * Follows the outbox from any process: a communication, an email timeline entry (captured mail creates,
 * updates and deletes those), a notes-log line or a notes field changes its chunks; a merge, trash move or
 * restore rebuilds every source naming the record. The first delivery builds the whole index.
 */
export function retrievalIndexSubscriber(core: CoreContext): Subscriber {
  return {
    name: RETRIEVAL_SUBSCRIBER,
    from: 'now',
    batchSize: 500,
    handleBatch: async (events) => {
      if (!(await readMeta(core.db, BUILT_META))) await rebuildRetrievalIndex(core, { textOnly: true });
      else await applyRetrievalChanges(core, retrievalChangesOf(events));
      await embedInlineOrLater(core, events.at(-1)?.position ?? 0);
    },
  };
}

/** A few vectors now (cheap with the built-in embedder); a backlog becomes a `retrieval.embed` job. */
async function embedInlineOrLater(core: CoreContext, position: number): Promise<void> {
  try {
    await embedPending(core, { limit: INLINE_EMBED_LIMIT });
  } catch {
    // The embedder is unreachable or failing: the chunks stay pending and the job retries with backoff.
  }
  if ((await countPendingVectors(core.db, core.dialect)) === 0) return;
  await write(core, jobActor(), (scope) =>
    enqueueJobIn(scope, core.dialect, { kind: RETRIEVAL_EMBED_JOB, payload: {}, idempotencyKey: `${RETRIEVAL_EMBED_JOB}:${position}` }),
  );
  core.jobs.wake();
}
