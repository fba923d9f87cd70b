import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './testing/harness.js';

const RACERS = 20;
/** What the database would say; none of it is for the user. */
const LEAKS = /constraint|duplicate key|unique|_normalized|_key\b|sqlite|23505|violates/i;

describe.each(testDialects())('racing duplicate creates on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  /** Fire the same create RACERS times at once: exactly one wins, the rest get a clean 409. */
  async function race(url: string, body: unknown) {
    const responses = await Promise.all(Array.from({ length: RACERS }, () => api.request('POST', url, { as: api.admin, body })));
    const statuses = responses.map((r) => r.status);
    expect(
      statuses.filter((s) => s === 201),
      `statuses: ${statuses.join(',')}`,
    ).toHaveLength(1);
    expect(
      statuses.filter((s) => s === 409),
      `statuses: ${statuses.join(',')}`,
    ).toHaveLength(RACERS - 1);
    for (const res of responses.filter((r) => r.status === 409)) {
      expect(res.body.error.code).toBe('conflict');
      expect(res.body.error.message).not.toMatch(LEAKS);
      expect(JSON.stringify(res.body.error.details ?? {})).not.toMatch(LEAKS);
    }
    return responses.find((r) => r.status === 201)?.body.data;
  }

  it('tags with the same name', async () => {
    await race('/api/tags', { name: 'Racing tag' });
    const rows = await api.core.db.selectFrom('tags').select('id').where('nameNormalized', '=', 'racing tag').execute();
    expect(rows).toHaveLength(1);
  });

  it('users with the same username', async () => {
    await race('/api/users', { username: 'racer', password: 'a long enough password', role: 'member' });
    const rows = await api.core.db.selectFrom('users').select('id').where('usernameNormalized', '=', 'racer').execute();
    expect(rows).toHaveLength(1);
  });

  it('custom fields with the same key', async () => {
    await race('/api/custom-fields', { entityType: 'organization', key: 'racing_field', label: 'Racing', type: 'text' });
    const rows = await api.core.db.selectFrom('customFieldDefinitions').select('id').where('key', '=', 'racing_field').execute();
    expect(rows).toHaveLength(1);
  });

  it('commitments for the same investor and fund', async () => {
    const org = (await api.request('POST', '/api/organizations', { as: api.admin, body: { name: 'Racing Pension' } })).body.data.id;
    const fund = (await api.request('POST', '/api/funds', { as: api.admin, body: { name: 'Racing Fund' } })).body.data.id;
    await race('/api/commitments', { organizationId: org, fundId: fund });
    const rows = await api.core.db.selectFrom('commitments').select('id').where('organizationId', '=', org).where('fundId', '=', fund).execute();
    expect(rows).toHaveLength(1);
  });

  it('contacts with the same email address', async () => {
    await race('/api/contacts', { lastName: 'Racer', emails: ['racer@race.example.com'] });
    const emails = await api.core.db.selectFrom('contactEmails').select('contactId').where('emailNormalized', '=', 'racer@race.example.com').execute();
    expect(emails).toHaveLength(1);
    // The losers' contacts were rolled back with their email, not left behind without one.
    const contacts = await api.core.db.selectFrom('contacts').select('id').where('lastName', '=', 'Racer').execute();
    expect(contacts.map((c) => c.id)).toEqual(emails.map((e) => e.contactId));
  });

  it('answers the sequential duplicate the same way', async () => {
    expect((await api.request('POST', '/api/tags', { as: api.admin, body: { name: 'Once' } })).status).toBe(201);
    const again = await api.request('POST', '/api/tags', { as: api.admin, body: { name: 'ONCE' } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).not.toMatch(LEAKS);
  });
});
