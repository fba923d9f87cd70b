import { testDialects } from '@lpdesk/core/testing';
import { readFileSync } from 'node:fs';
import { operations, PERMISSIONS, ROLE_PERMISSIONS } from '@lpdesk/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommitment, createContact, createOrganization, createTag, createTask } from './testing/factories.js';
import { createTestApi, type Caller, type TestApi } from './testing/harness.js';

type Role = 'admin' | 'manager' | 'member' | 'agent';
const ROLES: Role[] = ['admin', 'manager', 'member', 'agent'];

interface Probe {
  family: string;
  method: string;
  url: (ids: Record<string, string>) => string;
  body?: (ids: Record<string, string>, n: number) => unknown;
  allowed: Role[];
}

const everyone: Role[] = ['admin', 'manager', 'member', 'agent'];
const crmWriters: Role[] = ['admin', 'manager', 'member'];
const managers: Role[] = ['admin', 'manager'];

// One representative call per route family and verb, with who may make it.
const PROBES: Probe[] = [
  { family: 'organizations', method: 'GET', url: () => '/api/organizations', allowed: everyone },
  { family: 'organizations', method: 'POST', url: () => '/api/organizations', body: (_i, n) => ({ name: `Org ${n}` }), allowed: crmWriters },
  { family: 'organizations', method: 'PATCH', url: (i) => `/api/organizations/${i.org}`, body: () => ({ location: 'Paris' }), allowed: crmWriters },
  { family: 'organizations', method: 'DELETE', url: (i) => `/api/organizations/${i.spareOrg}`, allowed: crmWriters },
  { family: 'contacts', method: 'GET', url: (i) => `/api/contacts/${i.contact}`, allowed: everyone },
  { family: 'contacts', method: 'POST', url: () => '/api/contacts', body: (_i, n) => ({ lastName: `Person ${n}`, emails: [`p${n}@x.example.com`] }), allowed: crmWriters },
  { family: 'funds', method: 'GET', url: () => '/api/funds', allowed: everyone },
  { family: 'funds', method: 'POST', url: () => '/api/funds', body: (_i, n) => ({ name: `Fund ${n}` }), allowed: managers },
  { family: 'commitments', method: 'GET', url: () => '/api/commitments', allowed: everyone },
  { family: 'commitments', method: 'POST', url: (i) => `/api/commitments/${i.commitment}/stage`, body: (_i, n) => ({ stage: n % 2 ? 'meeting' : 'outreach' }), allowed: crmWriters },
  { family: 'commitments', method: 'PATCH', url: (i) => `/api/commitments/${i.commitment}`, body: (_i, n) => ({ expectedAmount: 1000 + n }), allowed: crmWriters },
  { family: 'communications', method: 'GET', url: () => '/api/communications', allowed: everyone },
  { family: 'communications', method: 'POST', url: () => '/api/communications', body: (i) => ({ kind: 'note', occurredAt: '2026-11-01T10:00:00Z', organizationIds: [i.org] }), allowed: everyone },
  { family: 'tasks', method: 'POST', url: () => '/api/tasks', body: () => ({ title: 'Follow up' }), allowed: everyone },
  { family: 'tasks', method: 'DELETE', url: (i) => `/api/tasks/${i.task}`, allowed: crmWriters },
  { family: 'tags', method: 'POST', url: () => '/api/tags', body: (_i, n) => ({ name: `Tag ${n}` }), allowed: crmWriters },
  { family: 'tags', method: 'PATCH', url: (i) => `/api/tags/${i.tag}`, body: (_i, n) => ({ color: `#00000${n % 10}` }), allowed: managers },
  { family: 'custom-fields', method: 'GET', url: () => '/api/custom-fields', allowed: everyone },
  { family: 'custom-fields', method: 'POST', url: () => '/api/custom-fields', body: (_i, n) => ({ entityType: 'contact', key: `field_${n}`, label: 'F', type: 'text' }), allowed: managers },
  { family: 'reports', method: 'GET', url: () => '/api/reports/dashboard', allowed: everyone },
  { family: 'activity', method: 'GET', url: () => '/api/activity', allowed: managers },
  { family: 'users', method: 'GET', url: () => '/api/users', allowed: ['admin'] },
  { family: 'team', method: 'GET', url: () => '/api/team', allowed: everyone },
  { family: 'users', method: 'POST', url: () => '/api/users', body: (_i, n) => ({ username: `user${n}`, password: 'a long enough password', role: 'member' }), allowed: ['admin'] },
  { family: 'api-keys', method: 'GET', url: () => '/api/api-keys', allowed: ['admin'] },
  { family: 'api-keys', method: 'POST', url: () => '/api/api-keys', body: () => ({ name: 'k', role: 'agent' }), allowed: ['admin'] },
  { family: 'exports', method: 'GET', url: () => '/api/exports/dump', allowed: ['admin'] },
  { family: 'jobs', method: 'GET', url: () => '/api/jobs', allowed: ['admin'] },
  { family: 'subscriptions', method: 'GET', url: () => '/api/subscriptions', allowed: ['admin'] },
  { family: 'agent-calls', method: 'GET', url: () => '/api/agent/calls', allowed: ['admin'] },
  { family: 'agent-proposals', method: 'GET', url: () => '/api/agent/proposals', allowed: managers },
];

