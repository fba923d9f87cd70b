import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../kernel/operations.js';
import { write } from '../kernel/write.js';
import { operations } from '../operations.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { relinkMessages } from './links.js';
import { addContact, addOrganization, addTestMailbox, addUser, syncFromMemory, uniqueParty } from './testing/fixtures.js';
import { MemoryMailbox } from './testing/memory-provider.js';
import { buildMessage } from './testing/messages.js';

describe.each(testDialects())('email matching on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await openTestCore(dialect);
  });
  afterAll(() => core.dispose());

  const row = (messageId: string) => core.db.selectFrom('emailMessages').selectAll().where('messageId', '=', messageId).executeTakeFirstOrThrow();
  const links = async (messageId: string) =>
    core.db
      .selectFrom('emailLinks')
      .select(['entityType', 'entityId', 'matchKind', 'confidence', 'matchedOn'])
      .where('messageRowId', '=', (await row(messageId)).id)
      .orderBy('entityType')
      .execute();
  const commLinks = (communicationId: string) =>
    core.db.selectFrom('communicationLinks').select(['entityType', 'entityId']).where('communicationId', '=', communicationId).orderBy('entityType').execute();

  it('links exact addresses to contacts (1.0) and domains to organizations (0.6), with a timeline entry', async () => {
    const lp = uniqueParty('Exact');
    const contactId = await addContact(core, lp.name, [`jane.doe${lp.name.toLowerCase()}@gmail.com`]);
    const orgId = await addOrganization(core, `${lp.name} Capital`, [lp.domain]);
    const ownerId = await addUser(core, `owner${lp.name.toLowerCase()}`, `owner-${lp.name.toLowerCase()}@ourfund.example`);
    const mailbox = new MemoryMailbox();
    const id = await addTestMailbox(core, { address: `owner-${lp.name.toLowerCase()}@ourfund.example`, ownerUserId: ownerId });
    // Gmail ignores dots and +tags: the contact's address matches by identity's match key.
    const from = `JaneDoe${lp.name}+funds@gmail.com`;
    mailbox.append('INBOX', buildMessage({ messageId: `exact-${lp.domain}`, from, to: [`owner-${lp.name.toLowerCase()}@ourfund.example`], cc: [`bob@mail.${lp.domain}`], subject: 'Capital call', date: '2031-03-01T10:00:00Z', text: 'Wire details' }));
    const run = await syncFromMemory(core, id, mailbox);
    expect(run).toMatchObject({ stored: 1, matched: 1 });
    expect(await links(`exact-${lp.domain}`)).toEqual([
      { entityType: 'contact', entityId: contactId, matchKind: 'exact_email', confidence: 1, matchedOn: from.toLowerCase() },
      { entityType: 'organization', entityId: orgId, matchKind: 'domain', confidence: 0.6, matchedOn: lp.domain },
    ]);
    const message = await row(`exact-${lp.domain}`);
    const communication = await core.db.selectFrom('communications').selectAll().where('id', '=', message.communicationId as string).executeTakeFirstOrThrow();
    expect(communication).toMatchObject({ kind: 'email', source: 'email_sync', occurredAt: '2031-03-01T10:00:00.000Z', subject: 'Capital call', body: null, direction: 'inbound', emailMessageId: message.id, authorId: null, deletedAt: null });
    expect(await commLinks(communication.id)).toEqual([
      { entityType: 'contact', entityId: contactId },
      { entityType: 'organization', entityId: orgId },
      { entityType: 'user', entityId: ownerId },
    ]);
    const logged = await core.db.selectFrom('activityLog').select(['action', 'diffJson']).where('entityId', '=', communication.id).execute();
    expect(logged.map((l) => l.action)).toEqual(['create']);
    expect(logged[0]?.diffJson).not.toContain('Wire details');
    // It shows on the contact's timeline as kind email.
    const timeline = await invoke(operations.communications.list, { core, actor: testActor() }, { contactId });
    expect(timeline.data.map((c: { kind: string; subject: string | null }) => [c.kind, c.subject])).toEqual([['email', 'Capital call']]);
  });

  it('never matches free-mail domains, team addresses or the team domain', async () => {
    const lp = uniqueParty('Free');
    const team = `gp@${lp.domain}`;
    // A contact record for our own partner, and an organization for our own fund: mail among us links to neither.
    await addContact(core, `${lp.name}Us`, [team]);
    await addOrganization(core, `${lp.name} Our Fund`, [lp.domain]);
    const gmailOrg = await addOrganization(core, `${lp.name} Gmail`, ['gmail.com']);
    const mailbox = new MemoryMailbox();
    const id = await addTestMailbox(core, { address: team });
    mailbox.append('INBOX', buildMessage({ messageId: `free-${lp.domain}`, from: `nobody${lp.name}@gmail.com`, to: [team, `colleague@${lp.domain}`], subject: 'Hi', date: '2031-03-01T10:00:00Z', text: 'private' }));
    const run = await syncFromMemory(core, id, mailbox);
    expect(run).toMatchObject({ stored: 1, matched: 0 });
    expect(await links(`free-${lp.domain}`)).toEqual([]);
    expect(await row(`free-${lp.domain}`)).toMatchObject({ hasBody: 0, bodyText: null, communicationId: null });
    expect(mailbox.sourceRequests).toEqual([]);
    expect(gmailOrg).toBeTruthy();
  });

  it('respects do-not-capture and thread unlinks, adds manual links, and drops what an unlinked message kept', async () => {
    const lp = uniqueParty('Block');
    const contactId = await addContact(core, lp.name, [lp.email]);
    const orgId = await addOrganization(core, `${lp.name} LP`, [lp.domain]);
    const otherId = await addContact(core, `${lp.name}Other`, [`other@${lp.domain}.unrelated.example`]);
    const mailbox = new MemoryMailbox();
    const id = await addTestMailbox(core);
    const pdf = { filename: 'side-letter.pdf', contentType: 'application/pdf', content: Buffer.from(`%PDF side letter ${lp.domain}`) };
    mailbox.append('INBOX', buildMessage({ messageId: `block-${lp.domain}`, from: lp.email, to: ['us@ourfund.example'], subject: 'Side letter', date: '2031-03-02T10:00:00Z', text: 'Terms', attachments: [pdf] }));
    await syncFromMemory(core, id, mailbox);
    const message = await row(`block-${lp.domain}`);
    expect(message.hasBody).toBe(1);
    expect(await core.db.selectFrom('emailAttachments').select('sha256').where('messageRowId', '=', message.id).execute()).toHaveLength(1);
    const now = core.clock.now().toISOString();
    const relink = () => write(core, testActor(), (scope) => relinkMessages(scope, [message.id]));

    // Unlink the thread from the organization: the contact link stays.
    await core.db.insertInto('emailThreadOverrides').values({ threadId: message.threadId, entityType: 'organization', entityId: orgId, action: 'unlink', createdAt: now, createdBy: null }).execute();
    await core.db.insertInto('emailThreadOverrides').values({ threadId: message.threadId, entityType: 'contact', entityId: otherId, action: 'link', createdAt: now, createdBy: null }).execute();
    expect(await relink()).toEqual({ linked: 1, unlinked: 0 });
    expect((await links(`block-${lp.domain}`)).map((l) => [l.entityId, l.matchKind, l.confidence, l.matchedOn])).toEqual(
      [
        [contactId, 'exact_email', 1, lp.email],
        [otherId, 'manual', 1, null],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect((await commLinks(message.communicationId as string)).map((l) => l.entityId).sort()).toEqual([contactId, otherId].sort());
    const updates = await core.db.selectFrom('activityLog').select('action').where('entityId', '=', message.communicationId).execute();
    expect(updates.map((u) => u.action)).toEqual(['create', 'update']);

    // Do not capture either contact: nothing is left linked, so the body, attachments, blob and entry go.
    for (const entityId of [contactId, otherId]) await core.db.insertInto('emailCaptureBlocks').values({ entityType: 'contact', entityId, createdAt: now, createdBy: null }).execute();
    expect(await relink()).toEqual({ linked: 0, unlinked: 1 });
    expect(await links(`block-${lp.domain}`)).toEqual([]);
    const after = await row(`block-${lp.domain}`);
    expect(after).toMatchObject({ hasBody: 0, needsBody: 0, bodyText: null, bodyHtml: null, snippet: '', communicationId: null });
    expect(await core.db.selectFrom('emailAttachments').select('id').where('messageRowId', '=', message.id).execute()).toEqual([]);
    expect(await core.db.selectFrom('communications').select('id').where('id', '=', message.communicationId as string).execute()).toEqual([]);
    const deleted = await core.db.selectFrom('activityLog').select(['action', 'diffJson']).where('entityId', '=', message.communicationId).where('action', '=', 'delete').execute();
    expect(deleted).toHaveLength(1);
  });

  it('re-matches stored mail when a contact is added: the link appears and the next sync brings the body', async () => {
    const lp = uniqueParty('Later');
    const mailbox = new MemoryMailbox();
    const id = await addTestMailbox(core);
    mailbox.append('INBOX', buildMessage({ messageId: `later-${lp.domain}`, from: lp.email, to: ['us@ourfund.example'], subject: 'Intro', date: '2031-03-03T10:00:00Z', text: 'Nice to meet you' }));
    await syncFromMemory(core, id, mailbox);
    expect(await row(`later-${lp.domain}`)).toMatchObject({ hasBody: 0, needsBody: 0, communicationId: null });
    const contactId = await addContact(core, lp.name, [lp.email]);
    await core.dispatcher.drain();
    expect(await links(`later-${lp.domain}`)).toEqual([{ entityType: 'contact', entityId: contactId, matchKind: 'exact_email', confidence: 1, matchedOn: lp.email }]);
    expect(await row(`later-${lp.domain}`)).toMatchObject({ hasBody: 0, needsBody: 1 });
    const run = await syncFromMemory(core, id, mailbox);
    expect(run).toMatchObject({ fetched: 0, stored: 0, matched: 1 });
    expect(await row(`later-${lp.domain}`)).toMatchObject({ hasBody: 1, needsBody: 0, bodyText: 'Nice to meet you' });

    // Deleting the contact unlinks the message again.
    await invoke(operations.contacts.delete, { core, actor: testActor() }, { id: contactId });
    await core.dispatcher.drain();
    expect(await links(`later-${lp.domain}`)).toEqual([]);
    expect(await row(`later-${lp.domain}`)).toMatchObject({ hasBody: 0, bodyText: null, communicationId: null });
  });
});
