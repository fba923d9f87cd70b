import { LIVE_LOCK_TTL_MS } from '@lpdesk/contracts';
import type { DomainEvent } from '@lpdesk/core';
import { manualTestClock, testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createContact } from './testing/factories.js';
import { type Caller, createTestApi, type TestApi } from './testing/harness.js';
import { connectLive, forget, type LiveClient } from './testing/live-client.js';

let serial = 0;

async function listen(api: TestApi): Promise<string> {
  await api.app.listen({ host: '127.0.0.1', port: 0 });
  const address = api.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 0,
    (error: { status?: number }) => error.status ?? -1,
  );

describe.each(testDialects())('live WebSocket on %s', (dialect) => {
  let api: TestApi;
  let url: string;
  const clock = manualTestClock();
  const open: LiveClient[] = [];
  beforeAll(async () => {
    api = await createTestApi(dialect, { clock, live: { sweepMs: 60_000 } });
    url = await listen(api);
    await api.core.dispatcher.start();
  });
  afterAll(async () => {
    for (const client of open) await client.close();
    await api.close();
  });

  async function member(label: string): Promise<Caller & { id: string }> {
    return api.createUser(`${label}${++serial}`, 'member');
  }
  async function connect(caller: Caller, headers: Record<string, string> = {}): Promise<LiveClient> {
    const client = await connectLive(url, caller, headers);
    open.push(client);
    return client;
  }

  it('refuses an upgrade without credentials, with a bad key, or from another site', async () => {
    expect(await refusal(connectLive(url, {}))).toBe(401);
    expect(await refusal(connectLive(url, { apiKey: 'lpd_not_a_key' }))).toBe(401);
    expect(await refusal(connectLive(url, { cookie: 'lpdesk_session=forged' }))).toBe(401);
    expect(await refusal(connectLive(url, api.admin, { origin: 'https://evil.example.com' }))).toBe(403);

    const sameOrigin = await connect(api.admin, { origin: url });
    expect(await sameOrigin.next('hello')).toMatchObject({ type: 'hello', name: 'Ada Admin', color: expect.stringMatching(/^#/) });
    const key = await createApiKey(api, { role: 'member' });
    const byKey = await connect({ apiKey: key.key });
    await byKey.next('hello');
    await sameOrigin.close();
    await byKey.close();
  });

  it('pushes the names of changed fields, never their values, to every socket after a write by someone else', async () => {
    const [ana, ben] = [await member('ana'), await member('ben')];
    const [a, b] = [await connect(ana), await connect(ben)];
    const contact = await createContact(api, {});
    const created = await b.next('change', (m) => m.entityId === contact.id);
    expect(created).toMatchObject({ entityType: 'contact', action: 'create', actorId: expect.any(String), actorKind: 'user' });
    await a.next('change', (m) => m.entityId === contact.id);

    const patched = await api.request('PATCH', `/api/contacts/${contact.id}`, { as: ana, body: { lastName: 'Secretname' } });
    expect(patched.status).toBe(200);
    const update = await b.next('change', (m) => m.entityId === contact.id && m.action === 'update');
    expect(update).toMatchObject({ entityType: 'contact', version: patched.body.data.version, fields: ['lastName'], actorId: ana.id, actorKind: 'user' });
    expect(b.messages.map((m) => JSON.stringify(m)).join('\n')).not.toContain('Secretname');
  });

  it('shows who is on which screen, once per user and screen, and forgets them when they leave', async () => {
    const [ana, ben] = [await member('ana'), await member('ben')];
    const b = await connect(ben);
    const a1 = await connect(ana);
    const a2 = await connect(ana);
    a1.send({ type: 'focus', screen: '/contacts', cell: null });
    a2.send({ type: 'focus', screen: '/contacts', cell: 'c1:lastName' });
    const seen = await b.next('presence', (m) => m.users.some((u) => u.userId === ana.id && u.cell === 'c1:lastName'));
    const anas = seen.users.filter((u) => u.userId === ana.id);
    expect(anas).toEqual([{ userId: ana.id, name: expect.any(String), color: expect.stringMatching(/^#/), screen: '/contacts', cell: 'c1:lastName' }]);

    a1.send({ type: 'focus', screen: '/pipeline', cell: null });
    await b.next('presence', (m) => m.users.filter((u) => u.userId === ana.id).length === 2);
    await a1.close();
    await a2.close();
    await b.next('presence', (m) => !m.users.some((u) => u.userId === ana.id));
    await b.close();
  });

  it('holds soft cell locks: free or yours, refused to others, released on unlock, expiry and disconnect', async () => {
    const [ana, ben] = [await member('ana'), await member('ben')];
    const [a, b] = [await connect(ana), await connect(ben)];
    const cell = `cell-${serial}:name`;
    a.send({ type: 'lock', cell });
    const held = await b.next('locks', (m) => m.locks.some((l) => l.cell === cell));
    expect(held.locks.find((l) => l.cell === cell)).toMatchObject({
      userId: ana.id,
      expiresAt: new Date(clock.now().getTime() + LIVE_LOCK_TTL_MS).toISOString(),
    });

    forget(b);
    b.send({ type: 'lock', cell });
    const refused = await b.next('locks');
    expect(refused.locks.find((l) => l.cell === cell)?.userId).toBe(ana.id);

    b.send({ type: 'unlock', cell }); // not Ben's to release
    a.send({ type: 'lock', cell }); // renewal
    clock.advance(LIVE_LOCK_TTL_MS - 1_000);
    forget(b);
    a.send({ type: 'lock', cell });
    await b.next('locks', (m) => m.locks.some((l) => l.cell === cell && Date.parse(l.expiresAt) === clock.now().getTime() + LIVE_LOCK_TTL_MS));

    a.send({ type: 'unlock', cell });
    await b.next('locks', (m) => !m.locks.some((l) => l.cell === cell));

    b.send({ type: 'lock', cell });
    await a.next('locks', (m) => m.locks.some((l) => l.cell === cell && l.userId === ben.id));
    forget(a);
    clock.advance(LIVE_LOCK_TTL_MS + 1);
    api.app.live.sweep();
    await a.next('locks', (m) => !m.locks.some((l) => l.cell === cell));

    b.send({ type: 'lock', cell });
    await a.next('locks', (m) => m.locks.some((l) => l.cell === cell && l.userId === ben.id));
    forget(a);
    await b.close();
    await a.next('locks', (m) => !m.locks.some((l) => l.cell === cell));
  });

  it('ignores what it does not understand', async () => {
    const a = await connect(await member('ana'));
    a.socket.send('not json');
    a.send({ type: 'focus', screen: 5 });
    a.send({ type: 'shout' });
    a.send({ type: 'ping' });
    a.send({ type: 'focus', screen: '/tasks', cell: null });
    await a.next('presence', (m) => m.users.some((u) => u.screen === '/tasks'));
  });
});

describe.each(testDialects().slice(0, 1))('live send queue and heartbeat on %s', (dialect) => {
  let api: TestApi;
  let url: string;
  beforeAll(async () => {
    api = await createTestApi(dialect, { live: { maxQueue: 3, maxInflight: 1, heartbeatMs: 150 } });
    url = await listen(api);
  });
  afterAll(() => api.close());

  it('tells a client that falls behind to resync instead of queueing without end', async () => {
    const client = await connectLive(url, api.admin);
    await client.next('locks');
    const event = (n: number): DomainEvent => ({
      id: `e${n}`,
      position: n,
      at: new Date().toISOString(),
      action: 'update',
      entityType: 'contact',
      entityId: `c${n}`,
      version: n,
      diff: { before: { lastName: 'a' }, after: { lastName: 'b' } },
      actor: { kind: 'user', id: null, name: null, door: 'http', requestId: null },
    });
    for (let n = 1; n <= 50; n++) api.app.live.broadcastChange(event(n));
    await client.next('resync');
    await client.next('presence');
    const changes = client.messages.filter((m) => m.type === 'change');
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.length).toBeLessThan(10);
    await client.close();
  });

  it('drops a socket that stops answering pings, and documents the socket in OpenAPI', async () => {
    const client = await connectLive(url, api.admin);
    await client.next('hello');
    await expect.poll(() => api.app.live.size).toBe(1);
    // A frozen client: nothing it receives is read, so no pong goes back.
    (client.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    await expect.poll(() => api.app.live.size, { timeout: 3_000 }).toBe(0);
    client.socket.terminate();

    const doc = (await api.request('GET', '/api/openapi.json')).body;
    expect(Object.keys(doc.paths['/api/live'].get.responses)).toEqual(['101', '401', '403']);
  });
});
