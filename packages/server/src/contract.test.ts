import { ErrorBody } from '@lpdesk/contracts';
import { enqueueJob, invoke, operations } from '@lpdesk/core';
import { testActor, testDialects } from '@lpdesk/core/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteSpec } from './http/route.js';
import { apiRoutes } from './routes/index.js';
import { createEmailFixture } from './testing/email-fixture.js';
import { uploadCsv } from './testing/multipart.js';
import { createRelationshipFixture } from './testing/relationship-fixture.js';
import { createApiKey, createCommitment, createCommunication, createContact, createCustomField, createFund, createOrganization, createTag, inDays } from './testing/factories.js';
import { createTestApi, type TestApi, type TestResponse } from './testing/harness.js';

/*
 * The contract between presenters and the schemas in contracts: every route is called against a
 * seeded database and its body checked against the response schema the route declares (the same
 * one the OpenAPI document shows). Production code never parses its output; this test is what
 * keeps a presenter from drifting from its schema.
 */

/* biome-ignore lint/suspicious/noExplicitAny: loose JSON */
type Json = any;

let sequence = 0;
const unique = () => {
  sequence += 1;
  return sequence;
};

/** How to create and edit a record of each collection, with as many fields filled in as is useful. */
const COLLECTIONS: Record<string, { create(api: TestApi): Promise<Json>; update: Json }> = {
  '/api/organizations': {
    create: async (api) => ({
      name: `Contract Pension ${unique()}`,
      kind: 'pension',
      website: 'https://pension.example.com',
      emailDomains: [`pension${unique()}.example.com`],
      ownerId: await adminId(api),
      tagIds: [(await createTag(api)).id],
    }),
    update: { location: 'Oslo', description: 'Nordic pension' },
  },
  '/api/contacts': {
    create: async (api) => ({
      firstName: 'Ingrid',
      lastName: `Contract ${unique()}`,
      emails: [`ingrid${unique()}@pension.example.com`],
      phones: ['+47 22 33 44 55', { number: '(617) 555-0100', label: 'work' }],
      organizationId: (await createOrganization(api)).id,
      preferredChannel: 'video',
      accreditationStatus: 'verified',
      accreditationMethod: 'entity',
      accreditationVerifiedOn: '2025-06-01',
      qualifiedPurchaser: true,
    }),
    update: { title: 'CIO', linkedinUrl: 'https://www.linkedin.com/in/ingrid' },
  },
  '/api/funds': {
    create: async () => ({ name: `Contract Fund ${unique()}`, vintage: 2027, targetAmount: 5_000_000_000, hardCapAmount: 6_000_000_000, exemption: '506c', firstCloseOn: '2027-03-01' }),
    update: { status: 'planning', description: 'Next vintage' },
  },
  '/api/commitments': {
    create: async (api) => {
      const organization = await createOrganization(api);
      const contact = await createContact(api, { organizationId: organization.id });
      return {
        organizationId: organization.id,
        fundId: (await createFund(api)).id,
        stage: 'soft_circle',
        expectedAmount: 250_000_000,
        probability: 55,
        priority: 'high',
        primaryContactId: contact.id,
        expectedCloseOn: inDays(api, 30),
        k1SentTaxYears: [2025],
        sideLetter: true,
      };
    },
    update: { nextStep: 'Send the side letter', fundedAmount: 100_000_000 },
  },
  '/api/communications': {
    create: async (api) => {
      const organization = await createOrganization(api);
      const contact = await createContact(api, { organizationId: organization.id });
      return {
        kind: 'meeting',
        occurredAt: api.core.clock.now().toISOString(),
        subject: 'Annual meeting',
        durationMinutes: 45,
        contactIds: [contact.id],
        organizationIds: [organization.id],
        userIds: [await adminId(api)],
        nextAction: 'Send minutes',
        nextActionDueOn: inDays(api, 2),
      };
    },
    update: { outcome: 'Positive' },
  },
  '/api/tasks': {
    create: async (api) => ({ title: `Contract task ${unique()}`, dueOn: inDays(api, 4), entityType: 'organization', entityId: (await createOrganization(api)).id }),
    update: { status: 'done' },
  },
  '/api/tags': {
    create: async () => ({ name: `Contract tag ${unique()}`, color: '#0f766e' }),
    update: { color: '#b45309' },
  },
  '/api/views': {
    create: async () => ({ name: `Contract view ${unique()}`, screen: 'contacts', shared: true, state: { query: { tab: 'investors' }, sort: [{ field: 'name', direction: 'asc' }], columns: [{ field: 'name', width: 200 }] } }),
    update: { name: 'Contract view (renamed)', shared: false },
  },
  '/api/custom-fields': {
    create: async () => ({ entityType: 'commitment', key: `contract_${unique()}`, label: 'Contract', type: 'multi_select', options: ['a', 'b'] }),
    update: { label: 'Contract field', required: false },
  },
  '/api/automations': {
    create: async () => ({ name: `Contract rule ${unique()}`, trigger: { type: 'created', entityType: 'organization' }, actions: [{ type: 'add_tag', tag: 'contract' }] }),
    update: { description: 'Changed by the contract test' },
  },
};

/** An enabled rule that has run once (and is disabled again, out of the other probes' way). */
async function ranAutomation(api: TestApi): Promise<string> {
  const created = await api.request('POST', '/api/automations', {
    as: api.admin,
    body: { name: `Contract run ${unique()}`, enabled: true, trigger: { type: 'created', entityType: 'organization' }, actions: [{ type: 'add_tag', tag: 'contract-run' }] },
  });
  await createOrganization(api);
  await api.core.dispatcher.drain();
  await api.request('PATCH', `/api/automations/${created.body.data.id}`, { as: api.admin, body: { enabled: false } });
  return created.body.data.id;
}

