import type { Core } from '../../core.js';
import { invoke } from '../../kernel/operations.js';
import type { Actor } from '../../kernel/actor.js';
import { newId } from '../../kernel/ids.js';
import { operations } from '../../operations.js';
import { JOURNALED_TABLES, type JournaledTable } from './journal.js';

const M = 100_000_000;

/** Every table a merge may touch, each sorted by its key: undo must bring them back exactly. */
export async function rawRows(core: Core, except: JournaledTable[] = []): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of Object.keys(JOURNALED_TABLES) as JournaledTable[]) {
    if (except.includes(table)) continue;
    // biome-ignore lint/suspicious/noExplicitAny: every journaled table, read whole
    const rows: Record<string, unknown>[] = await (core.db as any).selectFrom(table).selectAll().execute();
    const key = (row: Record<string, unknown>) => JOURNALED_TABLES[table].map((c) => String(row[c])).join('|');
    out[table] = rows.sort((a, b) => key(a).localeCompare(key(b)));
  }
  return out;
}

/**
 * Two people who are one person, and their two firms which are one firm: emails, phones, firm links,
 * communications, tasks, tags, custom fields, commitments (one to the same fund), notes, domains,
 * source records, aliases and relationship edges on both sides.
 */
export async function buildDuplicates(core: Core, actor: Actor, name: string) {
  const ctx = { core, actor };
  const fund = await invoke(operations.funds.create, ctx, { name: `${name} Fund I`, vintage: 2030, status: 'raising' });
  const fundTwo = await invoke(operations.funds.create, ctx, { name: `${name} Fund II`, vintage: 2032, status: 'raising' });
  const fundThree = await invoke(operations.funds.create, ctx, { name: `${name} Fund III`, vintage: 2034, status: 'raising' });
  const key = name.toLowerCase().replace(/[^a-z]/g, '');
  const orgA = await invoke(operations.organizations.create, ctx, { name: `${name} Capital`, kind: 'family_office', emailDomains: [`${key}.example.com`] });
  const orgB = await invoke(operations.organizations.create, ctx, {
    name: `${name} Capital LLC`,
    kind: 'other',
    website: `https://${key}.example.com`,
    emailDomains: [`${key}.example.com`, `${key}-office.example.com`],
  });
  const tag = await invoke(operations.tags.create, ctx, { name: `${name} warm` });
  const tagTwo = await invoke(operations.tags.create, ctx, { name: `${name} board` });
  const contactField = `${key}_tier`;
  await invoke(operations.customFields.create, ctx, { entityType: 'contact', key: contactField, label: 'Tier', type: 'text' });
  const personA = await invoke(operations.contacts.create, ctx, {
    firstName: 'Katherine',
    lastName: name,
    emails: [`kate@${key}.example.com`],
    phones: ['+1 415 555 0101'],
    organizations: [{ organizationId: orgA.id, isPrimary: true }],
    tagIds: [tag.id],
    customFields: { [contactField]: 'gold' },
  });
  const personB = await invoke(operations.contacts.create, ctx, {
    firstName: 'Kate',
    lastName: name,
    title: 'Partner',
    emails: [`kate.${key}@gmail.com`, `k@${key}-office.example.com`],
    phones: ['+1 415 555 0199'],
    organizations: [
      { organizationId: orgA.id, isPrimary: true },
      { organizationId: orgB.id, isPrimary: false },
    ],
    tagIds: [tag.id, tagTwo.id],
    customFields: { [contactField]: 'silver' },
  });
  const commitmentA = await invoke(operations.commitments.create, ctx, {
    organizationId: orgA.id,
    fundId: fund.id,
    stage: 'meeting',
    expectedAmount: 2 * M,
    primaryContactId: personA.id,
  });
  const commitmentB = await invoke(operations.commitments.create, ctx, {
    organizationId: orgB.id,
    fundId: fund.id,
    stage: 'committed',
    committedAmount: 3 * M,
    primaryContactId: personB.id,
  });
  const commitmentB2 = await invoke(operations.commitments.create, ctx, {
    organizationId: orgB.id,
    fundId: fundTwo.id,
    stage: 'lead',
    expectedAmount: M,
    primaryContactId: personB.id,
  });
  await invoke(operations.commitments.create, ctx, { organizationId: orgA.id, fundId: fundThree.id, stage: 'lead' });
  await invoke(operations.communications.create, ctx, {
    kind: 'call',
    occurredAt: '2031-01-10T10:00:00Z',
    subject: 'Intro call',
    organizationIds: [orgA.id],
    contactIds: [personA.id],
  });
  await invoke(operations.communications.create, ctx, {
    kind: 'meeting',
    occurredAt: '2031-02-10T10:00:00Z',
    subject: 'Diligence',
    organizationIds: [orgB.id],
    contactIds: [personB.id],
  });
  await invoke(operations.communications.create, ctx, {
    kind: 'email',
    occurredAt: '2031-02-20T10:00:00Z',
    subject: 'Both on it',
    organizationIds: [orgA.id, orgB.id],
    contactIds: [personA.id, personB.id],
  });
  await invoke(operations.tasks.create, ctx, { title: 'Send deck to Kate', entityType: 'contact', entityId: personB.id });
  await invoke(operations.tasks.create, ctx, { title: 'Call Katherine', entityType: 'contact', entityId: personA.id });
  await invoke(operations.tasks.create, ctx, { title: 'Side letter for LLC', entityType: 'organization', entityId: orgB.id });
  await invoke(operations.grid.appendNote, ctx, { id: orgB.id, note: { body: 'Met at the annual meeting' } });

  const now = core.clock.now().toISOString();
  for (const [entityType, entityId, source] of [
    ['contact', personA.id, 'csv'],
    ['contact', personB.id, 'email'],
    ['organization', orgA.id, 'csv'],
    ['organization', orgB.id, 'legacy'],
  ] as const) {
    const recordId = newId();
    await core.db
      .insertInto('identityRecords')
      .values({
        id: recordId,
        source,
        externalId: `${source}-${entityId}`,
        kind: entityType === 'contact' ? 'person' : 'organization',
        entityType,
        entityId,
        rule: 'new',
        confidence: 1,
        reason: 'first seen',
        recordJson: '{}',
        observedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await core.db
      .insertInto('identityRecordKeys')
      .values({ recordId, key: `name:${entityId}`, entityId })
      .execute();
    await core.db
      .insertInto('entityAliases')
      .values({ id: newId(), entityType, entityId, kind: 'external_id', source, value: `${source}-${entityId}`, createdAt: now })
      .execute();
  }
  const edge = (kind: string, fromId: string, toId: string) =>
    core.db
      .insertInto('relationshipEdges')
      .values({
        id: newId(),
        kind,
        fromType: 'contact',
        fromId,
        toType: 'contact',
        toId,
        strength: 0.5,
        evidenceJson: '[]',
        note: null,
        lastSeenAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  await edge('met_together', personA.id, personB.id);
  await edge('introduced_by', personB.id, personA.id);
  return { fund, fundTwo, orgA, orgB, personA, personB, commitmentA, commitmentB, commitmentB2, contactField, tag, tagTwo };
}
