import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Forbidden, NotFound, Conflict } from '../../kernel/errors.js';
import { invoke } from '../../kernel/operations.js';
import { write } from '../../kernel/write.js';
import { operations } from '../../operations.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../../testing/index.js';
import { relinkMessages } from '../links.js';
import { insertTestEmail, insertTestMailbox } from '../testing/factories.js';
import { presentEmailMessages } from './presenter.js';

const admin = testActor({ role: 'admin', name: 'Ada Admin' });
const member = testActor({ role: 'member', name: 'Max Member' });

let sequence = 0;
const unique = () => {
  sequence += 1;
  return sequence;
};

describe.each(testDialects())('captured email, read side, on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await openTestCore(dialect);
  });
  afterAll(() => core.dispose());

  const ctx = (actor = admin) => ({ core, actor });

  /** An organization with its own domain and one contact at it: what automatic matching links to. */
  async function investor() {
    const n = unique();
    const domain = `harbor${n}.example.com`;
    const organization = await invoke(operations.organizations.create, ctx(), { name: `Harbor Family Office ${n}`, kind: 'family_office', emailDomains: [domain] });
    const contact = await invoke(operations.contacts.create, ctx(), { firstName: 'Jane', lastName: `Doe ${n}`, emails: [`jane@${domain}`], organizationId: organization.id });
    return { organization, contact, domain, email: `jane@${domain}` };
  }

  function linksFor(target: Awaited<ReturnType<typeof investor>>) {
    return [
      { entityType: 'contact' as const, entityId: target.contact.id, matchKind: 'exact_email' as const, confidence: 1, matchedOn: target.email },
      { entityType: 'organization' as const, entityId: target.organization.id, matchKind: 'domain' as const, confidence: 0.6, matchedOn: target.domain },
    ];
  }

  it('lists linked messages newest first with mailboxes, attachments and link labels; members never see unlinked ones', async () => {
    const target = await investor();
    const mailboxId = await insertTestMailbox(core, `Partner inbox ${unique()}`);
    const older = await insertTestEmail(core, {
      subject: 'Fund III data room',
      from: { name: 'Jane Doe', address: target.email },
      to: [{ name: null, address: 'partner@fund.example.com' }],
      sentAt: '2031-02-01T09:00:00.000Z',
      mailboxId,
      bodyText: 'Please find the subscription documents attached.',
      links: linksFor(target),
      attachments: [{ filename: 'Subscription.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 test') }],
    });
    const newer = await insertTestEmail(core, { subject: 'Re: Fund III data room', from: { name: 'Jane Doe', address: target.email }, to: [], sentAt: '2031-02-02T09:00:00.000Z', mailboxId, threadId: older.threadId, links: linksFor(target), bodyText: 'Thanks' });
    const personal = await insertTestEmail(core, { subject: 'Dinner on Friday?', from: { name: 'A friend', address: `friend${unique()}@gmail.com` }, sentAt: '2031-02-03T09:00:00.000Z', mailboxId });

    const asMember = await invoke(operations.emailMessages.list, ctx(member), { mailboxId });
    expect(asMember.data.map((m) => m.id)).toEqual([newer.id, older.id]);
    expect(asMember.total).toBe(2);
    const first = asMember.data[1];
    expect(first).toMatchObject({
      messageId: older.messageId,
      threadId: older.threadId,
      subject: 'Fund III data room',
      from: { name: 'Jane Doe', address: target.email },
      to: [{ name: null, address: 'partner@fund.example.com' }],
      direction: 'inbound',
      hasBody: true,
      snippet: 'Please find the subscription documents attached.',
      communicationId: older.communicationId,
    });
    expect(first?.mailboxes).toEqual([{ mailboxId, label: expect.stringMatching(/^Partner inbox/), folder: 'INBOX' }]);
    expect(first?.attachments).toEqual([{ id: older.attachmentIds[0], filename: 'Subscription.pdf', contentType: 'application/pdf', size: 13, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), stored: true }]);
    expect(first?.links).toEqual([
      { entityType: 'contact', entityId: target.contact.id, label: target.contact.fullName, matchKind: 'exact_email', confidence: 1, matchedOn: target.email },
      { entityType: 'organization', entityId: target.organization.id, label: target.organization.name, matchKind: 'domain', confidence: 0.6, matchedOn: target.domain },
    ]);

    const asAdmin = await invoke(operations.emailMessages.list, ctx(), { mailboxId });
    expect(asAdmin.data.map((m) => m.id)).toEqual([personal.id, newer.id, older.id]);
    expect(asAdmin.data[0]).toMatchObject({ hasBody: false, snippet: '', links: [], communicationId: null });
    expect((await invoke(operations.emailMessages.list, ctx(), { mailboxId, linked: 'unlinked' })).data.map((m) => m.id)).toEqual([personal.id]);
    expect((await invoke(operations.emailMessages.list, ctx(), { mailboxId, linked: 'linked' })).total).toBe(2);
    await expect(invoke(operations.emailMessages.list, ctx(member), { mailboxId, linked: 'unlinked' })).rejects.toBeInstanceOf(Forbidden);
  });

  it('filters by entity, thread and text (subject, sender name, sender address), and pages', async () => {
    const target = await investor();
    const other = await investor();
    const mailboxId = await insertTestMailbox(core);
    const a = await insertTestEmail(core, { subject: 'Quarterly letter Q4', from: { name: 'Jane Doe', address: target.email }, sentAt: '2031-01-10T10:00:00.000Z', mailboxId, links: linksFor(target) });
    const b = await insertTestEmail(core, { subject: 'Capital call notice', from: { name: 'Olaf Treasurer', address: target.email }, sentAt: '2031-01-11T10:00:00.000Z', mailboxId, links: linksFor(target) });
    const c = await insertTestEmail(core, { subject: 'Hello', from: { name: 'Someone', address: other.email }, sentAt: '2031-01-12T10:00:00.000Z', mailboxId, links: linksFor(other) });
    const list = (query: Record<string, unknown>) => invoke(operations.emailMessages.list, ctx(member), { mailboxId, ...query }).then((r) => r.data.map((m) => m.id));
    expect(await list({ entityId: target.contact.id })).toEqual([b.id, a.id]);
    expect(await list({ entityId: other.organization.id })).toEqual([c.id]);
    expect(await list({ threadId: a.threadId })).toEqual([a.id]);
    // Mail linked only to one of an organization's people (a personal address) is the organization's too.
    const personal = await insertTestEmail(core, { subject: 'From my phone', from: { name: 'Jane', address: `jane${unique()}@gmail.com` }, sentAt: '2031-01-13T10:00:00.000Z', mailboxId, links: [linksFor(target)[0] ?? { entityType: 'contact', entityId: target.contact.id }] });
    expect(await list({ entityId: target.organization.id })).toEqual([personal.id, b.id, a.id]);
    expect(await list({ entityId: other.contact.id })).toEqual([c.id]);
    expect((await invoke(operations.emailMessages.listThreads, ctx(member), { entityId: target.organization.id })).data.map((t) => t.id)).toEqual([personal.threadId, b.threadId, a.threadId]);
    expect(await list({ q: 'quarterly' })).toEqual([a.id]);
    expect(await list({ q: 'olaf' })).toEqual([b.id]);
    expect(await list({ q: other.domain })).toEqual([c.id]);
    const page = await invoke(operations.emailMessages.list, ctx(member), { mailboxId, limit: 2, offset: 1 });
    expect(page).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(page.data.map((m) => m.id)).toEqual([c.id, b.id]);
  });

  it('presents a page in a fixed number of queries, however many messages it holds', async () => {
    const target = await investor();
    const mailboxId = await insertTestMailbox(core);
    const ids: string[] = [];
    for (let day = 1; day <= 12; day += 1) {
      const attachments = [{ filename: `a${day}.txt`, contentType: 'text/plain', content: Buffer.from(`file ${day}`) }];
      ids.push((await insertTestEmail(core, { subject: `Update ${day}`, from: { name: 'Jane', address: target.email }, sentAt: `2031-01-${String(day).padStart(2, '0')}T10:00:00.000Z`, mailboxId, links: linksFor(target), attachments })).id);
    }
    const queriesFor = async (count: number) => {
      let queries = 0;
      const counter: KyselyPlugin = {
        transformQuery: ({ node }) => {
          queries += 1;
          return node;
        },
        transformResult: ({ result }) => Promise.resolve(result),
      };
      const rows = await core.db.selectFrom('emailMessages').selectAll().where('id', 'in', ids.slice(0, count)).execute();
      const views = await presentEmailMessages(core.db.withPlugin(counter), rows);
      expect(views.every((v) => v.links.length === 2 && v.attachments.length === 1 && v.mailboxes.length === 1)).toBe(true);
      return queries;
    };
    const one = await queriesFor(1);
    expect(one).toBeLessThanOrEqual(5);
    expect(await queriesFor(12)).toBe(one);
  });

  it('counts mail that arrived without an activity-log entry (sync runs log none per message)', async () => {
    const target = await investor();
    const mailboxId = await insertTestMailbox(core);
    const arrive = (sentAt: string) => insertTestEmail(core, { subject: 'Update', from: { name: 'Jane', address: target.email }, sentAt, mailboxId, links: linksFor(target) });
    await arrive('2031-01-15T10:00:00.000Z');
    // Some logged write in between, so the outbox has a position a cached total could hang on.
    await invoke(operations.organizations.create, ctx(), { name: `Unrelated ${unique()}`, kind: 'family_office' });
    expect((await invoke(operations.emailMessages.list, ctx(member), { mailboxId })).total).toBe(1);
    expect((await invoke(operations.emailMessages.listThreads, ctx(member), { entityId: target.contact.id })).total).toBe(1);
    await arrive('2031-01-16T10:00:00.000Z');
    expect((await invoke(operations.emailMessages.list, ctx(member), { mailboxId })).total).toBe(2);
    expect((await invoke(operations.emailMessages.listThreads, ctx(member), { entityId: target.contact.id })).total).toBe(2);
  });

  it('shows a body (HTML sanitized again at read) only for a linked message; an unlinked one is 404 to members and bodiless to admins', async () => {
    const target = await investor();
    const linked = await insertTestEmail(core, {
      subject: 'Terms',
      from: { name: 'Jane', address: target.email },
      sentAt: '2031-01-05T10:00:00.000Z',
      bodyText: 'Terms attached',
      bodyHtml: '<p onclick="steal()">Terms <b>attached</b></p><script>alert(1)</script><img src="https://tracker.example.com/p.gif"><a href="javascript:alert(1)">x</a>',
      links: linksFor(target),
    });
    const detail = await invoke(operations.emailMessages.get, ctx(member), { id: linked.id });
    expect(detail.bodyText).toBe('Terms attached');
    expect(detail.bodyHtml).toContain('<p>Terms <b>attached</b></p>');
    for (const gone of ['script', 'onclick', 'tracker.example.com', 'javascript:']) expect(detail.bodyHtml).not.toContain(gone);

    const unlinked = await insertTestEmail(core, { subject: 'Private', from: { name: 'Friend', address: `pal${unique()}@gmail.com` }, sentAt: '2031-01-05T11:00:00.000Z', bodyText: 'never kept' });
    // Even a row that somehow kept a body: no door shows it while the message is unlinked.
    await core.db.updateTable('emailMessages').set({ hasBody: 1, bodyText: 'leaked?', bodyHtml: '<p>leaked?</p>' }).where('id', '=', unlinked.id).execute();
    await expect(invoke(operations.emailMessages.get, ctx(member), { id: unlinked.id })).rejects.toBeInstanceOf(NotFound);
    const asAdmin = await invoke(operations.emailMessages.get, ctx(), { id: unlinked.id });
    expect(asAdmin).toMatchObject({ subject: 'Private', hasBody: false, snippet: '' });
    expect(asAdmin).not.toHaveProperty('bodyText');
    expect(asAdmin).not.toHaveProperty('bodyHtml');
    await expect(invoke(operations.emailMessages.get, ctx(), { id: '01900000-0000-7000-8000-000000000000' })).rejects.toBeInstanceOf(NotFound);
  });

  it('lists threads linked to an entity by newest activity, messages oldest first; members see only the linked messages', async () => {
    const target = await investor();
    const first = await insertTestEmail(core, { subject: 'Intro', from: { name: 'Jane', address: target.email }, sentAt: '2031-01-01T08:00:00.000Z', links: linksFor(target), bodyText: 'Hello' });
    const reply = await insertTestEmail(core, {
      subject: 'Re: Intro',
      from: { name: 'Partner', address: 'partner@fund.example.com' },
      to: [{ name: 'Jane', address: target.email }],
      sentAt: '2031-01-01T09:00:00.000Z',
      direction: 'outbound',
      threadId: first.threadId,
      links: linksFor(target),
      bodyText: 'Welcome',
    });
    const internal = await insertTestEmail(core, { subject: 'Fwd: Intro', from: { name: 'Partner', address: 'partner@fund.example.com' }, sentAt: '2031-01-01T10:00:00.000Z', threadId: first.threadId });
    const later = await insertTestEmail(core, { subject: 'Follow-up', from: { name: 'Jane', address: target.email }, sentAt: '2031-01-20T08:00:00.000Z', links: linksFor(target), bodyText: 'Any news?' });

    const threads = await invoke(operations.emailMessages.listThreads, ctx(member), { entityId: target.contact.id });
    expect(threads.total).toBe(2);
    expect(threads.data.map((t) => t.id)).toEqual([later.threadId, first.threadId]);
    const intro = threads.data[1];
    expect(intro?.messages.map((m) => m.id)).toEqual([first.id, reply.id]);
    expect(intro?.messages.map((m) => [m.direction, m.bodyText])).toEqual([
      ['inbound', 'Hello'],
      ['outbound', 'Welcome'],
    ]);
    expect(intro?.links.map((l) => l.entityId)).toEqual([target.contact.id, target.organization.id]);
    expect(intro).toMatchObject({ firstAt: '2031-01-01T08:00:00.000Z', lastAt: '2031-01-01T09:00:00.000Z' });

    const asAdmin = await invoke(operations.emailMessages.getThread, ctx(), { id: first.threadId });
    expect(asAdmin.messages.map((m) => m.id)).toEqual([first.id, reply.id, internal.id]);
    expect(asAdmin.messages[2]).not.toHaveProperty('bodyText');

    const lonely = await insertTestEmail(core, { subject: 'Newsletter', from: { name: 'News', address: `news${unique()}@gmail.com` }, sentAt: '2031-01-02T08:00:00.000Z' });
    await expect(invoke(operations.emailMessages.getThread, ctx(member), { id: lonely.threadId })).rejects.toBeInstanceOf(NotFound);
    expect((await invoke(operations.emailMessages.getThread, ctx(), { id: lonely.threadId })).messages).toHaveLength(1);
    const all = await invoke(operations.emailMessages.listThreads, ctx(member), { limit: 100 });
    expect(all.data.some((t) => t.id === lonely.threadId)).toBe(false);
  });

  it('links a thread by hand: every message is linked (manual), shows on the timeline, and the link is logged', async () => {
    const target = await investor();
    const stranger = `adviser${unique()}@gmail.com`;
    const message = await insertTestEmail(core, { subject: 'Introduction', from: { name: 'Adviser', address: stranger }, sentAt: '2031-02-10T10:00:00.000Z' });
    const thread = await invoke(operations.emailMessages.linkThread, ctx(member), { id: message.threadId, entityType: 'contact', entityId: target.contact.id });
    expect(thread.links).toEqual([{ entityType: 'contact', entityId: target.contact.id, label: target.contact.fullName, matchKind: 'manual', confidence: 1, matchedOn: null }]);
    expect(thread.messages.map((m) => m.id)).toEqual([message.id]);
    // Linked now, so members see it; its body comes with the next sync.
    const row = await core.db.selectFrom('emailMessages').select(['needsBody', 'communicationId']).where('id', '=', message.id).executeTakeFirstOrThrow();
    expect(row.needsBody).toBe(1);
    const timeline = await invoke(operations.communications.list, ctx(member), { contactId: target.contact.id, limit: 50, offset: 0 });
    expect(timeline.data.find((c) => c.emailMessageId === message.id)).toMatchObject({ kind: 'email', source: 'email_sync', emailThreadId: message.threadId, direction: 'inbound' });
    const log = await core.db.selectFrom('activityLog').selectAll().where('entityType', '=', 'email_thread').where('entityId', '=', message.threadId).execute();
    expect(log.map((entry) => entry.action)).toEqual(['link']);
    expect(JSON.parse(log[0]?.diffJson ?? 'null')).toMatchObject({ entityType: 'contact', entityId: target.contact.id, before: null, after: 'link' });
    // Search, notifications, automations, relationships and the email re-match all take the event in their stride.
    expect((await core.dispatcher.drain()).failures).toBe(0);
  });

  it('unlinks a matched thread for good: links, body and timeline entry go, and a re-match does not bring them back', async () => {
    const target = await investor();
    const message = await insertTestEmail(core, { subject: 'Side letter', from: { name: 'Jane', address: target.email }, sentAt: '2031-02-11T10:00:00.000Z', links: linksFor(target), bodyText: 'Draft side letter' });
    await invoke(operations.emailMessages.unlinkThread, ctx(member), { id: message.threadId, entityType: 'contact', entityId: target.contact.id });
    let thread = await invoke(operations.emailMessages.unlinkThread, ctx(member), { id: message.threadId, entityType: 'organization', entityId: target.organization.id });
    expect(thread.messages).toEqual([]);
    await write(core, admin, (scope) => relinkMessages(scope, [message.id]));
    const row = await core.db.selectFrom('emailMessages').select(['hasBody', 'bodyText']).where('id', '=', message.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ hasBody: 0, bodyText: null });
    await expect(invoke(operations.emailMessages.get, ctx(member), { id: message.id })).rejects.toBeInstanceOf(NotFound);
    const timeline = await invoke(operations.communications.list, ctx(member), { contactId: target.contact.id, limit: 50, offset: 0 });
    expect(timeline.data.some((c) => c.emailMessageId === message.id)).toBe(false);
    // Linking again replaces the unlink.
    thread = await invoke(operations.emailMessages.linkThread, ctx(member), { id: message.threadId, entityType: 'contact', entityId: target.contact.id });
    expect(thread.links.map((l) => [l.entityId, l.matchKind])).toEqual([[target.contact.id, 'manual']]);
  });

  it('refuses unknown threads and entities, and linking to an entity marked "do not capture"', async () => {
    const target = await investor();
    const message = await insertTestEmail(core, { subject: 'x', from: { name: null, address: `x${unique()}@gmail.com` }, sentAt: '2031-02-12T10:00:00.000Z' });
    const missing = '01900000-0000-7000-8000-000000000000';
    await expect(invoke(operations.emailMessages.linkThread, ctx(member), { id: missing, entityType: 'contact', entityId: target.contact.id })).rejects.toBeInstanceOf(NotFound);
    await expect(invoke(operations.emailMessages.linkThread, ctx(member), { id: message.threadId, entityType: 'contact', entityId: missing })).rejects.toBeInstanceOf(NotFound);
    await invoke(operations.emailMessages.blockCapture, ctx(member), { entityType: 'contact', entityId: target.contact.id });
    await expect(invoke(operations.emailMessages.linkThread, ctx(member), { id: message.threadId, entityType: 'contact', entityId: target.contact.id })).rejects.toBeInstanceOf(Conflict);
    await expect(invoke(operations.emailMessages.linkThread, ctx(testActor({ role: 'agent' })), { id: message.threadId, entityType: 'organization', entityId: target.organization.id })).rejects.toBeInstanceOf(Forbidden);
  });

  it('"do not capture" purges a contact\'s mail now; unblocking brings the matches back, bodies with the next sync', async () => {
    const target = await investor();
    const message = await insertTestEmail(core, { subject: 'Personal matter', from: { name: 'Jane', address: target.email }, sentAt: '2031-02-13T10:00:00.000Z', links: linksFor(target), bodyText: 'Private details' });
    expect(await invoke(operations.emailMessages.getCaptureBlock, ctx(member), { entityType: 'contact', entityId: target.contact.id })).toEqual({ entityType: 'contact', entityId: target.contact.id, blocked: false, blockedAt: null, blockedBy: null });
    await invoke(operations.emailMessages.blockCapture, ctx(member), { entityType: 'organization', entityId: target.organization.id });
    const block = await invoke(operations.emailMessages.blockCapture, ctx(member), { entityType: 'contact', entityId: target.contact.id });
    expect(block).toMatchObject({ blocked: true, blockedAt: expect.any(String) });
    const row = await core.db.selectFrom('emailMessages').select(['hasBody', 'bodyText', 'snippet']).where('id', '=', message.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ hasBody: 0, bodyText: null, snippet: '' });
    expect((await core.db.selectFrom('emailLinks').select('entityId').where('messageRowId', '=', message.id).execute()).length).toBe(0);
    const dossier = await invoke(operations.contacts.get, ctx(member), { id: target.contact.id });
    expect(dossier.recentCommunications.some((c) => c.kind === 'email')).toBe(false);
    expect((await invoke(operations.emailMessages.getCaptureBlock, ctx(member), { entityType: 'contact', entityId: target.contact.id })).blocked).toBe(true);
    const log = await core.db.selectFrom('activityLog').select('action').where('entityId', '=', target.contact.id).where('action', 'like', 'email_%').execute();
    expect(log.map((e) => e.action)).toEqual(['email_capture_block']);
    expect((await core.dispatcher.drain()).failures).toBe(0);

    await invoke(operations.emailMessages.unblockCapture, ctx(member), { entityType: 'contact', entityId: target.contact.id });
    const links = await core.db.selectFrom('emailLinks').select(['entityId', 'matchKind']).where('messageRowId', '=', message.id).execute();
    expect(links).toEqual([{ entityId: target.contact.id, matchKind: 'exact_email' }]);
    const after = await core.db.selectFrom('emailMessages').select(['hasBody', 'needsBody']).where('id', '=', message.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ hasBody: 0, needsBody: 1 });
    expect((await invoke(operations.emailMessages.getCaptureBlock, ctx(member), { entityType: 'contact', entityId: target.contact.id })).blocked).toBe(false);
    await expect(invoke(operations.emailMessages.getCaptureBlock, ctx(member), { entityType: 'organization', entityId: '01900000-0000-7000-8000-000000000000' })).rejects.toBeInstanceOf(NotFound);
  });

  it('matched email appears on the contact and organization timelines and in both dossiers as kind email', async () => {
    const target = await investor();
    const stored = await insertTestEmail(core, { subject: 'Commitment confirmed', from: { name: 'Jane', address: target.email }, sentAt: '2031-03-01T10:00:00.000Z', links: linksFor(target), bodyText: 'We are in for 5m' });
    // And one the pipeline matches itself, after the contact existed: relink writes its timeline entry.
    const relinked = await insertTestEmail(core, { subject: 'Wire sent', from: { name: 'Jane', address: target.email }, sentAt: '2031-03-02T10:00:00.000Z' });
    await write(core, admin, (scope) => relinkMessages(scope, [relinked.id]));
    for (const messageId of [stored.id, relinked.id]) {
      const contactFeed = await invoke(operations.communications.list, ctx(member), { contactId: target.contact.id, limit: 50, offset: 0 });
      const organizationFeed = await invoke(operations.communications.list, ctx(member), { organizationId: target.organization.id, limit: 50, offset: 0 });
      for (const feed of [contactFeed, organizationFeed]) expect(feed.data.find((c) => c.emailMessageId === messageId)).toMatchObject({ kind: 'email', direction: 'inbound', emailThreadId: expect.any(String) });
    }
    const contactDossier = await invoke(operations.contacts.get, ctx(member), { id: target.contact.id });
    const organizationDossier = await invoke(operations.organizations.get, ctx(member), { id: target.organization.id });
    for (const dossier of [contactDossier, organizationDossier]) {
      expect(dossier.recentCommunications.filter((c) => c.kind === 'email').map((c) => c.emailMessageId)).toEqual([relinked.id, stored.id]);
    }
    expect(contactDossier.recentCommunications.find((c) => c.emailMessageId === stored.id)).toMatchObject({ subject: 'Commitment confirmed', emailThreadId: stored.threadId });
  });

  it('serves attachment bytes for a message the reader may see, never for an unlinked one or one over the limit', async () => {
    const target = await investor();
    const content = Buffer.from('quarterly report bytes');
    const linked = await insertTestEmail(core, {
      subject: 'Report',
      from: { name: 'Jane', address: target.email },
      sentAt: '2031-03-03T10:00:00.000Z',
      links: linksFor(target),
      attachments: [
        { filename: 'Q4 report.pdf', contentType: 'application/pdf', content },
        { filename: 'huge.zip', contentType: 'application/zip', content: Buffer.from('too big'), stored: false },
      ],
    });
    const file = await invoke(operations.emailMessages.attachment, ctx(member), { id: linked.attachmentIds[0] });
    expect(file).toMatchObject({ filename: 'Q4 report.pdf', contentType: 'application/pdf', size: content.length });
    expect(Buffer.from(file.content).equals(content)).toBe(true);
    await expect(invoke(operations.emailMessages.attachment, ctx(member), { id: linked.attachmentIds[1] })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('over the size limit') });
    const unlinked = await insertTestEmail(core, { subject: 'x', from: { name: null, address: `y${unique()}@gmail.com` }, sentAt: '2031-03-03T11:00:00.000Z', attachments: [{ filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('private') }] });
    await expect(invoke(operations.emailMessages.attachment, ctx(), { id: unlinked.attachmentIds[0] })).rejects.toBeInstanceOf(NotFound);
  });
});
