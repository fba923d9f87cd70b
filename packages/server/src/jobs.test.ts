import { enqueueJob, systemActor } from '@lpdesk/core';
import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, type TestApi } from './testing/harness.js';

/* biome-ignore lint/suspicious/noExplicitAny: loose JSON in assertions */
type Json = any;

const actor = systemActor('cli');

describe.each(testDialects())('jobs and subscribers over HTTP on %s', (dialect) => {
  let api: TestApi;
  let member: Caller;
  let failuresLeft = 0;

  beforeAll(async () => {
    api = await createTestApi(dialect);
    member = await api.createUser('member1', 'member');
    api.core.jobs.register({ kind: 'test.ok', run: () => 'done' });
    api.core.jobs.register({
      kind: 'test.broken',
      run: () => {
        throw new Error('upstream said no');
      },
    });
    api.core.jobs.register({
      kind: 'test.sometimes',
      run: () => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('not yet');
        }
      },
    });
  });
  afterAll(() => api.close());

  it('lists jobs for an admin, newest first, filtered by status; refuses members', async () => {
    const ok = await enqueueJob(api.core, actor, { kind: 'test.ok' });
    const broken = await enqueueJob(api.core, actor, { kind: 'test.broken', maxAttempts: 1 });
    await api.core.jobs.runDue();
    const waiting = await enqueueJob(api.core, actor, { kind: 'test.ok', runAt: new Date(api.core.clock.now().getTime() + 3_600_000) });

    const all = await api.request('GET', '/api/jobs?limit=500', { as: api.admin });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ limit: 500, offset: 0 });
    expect(all.body.total).toBeGreaterThanOrEqual(3);
    const ids = all.body.data.map((job: Json) => job.id);
    expect(ids.indexOf(waiting.id)).toBeLessThan(ids.indexOf(ok.id));
    const dead = all.body.data.find((job: Json) => job.id === broken.id);
    expect(dead).toEqual({
      id: broken.id,
      kind: 'test.broken',
      status: 'dead',
      attempts: 1,
      maxAttempts: 1,
      lastError: 'upstream said no',
      runAt: expect.any(String),
      createdAt: expect.any(String),
      finishedAt: expect.any(String),
    });

    for (const status of ['succeeded', 'dead', 'queued']) {
      const filtered = await api.request('GET', `/api/jobs?status=${status}`, { as: api.admin });
      expect(filtered.status).toBe(200);
      expect(filtered.body.data.length).toBeGreaterThan(0);
      expect(filtered.body.data.every((job: Json) => job.status === status)).toBe(true);
    }
    expect((await api.request('GET', '/api/jobs?status=running', { as: api.admin })).body.data.map((job: Json) => job.id)).not.toContain(ok.id);
    expect((await api.request('GET', '/api/jobs?status=exploded', { as: api.admin })).status).toBe(400);
    expect((await api.request('GET', '/api/jobs?limit=1&offset=1', { as: api.admin })).body).toMatchObject({ limit: 1, offset: 1, data: [expect.any(Object)] });

    const refused = await api.request('GET', '/api/jobs', { as: member });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await api.request('GET', '/api/jobs')).status).toBe(401);
  });

  it('retries a dead job for an admin, logging who did it; refuses other states and other roles', async () => {
    failuresLeft = 1;
    const job = await enqueueJob(api.core, actor, { kind: 'test.sometimes', maxAttempts: 1 });
    await api.core.jobs.runDue();
    expect((await api.request('POST', `/api/jobs/${job.id}/retry`, { as: member })).status).toBe(403);

    const retried = await api.request('POST', `/api/jobs/${job.id}/retry`, { as: api.admin });
    expect(retried.status).toBe(200);
    expect(retried.body.data).toMatchObject({ id: job.id, status: 'queued', attempts: 0, lastError: 'not yet' });
    await api.core.jobs.runDue();
    const after = await api.request('GET', '/api/jobs?status=succeeded&limit=500', { as: api.admin });
    expect(after.body.data.map((j: Json) => j.id)).toContain(job.id);

    const again = await api.request('POST', `/api/jobs/${job.id}/retry`, { as: api.admin });
    expect(again.status).toBe(409);
    expect((await api.request('POST', '/api/jobs/0190f1c2-0000-7000-8000-0000000000aa/retry', { as: api.admin })).status).toBe(404);
    expect((await api.request('POST', '/api/jobs/not-a-uuid/retry', { as: api.admin })).status).toBe(400);

    const log = await api.request('GET', `/api/activity?entityId=${job.id}`, { as: api.admin });
    expect(log.body.data.map((entry: Json) => [entry.action, entry.actorKind, entry.door])).toEqual([
      ['retry', 'user', 'http'],
      ['enqueue', 'system', 'cli'],
    ]);
  });

  it('answers 201 while a subscriber throws, and shows the subscriber’s failure and lag to admins', async () => {
    await api.core.dispatcher.subscribe({
      name: 'test.always-throws',
      handle: () => {
        throw new Error('search index is down');
      },
    });
    await api.core.dispatcher.start();
    try {
      const created = await api.request('POST', '/api/organizations', { as: api.admin, body: { name: 'Harborview Family Office' } });
      expect(created.status).toBe(201);
      expect(created.body.data.name).toBe('Harborview Family Office');
      await api.core.dispatcher.drain();
    } finally {
      await api.core.dispatcher.stop();
      api.core.dispatcher.unsubscribe('test.always-throws');
    }
    const subscriptions = await api.request('GET', '/api/subscriptions', { as: api.admin });
    expect(subscriptions.status).toBe(200);
    const mine = subscriptions.body.data.find((s: Json) => s.name === 'test.always-throws');
    expect(mine).toMatchObject({ lag: 1, lastError: 'search index is down', retryAt: expect.any(String), failedAt: expect.any(String) });
    expect(mine.attempts).toBeGreaterThanOrEqual(1);
    expect((await api.request('GET', '/api/subscriptions', { as: member })).status).toBe(403);
  });
});
