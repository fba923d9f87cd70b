import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { purgeTrash } from '../trash/purge.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { rebuildSearchIndex } from './indexer.js';
import { SEARCH_SUBSCRIBER } from './subscriber.js';

describe.each(testDialects())('search on %s', (dialect) => {
  let core: TestCore;
  const actor = testActor({ kind: 'system', door: 'cli' });
  const ctx = () => ({ core, actor });
  beforeAll(async () => {
    core = await openTestCore(dialect);
  });
  afterAll(() => core.dispose());

  /** Every test names its records with a word of its own, so tests sharing the database never see each other's. */
  const org = async (name: string, extra: Record<string, unknown> = {}) => (await invoke(operations.organizations.create, ctx(), { name, ...extra })).id;
  const person = async (firstName: string, lastName: string, extra: Record<string, unknown> = {}) =>
    (await invoke(operations.contacts.create, ctx(), { firstName, lastName, ...extra })).id;
  const contactIds = async (q: string, extra: Record<string, unknown> = {}) =>
    (await invoke(operations.contacts.list, ctx(), { q, limit: 500, ...extra })).data.map((c) => c.id).sort();
  const organizationIds = async (q: string, extra: Record<string, unknown> = {}) =>
    (await invoke(operations.organizations.list, ctx(), { q, limit: 500, ...extra })).data.map((o) => o.id).sort();
  /** The document as the subscriber left it: read straight from the index, no catching up. */
  const indexed = async (type: string, id: string) =>
    (await core.db.selectFrom('searchDocuments').select('text').where('entityType', '=', type).where('entityId', '=', id).executeTakeFirst())?.text;

  it('indexes creates and edits through the dispatcher: name, title, emails, organizations', async () => {
    const firm = await org('Quillfeather Capital');
    const id = await person('Julia', 'Quillon', { title: 'Managing Partner', emails: ['Julia.Quillon@Quillfeather.example'], organizationId: firm });
    await core.dispatcher.drain();
    expect(await indexed('contact', id)).toBe('julia quillon managing partner julia.quillon@quillfeather.example quillfeather capital');
    expect(await indexed('organization', firm)).toBe('quillfeather capital');

    await invoke(operations.contacts.update, ctx(), { id, changes: { lastName: 'Quillby', emails: ['jq@newmail.example'] } });
    await core.dispatcher.drain();
    expect(await indexed('contact', id)).toBe('julia quillby managing partner jq@newmail.example quillfeather capital');
    expect(await contactIds('quillon')).toEqual([]);
    expect(await contactIds('quillby')).toEqual([id]);
    expect(await contactIds('jq@newmail')).toEqual([id]);
    expect(await contactIds('managing quillfeather')).toEqual([id]);
  });

  it('finds a record written a moment ago without waiting for the dispatcher', async () => {
    const id = await person('Wren', 'Zephyrine');
    expect(await contactIds('zephyrine')).toEqual([id]);
  });

  it('re-indexes an organization’s people when it is renamed, trashed and restored', async () => {
    const firm = await org('Brambleworth Partners');
    const id = await person('Otto', 'Brisk', { organizationId: firm });
    expect(await contactIds('brambleworth')).toEqual([id]);
    await invoke(operations.organizations.update, ctx(), { id: firm, changes: { name: 'Thistlecombe Partners' } });
    await core.dispatcher.drain();
    expect(await contactIds('thistlecombe')).toEqual([id]);
    expect(await contactIds('brambleworth')).toEqual([]);
    expect(await organizationIds('thistlecombe')).toEqual([firm]);

    await invoke(operations.organizations.delete, ctx(), { id: firm });
    await core.dispatcher.drain();
    expect(await contactIds('thistlecombe')).toEqual([]);
    await invoke(operations.organizations.restore, ctx(), { id: firm });
    await core.dispatcher.drain();
    expect(await contactIds('thistlecombe')).toEqual([id]);
  });

  it('hides trashed records from live lists, finds them in the trash, and forgets them once purged', async () => {
    const id = await person('Hester', 'Marrowgate');
    const firm = await org('Marrowgate Holdings');
    await invoke(operations.contacts.delete, ctx(), { id });
    await invoke(operations.organizations.delete, ctx(), { id: firm });
    await core.dispatcher.drain();
    expect(await contactIds('marrowgate')).toEqual([]);
    expect(await contactIds('marrowgate', { deleted: 'only' })).toEqual([id]);
    expect(await organizationIds('marrowgate', { deleted: 'include' })).toEqual([firm]);
    await invoke(operations.contacts.restore, ctx(), { id });
    expect(await contactIds('marrowgate')).toEqual([id]);

    await invoke(operations.contacts.delete, ctx(), { id });
    await core.db.updateTable('contacts').set({ deletedAt: '2001-01-01T00:00:00.000Z' }).where('id', '=', id).execute();
    await core.db.updateTable('organizations').set({ deletedAt: '2001-01-01T00:00:00.000Z' }).where('id', '=', firm).execute();
    await purgeTrash(core, testActor({ kind: 'system', door: 'cli', role: 'admin' }), 30);
    await core.dispatcher.drain();
    expect(await indexed('contact', id)).toBeUndefined();
    expect(await indexed('organization', firm)).toBeUndefined();
    expect(await contactIds('marrowgate', { deleted: 'include' })).toEqual([]);
  });

  it('stays right when a merge moves emails to the survivor and trashes the loser', async () => {
    const survivor = await person('Ines', 'Calloway', { emails: ['ines@callowaymerge.example'] });
    const loser = await person('Ines', 'Calloway-Old', { emails: ['ines.old@callowaymerge.example'] });
    await core.dispatcher.drain();
    await invoke(operations.contacts.update, ctx(), { id: loser, changes: { emails: [] } });
    await invoke(operations.contacts.update, ctx(), { id: survivor, changes: { emails: ['ines@callowaymerge.example', 'ines.old@callowaymerge.example'] } });
    await invoke(operations.contacts.delete, ctx(), { id: loser });
    await core.dispatcher.drain();
    expect(await contactIds('ines.old@callowaymerge')).toEqual([survivor]);
    expect(await contactIds('callowaymerge', { deleted: 'include' })).toEqual([survivor]);
    expect(await indexed('contact', loser)).toBe('ines calloway-old');
  });

  it('tolerates typos, ignores accents and case, and needs every word', async () => {
    const firm = await org('Vantablue Ventures');
    const julia = await person('Julia', 'Ostrowska', { organizationId: firm });
    const jose = await person('José', 'Ñúñez-Ostrowska');
    await person('Julian', 'Pemberhollow');
    expect(await contactIds('Julai ostrowska')).toEqual([julia]);
    expect(await contactIds('ostrowksa')).toEqual([jose, julia].sort());
    expect(await contactIds('jose nunez')).toEqual([jose]);
    expect(await contactIds('JOSÉ')).toEqual(await contactIds('jose'));
    expect(await contactIds('julia vantablue')).toEqual([julia]);
    expect(await contactIds('julia vantablueq')).toEqual([julia]);
    expect(await contactIds('julia nothingmatches')).toEqual([]);
    // Two letters match the start of a word, without typos.
    expect(await contactIds('os ju')).toEqual([julia]);
  });

  it('combines q with other filters, sorting and paging, with a total that matches the pages', async () => {
    const firm = await org('Pagewright Advisors');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await person(`Page${i}`, `Pagewright ${String.fromCharCode(71 - i)}`, { organizationId: i % 2 === 0 ? firm : null }));
    const inFirm = ids.filter((_, i) => i % 2 === 0);
    const first = await invoke(operations.contacts.list, ctx(), { q: 'pagewright', organizationId: firm, limit: 2, offset: 0, sort: 'lastName' });
    const second = await invoke(operations.contacts.list, ctx(), { q: 'pagewright', organizationId: firm, limit: 2, offset: 2, sort: 'lastName' });
    expect(first.total).toBe(4);
    expect(second.total).toBe(4);
    const paged = [...first.data, ...second.data];
    expect(paged.map((c) => c.id).sort()).toEqual([...inFirm].sort());
    expect(paged.map((c) => c.lastName)).toEqual([...paged.map((c) => c.lastName)].sort());
  });

  it('ranks the palette: name prefixes, then names, then other text, then typos; live records only', async () => {
    const firm = await org('Harrowgate Fund Services', { location: 'Boston' });
    const exact = await person('Harrow', 'Lindqvist', { organizationId: firm, emails: ['hl@example.com'] });
    const typo = await person('Harow', 'Tenneby');
    const trashed = await person('Harrowgate', 'Trashed');
    await invoke(operations.contacts.delete, ctx(), { id: trashed });
    const fund = (await invoke(operations.funds.create, ctx(), { name: 'Harrowgate Opportunity Fund', vintage: 2031 })).id;
    const results = await invoke(operations.search.query, ctx(), { q: 'harrow' });
    expect(results.map((r) => r.id)).not.toContain(trashed);
    const byId = new Map(results.map((r) => [r.id, r]));
    expect(byId.get(exact)).toMatchObject({
      type: 'contact',
      label: 'Harrow Lindqvist',
      sublabel: 'Harrowgate Fund Services · hl@example.com',
      match: 'prefix',
    });
    expect(byId.get(firm)).toMatchObject({ type: 'organization', match: 'prefix', sublabel: 'Other · Boston' });
    expect(byId.get(fund)).toMatchObject({ type: 'fund', match: 'prefix' });
    expect(byId.get(typo)).toMatchObject({ match: 'typo' });
    expect(results.at(-1)?.id).toBe(typo);
    expect((await invoke(operations.search.query, ctx(), { q: 'harrow', limit: 2 })).length).toBe(2);
  });

  it('finds communications by subject and body and tasks by title and notes, in the palette, until trashed', async () => {
    const firm = await org('Larkspur Holdings');
    const note = (
      await invoke(operations.communications.create, ctx(), {
        organizationIds: [firm],
        kind: 'note',
        occurredAt: '2031-03-01T10:00:00.000Z',
        subject: 'Quarterly sync',
        body: '1. Discussed the Marigoldvale co-investment\n2. Wants the DDQ by Friday',
      })
    ).id;
    const task = (await invoke(operations.tasks.create, ctx(), { title: 'Send Periwinkle deck', notes: 'Include the Marigoldvale appendix' })).id;
    const results = async (q: string) => (await invoke(operations.search.query, ctx(), { q })).map((r) => ({ type: r.type, id: r.id, match: r.match }));
    expect(await results('marigoldvale')).toEqual([
      { type: 'communication', id: note, match: 'text' },
      { type: 'task', id: task, match: 'text' },
    ]);
    // One typo in a body word is forgiven too.
    expect((await results('marigoldvael')).map((r) => r.id)).toEqual([note, task]);
    expect(await results('periwinkle')).toEqual([{ type: 'task', id: task, match: 'prefix' }]);
    const [shown] = await invoke(operations.search.query, ctx(), { q: 'quarterly sync' });
    // The day is the team's: 10:00 UTC on 1 March is already 2 March in UTC+14.
    const teamDay = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: core.settings.timeZone }).format(new Date('2031-03-01T10:00:00.000Z'));
    expect(shown).toMatchObject({ type: 'communication', id: note, label: 'Quarterly sync', sublabel: `Note · ${teamDay}`, match: 'prefix' });

    await invoke(operations.communications.update, ctx(), { id: note, changes: { body: 'Nothing about that any more' } });
    await invoke(operations.tasks.delete, ctx(), { id: task });
    expect(await results('marigoldvale')).toEqual([]);
  });

  it('forgives one swapped or wrong letter in the palette: "Julai" finds Julia', async () => {
    const julia = await person('Julia', 'Wexcombe');
    const swapped = await invoke(operations.search.query, ctx(), { q: 'Julai Wexcombe' });
    expect(swapped.map((r) => r.id)).toEqual([julia]);
    const substituted = await invoke(operations.search.query, ctx(), { q: 'Julia Wexcomba' });
    expect(substituted.map((r) => r.id)).toEqual([julia]);
  });

  it('rebuilds to the same index it keeps incrementally', async () => {
    await person('Rebuild', 'Kestrelholm', { emails: ['rk@kestrel.example'] });
    await core.dispatcher.drain();
    const snapshot = async () => ({
      documents: await core.db.selectFrom('searchDocuments').select(['entityType', 'entityId', 'text']).orderBy('entityType').orderBy('entityId').execute(),
      terms: (await core.db.selectFrom('searchTerms').select(['term', 'documentCount']).orderBy('term').execute()).map((t) => ({
        ...t,
        documentCount: Number(t.documentCount),
      })),
    });
    const incremental = await snapshot();
    expect(await invoke(operations.search.reindex, ctx(), {})).toEqual({ documents: incremental.documents.length, terms: incremental.terms.length });
    expect(await snapshot()).toEqual(incremental);
    await rebuildSearchIndex(core.db, core.dialect);
    expect(await snapshot()).toEqual(incremental);
  });

  it('keeps its cursor like any subscriber', async () => {
    await person('Cursor', 'Fallowmere');
    await core.dispatcher.drain();
    const cursor = await core.db.selectFrom('eventSubscriptions').select('position').where('name', '=', SEARCH_SUBSCRIBER).executeTakeFirstOrThrow();
    const latest = await core.db
      .selectFrom('outboxEvents')
      .select((eb) => eb.fn.max('position').as('p'))
      .executeTakeFirstOrThrow();
    expect(Number(cursor.position)).toBe(Number(latest.p));
  });
});
