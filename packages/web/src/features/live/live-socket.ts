import type { LiveClientMessage, LiveServerMessage } from '@lpdesk/contracts';

export type LiveStatus = 'connecting' | 'open' | 'closed';

export interface LiveSocketEvents {
  onMessage(message: LiveServerMessage): void;
  onStatus(status: LiveStatus): void;
  /** The socket opened again after having been open: what was missed meanwhile must be refetched. */
  onReconnect(): void;
}

const BACKOFF = { firstMs: 500, maxMs: 15_000 };
/** Proxies close idle connections (nginx: 60 s); a small message now and then keeps ours open. */
const KEEPALIVE_MS = 25_000;

export function liveUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/live`;
}

/**
 * One WebSocket to /api/live that comes back by itself: exponential backoff with full jitter, so a
 * restarted server is not met by every tab at the same instant. The session cookie authenticates it.
 */
export class LiveSocket {
  private socket: WebSocket | null = null;
  private attempts = 0;
  private wasOpen = false;
  private stopped = false;
  private retryTimer: number | undefined;
  private keepalive: number | undefined;
  /** Re-sent after every reconnect: the server forgets a connection's focus with the connection. */
  private lastFocus: LiveClientMessage | null = null;

  constructor(
    private readonly url: string,
    private readonly events: LiveSocketEvents,
  ) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.retryTimer);
    window.clearInterval(this.keepalive);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'signed out or left');
  }

  send(message: LiveClientMessage): void {
    if (message.type === 'focus') this.lastFocus = message;
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private open(): void {
    if (this.stopped) return;
    this.events.onStatus('connecting');
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url);
    } catch {
      this.retry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
      this.events.onStatus('open');
      if (this.lastFocus) socket.send(JSON.stringify(this.lastFocus));
      if (this.wasOpen) this.events.onReconnect();
      this.wasOpen = true;
      window.clearInterval(this.keepalive);
      this.keepalive = window.setInterval(() => this.send({ type: 'ping' }), KEEPALIVE_MS);
    };
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      try {
        this.events.onMessage(JSON.parse(event.data) as LiveServerMessage);
      } catch {
        // Not ours to understand: skip it.
      }
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      window.clearInterval(this.keepalive);
      this.events.onStatus('closed');
      this.retry();
    };
  }

  private retry(): void {
    if (this.stopped) return;
    this.attempts += 1;
    const ceiling = Math.min(BACKOFF.maxMs, BACKOFF.firstMs * 2 ** (this.attempts - 1));
    const delay = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
    this.retryTimer = window.setTimeout(() => this.open(), delay);
  }
}
