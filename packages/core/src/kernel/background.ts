import type { Listen, Listening } from '../db/notifications.js';

/**
 * What the dispatcher and the job runner share: a log they report to (pino's shape, so the server and
 * the worker pass their logger straight in), backoff arithmetic, a way to name an error, and the loop
 * that wakes them.
 */
export interface BackgroundLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export const SILENT_LOG: BackgroundLog = { info() {}, warn() {}, error() {} };

/** Exponential backoff without jitter, so a test on a manual clock knows exactly when the next try is due. */
export function exponentialBackoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** A short, storable description of whatever was thrown. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

export const addMs = (iso: string, ms: number): string => new Date(new Date(iso).getTime() + ms).toISOString();

export interface WakeLoopOptions {
  /** What the loop does, for its log lines ("event dispatch", "job runner"). */
  label: string;
  /** The NOTIFY channel other processes use to wake this loop. */
  channel: string;
  listen?: Listen | undefined;
  /** How often to look without being woken; default 1 s, or 5 s when notifications arrive. */
  pollMs?: number | undefined;
  /** One pass of work; true when there is more to do right away. */
  pass(): Promise<boolean>;
  /** Called on every poll tick before the wake (e.g. to mark periodic housekeeping due). */
  onPoll?(): void;
}

/**
 * The loop the dispatcher and the job runner share: woken after commits, by NOTIFY from other
 * processes, and by a poll; it runs passes one after another while there is work, and a wake that
 * arrives mid-pass is never lost. `wake()` neither throws nor waits, so callers after a commit are safe.
 */
export class WakeLoop {
  private running = false;
  private requested = false;
  private loop: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private listening: Listening | undefined;
  private log: BackgroundLog = SILENT_LOG;

  constructor(private readonly options: WakeLoopOptions) {}

  get isRunning(): boolean {
    return this.running;
  }

  async start(log: BackgroundLog): Promise<void> {
    if (this.running) return;
    this.log = log;
    this.running = true;
    const { listen, label } = this.options;
    if (listen) {
      try {
        this.listening = await listen([this.options.channel], () => this.wake(), (error) => this.log.warn({ err: error }, `${label} notifications: connection lost; polling meanwhile`));
      } catch (error) {
        this.log.warn({ err: error }, `${label} notifications unavailable; polling instead`);
      }
    }
    this.timer = setInterval(() => {
      this.options.onPoll?.();
      this.wake();
    }, this.options.pollMs ?? (this.listening ? 5_000 : 1_000));
    this.timer.unref();
    this.wake();
  }

  wake(): void {
    try {
      if (!this.running) return;
      this.requested = true;
      this.loop ??= this.run();
    } catch {
      // Nothing to do: the next poll looks again.
    }
  }

  /** Stop waking; resolves once the pass under way (if any) has finished. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.listening?.close();
    this.listening = undefined;
    await this.loop;
  }

  private async run(): Promise<void> {
    try {
      while (this.running && this.requested) {
        this.requested = false;
        try {
          if (await this.options.pass()) this.requested = true;
        } catch (error) {
          this.log.error({ err: error }, `${this.options.label} failed; will retry`);
        }
      }
    } finally {
      this.loop = null;
    }
  }
}
