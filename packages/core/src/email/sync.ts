import type { EmailSyncRunView, EmailSyncTrigger } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { NotFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { write } from '../kernel/write.js';
import { parseBody, type ParsedBody, storeBodies } from './ingest/bodies.js';
import { loadConnection } from './mailboxes/index.js';
import { type IngestCounts, ingestEnvelopes, lockIngest, MAX_ERROR_MESSAGES } from './pipeline.js';
import { providerFor } from './providers/index.js';
import type { FolderCursor, MailboxConnection, MailProvider, MailSession } from './providers/types.js';
import { presentSyncRun } from './runs.js';

export interface SyncProgress {
  folder: string;
  fetched: number;
  stored: number;
  matched: number;
  duplicates: number;
}

export interface SyncOptions {
  trigger: EmailSyncTrigger;
  /** Tests and one-off imports hand in the provider and connection; otherwise from the mailbox's kind and stored settings. */
  provider?: MailProvider;
  connection?: MailboxConnection;
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignal;
}

/**
 * A run still `running` and younger than this blocks a second sync of the same mailbox: the second one
 * answers at once with a failed run saying so, rather than waiting (a schedule tick, IDLE and "sync now"
 * would otherwise pile up). Older ones are taken as dead (the process stopped mid-run).
 */
export const RUN_STALE_MS = 10 * 60 * 1000;
export const ALREADY_RUNNING = 'a sync of this mailbox is already running';

const BODY_CHUNK = 100;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sync every folder of a mailbox from its cursors, record the run (counts, errors, duration) and answer it.
 * A source failure (wrong password, unreachable server) is a failed run, not a throw.
 */
export async function syncMailbox(core: CoreContext, actor: Actor, mailboxId: string, options: SyncOptions): Promise<EmailSyncRunView> {
  const startedMs = core.clock.now().getTime();
  const mailbox = await core.db.selectFrom('emailMailboxes').select(['id', 'kind']).where('id', '=', mailboxId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!mailbox) throw new NotFound('Mailbox', mailboxId);
  const runId = newId();
  const startedAt = new Date(startedMs).toISOString();
  const busy = await write(core, actor, async (scope) => {
    await lockIngest(scope);
    const since = new Date(startedMs - RUN_STALE_MS).toISOString();
    const running = await scope.tx.selectFrom('emailSyncRuns').select('id').where('mailboxId', '=', mailboxId).where('status', '=', 'running').where('startedAt', '>', since).executeTakeFirst();
    await scope.tx
      .insertInto('emailSyncRuns')
      .values({
        id: runId,
        mailboxId,
        trigger: options.trigger,
        status: running ? 'failed' : 'running',
        startedAt,
        finishedAt: running ? startedAt : null,
        fetched: 0,
        stored: 0,
        matched: 0,
        duplicates: 0,
        foldersJson: '[]',
        errors: running ? 1 : 0,
        errorMessagesJson: JSON.stringify(running ? [ALREADY_RUNNING] : []),
        durationMs: running ? 0 : null,
      })
      .execute();
    return Boolean(running);
  });
  if (busy) return loadRun(core, runId);

  const totals: IngestCounts = { stored: 0, matched: 0, duplicates: 0, errors: 0, errorMessages: [] };
  const folders: { folder: string; fetched: number; reset: boolean }[] = [];
  let fetched = 0;
  let failure: string | null = null;
  let session: MailSession | null = null;
  const add = (counts: IngestCounts) => {
    totals.stored += counts.stored;
    totals.matched += counts.matched;
    totals.duplicates += counts.duplicates;
    totals.errors += counts.errors;
    for (const message of counts.errorMessages) if (totals.errorMessages.length < MAX_ERROR_MESSAGES) totals.errorMessages.push(message);
  };
  try {
    const provider = options.provider ?? providerFor(mailbox.kind as MailboxConnection['kind']);
    const connection = options.connection ?? (await loadConnection(core, mailboxId));
    session = await provider.open(connection, options.signal ? { signal: options.signal } : {});
    const open = session;
    const sentFolder = await open.sentFolder();
    for (const folder of await open.folders()) {
      options.signal?.throwIfAborted();
      const stored = await core.db.selectFrom('emailFolderCursors').selectAll().where('mailboxId', '=', mailboxId).where('folder', '=', folder).executeTakeFirst();
      const cursor: FolderCursor | null = stored ? { folder, uidValidity: stored.uidValidity, lastUid: Number(stored.lastUid), historyId: stored.historyId } : null;
      const changes = await open.changes(folder, cursor);
      const target = { mailboxId, folder, isSentFolder: folder === sentFolder, uidValidity: changes.cursor.uidValidity };
      let folderFetched = 0;
      for await (const batch of changes.batches) {
        options.signal?.throwIfAborted();
        folderFetched += batch.length;
        fetched += batch.length;
        add(await ingestEnvelopes(core, actor, target, batch, (locators) => open.sources(folder, locators)));
        options.onProgress?.({ folder, fetched, stored: totals.stored, matched: totals.matched, duplicates: totals.duplicates });
      }
      await saveCursor(core, actor, mailboxId, changes.cursor, changes.reset);
      folders.push({ folder, fetched: folderFetched, reset: changes.reset });
    }
    add(await fetchMissingBodies(core, actor, mailboxId, open));
  } catch (error) {
    failure = options.signal?.aborted ? 'sync aborted' : errorText(error);
  } finally {
    if (session) await session.close().catch(() => undefined);
  }

  const finishedMs = core.clock.now().getTime();
  const errorMessages = failure ? [failure, ...totals.errorMessages].slice(0, MAX_ERROR_MESSAGES) : totals.errorMessages;
  await write(core, actor, (scope) =>
    scope.tx
      .updateTable('emailSyncRuns')
      .set({
        status: failure ? 'failed' : 'succeeded',
        finishedAt: new Date(finishedMs).toISOString(),
        fetched,
        stored: totals.stored,
        matched: totals.matched,
        duplicates: totals.duplicates,
        errors: totals.errors + (failure ? 1 : 0),
        errorMessagesJson: JSON.stringify(errorMessages),
        foldersJson: JSON.stringify(folders),
        durationMs: Math.max(0, Math.round(finishedMs - startedMs)),
      })
      .where('id', '=', runId)
      .execute(),
  );
  return loadRun(core, runId);
}

async function loadRun(core: CoreContext, runId: string): Promise<EmailSyncRunView> {
  const row = await core.db.selectFrom('emailSyncRuns').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
  return presentSyncRun(row);
}

/**
 * Store where the folder stands. After a UIDVALIDITY change every message was listed again and its
 * sighting now carries the new UIDVALIDITY: sightings still on the old one are messages gone from the folder.
 */
async function saveCursor(core: CoreContext, actor: Actor, mailboxId: string, cursor: FolderCursor, reset: boolean): Promise<void> {
  await write(core, actor, async (scope) => {
    if (reset) {
      let stale = scope.tx.deleteFrom('emailSightings').where('mailboxId', '=', mailboxId).where('folder', '=', cursor.folder);
      stale = cursor.uidValidity === null ? stale.where('uidValidity', 'is not', null) : stale.where((eb) => eb.or([eb('uidValidity', 'is', null), eb('uidValidity', '!=', cursor.uidValidity)]));
      await stale.execute();
    }
    await scope.tx
      .insertInto('emailFolderCursors')
      .values({ mailboxId, folder: cursor.folder, uidValidity: cursor.uidValidity, lastUid: cursor.lastUid, historyId: cursor.historyId, updatedAt: scope.now })
      .onConflict((conflict) =>
        conflict.columns(['mailboxId', 'folder']).doUpdateSet({ uidValidity: cursor.uidValidity, lastUid: cursor.lastUid, historyId: cursor.historyId, updatedAt: scope.now }),
      )
      .execute();
  });
}

/**
 * Messages linked after their headers came in (a re-match, a manual link) get their bodies from any folder
 * of this mailbox that holds them under its current UIDVALIDITY.
 */
async function fetchMissingBodies(core: CoreContext, actor: Actor, mailboxId: string, session: MailSession): Promise<IngestCounts> {
  const counts: IngestCounts = { stored: 0, matched: 0, duplicates: 0, errors: 0, errorMessages: [] };
  const rows = await core.db
    .selectFrom('emailMessages as m')
    .innerJoin('emailSightings as s', 's.messageRowId', 'm.id')
    .leftJoin('emailFolderCursors as c', (join) => join.onRef('c.mailboxId', '=', 's.mailboxId').onRef('c.folder', '=', 's.folder'))
    .select(['m.id', 's.folder', 's.locator', 's.uidValidity', 'c.uidValidity as currentValidity'])
    .where('m.needsBody', '=', 1)
    .where('s.mailboxId', '=', mailboxId)
    .execute();
  const byFolder = new Map<string, Map<string, string>>();
  const taken = new Set<string>();
  for (const row of rows) {
    if (taken.has(row.id) || (row.uidValidity ?? null) !== (row.currentValidity ?? null)) continue;
    taken.add(row.id);
    const folder = byFolder.get(row.folder) ?? new Map<string, string>();
    folder.set(row.locator, row.id);
    byFolder.set(row.folder, folder);
  }
  for (const [folder, locators] of byFolder) {
    const all = [...locators.keys()];
    for (let start = 0; start < all.length; start += BODY_CHUNK) {
      const bodies: { messageRowId: string; body: ParsedBody }[] = [];
      for await (const raw of session.sources(folder, all.slice(start, start + BODY_CHUNK))) {
        const messageRowId = locators.get(raw.locator);
        if (!messageRowId) continue;
        try {
          bodies.push({ messageRowId, body: await parseBody(raw.source) });
        } catch (error) {
          counts.errors += 1;
          if (counts.errorMessages.length < MAX_ERROR_MESSAGES) counts.errorMessages.push(`${folder} ${raw.locator}: unreadable message (${errorText(error)})`);
        }
      }
      counts.matched += await write(core, actor, (scope) => storeBodies(scope, bodies));
    }
  }
  return counts;
}
