import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { EmailSyncRunView } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Invalid } from '../kernel/errors.js';
import { authorize } from '../kernel/permissions.js';
import { ensureImportMailbox } from './mailboxes/index.js';
import { mboxProvider } from './providers/mbox.js';
import type { MailboxConnection, MailProvider, MailSession, MessageEnvelope } from './providers/types.js';
import { type SyncProgress, syncMailbox } from './sync.js';

// One-off import of an .mbox or .eml file (e.g. a Google Takeout export) into an "Imported: <name>"
// mailbox. Re-importing the same file is safe: messages already stored (by Message-ID, from any mailbox)
// become sightings, not copies. Runs beside a live server on the same data (SQLite WAL; the pipeline
// takes its own ingest lock).

export interface ImportProgress extends SyncProgress {
  /** How far through the file the scan is, in bytes (mbox locators are byte ranges). */
  bytesRead: number;
  bytesTotal: number;
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
}

/** The mbox provider, watching how far through the file each batch reaches. */
function trackingProvider(onBatch: (envelopes: MessageEnvelope[]) => void): MailProvider {
  return {
    kind: 'mbox',
    async open(connection, options) {
      const session = await mboxProvider.open(connection, options);
      const tracked: MailSession = {
        folders: () => session.folders(),
        sentFolder: () => session.sentFolder(),
        sources: (folder, locators) => session.sources(folder, locators),
        close: () => session.close(),
        async changes(folder, cursor) {
          const changes = await session.changes(folder, cursor);
          async function* tap() {
            for await (const batch of changes.batches) {
              onBatch(batch);
              yield batch;
            }
          }
          const batches = tap();
          // The cursor is read after the batches are drained: pass the getter through, not its value now.
          return {
            get cursor() {
              return changes.cursor;
            },
            reset: changes.reset,
            batches,
          };
        },
      };
      return tracked;
    },
  };
}

/** Import one mail file; answers the recorded run (a source failure is a failed run, as for any sync). */
export async function importMailFile(core: CoreContext, actor: Actor, path: string, options: ImportOptions = {}): Promise<EmailSyncRunView> {
  authorize(actor, 'email.manage');
  const file = resolve(path);
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Invalid(`${path} is not a file: give an .mbox or .eml file`);
    size = info.size;
  } catch (error) {
    if (error instanceof Invalid) throw error;
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    throw new Invalid(code === 'ENOENT' ? `No such file: ${path}` : `Cannot read ${path}${code ? ` (${code})` : ''}`);
  }
  const mailbox = await ensureImportMailbox(core, actor, file);
  let bytesRead = 0;
  const provider = trackingProvider((batch) => {
    const last = batch.at(-1)?.locator.split('-')[1];
    if (last) bytesRead = Number(last);
  });
  const connection: MailboxConnection = { kind: 'mbox', files: [file] };
  const run = await syncMailbox(core, actor, mailbox.id, {
    trigger: 'import',
    provider,
    connection,
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (progress) => options.onProgress?.({ ...progress, bytesRead, bytesTotal: size }),
  });
  options.onProgress?.({ folder: basename(file), fetched: run.fetched, stored: run.stored, matched: run.matched, duplicates: run.duplicates, bytesRead: size, bytesTotal: size });
  return run;
}
