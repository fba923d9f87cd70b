import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MailboxConnection } from '../providers/types.js';

// A small stateful stand-in for the Gmail API (profile, messages.list/get, history.list, the token
// endpoint), for tests that add mail as they go (the conformance suite). The recorded-response test in
// providers/gmail.test.ts checks the wire format against Google's own shapes; this one only has to agree.

interface StoredMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  raw: Buffer;
  historyId: number;
  internalDate: number;
}

function headersOf(raw: Buffer): { name: string; value: string }[] {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const block = (end < 0 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  return block.split(/\r?\n/).flatMap((line) => {
    const colon = line.indexOf(':');
    return colon > 0 ? [{ name: line.slice(0, colon), value: line.slice(colon + 1).trim() }] : [];
  });
}

export class FakeGmail {
  readonly token = 'fake-access-token';
  private readonly messages: StoredMessage[] = [];
  private history = 1000;
  private server: Server | null = null;
  base = '';

  add(label: string, raw: Buffer): string {
    this.history += 1;
    const id = (0x1900000000000000n + BigInt(this.history)).toString(16);
    this.messages.push({ id, threadId: id, labelIds: [label], raw, historyId: this.history, internalDate: 1_900_000_000_000 + this.history * 1000 });
    return id;
  }

  connection(): MailboxConnection {
    return { kind: 'gmail', userEmail: 'partner@fund.example.com', labels: ['INBOX', 'SENT'], auth: { mode: 'oauth', clientId: 'c', clientSecret: 's', refreshToken: 'r' }, apiBaseUrl: `${this.base}/gmail/v1`, tokenUrl: `${this.base}/token` };
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      req.resume();
      req.on('end', () => {
        if (url.pathname === '/token') return reply(200, { access_token: this.token, expires_in: 3599, token_type: 'Bearer' });
        if (req.headers.authorization !== `Bearer ${this.token}`) return reply(401, { error: { code: 401, message: 'Invalid Credentials', status: 'UNAUTHENTICATED' } });
        const path = url.pathname.replace(/^\/gmail\/v1\/users\/me/, '');
        const q = url.searchParams;
        if (path === '/profile') return reply(200, { emailAddress: 'partner@fund.example.com', historyId: String(this.history) });
        if (path === '/messages') {
          const label = q.get('labelIds') ?? '';
          const all = this.messages.filter((m) => m.labelIds.includes(label)).reverse();
          const start = Number(q.get('pageToken') ?? 0);
          const size = Number(q.get('maxResults') ?? 100);
          const page = all.slice(start, start + size);
          return reply(200, { messages: page.map((m) => ({ id: m.id, threadId: m.threadId })), ...(start + size < all.length ? { nextPageToken: String(start + size) } : {}), resultSizeEstimate: all.length });
        }
        const one = /^\/messages\/([0-9a-f]+)$/.exec(path);
        if (one) {
          const m = this.messages.find((x) => x.id === one[1]);
          if (!m) return reply(404, { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } });
          const common = { id: m.id, threadId: m.threadId, labelIds: m.labelIds, historyId: String(m.historyId), internalDate: String(m.internalDate), sizeEstimate: m.raw.length, snippet: '' };
          if (q.get('format') === 'raw') return reply(200, { ...common, raw: m.raw.toString('base64url') });
          return reply(200, { ...common, payload: { mimeType: 'text/plain', headers: headersOf(m.raw) } });
        }
        if (path === '/history') {
          const since = Number(q.get('startHistoryId'));
          const label = q.get('labelId') ?? '';
          const added = this.messages.filter((m) => m.historyId > since && m.labelIds.includes(label));
          return reply(200, { history: added.map((m) => ({ id: String(m.historyId), messages: [{ id: m.id, threadId: m.threadId }], messagesAdded: [{ message: { id: m.id, threadId: m.threadId, labelIds: m.labelIds } }] })), historyId: String(this.history) });
        }
        reply(404, { error: { code: 404, message: 'Not found', status: 'NOT_FOUND' } });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
