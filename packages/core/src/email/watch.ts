import { type BackgroundLog, SILENT_LOG } from '../kernel/background.js';
import type { CoreContext } from '../kernel/context.js';
import { jobActor } from '../jobs/index.js';
import { enqueueMailboxSync, liveMailboxIds } from './jobs.js';
import { loadConnection } from './mailboxes/index.js';
import { providerFor } from './providers/index.js';
import type { MailProvider } from './providers/types.js';

// Push for mailboxes whose server has it (IMAP IDLE): one watcher per live, unpaused mailbox and folder,
// which enqueues an `email.sync` job (trigger idle) when the folder has news. The minute schedule
// (email/jobs.ts) remains the safety net, so a watcher that is down delays mail by a minute, no more.

export interface MailWatchersOptions {
  log?: BackgroundLog;
  /** How often the list of mailboxes is read again (new, paused, removed ones). Default 3 min. */
  refreshMs?: number;
  /** The first reconnect delay after a failure; doubles up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Tests hand in a provider; otherwise the mailbox kind's. */
  providerFor?: (kind: string) => MailProvider | null;
}

export interface MailWatchers {
  /** Mailbox ids being watched now. */
  watching(): string[];
  /** Read the mailbox list again now (after an admin adds, pauses or removes one). */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Only IMAP pushes (IDLE); Gmail and files rely on the minute schedule, so they are not even opened here. */
function defaultProvider(kind: string): MailProvider | null {
  return kind === 'imap' ? providerFor('imap') : null;
}

export function startMailWatchers(core: CoreContext, options: MailWatchersOptions = {}): MailWatchers {
  const log = options.log ?? SILENT_LOG;
  const refreshMs = options.refreshMs ?? 3 * 60_000;
  const firstBackoff = options.backoffMs ?? 1000;
  const maxBackoff = options.maxBackoffMs ?? 5 * 60_000;
  const pick = options.providerFor ?? defaultProvider;
  const stopping = new AbortController();
  const watchers = new Map<string, { controller: AbortController; done: Promise<void> }>();

  async function watchFolder(mailboxId: string, provider: MailProvider, folder: string, signal: AbortSignal): Promise<void> {
    let backoff = firstBackoff;
    while (!signal.aborted) {
      try {
        // Credentials are read again on every connect: a changed password takes effect without a restart.
        const session = await provider.open(await loadConnection(core, mailboxId), { signal });
        try {
          if (!session.waitForNews) return;
          await session.waitForNews(folder, signal);
        } finally {
          await session.close().catch(() => undefined);
        }
        if (signal.aborted) return;
        backoff = firstBackoff;
        await enqueueMailboxSync(core, jobActor(), mailboxId, 'idle');
      } catch (error) {
        if (signal.aborted) return;
        log.warn({ mailboxId, folder, err: error instanceof Error ? error.message : String(error), retryInMs: backoff }, 'mail watcher failed; reconnecting');
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, maxBackoff);
      }
    }
  }

  async function watchMailbox(mailboxId: string, kind: string, signal: AbortSignal): Promise<void> {
    const provider = pick(kind);
    if (!provider) return;
    let backoff = firstBackoff;
    while (!signal.aborted) {
      try {
        const session = await provider.open(await loadConnection(core, mailboxId), { signal });
        let folders: string[];
        try {
          if (!session.waitForNews) return;
          folders = await session.folders();
        } finally {
          await session.close().catch(() => undefined);
        }
        // News that came before the watch began is picked up by one sync now.
        await enqueueMailboxSync(core, jobActor(), mailboxId, 'idle');
        await Promise.all(folders.map((folder) => watchFolder(mailboxId, provider, folder, signal)));
        return;
      } catch (error) {
        if (signal.aborted) return;
        log.warn({ mailboxId, err: error instanceof Error ? error.message : String(error), retryInMs: backoff }, 'mail watcher could not start; retrying');
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, maxBackoff);
      }
    }
  }

  async function refresh(): Promise<void> {
    if (stopping.signal.aborted) return;
    const live = await liveMailboxIds(core);
    const wanted = new Map(live.map((m) => [m.id, m.kind]));
    for (const [id, watcher] of watchers) {
      if (!wanted.has(id)) {
        watcher.controller.abort();
        watchers.delete(id);
      }
    }
    for (const [id, kind] of wanted) {
      if (watchers.has(id) || !pick(kind)) continue;
      const controller = new AbortController();
      const done = watchMailbox(id, kind, controller.signal).catch((error: unknown) => log.error({ mailboxId: id, err: String(error) }, 'mail watcher stopped'));
      watchers.set(id, { controller, done });
    }
  }

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      try {
        await refresh();
      } catch (error) {
        log.warn({ err: error instanceof Error ? error.message : String(error) }, 'mail watchers could not read the mailbox list');
      }
      await sleep(refreshMs, stopping.signal);
    }
  })();

  return {
    watching: () => [...watchers.keys()],
    refresh,
    async stop() {
      stopping.abort();
      for (const watcher of watchers.values()) watcher.controller.abort();
      await Promise.all([loop, ...[...watchers.values()].map((w) => w.done)]);
      watchers.clear();
    },
  };
}
