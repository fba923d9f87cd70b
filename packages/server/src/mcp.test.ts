import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { AGENT_TOOLS } from '@lpdesk/contracts';
import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { callTool, connectHttpClient, listenOnLoopback } from './mcp/testing/client.js';
import { watchOutboundConnections } from './mcp/testing/no-outbound.js';
import { findOperation } from './mcp/tools/find-operation.js';
import { createApiKey, createCommitment, createCommunication, createContact, createFund, createOrganization } from './testing/factories.js';
import { createTestApi, type TestApi } from './testing/harness.js';
import { createRelationshipFixture } from './testing/relationship-fixture.js';

// Installed before any server starts: every TCP connection of the suite is seen.
const network = watchOutboundConnections();
afterAll(() => {
  network.restore();
  // The suite did connect (its MCP clients to its own server), and never anywhere but loopback.
  expect(network.attempts.length).toBeGreaterThan(0);
  expect(network.outbound).toEqual([]);
});

describe.each(testDialects())('MCP over Streamable HTTP on %s', (dialect) => {
  let api: TestApi;
  let baseUrl: string;
  beforeAll(async () => {
    api = await createTestApi(dialect);
    baseUrl = await listenOnLoopback(api);
  });
  afterAll(() => api.close());

  async function agentClient(overrides: Record<string, unknown> = {}): Promise<{ client: Client; key: string; keyId: string }> {
    const created = await createApiKey(api, { role: 'agent', ...overrides });
    const client = await connectHttpClient(baseUrl, created.key);
    onTestFinished(() => client.close());
    return { client, key: created.key, keyId: created.id };
  }

  it('answers 401 without a key, with a wrong key and with a non-agent key; cookies do not open it', async () => {
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    };
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const none = await fetch(`${baseUrl}/mcp`, { method: 'POST', headers, body: JSON.stringify(initialize) });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await fetch(`${baseUrl}/mcp`, {
      method: 'POST',
      headers: { ...headers, authorization: 'Bearer lpd_AAAAAAAAAAAA_notarealkeynotarealkeynotarealkey00' },
      body: JSON.stringify(initialize),
    });
    expect(wrong.status).toBe(401);
    const member = await createApiKey(api, { role: 'member' });
    const asMember = await fetch(`${baseUrl}/mcp`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${member.key}` },
      body: JSON.stringify(initialize),
    });
    expect(asMember.status).toBe(401);
    const withCookie = await fetch(`${baseUrl}/mcp`, {
      method: 'POST',
      headers: { ...headers, cookie: api.admin.cookie as string },
      body: JSON.stringify(initialize),
    });
    expect(withCookie.status).toBe(401);
  });

  it('creates agent keys with redaction and write modes, refuses them on other roles, and lists them', async () => {
    const created = await api.request('POST', '/api/api-keys', {
      as: api.admin,
      body: { name: 'Claude', role: 'agent', redaction: 'pii', writes: 'approval' },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ role: 'agent', redaction: 'pii', writes: 'approval' });
    const defaults = await api.request('POST', '/api/api-keys', { as: api.admin, body: { name: 'Plain agent', role: 'agent' } });
    expect(defaults.body.data).toMatchObject({ redaction: 'off', writes: 'direct' });
    const refused = await api.request('POST', '/api/api-keys', { as: api.admin, body: { name: 'Bad', role: 'member', writes: 'approval' } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('agent keys only');
    const badValue = await api.request('POST', '/api/api-keys', { as: api.admin, body: { name: 'Bad', role: 'agent', redaction: 'some' } });
    expect(badValue.status).toBe(400);
    const listed = await api.request('GET', '/api/api-keys', { as: api.admin });
    expect(listed.body.data.find((k: { id: string }) => k.id === created.body.data.id)).toMatchObject({ redaction: 'pii', writes: 'approval' });
  });

  it('lists exactly the agent tools (none that sends, fetches or administers) and the dossier resources', async () => {
    const { client } = await agentClient();
    const tools = (await client.listTools()).tools.map((t) => t.name).sort();
    expect(tools).toEqual([...AGENT_TOOLS].sort());
    const organization = await createOrganization(api, { name: `Resource Capital ${Date.now()}` });
    const resources = await client.listResources();
    expect(resources.resources.map((r) => r.uri)).toContain(`lpdesk://organizations/${organization.id}`);
    const read = await client.readResource({ uri: `lpdesk://organizations/${organization.id}` });
    expect(JSON.parse((read.contents[0] as { text: string }).text)).toMatchObject({ id: organization.id, name: organization.name });
  });

  it('reads through every read tool with the same operations and permissions as HTTP', async () => {
    const { client } = await agentClient();
    const organization = await createOrganization(api, { name: `Redwood Partners ${Date.now()}` });
    const contact = await createContact(api, { firstName: 'Rita', organizationId: organization.id });
    const fund = await createFund(api);
    const commitment = await createCommitment(api, { organizationId: organization.id, fundId: fund.id, expectedAmount: 500_000_00 });
    const call = await createCommunication(api, {
      kind: 'call',
      contactIds: [contact.id],
      organizationIds: [organization.id],
      subject: 'Fund II timing',
      body: 'They want the Fund II first close timing before the partners meet.',
    });
    await api.core.dispatcher.drain();

    const orgDossier = await callTool(client, 'get_dossier', { type: 'organization', id: organization.id });
    expect(orgDossier.isError).toBe(false);
    expect(orgDossier.body.contacts.map((p: { id: string }) => p.id)).toEqual([contact.id]);
    expect((await callTool(client, 'get_dossier', { type: 'contact', id: contact.id })).body).toMatchObject({ id: contact.id, fullName: contact.fullName });
    expect((await callTool(client, 'get_dossier', { type: 'commitment', id: commitment.id })).body).toMatchObject({
      id: commitment.id,
      expectedAmount: 500_000_00,
    });
    const fundDossier = await callTool(client, 'get_dossier', { type: 'fund', id: fund.id });
    expect(fundDossier.body).toMatchObject({ id: fund.id, name: fund.name });
    expect(fundDossier.body.metrics.fund.id).toBe(fund.id);
    const missing = await callTool(client, 'get_dossier', { type: 'contact', id: '01900000-0000-7000-8000-000000000000' });
    expect(missing).toMatchObject({ isError: true, body: { error: expect.stringContaining('not_found') } });

    const commitments = await callTool(client, 'list_records', { type: 'commitments', fundId: fund.id, stage: commitment.stage });
    expect(commitments.body.data.map((c: { id: string }) => c.id)).toEqual([commitment.id]);
    const contacts = await callTool(client, 'list_records', { type: 'contacts', organizationId: organization.id });
    expect(contacts.body.data.map((c: { id: string }) => c.id)).toEqual([contact.id]);
    const organizations = await callTool(client, 'list_records', { type: 'organizations', q: organization.name });
    expect(organizations.body.data.map((o: { id: string }) => o.id)).toContain(organization.id);
    const tasks = await callTool(client, 'list_records', { type: 'tasks', status: 'open', limit: 5 });
    expect(tasks.isError).toBe(false);
    expect(tasks.body.limit).toBe(5);
    const badFilter = await callTool(client, 'list_records', { type: 'tasks', fundId: fund.id });
    expect(badFilter.isError).toBe(true);

    const timeline = await callTool(client, 'timeline', { type: 'contact', id: contact.id });
    expect(timeline.body.items.map((i: { subject: string }) => i.subject)).toEqual(['Fund II timing']);

    const pipeline = await callTool(client, 'pipeline_summary', { fundId: fund.id });
    expect(pipeline.isError).toBe(false);
    expect(pipeline.body.metrics.fund.id).toBe(fund.id);
    expect(JSON.stringify(pipeline.body.board)).toContain(commitment.id);

    const search = await callTool(client, 'search', { q: 'Fund II timing', k: 5 });
    if (findOperation('retrieval.search')) {
      expect(search.isError, JSON.stringify(search.body)).toBe(false);
      const cited = search.body.results.find((r: { citation: { sourceId: string } }) => r.citation.sourceId === call.id);
      expect(cited).toMatchObject({ citation: { sourceType: 'communication', kind: 'call' } });
      expect(cited.links.map((l: { id: string }) => l.id)).toEqual(expect.arrayContaining([contact.id, organization.id]));
    } else {
      expect(search).toMatchObject({ isError: true, body: { error: expect.stringContaining('Retrieval is not available') } });
    }

    const rehydrated = await callTool(client, 'rehydrate', { text: 'Call [PERSON_1] tomorrow' });
    expect(rehydrated.body.text).toBe('Call [PERSON_1] tomorrow');
  });

  it('who_knows answers the team members who know a contact, with evidence and strength', async () => {
    const { client } = await agentClient();
    const fixture = await createRelationshipFixture(api);
    const knows = await callTool(client, 'who_knows', { contactId: fixture.friendId });
    const edge = knows.body.data.find((view: { kind: string }) => view.kind === 'knows');
    expect(edge).toMatchObject({ from: { type: 'user', id: fixture.userId } });
    expect(edge.evidence.length).toBeGreaterThan(0);
    const byOrganization = await callTool(client, 'who_knows', { organizationId: fixture.organizationId });
    expect(JSON.stringify(byOrganization.body.data)).toContain(fixture.contactId);
    expect((await callTool(client, 'who_knows', {})).isError).toBe(true);
  });

  it('logs every call, reads included, in /api/agent/calls and in /api/activity with door mcp and the key as actor', async () => {
    const { client, keyId } = await agentClient({ name: 'Logged agent' });
    const organization = await createOrganization(api);
    await callTool(client, 'get_dossier', { type: 'organization', id: organization.id });
    await callTool(client, 'get_dossier', { type: 'contact', id: 'not-a-uuid' });
    const calls = await api.request('GET', `/api/agent/calls?apiKeyId=${keyId}`, { as: api.admin });
    expect(calls.status).toBe(200);
    expect(calls.body.data.map((c: { tool: string; outcome: string }) => `${c.tool}:${c.outcome}`)).toEqual(['get_dossier:error', 'get_dossier:ok']);
    const ok = calls.body.data[1];
    expect(ok).toMatchObject({ apiKeyName: 'Logged agent', arguments: { type: 'organization', id: organization.id }, outcome: 'ok', error: null });
    expect(ok.resultBytes).toBeGreaterThan(100);
    expect(ok.durationMs).toBeGreaterThanOrEqual(0);
    expect(ok.sessionId).toEqual(expect.any(String));
    expect(calls.body.data[0].error).toMatch(/id/);
    const byTool = await api.request('GET', `/api/agent/calls?apiKeyId=${keyId}&tool=timeline`, { as: api.admin });
    expect(byTool.body.data).toEqual([]);

    const activity = await api.request('GET', `/api/activity?door=mcp&actorId=${keyId}`, { as: api.admin });
    expect(activity.status).toBe(200);
    expect(activity.body.data).toHaveLength(2);
    expect(activity.body.data[0]).toMatchObject({
      door: 'mcp',
      actorKind: 'agent',
      actorId: keyId,
      actorName: 'Logged agent',
      entityType: 'agent_call',
      action: 'call',
    });
    expect(activity.body.data[1].diff).toMatchObject({ tool: 'get_dossier', arguments: { id: organization.id }, outcome: 'ok' });
  });

  it('refuses an agent key the admin doors and record edits over HTTP', async () => {
    const { key } = await agentClient();
    const asAgent = { apiKey: key };
    for (const [method, url] of [
      ['GET', '/api/users'],
      ['GET', '/api/api-keys'],
      ['GET', '/api/agent/calls'],
      ['GET', '/api/agent/proposals'],
      ['GET', '/api/activity'],
      ['GET', '/api/jobs'],
    ] as const) {
      expect((await api.request(method, url, { as: asAgent })).status, `${method} ${url}`).toBe(403);
    }
    expect((await api.request('POST', '/api/api-keys', { as: asAgent, body: { name: 'x', role: 'agent' } })).status).toBe(403);
    // What the MCP record-write tools may do is not lent to the key over HTTP: record edits and stage moves stay 403.
    const commitment = await createCommitment(api);
    const contact = await createContact(api);
    for (const [method, url, body] of [
      ['PATCH', `/api/commitments/${commitment.id}`, { nextStep: 'Call' }],
      ['POST', `/api/commitments/${commitment.id}/stage`, { stage: 'meeting' }],
      ['PATCH', `/api/contacts/${contact.id}`, { title: 'CIO' }],
      ['DELETE', `/api/commitments/${commitment.id}`, undefined],
    ] as const) {
      expect((await api.request(method, url, { as: asAgent, body })).status, `${method} ${url}`).toBe(403);
    }
    const after = (await api.request('GET', `/api/commitments/${commitment.id}`, { as: api.admin })).body.data;
    expect(after).toMatchObject({ stage: commitment.stage, nextStep: null, version: commitment.version });
  });

  it('direct key: move_stage and update_record write through the normal path as the key (door mcp), allow-listed arguments only', async () => {
    const { client, keyId } = await agentClient({ name: 'Direct agent' });
    const commitment = await createCommitment(api);
    const contact = await createContact(api);
    const stageOf = async () => (await api.request('GET', `/api/commitments/${commitment.id}`, { as: api.admin })).body.data;

    const dry = await callTool(client, 'move_stage', { commitmentId: commitment.id, stage: 'meeting', dryRun: true });
    expect(dry.body).toMatchObject({
      dryRun: true,
      mode: 'direct',
      diff: { action: 'move_stage', before: { stage: commitment.stage }, after: { stage: 'meeting' } },
    });
    expect((await stageOf()).stage).toBe(commitment.stage);

    const args = { commitmentId: commitment.id, stage: 'meeting', reason: 'First call booked', idempotencyKey: `d-${commitment.id}` };
    const moved = await callTool(client, 'move_stage', args);
    expect(moved.isError, JSON.stringify(moved.body)).toBe(false);
    expect(moved.body).toMatchObject({
      status: 'written',
      diff: { before: { stage: commitment.stage }, after: { stage: 'meeting' } },
      record: { stage: 'meeting' },
    });
    expect(await callTool(client, 'move_stage', args)).toMatchObject({ body: moved.body });
    expect((await stageOf()).stage).toBe('meeting');

    // Money stays with people: a committedAmount is refused before any diff, dry run included.
    for (const dryRun of [true, false]) {
      const withAmount = await callTool(client, 'move_stage', { commitmentId: commitment.id, stage: 'committed', committedAmount: 500_000_00, dryRun });
      expect(withAmount).toMatchObject({ isError: true, body: { error: expect.stringContaining('committedAmount needs a person') } });
    }
    expect(await stageOf()).toMatchObject({ stage: 'meeting', committedAmount: commitment.committedAmount });

    const update = await callTool(client, 'update_record', { type: 'commitment', id: commitment.id, changes: { nextStep: 'Send the PPM' } });
    expect(update.body).toMatchObject({
      status: 'written',
      diff: { before: { nextStep: null }, after: { nextStep: 'Send the PPM' } },
      record: { nextStep: 'Send the PPM' },
    });
    const title = await callTool(client, 'update_record', { type: 'contact', id: contact.id, changes: { title: 'CIO' } });
    expect(title.body).toMatchObject({ status: 'written', record: { title: 'CIO' } });
    const disallowed = await callTool(client, 'update_record', { type: 'commitment', id: commitment.id, changes: { nextStep: 'x', expectedAmount: 1 } });
    expect(disallowed).toMatchObject({ isError: true, body: { error: expect.stringContaining('cannot change expectedAmount') } });
    const ownerChange = await callTool(client, 'update_record', { type: 'contact', id: contact.id, changes: { ownerId: commitment.id }, dryRun: true });
    expect(ownerChange).toMatchObject({ isError: true, body: { error: expect.stringContaining('cannot change ownerId') } });
    expect(await stageOf()).toMatchObject({ nextStep: 'Send the PPM', expectedAmount: commitment.expectedAmount });

    const history = await api.request('GET', `/api/activity?entityId=${commitment.id}&door=mcp`, { as: api.admin });
    expect(history.body.data.map((e: { action: string }) => e.action).sort()).toEqual(['stage_change', 'update'].sort());
    for (const entry of history.body.data) expect(entry).toMatchObject({ actorKind: 'agent', actorId: keyId, actorName: 'Direct agent', door: 'mcp' });
    const contactHistory = await api.request('GET', `/api/activity?entityId=${contact.id}&door=mcp`, { as: api.admin });
    expect(contactHistory.body.data).toEqual([expect.objectContaining({ action: 'update', actorId: keyId, door: 'mcp' })]);
  });

  it('writes directly with a direct key: log_communication, add_note, create_task, propose_merge, all logged as the agent via mcp', async () => {
    const { client, keyId } = await agentClient();
    const organization = await createOrganization(api);
    const contact = await createContact(api, { organizationId: organization.id });
    const twin = await createContact(api, { firstName: contact.firstName, lastName: `${contact.lastName}x` });
    const occurredAt = api.core.clock.now().toISOString();

    const logged = await callTool(client, 'log_communication', { kind: 'call', occurredAt, subject: 'Agent call', contactIds: [contact.id] });
    expect(logged.isError).toBe(false);
    expect(logged.body).toMatchObject({
      status: 'written',
      diff: { action: 'create', entityType: 'communication' },
      record: { subject: 'Agent call', source: 'agent' },
    });
    const note = await callTool(client, 'add_note', { entityType: 'organization', entityId: organization.id, text: 'Prefers email' });
    expect(note.body.record).toMatchObject({ kind: 'note', body: 'Prefers email' });
    const task = await callTool(client, 'create_task', { title: 'Send deck', entityType: 'contact', entityId: contact.id });
    expect(task.body.record).toMatchObject({ title: 'Send deck', entityId: contact.id, status: 'open' });
    const merge = await callTool(client, 'propose_merge', { entityType: 'contact', a: contact.id, b: twin.id, reason: 'Same phone number' });
    expect(merge.body.record).toMatchObject({ status: 'open', evidence: [{ rule: 'agent', reason: 'Same phone number' }] });
    // Never merges: both contacts are still there.
    expect((await api.request('GET', `/api/contacts/${twin.id}`, { as: api.admin })).status).toBe(200);
    const invalid = await callTool(client, 'log_communication', { kind: 'call', occurredAt: 'yesterday' });
    expect(invalid).toMatchObject({ isError: true, body: { error: expect.stringContaining('occurredAt') } });

    const written = await api.request('GET', `/api/activity?door=mcp&actorId=${keyId}&action=create`, { as: api.admin });
    expect(written.body.data.map((e: { entityType: string }) => e.entityType).sort()).toEqual(['communication', 'communication', 'task']);
    expect(written.body.data.every((e: { actorKind: string; door: string }) => e.actorKind === 'agent' && e.door === 'mcp')).toBe(true);
  });

  it('dry run answers the diff and writes nothing; an idempotency key makes a retry answer the first result', async () => {
    const { client, keyId } = await agentClient();
    const contact = await createContact(api);
    const occurredAt = api.core.clock.now().toISOString();
    const count = async () => (await api.request('GET', `/api/communications?contactId=${contact.id}`, { as: api.admin })).body.total as number;

    const dry = await callTool(client, 'log_communication', { kind: 'meeting', occurredAt, subject: 'Dry', contactIds: [contact.id], dryRun: true });
    expect(dry.body).toMatchObject({ dryRun: true, mode: 'direct', diff: { action: 'create', before: null, after: { subject: 'Dry', kind: 'meeting' } } });
    expect(await count()).toBe(0);

    const args = { kind: 'call', occurredAt, subject: 'Once', contactIds: [contact.id], idempotencyKey: `k-${contact.id}` };
    const first = await callTool(client, 'log_communication', args);
    const retry = await callTool(client, 'log_communication', args);
    expect(retry.body).toEqual(first.body);
    expect(await count()).toBe(1);
    const reused = await callTool(client, 'log_communication', { ...args, subject: 'Other' });
    expect(reused).toMatchObject({ isError: true, body: { error: expect.stringContaining('already used') } });
    expect(await count()).toBe(1);

    const outcomes = await api.request('GET', `/api/agent/calls?apiKeyId=${keyId}&tool=log_communication`, { as: api.admin });
    expect(outcomes.body.data.map((c: { outcome: string }) => c.outcome)).toEqual(['error', 'replayed', 'ok', 'dry_run']);
  });

  it('approval mode: writes become proposals; a manager approves (runs as the agent, approver named) or rejects', async () => {
    const { client, keyId } = await agentClient({ writes: 'approval', name: 'Careful agent' });
    const commitment = await createCommitment(api);
    const manager = await api.createUser(`mgr${Date.now()}`, 'manager');
    const member = await api.createUser(`mem${Date.now()}`, 'member');

    const moved = await callTool(client, 'move_stage', { commitmentId: commitment.id, stage: 'meeting', idempotencyKey: `m-${commitment.id}` });
    expect(moved.body).toMatchObject({
      status: 'pending_approval',
      diff: { action: 'move_stage', before: { stage: commitment.stage }, after: { stage: 'meeting' } },
    });
    const proposalId = moved.body.proposalId as string;
    expect(
      (await callTool(client, 'move_stage', { commitmentId: commitment.id, stage: 'meeting', idempotencyKey: `m-${commitment.id}` })).body.proposalId,
    ).toBe(proposalId);
    expect((await api.request('GET', `/api/commitments/${commitment.id}`, { as: api.admin })).body.data.stage).toBe(commitment.stage);

    const pending = await api.request('GET', `/api/agent/proposals?status=pending&apiKeyId=${keyId}`, { as: manager });
    expect(pending.status).toBe(200);
    expect(pending.body.data).toHaveLength(1);
    expect(pending.body.data[0]).toMatchObject({
      id: proposalId,
      tool: 'move_stage',
      operation: 'commitments.moveStage',
      apiKeyName: 'Careful agent',
      status: 'pending',
    });
    expect((await api.request('GET', `/api/agent/proposals/${proposalId}`, { as: manager })).body.data.diff.after).toEqual({ stage: 'meeting' });
    expect((await api.request('POST', `/api/agent/proposals/${proposalId}/approve`, { as: member })).status).toBe(403);

    const approved = await api.request('POST', `/api/agent/proposals/${proposalId}/approve`, { as: manager });
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({ status: 'approved', decidedBy: manager.id, result: { stage: 'meeting' } });
    expect((await api.request('GET', `/api/commitments/${commitment.id}`, { as: api.admin })).body.data.stage).toBe('meeting');
    expect((await api.request('POST', `/api/agent/proposals/${proposalId}/approve`, { as: manager })).status).toBe(409);
    const history = await api.request('GET', `/api/activity?entityId=${commitment.id}&door=mcp`, { as: api.admin });
    expect(history.body.data[0]).toMatchObject({ actorKind: 'agent', actorId: keyId, door: 'mcp', actorName: expect.stringContaining('approved by') });

    const update = await callTool(client, 'update_record', { type: 'commitment', id: commitment.id, changes: { nextStep: 'Send the PPM' } });
    expect(update.body).toMatchObject({ status: 'pending_approval', diff: { before: { nextStep: null }, after: { nextStep: 'Send the PPM' } } });
    const rejected = await api.request('POST', `/api/agent/proposals/${update.body.proposalId}/reject`, { as: manager, body: { reason: 'Not yet' } });
    expect(rejected.body.data).toMatchObject({ status: 'rejected', reason: 'Not yet' });
    expect((await api.request('GET', `/api/commitments/${commitment.id}`, { as: api.admin })).body.data.nextStep).toBeNull();
    const disallowed = await callTool(client, 'update_record', { type: 'commitment', id: commitment.id, changes: { committedAmount: 1 } });
    expect(disallowed).toMatchObject({ isError: true, body: { error: expect.stringContaining('cannot change committedAmount') } });
    const rejectedList = await api.request('GET', `/api/agent/proposals?status=rejected&apiKeyId=${keyId}`, { as: manager });
    expect(rejectedList.body.data.map((p: { id: string }) => p.id)).toEqual([update.body.proposalId]);
  });

  it('approval that the write path refuses writes nothing and leaves the proposal pending; a revoked key cannot be approved', async () => {
    const { client, keyId } = await agentClient({ writes: 'approval' });
    const commitment = await createCommitment(api);
    // Committed needs an amount: the proposal is stored, the write path refuses it at approval.
    const proposed = await callTool(client, 'move_stage', { commitmentId: commitment.id, stage: 'committed' });
    expect(proposed.body.status).toBe('pending_approval');
    const refused = await api.request('POST', `/api/agent/proposals/${proposed.body.proposalId}/approve`, { as: api.admin });
    expect(refused.status).toBe(400);
    expect((await api.request('GET', `/api/agent/proposals/${proposed.body.proposalId}`, { as: api.admin })).body.data).toMatchObject({
      status: 'pending',
      decidedAt: null,
      result: null,
    });
    expect((await api.request('GET', `/api/commitments/${commitment.id}`, { as: api.admin })).body.data.stage).toBe(commitment.stage);
    await api.request('DELETE', `/api/api-keys/${keyId}`, { as: api.admin });
    expect((await api.request('POST', `/api/agent/proposals/${proposed.body.proposalId}/approve`, { as: api.admin })).status).toBe(409);
    const rejected = await api.request('POST', `/api/agent/proposals/${proposed.body.proposalId}/reject`, { as: api.admin });
    expect(rejected.body.data).toMatchObject({ status: 'rejected', reason: null });
  });

  it('keeps a session to the key that opened it', async () => {
    const { client } = await agentClient();
    const other = await createApiKey(api, { role: 'agent' });
    const sessionId = (client.transport as unknown as { sessionId: string }).sessionId;
    const response = await fetch(`${baseUrl}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${other.key}`,
        'mcp-session-id': sessionId,
        'mcp-protocol-version': '2025-06-18',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list', params: {} }),
    });
    expect(response.status).toBe(404);
  });
});
