import { createVerify, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGmailProvider, gmailThreadId } from './gmail.js';
import { providerFor } from './index.js';
import { headerValue } from './mail-files.js';
import { type FolderCursor, type MailboxConnection, type MailSession, MailSourceError, type MessageEnvelope } from './types.js';

// The Gmail adapter against recorded API responses at the HTTP layer: a local server replays JSON shaped
// exactly like Google's (testing/fixtures/gmail) and records every request for the assertions.

const fixture = (name: string): unknown => JSON.parse(readFileSync(fileURLToPath(new URL(`../testing/fixtures/gmail/${name}.json`, import.meta.url)), 'utf8'));
const ACCESS_TOKEN = (fixture('token') as { access_token: string }).access_token;
const NOW = 1931000000;

interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  form: Record<string, string>;
}

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const serviceAccountKeyJson = JSON.stringify({
  type: 'service_account',
  project_id: 'lpdesk-test',
  private_key_id: 'key-1',
  private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  client_email: 'capture@lpdesk-test.iam.gserviceaccount.com',
  client_id: '1234567890',
  token_uri: 'https://oauth2.googleapis.com/token',
});

describe('Gmail API provider (recorded responses)', () => {
  let server: Server;
  let base: string;
  let requests: Recorded[] = [];
  let tokenFailure: string | null = null;
  let jwtClaims: Record<string, unknown> | null = null;
  let jwtHeader: Record<string, unknown> | null = null;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const form = req.method === 'POST' ? Object.fromEntries(new URLSearchParams(body)) : {};
        requests.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), authorization: req.headers.authorization, form });
        const reply = (status: number, json: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
          res.end(JSON.stringify(json));
        };
        if (url.pathname === '/token') {
          if (tokenFailure) return reply(400, fixture(tokenFailure));
          if (form.grant_type === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
            const [h, p, s] = (form.assertion ?? '').split('.');
            const valid = createVerify('RSA-SHA256').update(`${h}.${p}`).verify(publicKey, Buffer.from(s ?? '', 'base64url'));
            if (!valid) return reply(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
            jwtHeader = JSON.parse(Buffer.from(h ?? '', 'base64url').toString());
            jwtClaims = JSON.parse(Buffer.from(p ?? '', 'base64url').toString());
          }
          return reply(200, fixture('token'));
        }
        if (req.headers.authorization !== `Bearer ${ACCESS_TOKEN}`) return reply(401, fixture('error-401'));
        const api = url.pathname.replace(/^\/gmail\/v1\/users\/me/, '');
        if (api === '/profile') return reply(200, fixture('profile'));
        if (api === '/messages') return reply(200, fixture(`list-${url.searchParams.get('labelIds')}-${url.searchParams.get('pageToken') ? 2 : 1}`));
        const message = /^\/messages\/([0-9a-f]+)$/.exec(api);
        if (message) {
          try {
            return reply(200, fixture(`message-${message[1]}-${url.searchParams.get('format')}`));
          } catch {
            return reply(404, fixture('error-404-history'));
          }
        }
        if (api === '/history') {
          if (url.searchParams.get('startHistoryId') === '1') return reply(404, fixture('error-404-history'));
          return reply(200, fixture(`history-${url.searchParams.get('labelId')}`));
        }
        reply(404, fixture('error-404-history'));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    requests = [];
    tokenFailure = null;
    jwtClaims = null;
  });

  const provider = createGmailProvider({ nowSeconds: () => NOW });
  const connection = (auth: Extract<MailboxConnection, { kind: 'gmail' }>['auth']): MailboxConnection => ({ kind: 'gmail', userEmail: 'partner@fund.example.com', labels: null, auth, apiBaseUrl: `${base}/gmail/v1`, tokenUrl: `${base}/token` });
  const oauth = { mode: 'oauth' as const, clientId: 'client-1.apps.googleusercontent.com', clientSecret: 'GOCSPX-secret', refreshToken: '1//refresh-token' };

  async function drain(session: MailSession, folder: string, cursor: FolderCursor | null) {
    const changes = await session.changes(folder, cursor);
    const envelopes: MessageEnvelope[] = [];
    for await (const batch of changes.batches) envelopes.push(...batch);
    return { envelopes, cursor: changes.cursor, reset: changes.reset };
  }
  const ids = (envelopes: MessageEnvelope[]) => envelopes.map((e) => headerValue(e.headers, 'Message-ID'));

  it('is the registered provider for gmail mailboxes', () => {
    expect(providerFor('gmail').kind).toBe('gmail');
  });

  it('signs in with a service account: an RS256 JWT for the user, scope gmail.readonly, traded at the token URL', async () => {
    const session = await provider.open(connection({ mode: 'service_account', serviceAccountKeyJson }));
    expect(jwtHeader).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'key-1' });
    expect(jwtClaims).toEqual({ iss: 'capture@lpdesk-test.iam.gserviceaccount.com', sub: 'partner@fund.example.com', scope: 'https://www.googleapis.com/auth/gmail.readonly', aud: `${base}/token`, iat: NOW, exp: NOW + 3600 });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /token', 'GET /gmail/v1/users/me/profile']);
    expect(requests[1]?.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    await session.close();
  });

  it('signs in with an OAuth refresh token, syncs labels in full, then by history', async () => {
    const session = await provider.open(connection(oauth));
    expect(requests[0]?.form).toEqual({ grant_type: 'refresh_token', client_id: oauth.clientId, client_secret: oauth.clientSecret, refresh_token: oauth.refreshToken });
    expect(await session.folders()).toEqual(['INBOX', 'SENT']);
    expect(await session.sentFolder()).toBe('SENT');

    requests = [];
    const inbox = await drain(session, 'INBOX', null);
    // Oldest first across pages; the thread id in X-GM-THRID's decimal form; the received time from internalDate.
    expect(ids(inbox.envelopes)).toEqual(['<q1-report@lp.example.org>', '<newsletter-88@news.example.net>']);
    expect(inbox.envelopes.map((e) => e.locator)).toEqual(['18f0a1b2c3d4e5f1', '18f0a1b2c3d4e5f3']);
    expect(inbox.envelopes[0]).toMatchObject({ folder: 'INBOX', providerThreadId: BigInt('0x18f0a1b2c3d4e5f1').toString(), receivedAt: new Date(1930979700000).toISOString() });
    expect(inbox.envelopes[0]?.size).toBeGreaterThan(100);
    expect(headerValue(inbox.envelopes[1]?.headers ?? Buffer.alloc(0), 'Subject')).toBe('=?UTF-8?Q?Weekly_digest_=E2=80=94_March?=');
    expect(inbox.cursor).toEqual({ folder: 'INBOX', uidValidity: null, lastUid: 0, historyId: '90200' });
    expect(inbox.reset).toBe(false);
    const lists = requests.filter((r) => r.path.endsWith('/messages'));
    expect(lists.map((r) => r.query)).toEqual([
      { labelIds: 'INBOX', maxResults: '500' },
      { labelIds: 'INBOX', maxResults: '500', pageToken: '09876543210987654321' },
    ]);
    expect(requests.filter((r) => r.path.includes('/messages/')).map((r) => r.query.format)).toEqual(['metadata', 'metadata']);
    expect(requests.every((r) => r.authorization === `Bearer ${ACCESS_TOKEN}`)).toBe(true);

    const sent = await drain(session, 'SENT', null);
    expect(ids(sent.envelopes)).toEqual(['<re-q1-report@fund.example.com>']);

    requests = [];
    const next = await drain(session, 'INBOX', inbox.cursor);
    expect(ids(next.envelopes)).toEqual(['<re-re-q1-report@lp.example.org>']);
    expect(next.cursor.historyId).toBe('90220');
    expect(requests[0]).toMatchObject({ path: '/gmail/v1/users/me/history', query: { startHistoryId: '90200', historyTypes: 'messageAdded', labelId: 'INBOX', maxResults: '500' } });
    expect((await drain(session, 'SENT', sent.cursor)).envelopes).toEqual([]);

    const raws: string[] = [];
    for await (const raw of session.sources('INBOX', ['18f0a1b2c3d4e5f4', '18f0a1b2c3d4e5f1', 'ffffffffffffffff'])) raws.push(`${raw.locator}:${raw.source.toString('utf8')}`);
    expect(raws).toHaveLength(2);
    expect(raws[0]).toMatch(/^18f0a1b2c3d4e5f4:Message-ID: <re-re-q1-report@lp\.example\.org>\r\n[\s\S]*\r\n\r\nThanks, that helps\.\r\n$/);
    expect(raws[1]).toContain('A question about the fees.');
  });

  it('lists the label again when the history is too old (404)', async () => {
    const session = await provider.open(connection(oauth));
    const again = await drain(session, 'INBOX', { folder: 'INBOX', uidValidity: null, lastUid: 0, historyId: '1' });
    expect(again.reset).toBe(true);
    expect(ids(again.envelopes)).toEqual(['<q1-report@lp.example.org>', '<newsletter-88@news.example.net>']);
    expect(again.cursor.historyId).toBe('90200');
  });

  it('answers refused credentials as auth failures and a dead server as unreachable', async () => {
    tokenFailure = 'token-invalid-grant';
    const refused = provider.open(connection(oauth));
    await expect(refused).rejects.toBeInstanceOf(MailSourceError);
    await expect(refused).rejects.toMatchObject({ reason: 'auth', message: expect.stringContaining('invalid_grant: Token has been expired or revoked.') });
    tokenFailure = 'token-unauthorized-client';
    await expect(provider.open(connection({ mode: 'service_account', serviceAccountKeyJson }))).rejects.toMatchObject({ reason: 'auth', message: expect.stringContaining('unauthorized_client') });
    tokenFailure = null;
    await expect(provider.open(connection({ mode: 'service_account', serviceAccountKeyJson: '{"client_email":"x","private_key":"not a key"}' }))).rejects.toMatchObject({ reason: 'auth' });
    await expect(provider.open({ ...connection(oauth), tokenUrl: 'http://127.0.0.1:1/token' } as MailboxConnection)).rejects.toMatchObject({ reason: 'unreachable' });
  });

  it('keeps non-hex thread ids as they are', () => {
    expect(gmailThreadId('18f0a1b2c3d4e5f1')).toBe('1797114040482588145');
    expect(gmailThreadId('r-123')).toBe('r-123');
    expect(gmailThreadId(null)).toBeNull();
  });
});
