/**
 * The one way the web app talks to the LP Desk API: same-origin fetch with the session cookie,
 * the CSRF token echoed on writes, and failures thrown as ApiError with the server's details.
 */

export interface FieldIssue {
  path: string[];
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Validation issues from `error.details.issues`, if the server sent any. */
  get issues(): FieldIssue[] {
    const details = this.details as { issues?: unknown } | undefined;
    if (!details || !Array.isArray(details.issues)) return [];
    return details.issues
      .filter((i): i is { path: unknown[]; message: string } => typeof i === 'object' && i !== null && Array.isArray((i as { path?: unknown }).path))
      .map((i) => ({ path: i.path.map(String), message: String(i.message) }));
  }
}

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

/** Kept in memory only: a reload fetches it again from GET /api/auth/me. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

export function toQueryString(params: QueryParams | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`${path}${toQueryString(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Cannot reach the LP Desk server. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    const apiError = new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `Request failed (${response.status})`, error?.details);
    if (response.status === 401 && !path.startsWith('/api/auth/')) for (const listener of unauthorizedListeners) listener();
    throw apiError;
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => apiRequest<T>(path, { query, ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PUT', body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  delete: <T>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}

/** A POST whose answer is a file (CSV export): the same cookie and CSRF token, the body as a Blob. */
export async function apiDownload(path: string, body: unknown): Promise<{ blob: Blob; filename: string | null }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body) });
  if (!response.ok) {
    const payload = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null;
    throw new ApiError(response.status, payload?.error?.code ?? 'http_error', payload?.error?.message ?? `Request failed (${response.status})`, payload?.error?.details);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? null;
  return { blob: await response.blob(), filename };
}

/**
 * A multipart POST (CSV import upload): the same cookie and CSRF token; the browser sets the boundary.
 * Answers and failures are read exactly like apiRequest's.
 */
export async function apiUpload<T>(path: string, file: File, query?: QueryParams): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`${path}${toQueryString(query)}`, { method: 'POST', headers, credentials: 'same-origin', body: form });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the LP Desk server. Check your connection and try again.');
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    if (response.status === 401) for (const listener of unauthorizedListeners) listener();
    throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `Upload failed (${response.status})`, error?.details);
  }
  return payload as T;
}
