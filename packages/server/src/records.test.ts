import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommitment, createCommunication, createContact, createTask } from './testing/factories.js';
import { createTestApi, type TestApi } from './testing/harness.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe.each(testDialects())('records: edit, history, trash and impact routes on %s', (dialect) => {
  let api: TestApi;
  const get = (url: string) => api.request('GET', url, { as: api.admin });
  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  it('refuses a bad trash query with 400', async () => {
    expect((await get('/api/trash')).status).toBe(400);
    expect((await get('/api/trash?entityType=user')).status).toBe(400);
    expect((await get('/api/trash?entityType=task&limit=0')).status).toBe(400);
  });

  it('answers trash impact and history for a real record, 400 for a malformed id, 404 for an unknown one', async () => {
    const commitment = await createCommitment(api);
    const impact = await get(`/api/organizations/${commitment.organizationId}/trash-impact`);
    expect(impact.status).toBe(200);
    expect(impact.body.data).toMatchObject({ entityType: 'organization', commitments: 1 });
    expect((await get('/api/organizations/not-an-id/trash-impact')).status).toBe(400);
    expect((await get(`/api/organizations/${UNKNOWN}/trash-impact`)).status).toBe(404);
    expect((await get(`/api/contacts/${UNKNOWN}/trash-impact`)).status).toBe(404);
    expect((await get(`/api/communications/${UNKNOWN}/history`)).status).toBe(404);
    expect((await get(`/api/organizations/${commitment.organizationId}/trash-impact?extra=1`)).status).toBe(400);
  });

  it('edits a communication only with good input, and its history shows each version', async () => {
    const contact = await createContact(api);
    const note = await createCommunication(api, { contactIds: [contact.id], body: '1. one\n2. two' });
    const bad = await api.request('PATCH', `/api/communications/${note.id}`, { as: api.admin, body: { body: 'half', contactIds: [UNKNOWN] } });
    expect(bad.status).toBe(400);
    expect((await api.request('PATCH', `/api/communications/${note.id}`, { as: api.admin, body: { kind: 'fax' } })).status).toBe(400);
    expect((await get(`/api/communications/${note.id}`)).body.data.body).toBe('1. one\n2. two');
    expect((await api.request('PATCH', `/api/communications/${note.id}`, { as: api.admin, body: { body: '1. one\n2. two\n3. three' } })).status).toBe(200);
    const history = await get(`/api/communications/${note.id}/history`);
    expect(history.body.data.map((c: { action: string }) => c.action)).toEqual(['create', 'update']);
    expect(history.body.data[1]).toMatchObject({ before: { body: '1. one\n2. two' }, after: { body: '1. one\n2. two\n3. three' } });
  });

  it('trashes and restores a task and a communication, and the trash says who', async () => {
    const task = await createTask(api);
    const note = await createCommunication(api);
    expect((await api.request('DELETE', `/api/tasks/${task.id}`, { as: api.admin })).status).toBe(204);
    expect((await api.request('DELETE', `/api/communications/${note.id}`, { as: api.admin })).status).toBe(204);
    const trashedTasks = await get('/api/trash?entityType=task');
    expect(trashedTasks.body.data.find((t: { id: string }) => t.id === task.id)?.deletedByName).toBeTruthy();
    expect((await get('/api/trash?entityType=communication')).body.data.some((t: { id: string }) => t.id === note.id)).toBe(true);
    expect((await api.request('POST', `/api/tasks/${task.id}/restore`, { as: api.admin })).status).toBe(200);
    expect((await get('/api/trash?entityType=task')).body.data.some((t: { id: string }) => t.id === task.id)).toBe(false);
  });

  it('reassigns a task to a team member, refuses an unknown assignee', async () => {
    const task = await createTask(api);
    const member = await api.createUser('reassigned', 'member');
    const moved = await api.request('PATCH', `/api/tasks/${task.id}`, { as: api.admin, body: { assigneeId: member.id } });
    expect(moved.body.data.assignee).toMatchObject({ id: member.id });
    expect((await api.request('PATCH', `/api/tasks/${task.id}`, { as: api.admin, body: { assigneeId: UNKNOWN } })).status).toBe(400);
  });
});
