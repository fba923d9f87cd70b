import type { LiveServerMessage } from '@lpdesk/contracts';
import WebSocket from 'ws';
import type { Caller } from './harness.js';

/** A real WebSocket client for /api/live tests: keeps every message and waits for the one a test expects. */
export interface LiveClient {
  socket: WebSocket;
  messages: LiveServerMessage[];
  send(message: unknown): void;
  /** The first message (from `since` on) matching, waiting up to `timeoutMs`. */
  next<T extends LiveServerMessage['type']>(
    type: T,
    match?: (message: Extract<LiveServerMessage, { type: T }>) => boolean,
    timeoutMs?: number,
  ): Promise<Extract<LiveServerMessage, { type: T }>>;
  close(): Promise<void>;
}

export function liveHeaders(caller: Caller): Record<string, string> {
  const headers: Record<string, string> = {};
  if (caller.cookie) headers.cookie = caller.cookie;
  if (caller.apiKey) headers.authorization = `Bearer ${caller.apiKey}`;
  return headers;
}

/** Open a socket; rejects with the HTTP status when the upgrade is refused. */
export function connectLive(baseUrl: string, caller: Caller, headers: Record<string, string> = {}): Promise<LiveClient> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/live`, { headers: { ...liveHeaders(caller), ...headers } });
  const messages: LiveServerMessage[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    messages.push(JSON.parse(data.toString()) as LiveServerMessage);
    for (const waiter of waiters) waiter();
  });
  const client: LiveClient = {
    socket,
    messages,
    send: (message) => socket.send(JSON.stringify(message)),
    next: (type, match, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < messages.length; seen++) {
            const message = messages[seen] as LiveServerMessage;
            if (message.type === type && (!match || match(message as never))) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(message as never);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${type} message within ${timeoutMs} ms; got ${JSON.stringify(messages.slice(-5))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('unexpected-response', (_request, response) =>
      reject(Object.assign(new Error(`upgrade refused: ${response.statusCode}`), { status: response.statusCode })),
    );
    socket.once('error', reject);
  });
}

/** Drop messages received so far, so `next` only sees what comes after. */
export function forget(client: LiveClient): void {
  client.messages.splice(0, client.messages.length);
}
