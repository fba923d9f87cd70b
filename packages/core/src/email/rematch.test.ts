import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../kernel/operations.js';
import type { DomainEvent } from '../kernel/outbox.js';
import { operations } from '../operations.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { EMAIL_REMATCH_JOB, emailRematchSubscriber } from './rematch.js';
import { addContact, addOrganization, addTestMailbox, syncFromMemory, uniqueParty } from './testing/fixtures.js';
import { MemoryMailbox } from './testing/memory-provider.js';
import { buildMessage } from './testing/messages.js';

describe.each(testDialects())('email re-match on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await openTestCore(dialect);
  });
  afterAll(() => core.dispose());

  const linksOf = async (messageId: string) => {
    const row = await core.db.selectFrom('emailMessages').select('id').where('messageId', '=', messageId).executeTakeFirstOrThrow();
    return core.db.selectFrom('emailLinks').select(['entityType', 'entityId', 'matchKind', 'confidence']).where('messageRowId', '=', row.id).execute();
  };

  it('links stored mail when an organization gains a domain, and unlinks it when the domain goes', async () => {
    const lp = uniqueParty('Domain');
    const mailbox = new MemoryMailbox();
    const id = await addTestMailbox(core);
    mailbox.append('INBOX', buildMessage({ messageId: `dom-${lp.domain}`, from: `cfo@${lp.domain}`, to: ['us@ourfund.example'], subject: 'Audit', date: '2031-03-01T10:00:00Z', text: 'a' }));
    await syncFromMemory(core, id, mailbox);
    const orgId = await addOrganization(core, `${lp.name} Pension`, []);
    await core.dispatcher.drain();
    expect(await linksOf(`dom-${lp.domain}`)).toEqual([]);
    await invoke(operations.organizations.update, { core, actor: testActor() }, { id: orgId, changes: { emailDomains: [lp.domain] } });
    await core.dispatcher.drain();
    expect(await linksOf(`dom-${lp.domain}`)).toEqual([{ entityType: 'organization', entityId: orgId, matchKind: 'domain', confidence: 0.6 }]);
    await invoke(operations.organizations.update, { core, actor: testActor() }, { id: orgId, changes: { emailDomains: [] } });
    await core.dispatcher.drain();
    expect(await linksOf(`dom-${lp.domain}`)).toEqual([]);
  });

  it('hands a large re-match to a job', async () => {
    const lp = uniqueParty('Job');
    const mailbox = new MemoryMailbox();
    const id = await addTestMailbox(core);
    mailbox.append('INBOX', buildMessage({ messageId: `job-${lp.domain}`, from: lp.email, to: ['us@ourfund.example'], subject: 'Big', date: '2031-03-01T10:00:00Z', text: 'a' }));
    await syncFromMemory(core, id, mailbox);
    const contactId = await addContact(core, lp.name, [lp.email]);
    // The built-in subscriber already linked it inline; a subscriber with no inline room queues the same work.
    await core.dispatcher.drain();
    await core.db.deleteFrom('emailLinks').execute();
    const subscriber = emailRematchSubscriber(core, { inlineLimit: 0 });
    const event = { id: `evt-${lp.name}`, position: 0, at: '2031-03-01T10:00:00.000Z', action: 'update', entityType: 'contact', entityId: contactId, version: 2, diff: {}, actor: {} } as unknown as DomainEvent;
    if (!('handleBatch' in subscriber)) throw new Error('expected a batch subscriber');
    await subscriber.handleBatch([event]);
    expect(await linksOf(`job-${lp.domain}`)).toEqual([]);
    const jobs = await core.db.selectFrom('jobs').select(['kind', 'status']).where('kind', '=', EMAIL_REMATCH_JOB).execute();
    expect(jobs).toEqual([{ kind: EMAIL_REMATCH_JOB, status: 'queued' }]);
    await core.jobs.runDue();
    expect(await linksOf(`job-${lp.domain}`)).toEqual([{ entityType: 'contact', entityId: contactId, matchKind: 'exact_email', confidence: 1 }]);
  });
});
