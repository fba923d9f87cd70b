import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommitment } from './testing/factories.js';
import { createTestApi, type TestApi } from './testing/harness.js';

describe.each(testDialects())('automation routes on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  it('the Graveyard example, enabled, tags a declined commitment; the change is in /api/activity as the rule', async () => {
    const list = await api.request('GET', '/api/automations', { as: api.admin });
    const graveyard = list.body.data.find((rule: { name: string }) => rule.name === 'Graveyard');
    expect(graveyard).toMatchObject({ enabled: false, example: true });
    expect((await api.request('PATCH', `/api/automations/${graveyard.id}`, { as: api.admin, body: { enabled: true } })).body.data.enabled).toBe(true);

    const commitment = await createCommitment(api);
    const moved = await api.request('POST', `/api/commitments/${commitment.id}/stage`, {
      as: api.admin,
      body: { stage: 'declined', reason: 'Not this vintage' },
    });
    expect(moved.status).toBe(200);
    await api.core.dispatcher.drain();

    const after = await api.request('GET', `/api/commitments/${commitment.id}`, { as: api.admin });
    expect(after.body.data.tags.map((t: { name: string }) => t.name)).toEqual(['graveyard']);
    const activity = await api.request('GET', `/api/activity?entityId=${commitment.id}&actorKind=automation`, { as: api.admin });
    expect(activity.status).toBe(200);
    expect(activity.body.data).toEqual([expect.objectContaining({ actorKind: 'automation', actorId: graveyard.id, entityId: commitment.id })]);
    const runs = await api.request('GET', `/api/automations/${graveyard.id}/runs`, { as: api.admin });
    expect(runs.body.data).toEqual([
      expect.objectContaining({ status: 'applied', entityId: commitment.id, changes: [{ action: 'add_tag', summary: 'added tag "graveyard"' }] }),
    ]);
    const dry = await api.request('POST', `/api/automations/${graveyard.id}/dry-run`, { as: api.admin });
    expect(dry.body.data.matches).toContain(commitment.id);
    await api.request('PATCH', `/api/automations/${graveyard.id}`, { as: api.admin, body: { enabled: false } });
    // Changing the rule is logged too, and the activity feed presents it.
    const ruleLog = await api.request('GET', `/api/activity?entityId=${graveyard.id}`, { as: api.admin });
    expect(ruleLog.status).toBe(200);
    expect(ruleLog.body.data.map((entry: { action: string }) => entry.action)).toEqual(['update', 'update']);
  });

  it('answers bad rules with 400 and a clear message, and members with 403', async () => {
    const post = (body: unknown) => api.request('POST', '/api/automations', { as: api.admin, body });
    const unknownField = await post({
      name: 'Bad',
      trigger: { type: 'created', entityType: 'organization' },
      actions: [{ type: 'set_field', field: 'colour', value: 'red' }],
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.message).toMatch(/organization has no field "colour"/);
    const contactStage = await post({ name: 'Bad', trigger: { type: 'stage_changed', entityType: 'contact' }, actions: [{ type: 'add_tag', tag: 'x' }] });
    expect(contactStage.status).toBe(400);
    expect(JSON.stringify(contactStage.body.error)).toMatch(/stage_changed watches commitments/);
    const noCron = await post({ name: 'Bad', trigger: { type: 'schedule', entityType: 'organization' }, actions: [{ type: 'add_tag', tag: 'x' }] });
    expect(noCron.status).toBe(400);
    expect(JSON.stringify(noCron.body.error)).toMatch(/schedule needs a cron expression/);
    const member = await api.createUser('automember', 'member');
    expect(
      (
        await api.request('POST', '/api/automations', {
          as: member,
          body: { name: 'x', trigger: { type: 'created', entityType: 'organization' }, actions: [{ type: 'add_tag', tag: 'x' }] },
        })
      ).status,
    ).toBe(403);
    expect((await api.request('GET', '/api/automations', { as: member })).status).toBe(200);
    expect((await api.request('GET', '/api/automations')).status).toBe(401);
  });
});