describe.each(testDialects())('permission matrix on %s', (dialect) => {
  let api: TestApi;
  const callers = {} as Record<Role, Caller>;

  beforeAll(async () => {
    api = await createTestApi(dialect);
    callers.admin = api.admin;
    for (const role of ['manager', 'member'] as const) callers[role] = await api.createUser(`${role}1`, role);
    // Agents act through API keys.
    const key = await api.request('POST', '/api/api-keys', { as: api.admin, body: { name: 'assistant', role: 'agent' } });
    callers.agent = { apiKey: key.body.data.key };
  });

  /** The records the probes act on, made afresh for each test. */
  const probeRecords = async (): Promise<Record<string, string>> => {
    const commitment = await createCommitment(api);
    return {
      org: commitment.organizationId,
      contact: (await createContact(api, { lastName: 'Probe' })).id,
      commitment: commitment.id,
      tag: (await createTag(api)).id,
    };
  };
  afterAll(() => api.close());

  it.each(ROLES)('%s gets exactly the access the matrix grants', async (role) => {
    const ids = await probeRecords();
    let n = 0;
    for (const probe of PROBES) {
      n += 1;
      if (probe.method === 'DELETE') {
        ids.spareOrg = (await createOrganization(api, { name: `Spare ${role} ${n}` })).id;
        ids.task = (await createTask(api, { title: `Spare ${n}` })).id;
      }
      const body = probe.body?.(ids, n + ROLES.indexOf(role) * 101);
      const res = await api.request(probe.method, probe.url(ids), { as: callers[role], ...(body !== undefined ? { body } : {}) });
      const expected = probe.allowed.includes(role);
      const label = `${role} ${probe.method} ${probe.family} → ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`;
      if (expected) expect(res.status, label).toBeLessThan(300);
      else {
        expect(res.status, label).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
    }
  });

  it('records refused writes nowhere', async () => {
    const before = await api.request('GET', '/api/funds', { as: api.admin });
    await api.request('POST', '/api/funds', { as: callers.member, body: { name: 'Sneaky fund' } });
    const after = await api.request('GET', '/api/funds', { as: api.admin });
    expect(after.body.total).toBe(before.body.total);
  });
});

describe('MCP-only permissions', () => {
  it('no operation (so no HTTP route or CLI command) checks agents.writeRecords: only the MCP record-write tools lend on it', () => {
    const names = Object.values(operations).flatMap((domain) =>
      Object.values(domain as Record<string, { name: string; permission?: string }>)
        .filter((operation) => operation.permission === 'agents.writeRecords')
        .map((operation) => operation.name),
    );
    expect(Object.values(operations).length).toBeGreaterThan(10);
    expect(names).toEqual([]);
  });
});

describe('permission documentation', () => {
  it('docs/permissions.md lists every permission and role grant the core enforces', () => {
    const doc = readFileSync(new URL('../../../docs/permissions.md', import.meta.url), 'utf8');
    for (const permission of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${permission}\``));
      expect(row, `docs row for ${permission}`).toBeDefined();
      const cells = (row as string).split('|').map((c) => c.trim());
      ROLES.forEach((role, index) => {
        expect(cells[index + 3] === '✓', `${permission} for ${role}`).toBe(ROLE_PERMISSIONS[role].has(permission));
      });
    }
  });
});
