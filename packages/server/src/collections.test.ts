import { testDialects } from '@lpdesk/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommitment, createContact, createFund, createOrganization, inDays, moveStages } from './testing/factories.js';
import { createTestApi, type TestApi } from './testing/harness.js';

/* biome-ignore lint/suspicious/noExplicitAny: loose JSON in assertions */
type Json = any;

describe.each(testDialects())('collections on %s', (dialect) => {
  // Every test gets a fresh database and builds what it needs, so each runs alone and in any order.
  let api: TestApi;
  const post = (url: string, body: unknown) => api.request('POST', url, { as: api.admin, body });
  const get = (url: string) => api.request('GET', url, { as: api.admin });
  const patch = (url: string, body: unknown) => api.request('PATCH', url, { as: api.admin, body });
  const del = (url: string) => api.request('DELETE', url, { as: api.admin });
  const activityFor = async (entityId: string): Promise<Json[]> => (await get(`/api/activity?entityId=${entityId}&limit=50`)).body.data;

  beforeEach(async () => {
    api = await createTestApi(dialect);
  });
  afterEach(() => api.close());

  /** The investor most tests talk about: a family office and its CIO, linked as the primary contact. */
  const harborviewAndEleanor = async () => {
    const org = await createOrganization(api, { name: 'Harborview Family Office', kind: 'family_office', location: 'Boston' });
    const contact = await createContact(api, { firstName: 'Eleanor', lastName: 'Whitfield', emails: ['eleanor@harborview.example.com'], organizationId: org.id, title: 'CIO' });
    return { org, contact };
  };

  it('organizations: create, list with filters and search, patch, trash, restore — each logged', async () => {
    const created = await post('/api/organizations', { name: 'Harborview Family Office', kind: 'family_office', website: 'https://harborview.example.com', emailDomains: ['Harborview.example.com'], location: 'Boston' });
    expect(created.status).toBe(201);
    const org = created.body.data;
    expect(org).toMatchObject({ name: 'Harborview Family Office', kind: 'family_office', emailDomains: ['harborview.example.com'], relationship: 'none', deletedAt: null });
    expect(org.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    await post('/api/organizations', { name: 'Cardinal Endowment', kind: 'endowment' });
    await post('/api/organizations', { name: 'Atlantic Mutual', kind: 'insurance' });

    const all = await get('/api/organizations?sort=name');
    expect(all.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(all.body.data.map((o: Json) => o.name)).toEqual(['Atlantic Mutual', 'Cardinal Endowment', 'Harborview Family Office']);
    expect((await get('/api/organizations?sort=-name&limit=1&offset=1')).body.data[0].name).toBe('Cardinal Endowment');
    expect((await get('/api/organizations?kind=endowment')).body.data.map((o: Json) => o.name)).toEqual(['Cardinal Endowment']);
    expect((await get('/api/organizations?q=harborview.example')).body.total).toBe(1);
    expect((await get('/api/organizations?q=HARBOR')).body.total).toBe(1);

    const updated = await patch(`/api/organizations/${org.id}`, { location: 'Boston, MA', description: 'Anchor LP' });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ location: 'Boston, MA', description: 'Anchor LP', name: 'Harborview Family Office' });

    expect((await del(`/api/organizations/${org.id}`)).status).toBe(204);
    expect((await get('/api/organizations')).body.total).toBe(2);
    const trash = await get('/api/organizations?deleted=only');
    expect(trash.body.data.map((o: Json) => o.id)).toEqual([org.id]);
    expect(trash.body.data[0].deletedBy).toBeTruthy();
    expect((await patch(`/api/organizations/${org.id}`, { location: 'x' })).status).toBe(404);
    const restored = await post(`/api/organizations/${org.id}/restore`, undefined);
    expect(restored.status).toBe(200);
    expect(restored.body.data.deletedAt).toBeNull();
    expect((await get('/api/organizations')).body.total).toBe(3);

    const log = await activityFor(org.id);
    expect(log.map((e) => e.action)).toEqual(['restore', 'delete', 'update', 'create']);
    for (const entry of log) expect(entry).toMatchObject({ actorKind: 'user', entityType: 'organization', entityId: org.id, door: 'http' });
    expect(log[0].actorId).toBeTruthy();
    expect(log[2].diff).toEqual({ before: { location: 'Boston', description: null }, after: { location: 'Boston, MA', description: 'Anchor LP' } });
  });

  it('contacts: normalised unique emails, E.164 phones, organization links, filters, trash and restore', async () => {
    const org = await createOrganization(api, { name: 'Harborview Family Office', kind: 'family_office' });
    const created = await post('/api/contacts', { firstName: 'Eleanor', lastName: 'Whitfield', emails: [' Eleanor@Harborview.example.com '], phones: ['(617) 555-0142'], organizationId: org.id, title: 'CIO' });
    expect(created.status).toBe(201);
    const contact = created.body.data;
    expect(contact).toMatchObject({ fullName: 'Eleanor Whitfield', emails: ['Eleanor@Harborview.example.com'], phones: [{ number: '+16175550142', label: 'mobile', isPrimary: true }], primaryOrganization: { id: org.id, name: 'Harborview Family Office' } });
    const duplicate = await post('/api/contacts', { lastName: 'Imposter', emails: ['eleanor@harborview.EXAMPLE.com'] });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.message).toMatch(/already belongs to Eleanor Whitfield/);
    expect((await post('/api/contacts', { lastName: 'Bad', emails: [], phones: ['12'] })).status).toBe(400);
    await post('/api/contacts', { firstName: 'Tom', lastName: 'Becker', emails: ['tom@cardinal.example.edu'] });

    expect((await get(`/api/contacts?organizationId=${org.id}`)).body.data.map((c: Json) => c.id)).toEqual([contact.id]);
    expect((await get('/api/contacts?q=eleanor@harbor')).body.total).toBe(1);
    expect((await get('/api/contacts?q=harborview family')).body.total).toBe(1);
    expect((await get('/api/contacts?email=ELEANOR@harborview.example.com')).body.total).toBe(1);
    expect((await get('/api/contacts?sort=-name')).body.data.map((c: Json) => c.lastName)).toEqual(['Whitfield', 'Becker']);
    expect((await get('/api/contacts?sort=-organization')).body.data.map((c: Json) => c.lastName)).toEqual(['Whitfield', 'Becker']);

    const updated = await patch(`/api/contacts/${contact.id}`, { emails: ['eleanor@harborview.example.com', 'ew@personal.example.com'], accreditationStatus: 'verified', qualifiedPurchaser: true });
    expect(updated.body.data).toMatchObject({ emails: ['eleanor@harborview.example.com', 'ew@personal.example.com'], accreditationStatus: 'verified', qualifiedPurchaser: true });

    expect((await del(`/api/contacts/${contact.id}`)).status).toBe(204);
    expect((await get('/api/contacts')).body.total).toBe(1);
    // A trashed contact still owns its email: the conflict points at the trash.
    const clash = await post('/api/contacts', { lastName: 'Again', emails: ['ew@personal.example.com'] });
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toMatch(/in the trash/);
    expect((await post(`/api/contacts/${contact.id}/restore`, undefined)).status).toBe(200);
    expect((await activityFor(contact.id)).map((e) => e.action)).toEqual(['restore', 'delete', 'update', 'create']);
  });

  it('funds and commitments: unique investor × fund, integer money, stage history, derived relationship', async () => {
    const { org, contact } = await harborviewAndEleanor();
    const fund = await post('/api/funds', { name: 'Fund II', currency: 'USD', targetAmount: 10_000_000_000, vintage: 2026 });
    expect(fund.status).toBe(201);
    const fundId = fund.body.data.id;
    expect(fund.body.data).toMatchObject({ targetAmount: 10_000_000_000, currency: 'USD', status: 'raising' });
    expect((await post('/api/funds', { name: 'Bad', targetAmount: 100, hardCapAmount: 50 })).status).toBe(400);

    const created = await post('/api/commitments', { organizationId: org.id, fundId, stage: 'lead', expectedAmount: 500_000_000, committedAmount: 0, primaryContactId: contact.id });
    expect(created.status).toBe(201);
    const commitment = created.body.data;
    expect(commitment).toMatchObject({ stage: 'lead', currency: 'USD', expectedAmount: 500_000_000, effectiveProbability: 5, organization: { name: 'Harborview Family Office' }, fund: { name: 'Fund II' } });
    expect((await post('/api/commitments', { organizationId: org.id, fundId })).status).toBe(409);
    expect((await get(`/api/organizations/${org.id}`)).body.data.relationship).toBe('prospect');
    expect((await get('/api/contacts?relationship=prospect')).body.data.map((c: Json) => c.id)).toEqual([contact.id]);

    for (const stage of ['meeting', 'due_diligence']) {
      const moved = await post(`/api/commitments/${commitment.id}/stage`, { stage });
      expect(moved.status).toBe(200);
      expect(moved.body.data.stage).toBe(stage);
    }
    const declinedWithoutReason = await post(`/api/commitments/${commitment.id}/stage`, { stage: 'declined' });
    expect(declinedWithoutReason.status).toBe(400);
    expect(declinedWithoutReason.body.error.details.issues[0].path).toEqual(['reason']);
    // Committed and closed count the committed amount: entering them without one known is refused.
    expect((await patch(`/api/commitments/${commitment.id}`, { committedAmount: null })).status).toBe(200);
    const committedWithoutAmount = await post(`/api/commitments/${commitment.id}/stage`, { stage: 'committed' });
    expect(committedWithoutAmount.status).toBe(400);
    expect(committedWithoutAmount.body.error.details.issues[0].path).toEqual(['committedAmount']);
    expect((await patch(`/api/commitments/${commitment.id}`, { stage: 'closed' })).status).toBe(400);
    expect((await patch(`/api/commitments/${commitment.id}`, { stage: 'committed', committedAmount: 450_000_000, fundedAmount: 100_000_000 })).status).toBe(200);
    const detail = await get(`/api/commitments/${commitment.id}`);
    expect(detail.body.data.stageChanges.map((s: Json) => [s.fromStage, s.toStage])).toEqual([
      ['due_diligence', 'committed'],
      ['meeting', 'due_diligence'],
      ['lead', 'meeting'],
      [null, 'lead'],
    ]);
    expect(detail.body.data).toMatchObject({ committedAmount: 450_000_000, fundedAmount: 100_000_000 });
    expect((await get(`/api/organizations/${org.id}`)).body.data.relationship).toBe('investor');
    expect((await get('/api/organizations?relationship=investor')).body.total).toBe(1);
    expect((await get(`/api/commitments?fundId=${fundId}&stage=committed,closed`)).body.total).toBe(1);
    expect((await get('/api/commitments?stage=bogus')).status).toBe(400);

    const moves = (await activityFor(commitment.id)).filter((e) => e.action === 'stage_change');
    expect(moves).toHaveLength(3);
    expect(moves[0].diff).toMatchObject({ before: { stage: 'due_diligence' }, after: { stage: 'committed' } });

    const lp = await get(`/api/reports/lp-tracker?fundId=${fundId}`);
    expect(lp.body.data.summary).toEqual({ committedAmount: 450_000_000, fundedAmount: 100_000_000, averageCommitment: 450_000_000, lpCount: 1 });
    const toggled = await patch(`/api/commitments/${commitment.id}`, { subscriptionDocsSignedOn: '2026-11-20', k1SentTaxYears: [2025], sideLetter: true });
    expect(toggled.body.data).toMatchObject({ subscriptionDocsSignedOn: '2026-11-20', k1SentTaxYears: [2025], sideLetter: true });
  });

  it('communications: links, event time vs record time, next action becomes a task, filters', async () => {
    const { org, contact } = await harborviewAndEleanor();
    const commitment = await createCommitment(api, { organizationId: org.id, fundId: (await createFund(api, { name: 'Fund II' })).id });
    await moveStages(api, commitment.id, ['meeting', 'due_diligence', 'committed']);
    const created = await post('/api/communications', {
      kind: 'call',
      occurredAt: '2026-11-20T10:30:00-05:00',
      subject: 'Fund II allocation',
      body: 'Confirmed the allocation.',
      contactIds: [contact.id],
      organizationIds: [org.id],
      nextAction: 'Send side letter',
      nextActionDueOn: inDays(api, 3),
    });
    expect(created.status).toBe(201);
    const communication = created.body.data;
    expect(communication.occurredAt).toBe('2026-11-20T15:30:00.000Z');
    expect(communication.createdAt).not.toBe(communication.occurredAt);
    expect(communication.contacts).toEqual([{ id: contact.id, name: 'Eleanor Whitfield' }]);
    expect(communication.author.name).toBe('Ada Admin');
    const tasks = await get(`/api/tasks?entityId=${contact.id}`);
    expect(tasks.body.data).toHaveLength(1);
    expect(tasks.body.data[0]).toMatchObject({ title: 'Send side letter', dueOn: inDays(api, 3), status: 'open', communicationId: communication.id, entityName: 'Eleanor Whitfield' });
    expect(tasks.body.data[0].assignee.name).toBe('Ada Admin');
    const taskId = tasks.body.data[0].id;

    await post('/api/communications', { kind: 'note', occurredAt: '2026-10-01T09:00:00Z', subject: 'Old note', organizationIds: [org.id] });
    expect((await post('/api/communications', { kind: 'note', occurredAt: '2026-10-01T09:00:00Z' })).status).toBe(400);
    expect((await get(`/api/communications?contactId=${contact.id}`)).body.total).toBe(1);
    expect((await get(`/api/communications?organizationId=${org.id}`)).body.total).toBe(2);
    expect((await get('/api/communications?kind=note')).body.data.map((c: Json) => c.subject)).toEqual(['Old note']);
    expect((await get('/api/communications?from=2026-11-01&to=2026-11-30')).body.total).toBe(1);
    expect((await get('/api/communications?q=allocation')).body.total).toBe(1);

    const dossier = await get(`/api/contacts/${contact.id}`);
    expect(dossier.body.data.recentCommunications.map((c: Json) => c.subject)).toEqual(['Fund II allocation']);
    expect(dossier.body.data.openTasks.map((t: Json) => t.id)).toEqual([taskId]);
    expect(dossier.body.data.commitments.map((c: Json) => c.id)).toEqual([commitment.id]);
    const orgDossier = await get(`/api/organizations/${org.id}`);
    expect(orgDossier.body.data.contacts.map((c: Json) => c.id)).toEqual([contact.id]);
    expect(orgDossier.body.data.recentCommunications).toHaveLength(2);
    expect(orgDossier.body.data.stageChanges.length).toBeGreaterThanOrEqual(4);
  });

  it('tasks: mine, overdue, completion, trash', async () => {
    const org = await createOrganization(api);
    const colleague = await api.createUser('bob', 'member');
    await post('/api/tasks', { title: 'Send the deck', dueOn: inDays(api, 5) });
    await post('/api/tasks', { title: "Bob's call", assigneeId: colleague.id });
    const overdue = await post('/api/tasks', { title: 'Chase the wire', dueOn: '2020-01-01', entityType: 'organization', entityId: org.id });
    expect(overdue.status).toBe(201);
    expect((await post('/api/tasks', { title: 'Orphan', entityType: 'contact' })).status).toBe(400);
    expect((await get('/api/tasks?due=overdue')).body.data.map((t: Json) => t.title)).toEqual(['Chase the wire']);
    expect((await get('/api/tasks?assignee=me')).body.total).toBe(2);
    const done = await patch(`/api/tasks/${overdue.body.data.id}`, { status: 'done' });
    expect(done.body.data.completedAt).toBeTruthy();
    expect((await get('/api/tasks?due=overdue')).body.total).toBe(0);
    expect((await get('/api/tasks?status=done')).body.total).toBe(1);
    expect((await del(`/api/tasks/${overdue.body.data.id}`)).status).toBe(204);
    expect((await get('/api/tasks?deleted=only')).body.total).toBe(1);
    expect((await post(`/api/tasks/${overdue.body.data.id}/restore`, undefined)).status).toBe(200);
  });

  it('tags: unique names, bulk apply and remove, filter by tag', async () => {
    const org = await createOrganization(api);
    await createContact(api, { lastName: 'Whitfield' });
    await createContact(api, { lastName: 'Becker' });
    const tag = await post('/api/tags', { name: 'Anchor', color: '#9333ea' });
    expect(tag.status).toBe(201);
    expect((await post('/api/tags', { name: ' anchor ' })).status).toBe(409);
    const contacts = (await get('/api/contacts')).body.data.map((c: Json) => c.id);
    const applied = await post(`/api/tags/${tag.body.data.id}/apply`, { entityType: 'contact', entityIds: contacts });
    expect(applied.body.data).toEqual({ changed: 2 });
    expect((await get(`/api/contacts?tagId=${tag.body.data.id}`)).body.total).toBe(2);
    expect((await get(`/api/tags/${tag.body.data.id}`)).body.data.usageCount).toBe(2);
    await post(`/api/tags/${tag.body.data.id}/apply`, { entityType: 'contact', entityIds: [contacts[0]], remove: true });
    expect((await get(`/api/contacts?tagId=${tag.body.data.id}`)).body.total).toBe(1);
    const viaPatch = await patch(`/api/organizations/${org.id}`, { tagIds: [tag.body.data.id] });
    expect(viaPatch.body.data.tags).toEqual([{ id: tag.body.data.id, name: 'Anchor', color: '#9333ea' }]);
    expect((await get(`/api/organizations?tagId=${tag.body.data.id}`)).body.total).toBe(1);
    expect((await patch(`/api/organizations/${org.id}`, { tagIds: ['00000000-0000-7000-8000-000000000000'] })).status).toBe(400);
  });

  it('custom fields: typed definitions, validated values, shown on records, filterable', async () => {
    const { contact } = await harborviewAndEleanor();
    await createContact(api, { firstName: 'Tom', lastName: 'Becker' });
    const region = await post('/api/custom-fields', { entityType: 'contact', key: 'region', label: 'Region', type: 'select', options: ['Americas', 'Europe', 'Asia'] });
    expect(region.status).toBe(201);
    expect((await post('/api/custom-fields', { entityType: 'contact', key: 'region', label: 'Region again', type: 'text' })).status).toBe(409);
    expect((await post('/api/custom-fields', { entityType: 'contact', key: 'tier', label: 'Tier', type: 'select' })).status).toBe(400);
    await post('/api/custom-fields', { entityType: 'contact', key: 'check_size', label: 'Check size', type: 'money' });

    const bad = await patch(`/api/contacts/${contact.id}`, { customFields: { region: 'Mars', check_size: 12.5, nope: 'x' } });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.issues.map((i: Json) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['customFields.region', 'customFields.check_size', 'customFields.nope']));
    const good = await patch(`/api/contacts/${contact.id}`, { customFields: { region: 'Europe', check_size: 250_000_000 } });
    expect(good.status).toBe(200);
    expect(good.body.data.customFields).toEqual({ region: 'Europe', check_size: 250_000_000 });
    expect((await get('/api/contacts?customField=region:europe')).body.data.map((c: Json) => c.id)).toEqual([contact.id]);
    expect((await get('/api/contacts?customField=region:Asia')).body.total).toBe(0);
    const cleared = await patch(`/api/contacts/${contact.id}`, { customFields: { region: null } });
    expect(cleared.body.data.customFields).toEqual({ check_size: 250_000_000 });

    const required = await post('/api/custom-fields', { entityType: 'organization', key: 'aum', label: 'AUM', type: 'money', required: true });
    expect((await post('/api/organizations', { name: 'Needs AUM' })).status).toBe(400);
    expect((await post('/api/organizations', { name: 'Has AUM', customFields: { aum: 1_000_000_00 } })).status).toBe(201);
    expect((await del(`/api/custom-fields/${required.body.data.id}`)).status).toBe(204);
    expect((await post('/api/organizations', { name: 'No AUM needed now' })).status).toBe(201);
  });

  it('dashboard: KPIs and stage totals for the fund being raised', async () => {
    const { org, contact } = await harborviewAndEleanor();
    await createFund(api, { name: 'Fund I', vintage: 2021, status: 'closed' });
    const fund = await createFund(api, { name: 'Fund II', vintage: 2026 });
    await createOrganization(api, { name: 'Cardinal Endowment', kind: 'endowment' });
    const commitment = await createCommitment(api, { organizationId: org.id, fundId: fund.id, expectedAmount: 500_000_000, primaryContactId: contact.id });
    await moveStages(api, commitment.id, ['meeting', 'due_diligence']);
    expect((await patch(`/api/commitments/${commitment.id}`, { stage: 'committed', committedAmount: 450_000_000, fundedAmount: 100_000_000 })).status).toBe(200);
    await post('/api/communications', { kind: 'call', occurredAt: api.core.clock.now().toISOString(), subject: 'Fund II allocation', contactIds: [contact.id] });

    const dashboard = await get('/api/reports/dashboard');
    expect(dashboard.status).toBe(200);
    const data = dashboard.body.data;
    expect(data.fund.id).toBe(fund.id);
    expect(data.kpis).toMatchObject({ lpCount: 1, committedAmount: 450_000_000, fundedAmount: 100_000_000, activeOpportunities: 0 });
    expect(data.stages.find((s: Json) => s.stage === 'committed')).toEqual({ stage: 'committed', count: 1, amount: 450_000_000 });
    expect(data.recentStageChanges[0]).toMatchObject({ toStage: 'committed', organizationName: 'Harborview Family Office', actorName: 'Ada Admin' });
    expect(data.recentCommunications.length).toBeGreaterThan(0);
  });
});