async function adminId(api: TestApi): Promise<string> {
  return (await api.request('GET', '/api/auth/me', { as: api.admin })).body.data.user.id;
}

async function seededFundId(api: TestApi): Promise<string> {
  const funds = await api.request('GET', '/api/funds?q=Fund%20II', { as: api.admin });
  const fund = funds.body.data.find((row: Json) => row.name === 'Fund II');
  if (!fund) throw new Error('the demo seed should have Fund II');
  return fund.id;
}

async function createIn(api: TestApi, collection: string): Promise<string> {
  const spec = COLLECTIONS[collection];
  if (!spec) throw new Error(`no create probe for ${collection}`);
  const response = await api.request('POST', collection, { as: api.admin, body: await spec.create(api) });
  if (response.status !== 201) throw new Error(`POST ${collection} → ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.data.id;
}

type Probe = (api: TestApi, dialect: string) => Promise<TestResponse[]>;

/** A member someone else gave a task and mentioned in its notes: two notifications in their bell. */
async function notifiedMember(api: TestApi) {
  const member = await api.createUser(`notified${unique()}`, 'member');
  const username = (await api.request('GET', '/api/auth/me', { as: member })).body.data.user.username;
  await api.request('POST', '/api/tasks', { as: api.admin, body: { title: 'Send the deck', assigneeId: member.id, notes: `@${username} by Friday` } });
  await api.core.dispatcher.drain();
  return member;
}

/** Routes whose call needs more than a list id or a collection body. */
/** A fresh merge of two new records of one kind (identity merges probes). */
async function freshMerge(api: TestApi, entityType: 'contact' | 'organization'): Promise<Json> {
  const [a, b] = entityType === 'contact' ? [await createContact(api), await createContact(api, { title: 'Partner' })] : [await createOrganization(api), await createOrganization(api, { website: 'https://merge.example.com' })];
  const response = await api.request('POST', '/api/identity/merges', { as: api.admin, body: { entityType, survivorId: a.id, mergedId: b.id, fields: {} } });
  return response.body.data;
}

const PROBE_CSV = 'Name,Email,Company,Tags\nProbe Person,probe@import.example,Probe Capital,"Tier 1, New"\nSecond Probe,,Probe Capital,\nBad Row,not-an-email,,\n';
const PROBE_RUN = { entity: 'contacts', mapping: { Name: 'fullName', Email: 'email', Company: 'organization', Tags: 'tags' }, options: { onDuplicate: 'update' } };

/** A fresh uploaded import (run when asked), unique emails each time so every run creates something. */
async function probeImport(api: TestApi, run = false): Promise<string> {
  const n = unique();
  const uploaded = await uploadCsv(api, api.admin, PROBE_CSV.replaceAll('probe@import.example', `probe${n}@import.example`).replaceAll('Probe Person', `Probe Person ${n}`));
  const id = uploaded.body.data.id as string;
  if (run) await api.request('POST', `/api/imports/${id}/run`, { as: api.admin, body: PROBE_RUN });
  return id;
}

// Backups need a database file or a PostgreSQL server (PGlite has no pg_dump) and a directory: their probes use an API of their own.
const backupApis = new Map<string, Promise<TestApi>>();
const backupDirectories: string[] = [];
function backupApi(dialect: string): Promise<TestApi> {
  let api = backupApis.get(dialect);
  if (!api) {
    const directory = mkdtempSync(join(tmpdir(), 'lpdesk-contract-backups-'));
    backupDirectories.push(directory);
    api = createTestApi(dialect === 'postgres' ? 'postgres' : 'sqlite', { settings: { backups: { directory } } });
    backupApis.set(dialect, api);
  }
  return api;
}
afterAll(async () => {
  for (const api of backupApis.values()) await (await api).close();
  for (const directory of backupDirectories) rmSync(directory, { recursive: true, force: true });
});
async function backupIn(dialect: string): Promise<{ api: TestApi; id: string }> {
  const api = await backupApi(dialect);
  const created = await api.request('POST', '/api/backups', { as: api.admin });
  return { api, id: created.body.data.id };
}

const PROBES: Record<string, Probe> = {
  'POST /api/backups': async (_api, dialect) => {
    const api = await backupApi(dialect);
    return [await api.request('POST', '/api/backups', { as: api.admin })];
  },
  'GET /api/backups': async (_api, dialect) => {
    const { api } = await backupIn(dialect);
    return [await api.request('GET', '/api/backups', { as: api.admin })];
  },
  'POST /api/backups/prune': async (_api, dialect) => {
    const { api } = await backupIn(dialect);
    return [await api.request('POST', '/api/backups/prune', { as: api.admin })];
  },
  'GET /api/backups/:id': async (_api, dialect) => {
    const { api, id } = await backupIn(dialect);
    return [await api.request('GET', `/api/backups/${id}`, { as: api.admin })];
  },
  'POST /api/backups/:id/verify': async (_api, dialect) => {
    const { api, id } = await backupIn(dialect);
    return [await api.request('POST', `/api/backups/${id}/verify`, { as: api.admin })];
  },
  'GET /api/backups/:id/preview': async (_api, dialect) => {
    const { api, id } = await backupIn(dialect);
    return [await api.request('GET', `/api/backups/${id}/preview`, { as: api.admin })];
  },
  'POST /api/backups/:id/restore': async (_api, dialect) => {
    const { api, id } = await backupIn(dialect);
    return [await api.request('POST', `/api/backups/${id}/restore`, { as: api.admin, body: { confirm: true } })];
  },
  'GET /api/backup-settings': async (_api, dialect) => {
    const api = await backupApi(dialect);
    return [await api.request('GET', '/api/backup-settings', { as: api.admin })];
  },
  'PATCH /api/backup-settings': async (_api, dialect) => {
    const api = await backupApi(dialect);
    return [await api.request('PATCH', '/api/backup-settings', { as: api.admin, body: { time: '03:15', keepDaily: 5 } })];
  },
  'POST /api/imports': async (api) => [await uploadCsv(api, api.admin, PROBE_CSV, { entity: 'contacts' }), await uploadCsv(api, api.admin, PROBE_CSV)],
  'GET /api/imports': async (api) => {
    await probeImport(api);
    return [await api.request('GET', '/api/imports', { as: api.admin })];
  },
  'GET /api/imports/fields': async (api) => [await api.request('GET', '/api/imports/fields?entity=contacts', { as: api.admin }), await api.request('GET', '/api/imports/fields?entity=commitments', { as: api.admin })],
  'GET /api/imports/:id': async (api) => [await api.request('GET', `/api/imports/${await probeImport(api)}`, { as: api.admin }), await api.request('GET', `/api/imports/${await probeImport(api, true)}`, { as: api.admin })],
  'GET /api/imports/:id/report': async (api) => [await api.request('GET', `/api/imports/${await probeImport(api, true)}/report`, { as: api.admin })],
  'POST /api/imports/:id/dry-run': async (api) => {
    const id = await probeImport(api);
    return [await api.request('POST', `/api/imports/${id}/dry-run`, { as: api.admin, body: PROBE_RUN })];
  },
  'POST /api/imports/:id/run': async (api) => [await api.request('POST', `/api/imports/${await probeImport(api)}/run`, { as: api.admin, body: PROBE_RUN })],
  'POST /api/imports/:id/undo': async (api) => [await api.request('POST', `/api/imports/${await probeImport(api, true)}/undo`, { as: api.admin })],
  'POST /api/identity/merges': async (api) => {
    const [a, b] = [await createOrganization(api), await createOrganization(api, { description: 'Duplicate' })];
    return [await api.request('POST', '/api/identity/merges', { as: api.admin, body: { entityType: 'organization', survivorId: a.id, mergedId: b.id, fields: { name: 'merged' } } })];
  },
  'POST /api/identity/merges/:id/undo': async (api) => [await api.request('POST', `/api/identity/merges/${(await freshMerge(api, 'contact')).id}/undo`, { as: api.admin })],
  'GET /api/identity/merges': async (api) => {
    const merge = await freshMerge(api, 'organization');
    return [await api.request('GET', '/api/identity/merges', { as: api.admin }), await api.request('GET', `/api/identity/merges?entityId=${merge.survivor.entityId}&includeUndone=true`, { as: api.admin })];
  },
  'GET /api/identity/merges/:id': async (api) => [await api.request('GET', `/api/identity/merges/${(await freshMerge(api, 'contact')).id}`, { as: api.admin })],
  'GET /api/identity/compare': async (api) => {
    const [organization] = (await api.request('GET', '/api/organizations?limit=2', { as: api.admin })).body.data;
    const [a, b] = [await createContact(api), await createContact(api, { title: 'CIO' })];
    return [
      await api.request('GET', `/api/identity/compare?a=${a.id}&b=${b.id}`, { as: api.admin }),
      await api.request('GET', `/api/identity/compare?a=${organization.id}&b=${(await createOrganization(api)).id}`, { as: api.admin }),
    ];
  },
  'POST /api/setup': async (_api, dialect) => {
    const fresh = await createTestApi(dialect as never, { setup: false });
    try {
      return [await fresh.request('POST', '/api/setup', { body: { username: 'first', password: 'a long enough password', fullName: 'First Admin' } })];
    } finally {
      await fresh.close();
    }
  },
  'POST /api/auth/login': async (api) => {
    const username = `login${unique()}`;
    await api.createUser(username, 'member', 'a long enough password');
    return [await api.request('POST', '/api/auth/login', { body: { username, password: 'a long enough password' } })];
  },
  'POST /api/auth/logout': async (api) => {
    const user = await api.createUser(`logout${unique()}`, 'member');
    return [await api.request('POST', '/api/auth/logout', { as: user })];
  },
  'GET /api/auth/me': async (api) => {
    const key = await createApiKey(api, { role: 'agent' });
    return [await api.request('GET', '/api/auth/me', { as: api.admin }), await api.request('GET', '/api/auth/me', { as: { apiKey: key.key } })];
  },
  'PATCH /api/auth/me': async (api) => {
    const user = await api.createUser(`profile${unique()}`, 'member');
    return [await api.request('PATCH', '/api/auth/me', { as: user, body: { fullName: 'Pat Profile', email: 'pat@fund.example.com' } })];
  },
  'POST /api/auth/password': async (api) => {
    const username = `password${unique()}`;
    const user = await api.createUser(username, 'member');
    return [await api.request('POST', '/api/auth/password', { as: user, body: { currentPassword: `${username}-password-123`, newPassword: 'a brand new password' } })];
  },
  'POST /api/users': async (api) => [await api.request('POST', '/api/users', { as: api.admin, body: { username: `new${unique()}`, password: 'a long enough password', role: 'manager', email: 'new@fund.example.com' } })],
  'PATCH /api/users/:id': async (api) => {
    const user = await api.createUser(`patched${unique()}`, 'member');
    return [await api.request('PATCH', `/api/users/${user.id}`, { as: api.admin, body: { role: 'manager', fullName: 'Promoted' } })];
  },
  'POST /api/users/:id/password': async (api) => {
    const user = await api.createUser(`reset${unique()}`, 'member');
    return [await api.request('POST', `/api/users/${user.id}/password`, { as: api.admin, body: { password: 'a reset long password' } })];
  },
  'POST /api/api-keys': async (api) => [await api.request('POST', '/api/api-keys', { as: api.admin, body: { name: 'Zapier', role: 'member' } })],
  'DELETE /api/api-keys/:id': async (api) => {
    const key = await createApiKey(api);
    return [await api.request('DELETE', `/api/api-keys/${key.id}`, { as: api.admin })];
  },
  'POST /api/commitments/:id/stage': async (api) => {
    const commitment = await createCommitment(api);
    return [
      await api.request('POST', `/api/commitments/${commitment.id}/stage`, { as: api.admin, body: { stage: 'meeting' } }),
      await api.request('POST', `/api/commitments/${commitment.id}/stage`, { as: api.admin, body: { stage: 'declined', reason: 'No allocation this year' } }),
    ];
  },
  // Other probes create funds; name the seeded fund so the reports have LPs, stages and history to show.
  'GET /api/reports/dashboard': async (api) => {
    const fundId = await seededFundId(api);
    return [await api.request('GET', `/api/reports/dashboard?fundId=${fundId}`, { as: api.admin }), await api.request('GET', '/api/reports/dashboard', { as: api.admin })];
  },
  'GET /api/reports/lp-tracker': async (api) => {
    const fundId = await seededFundId(api);
    const tracker = await api.request('GET', `/api/reports/lp-tracker?fundId=${fundId}`, { as: api.admin });
    expect(tracker.body.data.rows.length).toBeGreaterThan(0);
    return [tracker, await api.request('GET', '/api/reports/lp-tracker', { as: api.admin })];
  },
  'GET /api/jobs': async (api) => {
    await deadJob(api);
    return [await api.request('GET', '/api/jobs', { as: api.admin }), await api.request('GET', '/api/jobs?status=dead', { as: api.admin })];
  },
  'POST /api/jobs/:id/retry': async (api) => {
    const job = await deadJob(api);
    return [await api.request('POST', `/api/jobs/${job.id}/retry`, { as: api.admin })];
  },
  'GET /api/job-schedules': async (api) => {
    await api.core.jobs.schedule({ name: `contract.schedule.${unique()}`, kind: 'maintenance.optimize', cron: '15 3 * * *' });
    const response = await api.request('GET', '/api/job-schedules', { as: api.admin });
    expect(response.body.data.length).toBeGreaterThan(0);
    return [response];
  },
  'GET /api/subscriptions': async (api) => {
    await api.core.dispatcher.subscribe({ name: `contract.probe.${unique()}`, handle: () => {} });
    await api.core.dispatcher.drain();
    const response = await api.request('GET', '/api/subscriptions', { as: api.admin });
    expect(response.body.data.length).toBeGreaterThan(0);
    return [response];
  },
  'GET /api/search/records': async (api) => {
    // The seed's names, one of them misspelled: prefix, name and typo matches in one answer.
    const response = await api.request('GET', '/api/search/records?q=fund&limit=20', { as: api.admin });
    expect(response.body.data.length).toBeGreaterThan(0);
    return [response, await api.request('GET', '/api/search/records?q=atlantc', { as: api.admin })];
  },
  'GET /api/notifications': async (api) => {
    const member = await notifiedMember(api);
    const response = await api.request('GET', '/api/notifications', { as: member });
    expect(response.body.data.length).toBe(2);
    return [response, await api.request('GET', '/api/notifications?unread=true&limit=1', { as: member })];
  },
  'GET /api/notifications/unread-count': async (api) => [await api.request('GET', '/api/notifications/unread-count', { as: await notifiedMember(api) })],
  'POST /api/notifications/read-all': async (api) => [await api.request('POST', '/api/notifications/read-all', { as: await notifiedMember(api) })],
  'POST /api/notifications/:id/read': async (api) => {
    const member = await notifiedMember(api);
    const [newest] = (await api.request('GET', '/api/notifications', { as: member })).body.data;
    return [await api.request('POST', `/api/notifications/${newest.id}/read`, { as: member })];
  },
  'GET /api/notifications/preferences': async (api) => [await api.request('GET', '/api/notifications/preferences', { as: api.admin })],
  'PATCH /api/notifications/preferences': async (api) => [await api.request('PATCH', '/api/notifications/preferences', { as: await api.createUser(`digest${unique()}`, 'member'), body: { emailDigest: false } })],
  'GET /api/automations/:id': async (api) => {
    const { data } = (await api.request('GET', '/api/automations', { as: api.admin })).body;
    return Promise.all(data.map((rule: Json) => api.request('GET', `/api/automations/${rule.id}`, { as: api.admin })));
  },
  'GET /api/automations/:id/runs': async (api) => {
    const response = await api.request('GET', `/api/automations/${await ranAutomation(api)}/runs`, { as: api.admin });
    expect(response.body.data.length).toBe(1);
    return [response];
  },
  'POST /api/automations/:id/dry-run': async (api) => [await api.request('POST', `/api/automations/${await ranAutomation(api)}/dry-run`, { as: api.admin })],
  'POST /api/automations/:id/run': async (api) => {
    const created = await api.request('POST', '/api/automations', {
      as: api.admin,
      body: { name: `Contract run now ${unique()}`, trigger: { type: 'schedule', entityType: 'organization', cron: '0 8 * * *' }, condition: { match: 'all', conditions: [{ field: 'name', op: 'eq', value: 'nobody has this name' }] }, actions: [{ type: 'add_tag', tag: 'x' }] },
    });
    return [await api.request('POST', `/api/automations/${created.body.data.id}/run`, { as: api.admin })];
  },
  'POST /api/batch': async (api) => {
    const commitment = await createCommitment(api);
    const organization = await createOrganization(api);
    return [
      await api.request('POST', '/api/batch', {
        as: api.admin,
        body: {
          changes: [
            { entityType: 'commitment', entityId: commitment.id, field: 'nextStep', value: 'Send the deck', expected: commitment.nextStep },
            { entityType: 'organization', entityId: organization.id, field: 'location', value: 'Boston' },
          ],
        },
      }),
    ];
  },
  // The fundraising grid and the notes log (issue 10).
  'GET /api/grid/cell-history': async (api) => {
    const organization = await createOrganization(api);
    await api.request('POST', '/api/batch', { as: api.admin, body: { changes: [{ entityType: 'organization', entityId: organization.id, field: 'location', value: 'Boston', expected: organization.location }] } });
    const response = await api.request('GET', `/api/grid/cell-history?organizationId=${organization.id}&field=location`, { as: api.admin });
    expect(response.body.data[0].after).toBe('Boston');
    return [response];
  },
  'POST /api/grid/export': async (api) => [
    await api.request('POST', '/api/grid/export', { as: api.admin, body: { state: { sort: [{ field: 'name', direction: 'desc' }], columns: [{ field: 'kind', hidden: true }] } } }),
  ],
  'GET /api/organizations/:id/notes-log': async (api) => {
    const organization = await createOrganization(api);
    await api.request('POST', `/api/organizations/${organization.id}/notes-log`, { as: api.admin, body: { body: 'Called, left a message' } });
    return [await api.request('GET', `/api/organizations/${organization.id}/notes-log`, { as: api.admin })];
  },
  'POST /api/organizations/:id/notes-log': async (api) => {
    const organization = await createOrganization(api);
    return [await api.request('POST', `/api/organizations/${organization.id}/notes-log`, { as: api.admin, body: { body: 'Sent the deck', notedOn: '2026-01-05' } })];
  },
  // Trash list, trash impact and communication history (records helper, issue 9).
  'GET /api/trash': async (api) => {
    const organization = await createOrganization(api);
    await api.request('DELETE', `/api/organizations/${organization.id}`, { as: api.admin });
    const response = await api.request('GET', '/api/trash?entityType=organization', { as: api.admin });
    expect(response.body.data.length).toBeGreaterThan(0);
    return [response, await api.request('GET', '/api/trash?entityType=task', { as: api.admin })];
  },
  'GET /api/organizations/:id/trash-impact': async (api) => {
    const commitment = await createCommitment(api);
    return [await api.request('GET', `/api/organizations/${commitment.organizationId}/trash-impact`, { as: api.admin })];
  },
  'GET /api/exports/dump': async (api) => {
    const dump = await api.request('GET', '/api/exports/dump', { as: api.admin });
    expect(dump.body.tables.organizations.count).toBeGreaterThan(0);
    expect(dump.body.tables.sessions).toBeUndefined();
    return [dump];
  },
  'GET /api/contacts/:id/vcard': async (api) => {
    const contact = await createContact(api);
    const card = await api.request('GET', `/api/contacts/${contact.id}/vcard`, { as: api.admin });
    expect(card.body).toMatch(/^BEGIN:VCARD\r\nVERSION:3\.0\r\n/);
    expect((await api.request('GET', '/api/contacts/not-an-id/vcard', { as: api.admin })).status).toBe(400);
    expect((await api.request('GET', '/api/contacts/01900000-0000-7000-8000-000000000000/vcard', { as: api.admin })).status).toBe(404);
    return [card];
  },
  'GET /api/contacts/:id/trash-impact': async (api) => {
    const contact = await createContact(api);
    return [await api.request('GET', `/api/contacts/${contact.id}/trash-impact`, { as: api.admin })];
  },
  'GET /api/communications/:id/history': async (api) => {
    const communication = await createCommunication(api);
    await api.request('PATCH', `/api/communications/${communication.id}`, { as: api.admin, body: { body: 'Edited' } });
    return [await api.request('GET', `/api/communications/${communication.id}/history`, { as: api.admin })];
  },
  'POST /api/batches': async (api) => {
    const tag = await createTag(api);
    const organization = await createOrganization(api);
    return [await api.request('POST', '/api/batches', { as: api.admin, body: { collection: 'organizations', selection: { ids: [organization.id] }, action: { kind: 'addTag', tagId: tag.id } } })];
  },
  'POST /api/batches/:id/undo': async (api) => {
    const organization = await createOrganization(api);
    const batch = await api.request('POST', '/api/batches', { as: api.admin, body: { collection: 'organizations', selection: { ids: [organization.id] }, action: { kind: 'trash' } } });
    return [await api.request('POST', `/api/batches/${batch.body.data.id}/undo`, { as: api.admin })];
  },
  // Saved views (issue 10): the list answers the caller's views, so make one first; GET by id and the
  // export take a view the admin can see.
  'GET /api/views': async (api) => {
    await createIn(api, '/api/views');
    return [await api.request('GET', '/api/views', { as: api.admin }), await api.request('GET', '/api/views?screen=contacts', { as: api.admin })];
  },
  'GET /api/views/:id': async (api) => [await api.request('GET', `/api/views/${await createIn(api, '/api/views')}`, { as: api.admin })],
  'GET /api/views/:id/export': async (api) => {
    const id = await createIn(api, '/api/views');
    return [await api.request('GET', `/api/views/${id}/export`, { as: api.admin }), await api.request('GET', `/api/views/${id}/export?format=xlsx`, { as: api.admin })];
  },
  // Identity (issue 11): records resolve into contacts; a suggestion row stands in for a near miss.
  'POST /api/identity/records': async (api) => [await postIdentityRecord(api)],
  'GET /api/identity/records': async (api) => {
    await postIdentityRecord(api);
    return [await api.request('GET', '/api/identity/records?source=csv&limit=5', { as: api.admin })];
  },
  'POST /api/identity/scan': async (api) => [await api.request('POST', '/api/identity/scan', { as: api.admin })],
  'GET /api/identity/entities/:id/how': async (api) => {
    const posted = await postIdentityRecord(api);
    return [await api.request('GET', `/api/identity/entities/${posted.body.data[0].entityId}/how`, { as: api.admin })];
  },
  'GET /api/identity/why': async (api) => {
    const [a, b] = [await postIdentityRecord(api), await postIdentityRecord(api)];
    return [await api.request('GET', `/api/identity/why?a=${a.body.data[0].entityId}&b=${b.body.data[0].entityId}`, { as: api.admin })];
  },
  'GET /api/identity/suggestions': async (api) => {
    await identitySuggestion(api);
    return [await api.request('GET', '/api/identity/suggestions', { as: api.admin })];
  },
  'POST /api/identity/suggestions/:id/reject': async (api) => [await api.request('POST', `/api/identity/suggestions/${await identitySuggestion(api)}/reject`, { as: api.admin })],
  'POST /api/identity/candidates': async (api) => {
    const posted = await postIdentityRecord(api);
    const email = posted.request.email;
    return [await api.request('POST', '/api/identity/candidates', { as: api.admin, body: { kind: 'person', lastName: 'Probe', emails: [email] } })];
  },
  'POST /api/tags/:id/apply': async (api) => {
    const tag = await createTag(api);
    const organization = await createOrganization(api);
    return [await api.request('POST', `/api/tags/${tag.id}/apply`, { as: api.admin, body: { entityType: 'organization', entityIds: [organization.id] } })];
  },
  'GET /api/contacts/:id/relationships': async (api) => [await api.request('GET', `/api/contacts/${(await createRelationshipFixture(api)).contactId}/relationships`, { as: api.admin })],
  'GET /api/organizations/:id/relationships': async (api) => [await api.request('GET', `/api/organizations/${(await createRelationshipFixture(api)).organizationId}/relationships`, { as: api.admin })],
  'PATCH /api/contacts/:id/organizations/:organizationId': async (api) => {
    const { contactId, organizationId } = await createRelationshipFixture(api);
    return [await api.request('PATCH', `/api/contacts/${contactId}/organizations/${organizationId}`, { as: api.admin, body: { title: 'Partner', startedOn: '2020-01-01' } })];
  },
  'POST /api/contacts/:id/introductions': async (api) => {
    const { contactId, userId } = await createRelationshipFixture(api);
    return [await api.request('POST', `/api/contacts/${contactId}/introductions`, { as: api.admin, body: { introducedById: userId, note: 'At the AGM' } })];
  },
  'DELETE /api/contacts/:id/introductions/:introducedById': async (api) => {
    const { contactId, friendId } = await createRelationshipFixture(api);
    return [await api.request('DELETE', `/api/contacts/${contactId}/introductions/${friendId}`, { as: api.admin })];
  },
  'GET /api/relationships/intro-path': async (api) => {
    const { organizationId, userId } = await createRelationshipFixture(api);
    const response = await api.request('GET', `/api/relationships/intro-path?to=${organizationId}&from=${userId}`, { as: api.admin });
    expect(response.body.data.paths.length).toBeGreaterThan(0);
    return [response];
  },
  'POST /api/relationships/rebuild': async (api) => [await api.request('POST', '/api/relationships/rebuild', { as: api.admin })],
  // Captured email (issue 12): rows as the pipeline leaves them, linked and unlinked.
  'GET /api/email/messages': async (api) => {
    const email = await createEmailFixture(api);
    const responses = [
      await api.request('GET', '/api/email/messages', { as: api.admin }),
      await api.request('GET', `/api/email/messages?entityId=${email.contact.id}&q=subscription`, { as: api.admin }),
      await api.request('GET', `/api/email/messages?mailboxId=${email.mailboxId}&linked=unlinked`, { as: api.admin }),
    ];
    for (const response of responses) expect(response.body.data.length).toBeGreaterThan(0);
    return responses;
  },
  'GET /api/email/messages/:id': async (api) => {
    const email = await createEmailFixture(api);
    return Promise.all([email.inbound.id, email.reply.id, email.personal.id].map((id) => api.request('GET', `/api/email/messages/${id}`, { as: api.admin })));
  },
  'GET /api/email/threads': async (api) => {
    const email = await createEmailFixture(api);
    const responses = [await api.request('GET', '/api/email/threads', { as: api.admin }), await api.request('GET', `/api/email/threads?entityId=${email.organization.id}`, { as: api.admin })];
    for (const response of responses) expect(response.body.data.length).toBeGreaterThan(0);
    return responses;
  },
  'GET /api/email/threads/:id': async (api) => {
    const email = await createEmailFixture(api);
    return Promise.all([email.inbound.threadId, email.personal.threadId].map((id) => api.request('GET', `/api/email/threads/${id}`, { as: api.admin })));
  },
  'POST /api/email/threads/:id/links': async (api) => {
    const email = await createEmailFixture(api);
    return [await api.request('POST', `/api/email/threads/${email.personal.threadId}/links`, { as: api.admin, body: { entityType: 'contact', entityId: email.contact.id } })];
  },
  'DELETE /api/email/threads/:id/links/:entityType/:entityId': async (api) => {
    const email = await createEmailFixture(api);
    return [await api.request('DELETE', `/api/email/threads/${email.inbound.threadId}/links/organization/${email.organization.id}`, { as: api.admin })];
  },
  'GET /api/email/capture-blocks/:entityType/:entityId': async (api) => {
    const email = await createEmailFixture(api);
    await api.request('PUT', `/api/email/capture-blocks/organization/${email.organization.id}`, { as: api.admin });
    return [
      await api.request('GET', `/api/email/capture-blocks/contact/${email.contact.id}`, { as: api.admin }),
      await api.request('GET', `/api/email/capture-blocks/organization/${email.organization.id}`, { as: api.admin }),
    ];
  },
  'PUT /api/email/capture-blocks/:entityType/:entityId': async (api) => {
    const email = await createEmailFixture(api);
    return [await api.request('PUT', `/api/email/capture-blocks/contact/${email.contact.id}`, { as: api.admin })];
  },
  'DELETE /api/email/capture-blocks/:entityType/:entityId': async (api) => {
    const email = await createEmailFixture(api);
    await api.request('PUT', `/api/email/capture-blocks/contact/${email.contact.id}`, { as: api.admin });
    return [await api.request('DELETE', `/api/email/capture-blocks/contact/${email.contact.id}`, { as: api.admin })];
  },
  'GET /api/email/attachments/:id': async (api) => {
    const email = await createEmailFixture(api);
    return [await api.request('GET', `/api/email/attachments/${email.inbound.attachmentIds[0]}`, { as: api.admin })];
  },
  // Email mailboxes (issue 12): enrolled by the probe itself; the demo seed has none.
  'POST /api/email/mailboxes': async (api) => [await enrolMailbox(api), await api.request('POST', '/api/email/mailboxes', { as: api.admin, body: { kind: 'gmail', userEmail: `gp${unique()}@fund.example.com`, auth: { mode: 'oauth', clientId: 'c', clientSecret: 's', refreshToken: 'r' } } })],
  'GET /api/email/mailboxes': async (api) => {
    await enrolMailbox(api);
    return [await api.request('GET', '/api/email/mailboxes', { as: api.admin })];
  },
  'GET /api/email/mailboxes/:id': async (api) => [await api.request('GET', `/api/email/mailboxes/${(await enrolMailbox(api)).body.data.id}`, { as: api.admin })],
  'PATCH /api/email/mailboxes/:id': async (api) => [await api.request('PATCH', `/api/email/mailboxes/${(await enrolMailbox(api)).body.data.id}`, { as: api.admin, body: { paused: true, folders: ['INBOX'] } })],
  'DELETE /api/email/mailboxes/:id': async (api) => [await api.request('DELETE', `/api/email/mailboxes/${(await enrolMailbox(api)).body.data.id}`, { as: api.admin })],
  // Sync runs: a mailbox on a closed loopback port fails at once, which is still a recorded run.
  'POST /api/email/mailboxes/:id/sync': async (api) => [await api.request('POST', `/api/email/mailboxes/${(await enrolDeadMailbox(api)).body.data.id}/sync`, { as: api.admin })],
  'GET /api/email/mailboxes/:id/runs': async (api) => {
    const id = (await enrolDeadMailbox(api)).body.data.id;
    await api.request('POST', `/api/email/mailboxes/${id}/sync`, { as: api.admin });
    return [await api.request('GET', `/api/email/mailboxes/${id}/runs`, { as: api.admin })];
  },
};

function enrolDeadMailbox(api: TestApi) {
  return api.request('POST', '/api/email/mailboxes', { as: api.admin, body: { kind: 'imap', host: '127.0.0.1', port: 1, secure: false, username: `dead${unique()}@fund.example.com`, password: 'probe password' } });
}

function enrolMailbox(api: TestApi) {
  return api.request('POST', '/api/email/mailboxes', { as: api.admin, body: { kind: 'imap', host: 'imap.example.com', username: `team${unique()}@fund.example.com`, password: 'probe password' } });
}

async function postIdentityRecord(api: TestApi) {
  const n = unique();
  const email = `probe${n}@identity-${n}.example.com`;
  const response = await api.request('POST', '/api/identity/records', { as: api.admin, body: { records: [{ source: 'csv', externalId: `probe-${n}`, kind: 'person', name: `Pat Probe${n}`, emails: [email] }] } });
  return Object.assign(response, { request: { email } });
}

/** An open suggestion between two fresh contacts (the placeholder-proof way: written as the resolver would). */
async function identitySuggestion(api: TestApi): Promise<string> {
  const [a, b] = [await createContact(api), await createContact(api)];
  const [entityA, entityB] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  await api.core.db.insertInto('identitySuggestions').values({ id, entityType: 'contact', entityA, entityB, confidence: 0.7, evidenceJson: '[]', status: 'open', createdAt: now, updatedAt: now, decidedAt: null, decidedBy: null }).execute();
  return id;
}

/** A job that failed its only attempt: something for the jobs list to show and for retry to act on. */
async function deadJob(api: TestApi) {
  const kind = `contract.fails.${unique()}`;
  api.core.jobs.register({
    kind,
    run: () => {
      throw new Error('always fails');
    },
  });
  const job = await enqueueJob(api.core, testActor({ kind: 'system', door: 'job' }), { kind, maxAttempts: 1 });
  await api.core.jobs.runDue();
  return job;
}

/** Every route that answers GET at `<collection>/:id` is probed with each record on the collection's first page. */
async function probeGetById(api: TestApi, route: RouteSpec): Promise<TestResponse[]> {
  const collection = route.url.slice(0, -'/:id'.length);
  const list = await api.request('GET', `${collection}${collection === '/api/users' ? '' : '?limit=100&deleted=include'}`, { as: api.admin });
  const ids: string[] = list.body.data.map((row: Json) => row.id);
  if (ids.length === 0) throw new Error(`no ${collection} record to fetch; seed one for ${route.url}`);
  return Promise.all(ids.map((id) => api.request('GET', `${collection}/${id}`, { as: api.admin })));
}

async function probeCollectionRoute(api: TestApi, route: RouteSpec): Promise<TestResponse[] | null> {
  const match = /^(\/api\/[a-z-]+)(\/:id(\/restore)?)?$/.exec(route.url);
  const collection = match?.[1];
  if (!collection || !COLLECTIONS[collection]) return null;
  const { method } = route;
  if (method === 'POST' && !match[2]) return [await api.request('POST', collection, { as: api.admin, body: await COLLECTIONS[collection].create(api) })];
  const id = await createIn(api, collection);
  if (method === 'PATCH') return [await api.request('PATCH', `${collection}/${id}`, { as: api.admin, body: COLLECTIONS[collection].update })];
  if (method === 'DELETE') return [await api.request('DELETE', `${collection}/${id}`, { as: api.admin })];
  if (method === 'POST' && match[3]) {
    await api.request('DELETE', `${collection}/${id}`, { as: api.admin });
    return [await api.request('POST', `${collection}/${id}/restore`, { as: api.admin })];
  }
  return null;
}

async function probe(api: TestApi, dialect: string, route: RouteSpec): Promise<TestResponse[]> {
  const key = `${route.method} ${route.url}`;
  const special = PROBES[key];
  if (special) return special(api, dialect);
  if (route.method === 'GET' && !route.url.includes(':')) {
    const response = await api.request('GET', route.url, { as: api.admin });
    // An empty list would check nothing: the seed gives every collection rows.
    if (Array.isArray(response.body?.data)) expect(response.body.data.length, `${key} lists something`).toBeGreaterThan(0);
    return [response];
  }
  if (route.method === 'GET' && route.url.endsWith('/:id')) return probeGetById(api, route);
  const generic = await probeCollectionRoute(api, route);
  if (generic) return generic;
  throw new Error(`No contract probe for ${key}: add one to PROBES in contract.test.ts`);
}

function expectDeclaredShape(route: RouteSpec, response: TestResponse) {
  const label = `${route.method} ${route.url}`;
  const status = route.status ?? 200;
  expect(response.status, `${label}: ${JSON.stringify(response.body).slice(0, 300)}`).toBe(status);
  if (status === 204) {
    expect(response.body, label).toBe('');
    return;
  }
  expect(route.response, `${label} declares a response schema`).toBeDefined();
  const parsed = route.response?.safeParse(response.body);
  expect(parsed?.error?.issues ?? [], label).toEqual([]);
  // Parsing drops keys the schema does not declare: equal means the presenter sends nothing undeclared.
  expect(parsed?.data, `${label} sends only declared fields`).toEqual(response.body);
}

describe.each(testDialects())('responses match their declared schemas on %s', (dialect) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi(dialect);
    await invoke(operations.seed.demo, { core: api.core, actor: testActor({ kind: 'system', door: 'cli' }) }, {});
    // Custom field values of every type, on records the GET probes read.
    const [contact] = (await api.request('GET', '/api/contacts?limit=1', { as: api.admin })).body.data;
    const [organization] = (await api.request('GET', '/api/organizations?limit=1', { as: api.admin })).body.data;
    const [commitment] = (await api.request('GET', '/api/commitments?limit=1', { as: api.admin })).body.data;
    await createCustomField(api, { key: 'region', type: 'select', options: ['Europe', 'Asia'] });
    await createCustomField(api, { key: 'interests', type: 'multi_select', options: ['Climate', 'AI'] });
    await createCustomField(api, { entityType: 'organization', key: 'anchor', type: 'boolean' });
    await createCustomField(api, { entityType: 'commitment', key: 'check_size', type: 'money' });
    await api.request('PATCH', `/api/contacts/${contact.id}`, { as: api.admin, body: { customFields: { region: 'Europe', interests: ['AI'] } } });
    await api.request('PATCH', `/api/organizations/${organization.id}`, { as: api.admin, body: { customFields: { anchor: true } } });
    await api.request('PATCH', `/api/commitments/${commitment.id}`, { as: api.admin, body: { customFields: { check_size: 5_000_000 } } });
    await createApiKey(api, { role: 'agent' });
    // Something in the trash, so lists with deleted=include show trashed records too.
    await api.request('DELETE', `/api/organizations/${(await createOrganization(api)).id}`, { as: api.admin });
  });
  afterAll(() => api.close());

  it.each(apiRoutes)('$method $url', async (route) => {
    const responses = await probe(api, dialect, route);
    expect(responses.length).toBeGreaterThan(0);
    for (const response of responses) expectDeclaredShape(route, response);
  });

  it('answers errors with the error envelope', async () => {
    const responses = [
      await api.request('GET', '/api/contacts/01900000-0000-7000-8000-000000000000', { as: api.admin }),
      await api.request('POST', '/api/organizations', { as: api.admin, body: { name: '' } }),
      await api.request('GET', '/api/organizations'),
    ];
    expect(responses.map((r) => r.status)).toEqual([404, 400, 401]);
    for (const response of responses) {
      const parsed = ErrorBody.safeParse(response.body);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(parsed.data).toEqual(response.body);
    }
  });
});
