import type { IdentitySourceRecordInput } from '@lpdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../kernel/operations.js';
import { write } from '../kernel/write.js';
import { createContactIn } from '../contacts/index.js';
import { operations } from '../operations.js';
import { openTestCore, TEST_NOW, testActor, testDialects, type TestCore } from '../testing/index.js';
import { orderedPair, upsertSuggestions } from './suggestions.js';

const DAY = 86_400_000;
const daysBefore = (days: number) => new Date(Date.parse(TEST_NOW) - days * DAY).toISOString();
let serial = 0;
/** A name and an address no other test uses (tests share one database per dialect). */
const unique = (stem: string) => {
  serial += 1;
  return { name: `${stem}${serial}`, email: `${stem.toLowerCase()}${serial}@example-${serial}.org` };
};

describe.each(testDialects())('identity resolution on %s', (dialect) => {
  let core: TestCore;
  const ctx = () => ({ core, actor: testActor() });
  const post = (records: IdentitySourceRecordInput[]) => invoke(operations.identity.postRecords, ctx(), { records });
  beforeAll(async () => {
    core = await openTestCore(dialect);
  });
  afterAll(() => core.dispose());

  it('resolves a posted record to a new contact and updates it when re-posted', async () => {
    const { name, email } = unique('Quill');
    const first = await post([{ source: 'csv', externalId: 'row-1', kind: 'person', firstName: 'Ada', lastName: name, emails: [email] }]);
    expect(first.data).toEqual([{ source: 'csv', externalId: 'row-1', entityType: 'contact', entityId: expect.any(String) }]);
    const again = await post([{ source: 'csv', externalId: 'row-1', kind: 'person', firstName: 'Ada', lastName: name, emails: [email], title: 'Partner' }]);
    expect(again.data[0]?.entityId).toBe(first.data[0]?.entityId);
    const listed = await invoke(operations.identity.listRecords, ctx(), { source: 'csv', externalId: 'row-1' });
    expect(listed.total).toBe(1);
    expect(listed.data[0]).toMatchObject({ entityId: first.data[0]?.entityId, rule: 'new', confidence: 1, record: { title: 'Partner' } });
    const contact = await invoke(operations.contacts.get, ctx(), { id: first.data[0]?.entityId });
    expect(contact).toMatchObject({ lastName: name, title: 'Partner', emails: [email] });
  });

  it('joins the same email from two sources into one contact with both external ids as aliases', async () => {
    const { name, email } = unique('Okafor');
    const [fromCsv] = (await post([{ source: 'csv', externalId: `c-${name}`, kind: 'person', name: `Ngozi ${name}`, emails: [email] }])).data;
    const versionBefore = (await invoke(operations.contacts.get, ctx(), { id: fromCsv?.entityId as string })).version;
    const [fromAirtable] = (
      await post([
        {
          source: 'airtable',
          externalId: `rec${name}`,
          kind: 'person',
          name: `Ngozi ${name}`,
          emails: [` ${email.toUpperCase()} `],
          phones: ['+1 415 555 0101'],
        },
      ])
    ).data;
    expect(fromAirtable?.entityId).toBe(fromCsv?.entityId);
    // The phone the second source added is a change of the contact: its version moves, as for any edit.
    const joined = await invoke(operations.contacts.get, ctx(), { id: fromCsv?.entityId as string });
    expect(joined.phones.map((p) => p.number)).toContain('+14155550101');
    expect(joined.version).toBe(versionBefore + 1);
    const how = await invoke(operations.identity.how, ctx(), { id: fromCsv?.entityId });
    expect(how.records.map((r) => r.source).sort()).toEqual(['airtable', 'csv']);
    expect(how.records.find((r) => r.source === 'airtable')?.rule).not.toBe('new');
    expect(how.aliases).toEqual(
      expect.arrayContaining([
        { kind: 'external_id', source: 'csv', value: `c-${name}` },
        { kind: 'external_id', source: 'airtable', value: `rec${name}` },
      ]),
    );
    const contact = await invoke(operations.contacts.get, ctx(), { id: fromCsv?.entityId });
    expect(contact.phones.map((p) => p.number)).toEqual(['+14155550101']);
  });

  it('keeps people with different names and emails apart, and why says distinct', async () => {
    const one = unique('Lindqvist');
    const two = unique('Moreau');
    const { data } = await post([
      { source: 'csv', externalId: `x-${one.name}`, kind: 'person', name: `Eva ${one.name}`, emails: [one.email] },
      { source: 'csv', externalId: `x-${two.name}`, kind: 'person', name: `Luc ${two.name}`, emails: [two.email] },
    ]);
    expect(data[0]?.entityId).not.toBe(data[1]?.entityId);
    const why = await invoke(operations.identity.why, ctx(), { a: data[0]?.entityId, b: data[1]?.entityId });
    expect(why).toMatchObject({ sameEntity: false, verdict: 'distinct' });
    expect(why.confidence).toBeLessThan(0.6);
  });

  it('why on two records of one entity shows the evidence and a merge verdict', async () => {
    const { name, email } = unique('Haddad');
    await post([
      { source: 'csv', externalId: `w1-${name}`, kind: 'person', name: `Rami ${name}`, emails: [email] },
      { source: 'email', externalId: `w2-${name}`, kind: 'person', name: `Rami ${name}`, emails: [email] },
    ]);
    const records = (await invoke(operations.identity.listRecords, ctx(), { source: 'email', externalId: `w2-${name}` })).data;
    const other = (await invoke(operations.identity.listRecords, ctx(), { source: 'csv', externalId: `w1-${name}` })).data;
    const why = await invoke(operations.identity.why, ctx(), { a: records[0]?.id, b: other[0]?.id });
    expect(why).toMatchObject({ sameEntity: true, verdict: 'merge', a: { recordId: records[0]?.id }, b: { recordId: other[0]?.id } });
    expect(why.evidence.some((e) => e.direction === 'for' && e.reason.includes(email))).toBe(true);
    await expect(invoke(operations.identity.why, ctx(), { a: records[0]?.id, b: '01900000-0000-7000-8000-000000000000' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('writes a manual record when a contact or organization is created through the commands', async () => {
    const { name, email } = unique('Manual');
    const contact = await invoke(operations.contacts.create, ctx(), { firstName: 'Mia', lastName: name, emails: [email] });
    const records = await invoke(operations.identity.listRecords, ctx(), { source: 'manual', externalId: contact.id });
    expect(records.data[0]).toMatchObject({ entityType: 'contact', entityId: contact.id, rule: 'manual', confidence: 1 });
    const organization = await invoke(operations.organizations.create, ctx(), { name: `${name} Capital` });
    expect((await invoke(operations.identity.listRecords, ctx(), { entityId: organization.id })).data[0]).toMatchObject({
      source: 'manual',
      rule: 'manual',
      entityType: 'organization',
    });
    // A source record with the same email now joins the manually typed contact.
    const [joined] = (await post([{ source: 'email', externalId: `sender-${name}`, kind: 'person', name: `Mia ${name}`, emails: [email] }])).data;
    expect(joined?.entityId).toBe(contact.id);
    const candidates = await invoke(operations.identity.candidates, ctx(), { kind: 'person', lastName: name, emails: [email.toUpperCase()] });
    expect(candidates.data[0]?.entity.entityId).toBe(contact.id);
  });

  it('links a person record to the organization it names, with title and start date', async () => {
    const { name, email } = unique('Tanaka');
    const observedAt = daysBefore(100);
    const [person] = (
      await post([
        {
          source: 'csv',
          externalId: `t-${name}`,
          kind: 'person',
          name: `Kenji ${name}`,
          emails: [email],
          organization: `${name} Family Office`,
          title: 'CIO',
          observedAt,
        },
      ])
    ).data;
    const rows = await core.db
      .selectFrom('contactOrganizations as co')
      .innerJoin('organizations as o', 'o.id', 'co.organizationId')
      .select(['o.name', 'co.title', 'co.startedOn', 'co.endedOn', 'co.isPrimary'])
      .where('co.contactId', '=', person?.entityId as string)
      .execute();
    expect(rows).toEqual([{ name: `${name} Family Office`, title: 'CIO', startedOn: observedAt.slice(0, 10), endedOn: null, isPrimary: expect.anything() }]);
    expect(Boolean(Number(rows[0]?.isPrimary))).toBe(true);
    // A second person naming the same organization joins the same organization.
    const [colleague] = (
      await post([
        { source: 'csv', externalId: `t2-${name}`, kind: 'person', name: `Yuki ${name}x`, emails: [`x${email}`], organization: `${name} Family Office` },
      ])
    ).data;
    const colleagueOrg = await core.db
      .selectFrom('contactOrganizations')
      .select('organizationId')
      .where('contactId', '=', colleague?.entityId as string)
      .executeTakeFirst();
    const personOrg = await core.db
      .selectFrom('contactOrganizations')
      .select('organizationId')
      .where('contactId', '=', person?.entityId as string)
      .executeTakeFirst();
    expect(colleagueOrg?.organizationId).toBe(personOrg?.organizationId);
  });

  it('keeps a mover as one contact with two jobs: the old link ends when the new one starts', async () => {
    const { name, email } = unique('Mover');
    const before = daysBefore(400);
    const after = daysBefore(30);
    const [old] = (
      await post([
        {
          source: 'legacy',
          externalId: `m1-${name}`,
          kind: 'person',
          name: `Sara ${name}`,
          emails: [email],
          organization: `Old ${name} Partners`,
          observedAt: before,
        },
      ])
    ).data;
    const [moved] = (
      await post([
        {
          source: 'csv',
          externalId: `m2-${name}`,
          kind: 'person',
          name: `Sara ${name}`,
          emails: [email],
          organization: `New ${name} Endowment`,
          observedAt: after,
        },
      ])
    ).data;
    expect(moved?.entityId).toBe(old?.entityId);
    const links = await core.db
      .selectFrom('contactOrganizations as co')
      .innerJoin('organizations as o', 'o.id', 'co.organizationId')
      .select(['o.name', 'co.startedOn', 'co.endedOn', 'co.isPrimary'])
      .where('co.contactId', '=', old?.entityId as string)
      .orderBy('co.startedOn')
      .execute();
    expect(links.map((l) => ({ ...l, isPrimary: Boolean(Number(l.isPrimary)) }))).toEqual([
      { name: `Old ${name} Partners`, startedOn: before.slice(0, 10), endedOn: after.slice(0, 10), isPrimary: false },
      { name: `New ${name} Endowment`, startedOn: after.slice(0, 10), endedOn: null, isPrimary: true },
    ]);
  });

  it('a record that clearly matches two entities bridges them: the second is merged into the first', async () => {
    const { name, email } = unique('Bridge');
    const linkedin = `https://www.linkedin.com/in/${name.toLowerCase()}-bridge`;
    const [byEmail] = (await post([{ source: 'csv', externalId: `b1-${name}`, kind: 'person', name: `Lena ${name}`, emails: [email] }])).data;
    const [byLinkedin] = (await post([{ source: 'airtable', externalId: `b2-${name}`, kind: 'person', name: `Lena ${name}`, linkedin }])).data;
    expect(byLinkedin?.entityId).not.toBe(byEmail?.entityId);
    const [bridge] = (await post([{ source: 'card', externalId: `b3-${name}`, kind: 'person', name: `Lena ${name}`, emails: [email], linkedin }])).data;
    const survivorId = bridge?.entityId as string;
    expect([byEmail?.entityId, byLinkedin?.entityId]).toContain(survivorId);
    const how = await invoke(operations.identity.how, ctx(), { id: survivorId });
    expect(how.records.map((r) => r.source).sort()).toEqual(['airtable', 'card', 'csv']);
    expect(how.merges).toHaveLength(1);
  });

  it('shared evidence never merges on its own: a joint email and a role mailbox keep different people apart', async () => {
    const { name } = unique('Baker');
    const joint = `${name.toLowerCase()}.family@gmail.com`;
    const [tom] = (await post([{ source: 'csv', externalId: `j1-${name}`, kind: 'person', name: `Tom ${name}`, emails: [joint] }])).data;
    const [mary] = (await post([{ source: 'airtable', externalId: `j2-${name}`, kind: 'person', name: `Mary ${name}`, emails: [joint] }])).data;
    expect(mary?.entityId).not.toBe(tom?.entityId);
    // The address stays with the contact that had it first (emails are unique across contacts).
    expect((await invoke(operations.contacts.get, ctx(), { id: mary?.entityId })).emails).toEqual([]);
    const role = `ir@${name.toLowerCase()}-capital.com`;
    const [first] = (await post([{ source: 'csv', externalId: `r1-${name}`, kind: 'person', name: `Ann ${name}son`, emails: [role] }])).data;
    const [second] = (await post([{ source: 'csv', externalId: `r2-${name}`, kind: 'person', name: `Raj ${name}ez`, emails: [role] }])).data;
    expect(second?.entityId).not.toBe(first?.entityId);
    const why = await invoke(operations.identity.why, ctx(), { a: first?.entityId, b: second?.entityId });
    expect(why.verdict).toBe('distinct');
  });

  it('refuses more than 1,000 records in one call', async () => {
    const records = Array.from({ length: 1001 }, (_, i) => ({ source: 'csv', externalId: `big-${i}`, kind: 'person' as const, name: `Person ${i}` }));
    await expect(post(records)).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('at most 1000 records') });
  });

  it('a scan files pre-existing contacts, folds clear duplicates together and remembers a rejection', async () => {
    const { name } = unique('Scan');
    const linkedinUrl = `https://www.linkedin.com/in/${name.toLowerCase()}`;
    // Written below the commands (as an import would), so no records exist yet.
    const [a, b] = await write(core, testActor(), async (scope) => [
      await createContactIn(scope, { firstName: 'Ola', lastName: name, emails: [], linkedinUrl }, 'US'),
      await createContactIn(scope, { firstName: 'Ola', lastName: name, emails: [], linkedinUrl }, 'US'),
    ]);
    const { name: otherName } = unique('Apart');
    const otherLinkedin = `https://www.linkedin.com/in/${otherName.toLowerCase()}`;
    const [c, d] = await write(core, testActor(), async (scope) => [
      await createContactIn(scope, { firstName: 'Ida', lastName: otherName, emails: [], linkedinUrl: otherLinkedin }, 'US'),
      await createContactIn(scope, { firstName: 'Ida', lastName: otherName, emails: [], linkedinUrl: otherLinkedin }, 'US'),
    ]);
    // Someone already said c and d are different people.
    const [entityA, entityB] = orderedPair(c?.id as string, d?.id as string);
    await write(core, testActor(), (scope) =>
      upsertSuggestions(scope.tx, scope.now, [{ entityType: 'contact', x: entityA, y: entityB, confidence: 0.7, evidence: [] }]),
    );
    const open = await invoke(operations.identity.suggestions, ctx(), { entityId: c?.id });
    expect(open.total).toBe(1);
    const rejected = await invoke(operations.identity.rejectSuggestion, ctx(), { id: open.data[0]?.id });
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: 'test' });

    const scan = await invoke(operations.identity.scan, ctx(), {});
    expect(scan.backfilled).toBeGreaterThanOrEqual(4);
    expect(scan.records).toBeGreaterThanOrEqual(4);
    // a and b are one person (same LinkedIn): b, the younger, is merged into a with both records.
    expect(scan.autoMerged).toBeGreaterThanOrEqual(1);
    const survivor = await invoke(operations.identity.how, ctx(), { id: a?.id });
    expect(survivor.records.map((r) => r.externalId).sort()).toEqual([a?.id, b?.id].sort());
    expect(survivor.merges).toMatchObject([{ merged: { entityId: b?.id }, survivor: { entityId: a?.id } }]);
    expect(survivor.merges[0]?.rule).not.toBe('manual');
    // The rejected pair is neither re-suggested nor merged.
    expect((await invoke(operations.identity.suggestions, ctx(), { entityId: c?.id })).total).toBe(0);
    expect((await invoke(operations.identity.suggestions, ctx(), { entityId: c?.id, status: 'rejected' })).total).toBe(1);
    expect((await invoke(operations.identity.listRecords, ctx(), { entityId: d?.id })).total).toBe(1);
    const why = await invoke(operations.identity.why, ctx(), { a: c?.id, b: d?.id });
    expect(why.verdict).toBe('rejected');
    // A second scan files nothing new.
    expect((await invoke(operations.identity.scan, ctx(), {})).backfilled).toBe(0);
  });
});
