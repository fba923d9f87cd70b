import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApi, type TestApi } from './testing/harness.js';

const NUL = '\u0000';
const LIST_ENDPOINTS = [
  '/api/organizations',
  '/api/contacts',
  '/api/funds',
  '/api/commitments',
  '/api/communications',
  '/api/tasks',
  '/api/tags',
  '/api/custom-fields',
];
const INHERITED_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', '-constructor', '-toString', 'isPrototypeOf'];
/** Values that look blank to a reader: whitespace, zero-width characters, or a mix. */
const BLANKS = ['   ', '\u200B', '\u200B\u200C\u200D', '\u2060\uFEFF', ' \u200B \u00A0 ', '\t\n'];

describe.each(testDialects())('input hardening on %s', (dialect) => {
  let api: TestApi;
  let counter = 0;
  const next = () => {
    counter += 1;
    return counter;
  };
  const unique = (label: string) => `${label} ${next()}`;
  const post = (url: string, body: unknown) => api.request('POST', url, { as: api.admin, body });
  const logCount = async () =>
    Number(
      (
        await api.core.db
          .selectFrom('activityLog')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const newOrganization = async () => (await post('/api/organizations', { name: unique('Org') })).body.data.id as string;
  const newFund = async () => (await post('/api/funds', { name: unique('Fund') })).body.data.id as string;

  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  describe('NUL characters are a 400 at every door, never a 500, and write nothing', () => {
    const creates: {
      url: string;
      body: (ids: { org: string; fund: string }) => unknown;
      table: 'organizations' | 'contacts' | 'funds' | 'commitments' | 'communications' | 'tasks' | 'tags' | 'customFieldDefinitions' | 'users' | 'apiKeys';
      mentions: string;
    }[] = [
      { url: '/api/organizations', body: () => ({ name: `Bad${NUL}Org` }), table: 'organizations', mentions: 'name' },
      { url: '/api/organizations', body: () => ({ name: 'Fine name', description: `text${NUL}` }), table: 'organizations', mentions: 'description' },
      { url: '/api/contacts', body: () => ({ lastName: `Nul${NUL}` }), table: 'contacts', mentions: 'lastName' },
      { url: '/api/contacts', body: () => ({ lastName: 'Fine', emails: [`a${NUL}@b.example.com`] }), table: 'contacts', mentions: 'emails.0' },
      { url: '/api/funds', body: () => ({ name: `Fund${NUL}` }), table: 'funds', mentions: 'name' },
      {
        url: '/api/commitments',
        body: ({ org, fund }) => ({ organizationId: org, fundId: fund, nextStep: `call${NUL}` }),
        table: 'commitments',
        mentions: 'nextStep',
      },
      {
        url: '/api/communications',
        body: ({ org }) => ({ kind: 'note', occurredAt: '2031-03-01T10:00:00Z', subject: `hi${NUL}`, organizationIds: [org] }),
        table: 'communications',
        mentions: 'subject',
      },
      { url: '/api/tasks', body: () => ({ title: `Task${NUL}` }), table: 'tasks', mentions: 'title' },
      { url: '/api/tags', body: () => ({ name: `Tag${NUL}` }), table: 'tags', mentions: 'name' },
      {
        url: '/api/custom-fields',
        body: () => ({ entityType: 'contact', key: 'nul_field', label: `Label${NUL}`, type: 'text' }),
        table: 'customFieldDefinitions',
        mentions: 'label',
      },
      {
        url: '/api/users',
        body: () => ({ username: 'nul.user', password: `long enough${NUL}password`, role: 'member' }),
        table: 'users',
        mentions: 'password',
      },
      { url: '/api/api-keys', body: () => ({ name: `key${NUL}`, role: 'agent' }), table: 'apiKeys', mentions: 'name' },
    ];

    it.each(creates)('POST $url with NUL in $mentions → 400', async ({ url, body, table, mentions }) => {
      const ids = { org: await newOrganization(), fund: await newFund() };
      const rowsBefore = Number(
        (
          await api.core.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const logBefore = await logCount();
      const res = await post(url, body(ids));
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.issues[0].path.join('.')).toBe(mentions);
      expect(await logCount()).toBe(logBefore);
      const rowsAfter = Number(
        (
          await api.core.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      expect(rowsAfter).toBe(rowsBefore);
    });

    it('refuses NUL in a PATCH body and in a custom field value', async () => {
      const org = await newOrganization();
      const patch = await api.request('PATCH', `/api/organizations/${org}`, { as: api.admin, body: { location: `Paris${NUL}` } });
      expect(patch.status).toBe(400);
      const nested = await post('/api/organizations', { name: 'Nested', customFields: { region: `eu${NUL}` } });
      expect(nested.status).toBe(400);
      expect(nested.body.error.details.issues[0].path).toEqual(['customFields', 'region']);
    });

    it.each(LIST_ENDPOINTS)('GET %s?q=<NUL> → 400', async (url) => {
      const res = await api.request('GET', `${url}?q=a%00b`, { as: api.admin });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed' });
      expect(res.body.error.details.issues[0].path).toEqual(['query', 'q']);
    });

    it('refuses a NUL in the sign-in username (and in the password) without a 500', async () => {
      const logBefore = await logCount();
      const username = await api.request('POST', '/api/auth/login', { body: { username: `admin${NUL}`, password: ADMIN_PASSWORD } });
      expect(username.status).toBe(400);
      expect(username.body.error.code).toBe('validation_failed');
      const password = await api.request('POST', '/api/auth/login', { body: { username: 'admin', password: `x${NUL}` } });
      expect(password.status).toBe(400);
      expect(await logCount()).toBe(logBefore);
    });
  });

  describe('unknown sort keys are a 400 on every list, including names the prototype knows', () => {
    it.each(LIST_ENDPOINTS)('%s', async (url) => {
      for (const sort of INHERITED_NAMES) {
        const res = await api.request('GET', `${url}?sort=${encodeURIComponent(sort)}`, { as: api.admin });
        expect(res.status, `${url}?sort=${sort}: ${JSON.stringify(res.body)}`).toBe(400);
        expect(JSON.stringify(res.body.error)).toContain('sort');
      }
      // A real field still sorts.
      const fine = await api.request('GET', `${url}?sort=-createdAt`, { as: api.admin });
      expect(fine.status, JSON.stringify(fine.body)).toBe(200);
    });
  });

  it('refuses a custom field key that every object already has (constructor)', async () => {
    const res = await post('/api/custom-fields', { entityType: 'organization', key: 'constructor', label: 'Constructor', type: 'text', required: true });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.details)).toContain('key');
  });

  describe('names and passwords that look blank are refused', () => {
    const cases: { name: string; method: string; url: string | (() => Promise<string>); body: (blank: string) => unknown; mentions: string }[] = [
      { name: 'organization name', method: 'POST', url: '/api/organizations', body: (b) => ({ name: b }), mentions: 'name' },
      {
        name: 'organization rename',
        method: 'PATCH',
        url: async () => `/api/organizations/${await newOrganization()}`,
        body: (b) => ({ name: b }),
        mentions: 'name',
      },
      { name: 'contact last name', method: 'POST', url: '/api/contacts', body: (b) => ({ lastName: b }), mentions: 'lastName' },
      { name: 'fund name', method: 'POST', url: '/api/funds', body: (b) => ({ name: b }), mentions: 'name' },
      { name: 'tag name', method: 'POST', url: '/api/tags', body: (b) => ({ name: b }), mentions: 'name' },
      {
        name: 'custom field label',
        method: 'POST',
        url: '/api/custom-fields',
        body: (b) => ({ entityType: 'contact', key: 'blank_label', label: b, type: 'text' }),
        mentions: 'label',
      },
      { name: 'task title', method: 'POST', url: '/api/tasks', body: (b) => ({ title: b }), mentions: 'title' },
      {
        name: 'username',
        method: 'POST',
        url: '/api/users',
        body: (b) => ({ username: b, password: 'a long enough password', role: 'member' }),
        mentions: 'username',
      },
      {
        name: 'user full name',
        method: 'POST',
        url: '/api/users',
        body: (b) => ({ username: unique('full').replace(' ', '.'), password: 'a long enough password', fullName: b }),
        mentions: 'fullName',
      },
      { name: 'own full name', method: 'PATCH', url: '/api/auth/me', body: (b) => ({ fullName: b }), mentions: 'fullName' },
      { name: 'API key name', method: 'POST', url: '/api/api-keys', body: (b) => ({ name: b, role: 'agent' }), mentions: 'name' },
      {
        name: 'password of a new user',
        method: 'POST',
        url: '/api/users',
        body: (b) => ({ username: unique('pw').replace(' ', '.'), password: b.repeat(12).slice(0, 12), role: 'member' }),
        mentions: 'password',
      },
    ];

    it.each(cases)('$name', async ({ method, url, body, mentions }) => {
      for (const blank of BLANKS) {
        const target = typeof url === 'string' ? url : await url();
        const logBefore = await logCount();
        const res = await api.request(method, target, { as: api.admin, body: body(blank) });
        expect(res.status, `${JSON.stringify(blank)} → ${JSON.stringify(res.body)}`).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
        expect(JSON.stringify(res.body.error.details)).toContain(mentions);
        expect(await logCount()).toBe(logBefore);
      }
    });

    it('refuses a zero-width-only first name but allows an empty one', async () => {
      expect((await post('/api/contacts', { firstName: '\u200B\u200B', lastName: 'Okafor' })).status).toBe(400);
      expect((await post('/api/contacts', { firstName: '', lastName: 'Okafor' })).status).toBe(201);
    });

    it('refuses a blank new password, and a ten-space one at setup', async () => {
      const changed = await api.request('POST', '/api/auth/password', {
        as: api.admin,
        body: { currentPassword: ADMIN_PASSWORD, newPassword: ' '.repeat(12) },
      });
      expect(changed.status).toBe(400);
      expect(JSON.stringify(changed.body.error.details)).toContain('newPassword');
      const zeroWidth = await api.request('POST', '/api/auth/password', {
        as: api.admin,
        body: { currentPassword: ADMIN_PASSWORD, newPassword: '\u200B'.repeat(12) },
      });
      expect(zeroWidth.status).toBe(400);
      const setup = await api.request('POST', '/api/setup', { body: { username: 'second', password: ' '.repeat(10) } });
      expect(setup.status).toBe(400);
      await api.login('admin', ADMIN_PASSWORD);
    });

    it('keeps names that contain invisible characters next to visible ones, such as emoji sequences', async () => {
      const res = await post('/api/organizations', { name: '  👩‍💻 Ventures  ' });
      expect(res.status).toBe(201);
      expect(res.body.data.name).toBe('👩‍💻 Ventures');
    });
  });
});
