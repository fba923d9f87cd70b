import { type Core, openCore } from '@lpdesk/core';
import { createTestTarget, type TestTarget, testClock, testDialects } from '@lpdesk/core/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app.js';
import { connectLive, type LiveClient } from './testing/live-client.js';

/** One server process as far as live updates go: its own core (pool, dispatcher, LISTEN) and app. */
interface Process {
  core: Core;
  app: FastifyInstance;
  url: string;
}

async function startProcess(test: TestTarget): Promise<Process> {
  const core = await openCore(test.target, { migrate: true, clock: testClock() });
  const app = await buildServer(core, {
    trustProxy: false,
    corsOrigins: [],
    loginRateLimitPerMinute: 10_000,
    webDist: '/nonexistent',
    logger: false,
    live: { bridge: { heartbeatMs: 300 } },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  await core.dispatcher.start();
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return { core, app, url: `http://127.0.0.1:${address.port}` };
}

async function stopProcess(process: Process): Promise<void> {
  await process.app.close();
  await process.core.close();
}

describe.runIf(testDialects().includes('postgres'))('live updates across two server processes on one PostgreSQL database', () => {
  let test: TestTarget;
  let a: Process;
  let b: Process;
  let cookie = '';
  const clients: LiveClient[] = [];
  beforeAll(async () => {
    test = await createTestTarget('postgres');
    a = await startProcess(test);
    b = await startProcess(test);
    const setup = await a.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { username: 'admin', password: 'correct horse battery staple', fullName: 'Ada Admin' },
    });
    expect(setup.statusCode).toBe(201);
    cookie = `lpdesk_session=${setup.cookies.find((c) => c.name === 'lpdesk_session')?.value}`;
  });
  afterAll(async () => {
    for (const client of clients) await client.close();
    if (b) await stopProcess(b);
    if (a) await stopProcess(a).catch(() => {});
    await test?.cleanup();
  });

  it('brings a write through A to a socket on B, and presence on A to B', async () => {
    const onB = await connectLive(b.url, { cookie });
    const onA = await connectLive(a.url, { cookie });
    clients.push(onA, onB);
    await onB.next('hello');
    const csrf = (JSON.parse((await a.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).body) as { data: { csrfToken: string } }).data
      .csrfToken;

    const created = await a.app.inject({
      method: 'POST',
      url: '/api/contacts',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { firstName: 'Across', lastName: 'Processes' },
    });
    expect(created.statusCode).toBe(201);
    const id = (JSON.parse(created.body) as { data: { id: string } }).data.id;
    expect(await onB.next('change', (m) => m.entityId === id)).toMatchObject({ entityType: 'contact', action: 'create' });

    onA.send({ type: 'focus', screen: '/pipeline', cell: 'x:stage' });
    const presence = await onB.next('presence', (m) => m.users.some((u) => u.screen === '/pipeline'));
    expect(presence.users.find((u) => u.screen === '/pipeline')).toMatchObject({ name: 'Ada Admin', cell: 'x:stage' });

    onA.send({ type: 'lock', cell: 'x:stage' });
    await onB.next('locks', (m) => m.locks.some((l) => l.cell === 'x:stage'));

    // A goes away: its user and its lock leave B's view.
    await stopProcess(a);
    await onB.next('presence', (m) => !m.users.some((u) => u.screen === '/pipeline'));
    await onB.next('locks', (m) => m.locks.length === 0);
  });
});
