import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../kernel/clock.js';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, TEST_NOW, testActor, testDialects, type TestCore } from '../testing/index.js';
import { rebuildRelationships } from './derive.js';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.parse(TEST_NOW) - days * DAY).toISOString();
const dateAgo = (days: number) => ago(days).slice(0, 10);
let serial = 0;
const unique = (label: string) => `${label}${++serial}`;

describe.each(testDialects())('relationships on %s', (dialect) => {
  let core: TestCore;
  const clock = new ManualClock(TEST_NOW);
  const admin = testActor({ name: 'Ada Admin', door: 'http' });
  const ctx = () => ({ core, actor: admin });

  beforeAll(async () => {
    core = await openTestCore(dialect, { clock });
  });
  afterEach(() => clock.set(new Date(TEST_NOW)));
  afterAll(() => core.dispose());

  const user = async () =>
    (
      await invoke(operations.access.createUser, ctx(), {
        username: unique('member'),
        fullName: unique('Member '),
        password: 'a long enough password',
        role: 'member',
      })
    ).id;
  const organization = async () => (await invoke(operations.organizations.create, ctx(), { name: unique('Org ') })).id;
  const contact = async (organizationId?: string) =>
    (await invoke(operations.contacts.create, ctx(), { firstName: unique('Pat'), lastName: 'Doe', ...(organizationId ? { organizationId } : {}) })).id;
  const log = (kind: 'meeting' | 'call' | 'email' | 'note' | 'text', daysAgo: number, contactIds: string[], userIds: string[], subject?: string) =>
    invoke(operations.communications.create, ctx(), { kind, occurredAt: ago(daysAgo), contactIds, userIds, ...(subject ? { subject } : {}) });
  const settle = () => core.dispatcher.drain();
  const relationships = async (id: string) => (await invoke(operations.relationships.forContact, ctx(), { id })).data;
  const strengthOf = async (contactId: string, kind: string, otherId: string) =>
    (await relationships(contactId)).find((view) => view.kind === kind && (view.from.id === otherId || view.to.id === otherId))?.strength;
  const edgeSnapshot = async () =>
    (await core.db.selectFrom('relationshipEdges').select(['kind', 'fromId', 'toId', 'evidenceJson']).where('kind', 'in', ['knows', 'met_together']).execute())
      .map((row) => `${row.kind} ${row.fromId} ${row.toId} ${row.evidenceJson}`)
      .sort();

  it('knows: strength from the fixed dataset, evidence listed with decayed weights, decaying with a later clock', async () => {
    const member = await user();
    const pat = await contact();
    await log('meeting', 180, [pat], [member], 'Intro meeting');
    await log('email', 90, [pat], [member], 'Hello');
    await log('call', 360, [pat], [member]);
    await log('note', 1, [pat], [member]);
    await settle();
    const knows = (await relationships(pat)).find((view) => view.kind === 'knows');
    expect(knows?.from).toMatchObject({ type: 'user', id: member });
    expect(knows?.strength.toFixed(3)).toBe('0.795');
    expect(knows?.evidence.map((item) => [item.kind, item.weight])).toEqual([
      ['one_way_email', 0.2121],
      ['meeting', 1],
      ['call', 0.375],
    ]);
    clock.set(new Date(Date.parse(TEST_NOW) + 180 * DAY));
    expect((await strengthOf(pat, 'knows', member))?.toFixed(3)).toBe('0.548');
  });

  it('knows: two emails in one thread within 30 days are reciprocated, unrelated ones are one-way', async () => {
    const member = await user();
    const replied = await contact();
    const ignored = await contact();
    await log('email', 10, [replied], [member], 'Fund III');
    await log('email', 5, [replied], [member], 'Re: Fund III');
    await log('email', 10, [ignored], [member], 'Deck');
    await log('email', 5, [ignored], [member], 'Deck follow-up');
    await settle();
    expect((await strengthOf(replied, 'knows', member))?.toFixed(3)).toBe('0.857');
    expect((await strengthOf(ignored, 'knows', member))?.toFixed(3)).toBe('0.442');
  });

  it('knows: with no participants named, the team member who logged the communication took part', async () => {
    const member = await user();
    const pat = await contact();
    const author = testActor({ id: member, userId: member, role: 'member', name: 'Member' });
    await invoke(operations.communications.create, { core, actor: author }, { kind: 'meeting', occurredAt: ago(0), contactIds: [pat] });
    await settle();
    expect((await strengthOf(pat, 'knows', member))?.toFixed(3)).toBe('0.865');
  });

  it('met_together: two contacts on the same meetings and calls, not emails', async () => {
    const a = await contact();
    const b = await contact();
    const c = await contact();
    await log('meeting', 30, [a, b], []);
    await log('call', 60, [a, b], []);
    await log('email', 1, [a, c], []);
    await settle();
    const met = (await relationships(a)).find((view) => view.kind === 'met_together');
    expect(met?.strength.toFixed(3)).toBe('0.949');
    expect(met?.evidence).toHaveLength(2);
    expect(await strengthOf(a, 'met_together', c)).toBeUndefined();
  });

  it('edits and deletions of communications update the derived edges; a rebuild gives the same edges', async () => {
    const member = await user();
    const a = await contact();
    const b = await contact();
    const meeting = await log('meeting', 20, [a, b], [member]);
    await log('call', 40, [a], [member]);
    await settle();
    expect(await strengthOf(b, 'knows', member)).toBeGreaterThan(0);
    await invoke(operations.communications.update, ctx(), { id: meeting.id, changes: { contactIds: [a] } });
    await settle();
    expect(await strengthOf(b, 'knows', member)).toBeUndefined();
    expect(await strengthOf(a, 'met_together', b)).toBeUndefined();
    const incremental = await edgeSnapshot();
    const result = await rebuildRelationships(core);
    expect(result.knows).toBeGreaterThan(0);
    expect(await edgeSnapshot()).toEqual(incremental);
    await invoke(operations.communications.delete, ctx(), { id: meeting.id });
    await settle();
    const afterDelete = await edgeSnapshot();
    await rebuildRelationships(core);
    expect(await edgeSnapshot()).toEqual(afterDelete);
  });

  it('introduced_by: add (logged), replace, remove; bad introducers are refused', async () => {
    const pat = await contact();
    const friend = await contact();
    const member = await user();
    await invoke(operations.relationships.addIntroduction, ctx(), {
      id: pat,
      introduction: { introducedById: friend, note: 'Met at the AGM', on: dateAgo(30) },
    });
    await invoke(operations.relationships.addIntroduction, ctx(), { id: pat, introduction: { introducedById: member } });
    const intros = (await relationships(pat)).filter((view) => view.kind === 'introduced_by');
    expect(intros.map((view) => [view.to.type, view.strength])).toEqual(
      expect.arrayContaining([
        ['contact', 1],
        ['user', 1],
      ]),
    );
    expect(intros.find((view) => view.to.id === friend)).toMatchObject({ title: 'Met at the AGM', startedOn: dateAgo(30) });
    // The introducer sees it too.
    expect((await relationships(friend)).some((view) => view.kind === 'introduced_by' && view.from.id === pat)).toBe(true);
    await invoke(operations.relationships.addIntroduction, ctx(), { id: pat, introduction: { introducedById: friend, note: 'Dinner' } });
    expect((await relationships(pat)).filter((view) => view.kind === 'introduced_by' && view.to.id === friend).map((view) => view.title)).toEqual(['Dinner']);
    await invoke(operations.relationships.removeIntroduction, ctx(), { id: pat, introducedById: friend });
    expect((await relationships(pat)).filter((view) => view.kind === 'introduced_by').map((view) => view.to.id)).toEqual([member]);
    const logged = await core.db.selectFrom('activityLog').select('action').where('entityId', '=', pat).where('action', 'like', '%_introduction').execute();
    expect(logged.map((row) => row.action).sort()).toEqual(['add_introduction', 'add_introduction', 'add_introduction', 'remove_introduction']);
    await expect(invoke(operations.relationships.addIntroduction, ctx(), { id: pat, introduction: { introducedById: pat } })).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(
      invoke(operations.relationships.addIntroduction, ctx(), { id: pat, introduction: { introducedById: '0190aaaa-0000-7000-8000-000000000000' } }),
    ).rejects.toMatchObject({ code: 'invalid' });
    await expect(invoke(operations.relationships.removeIntroduction, ctx(), { id: pat, introducedById: friend })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('works_at: a mover is one contact with an ended link and a current one; contact edits keep the dates', async () => {
    const oldFirm = await organization();
    const newFirm = await organization();
    const pat = await contact(oldFirm);
    await invoke(operations.relationships.updateWorksAt, ctx(), {
      id: pat,
      organizationId: oldFirm,
      changes: { title: 'Associate', startedOn: dateAgo(1000), endedOn: dateAgo(100) },
    });
    await invoke(operations.relationships.updateWorksAt, ctx(), {
      id: pat,
      organizationId: newFirm,
      changes: { title: 'Partner', startedOn: dateAgo(99), isPrimary: true },
    });
    const jobs = (await relationships(pat)).filter((view) => view.kind === 'works_at');
    expect(jobs.map((view) => [view.to.id, view.title, view.strength, view.endedOn])).toEqual([
      [newFirm, 'Partner', 1, null],
      [oldFirm, 'Associate', 0.3, dateAgo(100)],
    ]);
    const record = await invoke(operations.contacts.get, ctx(), { id: pat });
    expect(record.primaryOrganization?.id ?? record.organizations.find((o) => o.isPrimary)?.organizationId).toBe(newFirm);
    // Editing the contact's links (as the contact form does) keeps titles and dates of links that stay.
    await invoke(operations.contacts.update, ctx(), {
      id: pat,
      changes: {
        organizations: [
          { organizationId: newFirm, role: null, isPrimary: true },
          { organizationId: oldFirm, role: null, isPrimary: false },
        ],
      },
    });
    expect((await relationships(pat)).filter((view) => view.kind === 'works_at').map((view) => view.title)).toEqual(['Partner', 'Associate']);
    const people = (await invoke(operations.relationships.forOrganization, ctx(), { id: oldFirm })).data;
    expect(people.map((view) => [view.from.id, view.endedOn])).toEqual([[pat, dateAgo(100)]]);
    await expect(
      invoke(operations.relationships.updateWorksAt, ctx(), { id: pat, organizationId: newFirm, changes: { endedOn: dateAgo(200) } }),
    ).rejects.toMatchObject({ code: 'invalid' });
    const version = (await invoke(operations.contacts.get, ctx(), { id: pat })).version;
    await expect(
      invoke(operations.relationships.updateWorksAt, ctx(), { id: pat, organizationId: newFirm, changes: { title: 'MD' }, expectedVersion: version - 1 }),
    ).rejects.toMatchObject({ code: 'precondition_failed' });
  });

  it('warm-intro path: through a colleague to an organization target, scored as the product of hops', async () => {
    const member = await user();
    const target = await organization();
    const insider = await contact(target);
    const friend = await contact();
    const colleagueOfFriend = await contact();
    await log('meeting', 0, [friend], [member]);
    await log('meeting', 0, [friend, insider], []);
    await settle();
    const result = await invoke(operations.relationships.introPath, ctx(), { to: target, from: member, maxHops: 4 });
    expect(result.target).toMatchObject({ type: 'organization', id: target });
    const best = result.paths[0];
    expect(best?.hops.map((hop) => [hop.kind, hop.to.id])).toEqual([
      ['knows', friend],
      ['met_together', insider],
      ['works_at', target],
    ]);
    const product = (best?.hops ?? []).reduce((score, hop) => score * hop.strength, 1);
    expect(best?.score).toBeCloseTo(product, 3);
    expect(colleagueOfFriend).toBeTruthy();
    await expect(invoke(operations.relationships.introPath, ctx(), { to: member, maxHops: 4 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(invoke(operations.relationships.introPath, ctx(), { to: target, from: insider, maxHops: 4 })).rejects.toMatchObject({ code: 'invalid' });
  });
});
