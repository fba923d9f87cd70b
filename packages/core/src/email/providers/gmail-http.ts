import { createSign } from 'node:crypto';
import { MailSourceError } from './types.js';

// The Gmail API's HTTP side without googleapis: an access token (service account JWT or OAuth refresh
// token) and JSON GETs that turn Google's failures into MailSourceErrors the sync records.

export const GMAIL_SCOPE = 'https://www.googleapis.com/auth/gmail.readonly';
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const GMAIL_API_BASE = 'https://gmail.googleapis.com/gmail/v1';
const REQUEST_TIMEOUT_MS = 30_000;

export type GmailAuth = { mode: 'service_account'; serviceAccountKeyJson: string } | { mode: 'oauth'; clientId: string; clientSecret: string; refreshToken: string };

export interface TokenRequestOptions {
  auth: GmailAuth;
  userEmail: string;
  /** Overrides the key's token_uri (tests). */
  tokenUrl?: string | undefined;
  /** Seconds since the epoch: the JWT's iat (protocol time, not domain time). */
  nowSeconds: number;
  signal?: AbortSignal | undefined;
}

interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri?: string;
}

function parseKey(json: string): ServiceAccountKey {
  let key: unknown;
  try {
    key = JSON.parse(json);
  } catch (error) {
    throw new MailSourceError('The service account key is not JSON', 'auth', { cause: error });
  }
  const fields = typeof key === 'object' && key !== null ? (key as Record<string, unknown>) : {};
  if (typeof fields.client_email !== 'string' || typeof fields.private_key !== 'string') throw new MailSourceError('The service account key has no client_email or private_key', 'auth');
  return {
    client_email: fields.client_email,
    private_key: fields.private_key,
    ...(typeof fields.private_key_id === 'string' ? { private_key_id: fields.private_key_id } : {}),
    ...(typeof fields.token_uri === 'string' ? { token_uri: fields.token_uri } : {}),
  };
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** The RS256 JWT a service account trades for a token acting as `sub` (domain-wide delegation). */
export function serviceAccountAssertion(key: ServiceAccountKey, userEmail: string, audience: string, nowSeconds: number): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(key.private_key_id ? { kid: key.private_key_id } : {}) };
  const claims = { iss: key.client_email, sub: userEmail, scope: GMAIL_SCOPE, aud: audience, iat: nowSeconds, exp: nowSeconds + 3600 };
  const unsigned = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  let signature: Buffer;
  try {
    signature = createSign('RSA-SHA256').update(unsigned).sign(key.private_key);
  } catch (error) {
    throw new MailSourceError('The service account key cannot sign (is private_key a PEM RSA key?)', 'auth', { cause: error });
  }
  return `${unsigned}.${b64url(signature)}`;
}

function withTimeout(signal: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

async function send(url: string, init: RequestInit, what: string): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new MailSourceError(`Cannot reach ${new URL(url).host} (${what}): ${reason}`, 'unreachable', { cause: error });
  }
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return { raw: text.slice(0, 200) };
  }
}

/** Google's own words for a failure: an OAuth error_description, or an API error.message. */
function googleMessage(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const b = body as Record<string, unknown>;
  if (typeof b.error_description === 'string') return `${String(b.error)}: ${b.error_description}`;
  if (typeof b.error === 'string') return b.error;
  if (typeof b.error === 'object' && b.error !== null && typeof (b.error as Record<string, unknown>).message === 'string') return String((b.error as Record<string, unknown>).message);
  return '';
}

export interface AccessToken {
  token: string;
  /** Seconds since the epoch after which a new one is needed. */
  expiresAt: number;
}

/** Trade the mailbox's credentials for an access token. Refused credentials are an 'auth' failure. */
export async function fetchAccessToken(options: TokenRequestOptions): Promise<AccessToken> {
  const { auth } = options;
  let url: string;
  let form: URLSearchParams;
  if (auth.mode === 'service_account') {
    const key = parseKey(auth.serviceAccountKeyJson);
    url = options.tokenUrl ?? key.token_uri ?? GOOGLE_TOKEN_URL;
    form = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: serviceAccountAssertion(key, options.userEmail, url, options.nowSeconds) });
  } else {
    url = options.tokenUrl ?? GOOGLE_TOKEN_URL;
    form = new URLSearchParams({ grant_type: 'refresh_token', client_id: auth.clientId, client_secret: auth.clientSecret, refresh_token: auth.refreshToken });
  }
  const response = await send(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), signal: withTimeout(options.signal) }, 'token');
  const body = await bodyOf(response);
  if (!response.ok) {
    const reason = response.status >= 500 ? 'unreachable' : 'auth';
    throw new MailSourceError(`Google refused the ${auth.mode === 'oauth' ? 'OAuth refresh token' : 'service account'} for ${options.userEmail}: ${googleMessage(body) || `HTTP ${response.status}`}`, reason);
  }
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (typeof fields.access_token !== 'string') throw new MailSourceError('Google answered the token request without an access token', 'protocol');
  const lifetime = typeof fields.expires_in === 'number' ? fields.expires_in : 3600;
  return { token: fields.access_token, expiresAt: options.nowSeconds + lifetime - 60 };
}

/** A failed API call: status kept so callers can tell "history too old" (404) from the rest. */
export class GmailApiError extends MailSourceError {
  constructor(
    message: string,
    reason: MailSourceError['reason'],
    readonly status: number,
  ) {
    super(message, reason);
  }
}

/** GET a Gmail API resource as JSON with a bearer token. */
export async function gmailGet(url: string, token: string, signal: AbortSignal | undefined): Promise<unknown> {
  const response = await send(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal: withTimeout(signal) }, 'Gmail API');
  const body = await bodyOf(response);
  if (response.ok) return body;
  const message = `Gmail API ${new URL(url).pathname}: ${googleMessage(body) || `HTTP ${response.status}`}`;
  if (response.status === 401 || response.status === 403) throw new GmailApiError(message, 'auth', response.status);
  if (response.status === 404) throw new GmailApiError(message, 'not_found', response.status);
  if (response.status === 429 || response.status >= 500) throw new GmailApiError(message, 'unreachable', response.status);
  throw new GmailApiError(message, 'protocol', response.status);
}
