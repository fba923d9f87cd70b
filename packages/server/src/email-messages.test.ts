import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailFixture } from './testing/email-fixture.js';
import { createApiKey } from './testing/factories.js';
import { type Caller, createTestApi, type TestApi } from './testing/harness.js';
import { attachmentDisposition } from './routes/email-messages.js';

const MISSING = '01900000-0000-7000-8000-000000000000';

describe.each(testDialects())('email read routes on %s', (dialect) => {
  let api: TestApi;
  let member: Caller & { id: string };
  let agent: Caller;
  beforeAll(async () => {
    api = await createTestApi(dialect);
    member = await api.createUser('mail-member', 'member');
    agent = { apiKey: (await createApiKey(api, { role: 'agent' })).key };
  });
  afterAll(() => api.close());

  it('lists linked messages to members (headers, mailboxes, attachments, links) and unlinked headers to admins only', async () => {
    const fixture = await createEmailFixture(api);
    const asMember = await api.request('GET', `/api/email/messages?mailboxId=${fixture.mailboxId}`, { as: member });
    expect(asMember.status).toBe(200);
    expect(asMember.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(asMember.body.data.map((m: { id: string }) => m.id)).toEqual([fixture.reply.id, fixture.inbound.id]);
    const inbound = asMember.body.data[1];
    expect(inbound).toMatchObject({
      messageId: fixture.inbound.messageId,
      threadId: fixture.inbound.threadId,
      subject: 'Subscription documents',
      from: { name: 'Jane Mailer', address: fixture.email },
      to: [{ name: 'Partner', address: 'partner@fund.example.com' }],
      cc: [],
      sentAt: '2031-02-01T09:00:00.000Z',
      hasBody: true,
      mailboxes: [{ mailboxId: fixture.mailboxId, label: expect.stringMatching(/^Partner inbox/), folder: 'INBOX' }],
      attachments: [
        { filename: 'Zeichnungsschein – Jäger.pdf', size: 15, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), stored: true },
        { filename: 'scans.zip', stored: false },
      ],
    });
    expect(inbound.links.map((l: { entityId: string; matchKind: string; confidence: number }) => [l.entityId, l.matchKind, l.confidence])).toEqual([
      [fixture.contact.id, 'exact_email', 1],
      [fixture.organization.id, 'domain', 0.6],
    ]);
    expect(inbound).not.toHaveProperty('bodyText');

    const asAdmin = await api.request('GET', `/api/email/messages?mailboxId=${fixture.mailboxId}&linked=unlinked`, { as: api.admin });
    expect(asAdmin.body.data.map((m: { id: string }) => m.id)).toEqual([fixture.personal.id]);
    expect((await api.request('GET', `/api/email/messages?mailboxId=${fixture.mailboxId}&linked=unlinked`, { as: member })).status).toBe(403);
    const byEntity = await api.request('GET', `/api/email/messages?entityId=${fixture.organization.id}&q=subscription`, { as: agent });
    expect(byEntity.status).toBe(200);
    expect(byEntity.body.data.map((m: { id: string }) => m.id)).toEqual([fixture.reply.id, fixture.inbound.id]);
  });

  it('answers one message with its bodies, sanitized; unknown is 404, and an unlinked one is 404 to members', async () => {
    const fixture = await createEmailFixture(api);
    const detail = await api.request('GET', `/api/email/messages/${fixture.inbound.id}`, { as: member });
    expect(detail.status).toBe(200);
    expect(detail.body.data).toMatchObject({ id: fixture.inbound.id, bodyText: 'Signed documents attached.', bodyHtml: '<p>Signed documents <b>attached</b>.</p>' });
    expect((await api.request('GET', `/api/email/messages/${MISSING}`, { as: api.admin })).status).toBe(404);
    expect((await api.request('GET', `/api/email/messages/${fixture.personal.id}`, { as: member })).status).toBe(404);
    expect((await api.request('GET', '/api/email/messages/not-a-uuid', { as: api.admin })).status).toBe(400);
  });

  it('no route returns a body for an unlinked message, not even to an admin', async () => {
    const fixture = await createEmailFixture(api);
    // Even a row that kept a body by mistake: nothing leaves the server while it is unlinked.
    await api.core.db.updateTable('emailMessages').set({ hasBody: 1, bodyText: 'SECRET-PERSONAL-TEXT', bodyHtml: '<p>SECRET-PERSONAL-TEXT</p>', snippet: 'SECRET-PERSONAL-TEXT' }).where('id', '=', fixture.personal.id).execute();
    const responses = [
      await api.request('GET', `/api/email/messages?mailboxId=${fixture.mailboxId}`, { as: api.admin }),
      await api.request('GET', `/api/email/messages/${fixture.personal.id}`, { as: api.admin }),
      await api.request('GET', `/api/email/threads/${fixture.personal.threadId}`, { as: api.admin }),
      await api.request('GET', '/api/email/threads?limit=100', { as: api.admin }),
    ];
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(JSON.stringify(response.body)).not.toContain('SECRET-PERSONAL-TEXT');
    }
    expect(responses[1]?.body.data).toMatchObject({ id: fixture.personal.id, hasBody: false, snippet: '' });
    const attachmentId = fixture.personal.attachmentIds[0];
    expect((await api.request('GET', `/api/email/attachments/${attachmentId}`, { as: api.admin })).status).toBe(404);
  });

  it('lists threads for an entity, newest activity first, messages oldest first with bodies; a team reply joins the thread', async () => {
    const fixture = await createEmailFixture(api);
    const threads = await api.request('GET', `/api/email/threads?entityId=${fixture.contact.id}`, { as: member });
    expect(threads.status).toBe(200);
    expect(threads.body).toMatchObject({ total: 1, limit: 20, offset: 0 });
    const [thread] = threads.body.data;
    expect(thread).toMatchObject({ id: fixture.inbound.threadId, subject: 'Subscription documents', firstAt: '2031-02-01T09:00:00.000Z', lastAt: '2031-02-01T10:00:00.000Z' });
    expect(thread.messages.map((m: { id: string; direction: string; bodyText: string }) => [m.id, m.direction, m.bodyText])).toEqual([
      [fixture.inbound.id, 'inbound', 'Signed documents attached.'],
      [fixture.reply.id, 'outbound', 'Received, thank you.'],
    ]);
    expect(thread.links.map((l: { entityId: string }) => l.entityId)).toEqual([fixture.contact.id, fixture.organization.id]);
    const one = await api.request('GET', `/api/email/threads/${fixture.inbound.threadId}`, { as: agent });
    expect(one.body.data.messages).toHaveLength(2);
    expect((await api.request('GET', `/api/email/threads/${fixture.personal.threadId}`, { as: member })).status).toBe(404);
    expect((await api.request('GET', `/api/email/threads/${MISSING}`, { as: api.admin })).status).toBe(404);
  });

  it('links and unlinks a thread by hand (members yes, agents no), with clear errors', async () => {
    const fixture = await createEmailFixture(api);
    const url = `/api/email/threads/${fixture.personal.threadId}/links`;
    const body = { entityType: 'organization', entityId: fixture.organization.id };
    expect((await api.request('POST', url, { as: agent, body })).status).toBe(403);
    const linked = await api.request('POST', url, { as: member, body });
    expect(linked.status).toBe(200);
    expect(linked.body.data.links).toEqual([{ entityType: 'organization', entityId: fixture.organization.id, label: fixture.organization.name, matchKind: 'manual', confidence: 1, matchedOn: null }]);
    expect((await api.request('GET', `/api/email/messages/${fixture.personal.id}`, { as: member })).status).toBe(200);

    const unlinked = await api.request('DELETE', `${url}/organization/${fixture.organization.id}`, { as: member });
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.data).toMatchObject({ id: fixture.personal.threadId, messages: [], links: [] });
    expect((await api.request('GET', `/api/email/messages/${fixture.personal.id}`, { as: member })).status).toBe(404);

    expect((await api.request('POST', `/api/email/threads/${MISSING}/links`, { as: member, body })).status).toBe(404);
    expect((await api.request('POST', url, { as: member, body: { entityType: 'contact', entityId: MISSING } })).status).toBe(404);
    const badType = await api.request('POST', url, { as: member, body: { entityType: 'fund', entityId: fixture.organization.id } });
    expect(badType.status).toBe(400);
    expect(badType.body.error.code).toBe('validation_failed');
    expect((await api.request('DELETE', `${url}/fund/${fixture.organization.id}`, { as: member })).status).toBe(400);
    expect((await api.request('POST', url, { body })).status).toBe(401);
  });

  it('"do not capture": GET, PUT and DELETE, purging and restoring links; linking to a blocked entity is a 409', async () => {
    const fixture = await createEmailFixture(api);
    const url = `/api/email/capture-blocks/contact/${fixture.contact.id}`;
    expect((await api.request('GET', url, { as: member })).body.data).toEqual({ entityType: 'contact', entityId: fixture.contact.id, blocked: false, blockedAt: null, blockedBy: null });
    expect((await api.request('PUT', url, { as: agent })).status).toBe(403);
    await api.request('PUT', `/api/email/capture-blocks/organization/${fixture.organization.id}`, { as: member });
    const blocked = await api.request('PUT', url, { as: member });
    expect(blocked.status).toBe(200);
    expect(blocked.body.data).toMatchObject({ blocked: true, blockedBy: member.id });
    expect((await api.request('GET', `/api/email/messages/${fixture.inbound.id}`, { as: member })).status).toBe(404);
    const row = await api.core.db.selectFrom('emailMessages').select(['hasBody', 'bodyText']).where('id', '=', fixture.inbound.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ hasBody: 0, bodyText: null });
    const link = await api.request('POST', `/api/email/threads/${fixture.inbound.threadId}/links`, { as: member, body: { entityType: 'contact', entityId: fixture.contact.id } });
    expect(link.status).toBe(409);

    const unblocked = await api.request('DELETE', url, { as: member });
    expect(unblocked.body.data.blocked).toBe(false);
    const back = await api.request('GET', `/api/email/messages/${fixture.inbound.id}`, { as: member });
    expect(back.status).toBe(200);
    expect(back.body.data).toMatchObject({ hasBody: false, links: [{ entityId: fixture.contact.id, matchKind: 'exact_email' }] });
    expect((await api.request('GET', `/api/email/capture-blocks/contact/${MISSING}`, { as: member })).status).toBe(404);
    expect((await api.request('GET', `/api/email/capture-blocks/fund/${fixture.contact.id}`, { as: member })).status).toBe(400);
  });

  it('downloads an attachment with its type, a safe UTF-8 filename and nosniff; over the limit or unknown is 404', async () => {
    const fixture = await createEmailFixture(api);
    const [storedId, tooLargeId] = fixture.inbound.attachmentIds;
    const download = await api.request('GET', `/api/email/attachments/${storedId}`, { as: agent });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="Zeichnungsschein _ J_ger.pdf"; filename*=UTF-8''Zeichnungsschein%20%E2%80%93%20J%C3%A4ger.pdf`);
    expect(download.body).toBe('%PDF-1.4 signed');
    expect((await api.request('GET', `/api/email/attachments/${tooLargeId}`, { as: member })).status).toBe(404);
    expect((await api.request('GET', `/api/email/attachments/${MISSING}`, { as: member })).status).toBe(404);
    expect((await api.request('GET', `/api/email/attachments/${storedId}`)).status).toBe(401);
  });

  it('matched email is on the contact and organization dossiers as kind email, pointing at its message and thread', async () => {
    const fixture = await createEmailFixture(api);
    for (const url of [`/api/contacts/${fixture.contact.id}`, `/api/organizations/${fixture.organization.id}`]) {
      const dossier = await api.request('GET', url, { as: member });
      const emails = dossier.body.data.recentCommunications.filter((c: { kind: string }) => c.kind === 'email');
      expect(emails.map((c: { emailMessageId: string; emailThreadId: string; direction: string }) => [c.emailMessageId, c.emailThreadId, c.direction])).toEqual([
        [fixture.reply.id, fixture.inbound.threadId, 'outbound'],
        [fixture.inbound.id, fixture.inbound.threadId, 'inbound'],
      ]);
    }
    const timeline = await api.request('GET', `/api/communications?contactId=${fixture.contact.id}&kind=email`, { as: member });
    expect(timeline.body.total).toBe(2);
  });

  it('refuses every email route without a session', async () => {
    const fixture = await createEmailFixture(api);
    const t = fixture.inbound.threadId;
    const calls: [string, string][] = [
      ['GET', '/api/email/messages'],
      ['GET', `/api/email/messages/${fixture.inbound.id}`],
      ['GET', '/api/email/threads'],
      ['GET', `/api/email/threads/${t}`],
      ['POST', `/api/email/threads/${t}/links`],
      ['DELETE', `/api/email/threads/${t}/links/contact/${fixture.contact.id}`],
      ['GET', `/api/email/capture-blocks/contact/${fixture.contact.id}`],
      ['PUT', `/api/email/capture-blocks/contact/${fixture.contact.id}`],
      ['DELETE', `/api/email/capture-blocks/contact/${fixture.contact.id}`],
    ];
    for (const [method, url] of calls) {
      const response = await api.request(method, url);
      expect(response.status, `${method} ${url}`).toBe(401);
      expect(response.body.error.code).toBe('unauthorized');
    }
  });
});

describe('attachment file names', () => {
  it('keeps quotes, control characters and non-ASCII out of the plain filename and encodes the exact one', () => {
    expect(attachmentDisposition('a"b\\c\r\n.txt')).toBe(`attachment; filename="a_b_c__.txt"; filename*=UTF-8''a%22b%5Cc%0D%0A.txt`);
    expect(attachmentDisposition("it's (final)*.pdf")).toBe(`attachment; filename="it's (final)*.pdf"; filename*=UTF-8''it%27s%20%28final%29%2A.pdf`);
    expect(attachmentDisposition('')).toBe(`attachment; filename="attachment"; filename*=UTF-8''`);
  });
});
