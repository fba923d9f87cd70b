/**
 * What the dispatcher and the job runner share: a log they report to (pino's shape, so the server and
 * the worker pass their logger straight in), backoff arithmetic, and a way to name an error.
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
