import { sql } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Db } from './connect.js';
import { loadPg } from './pg-driver.js';

/** A LISTEN that runs until closed. */
export interface Listening {
  close(): Promise<void>;
}

/**
 * Subscribe to PostgreSQL NOTIFY channels; `onNotify` gets the channel name and the payload. After a
 * reconnect it is called once per channel with an empty payload: whatever was sent meanwhile was missed.
 */
export type Listen = (channels: string[], onNotify: (channel: string, payload: string) => void, onError?: (error: Error) => void) => Promise<Listening>;

const RECONNECT_MS = { first: 500, max: 30_000 };

/**
 * LISTEN needs a connection of its own that never goes back to the pool. When it drops (a server
 * restart, a network blip) it reconnects with backoff; callers poll as well, so nothing is lost meanwhile.
 */
export function pgListen(url: string): Listen {
  return async (channels, onNotify, onError) => {
    let client: pg.Client | null = null;
    let closed = false;
    let delay = RECONNECT_MS.first;
    let timer: NodeJS.Timeout | undefined;

    const connect = async (): Promise<void> => {
      const pg = await loadPg();
      const next = new pg.Client({ connectionString: url });
      next.on('notification', (message) => onNotify(message.channel, message.payload ?? ''));
      next.on('error', (error) => {
        onError?.(error);
        void next.end().catch(() => {});
        if (client === next) client = null;
        scheduleReconnect();
      });
      await next.connect();
      for (const channel of channels) await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (closed) {
        await next.end();
        return;
      }
      client = next;
      delay = RECONNECT_MS.first;
      // Anything sent while disconnected was missed: tell the caller to look now.
      for (const channel of channels) onNotify(channel, '');
    };

    const scheduleReconnect = () => {
      if (closed || timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        connect().catch((error: Error) => {
          onError?.(error);
          delay = Math.min(delay * 2, RECONNECT_MS.max);
          scheduleReconnect();
        });
      }, delay);
      timer.unref();
    };

    await connect();
    return {
      async close() {
        closed = true;
        if (timer) clearTimeout(timer);
        const current = client;
        client = null;
        await current?.end().catch(() => {});
      },
    };
  };
}

/**
 * PGlite delivers notifications to listeners in the same process. LISTEN is issued while holding the
 * dialect's connection, so it never lands inside someone else's open transaction on PGlite's one backend.
 */
export function pgliteListen(pglite: PGlite, db: Db): Listen {
  return async (channels, onNotify) => {
    const unsubscribes: (() => Promise<void>)[] = [];
    await db.connection().execute(async () => {
      for (const channel of channels) unsubscribes.push(await pglite.listen(channel, (payload) => onNotify(channel, payload)));
    });
    return {
      async close() {
        await db
          .connection()
          .execute(async () => {
            for (const unsubscribe of unsubscribes) await unsubscribe();
          })
          .catch(() => {});
      },
    };
  };
}

/** NOTIFY a channel with a payload (under 8,000 bytes) outside any transaction: for process-to-process news. */
export async function notifyChannel(db: Db, channel: string, payload: string): Promise<void> {
  await sql`SELECT pg_notify(${channel}, ${payload})`.execute(db);
}
