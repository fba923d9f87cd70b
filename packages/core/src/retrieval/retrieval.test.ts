import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RetrievalSearchQueryInput, startOfDay } from '@lpdesk/contracts';
import { openCore } from '../core.js';
import { importMailFile } from '../email/import.js';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, TEST_TIME_ZONE, testActor, testDialects, type TestCore } from '../testing/index.js';
import type { Embedder } from './embedders/types.js';
import { retrievalStatus, setRetrievalEmbedder } from './index.js';
import { applyRetrievalChanges, noRetrievalChanges } from './indexer.js';
import { chunksPassing, rankByCosine } from './dense-memory.js';
import { filtersOf, where } from './filters.js';
import { rankByPgvector, usesPgvector } from './pgvector.js';
import { retrievalEmbedder } from './vectors.js';

const fixtures = join(import.meta.dirname, '../email/testing/fixtures');

describe.each(testDialects())('retrieval on %s', (dialect) => {
  let core: TestCore;
  const actor = testActor({ kind: 'system', door: 'cli' });
  const ctx = () => ({ core, actor });
  beforeAll(async () => {
    core = await openTestCore(dialect);
  });
  afterAll(() => core.dispose());

  const search = (query: RetrievalSearchQueryInput, as = actor) => invoke(operations.retrieval.search, { core, actor: as }, query);
  const sourceIds = async (query: RetrievalSearchQueryInput) => (await search(query)).data.map((hit) => hit.sourceId);
  const org = async (name: string, extra: Record<string, unknown> = {}) => (await invoke(operations.organizations.create, ctx(), { name, ...extra })).id;
  const note = async (organizationId: string, body: string, extra: Record<string, unknown> = {}) =>
    invoke(operations.communications.create, ctx(), {
      kind: 'note',
      occurredAt: core.clock.now().toISOString(),
      organizationIds: [organizationId],
      body,
      ...extra,
    });

  it('ranks by BM25, by embeddings and fused; every mode finds the exact term', async () => {
    const firm = await org('Marrowgate Endowment');
    const fees = await note(firm, 'Marrowgate asked about the management fee and carried interest terms of the fund.', { subject: 'Fee question' });
    const call = await note(firm, 'Discussed the capital call schedule and the drawdown timing for next quarter.', { kind: 'call' });
    const lunch = await note(firm, 'Lunch with the family office; talked about football and travel plans.');

    // Exact words: BM25 puts the chunk holding them first.
    expect((await sourceIds({ q: 'carried interest', mode: 'sparse', entityId: firm }))[0]).toBe(fees.id);
    // A paraphrase with no shared word: only the dense leg can find it, and it ranks the topic above small talk.
    const paraphrase = await sourceIds({ q: 'when will investors have to wire money', mode: 'dense', entityId: firm });
    expect(paraphrase.indexOf(call.id)).toBeLessThan(paraphrase.indexOf(lunch.id));
    expect(await sourceIds({ q: 'when will investors have to wire money', mode: 'sparse', entityId: firm })).not.toContain(call.id);
    for (const fusion of ['rrf', 'weighted'] as const) {
      // Every word found: hybrid answers BM25's answer, without the dense leg's other picks.
      const hybrid = await sourceIds({ q: 'drawdown timing', mode: 'hybrid', fusion, entityId: firm });
      expect(hybrid, fusion).toEqual([call.id]);
      // No word found: the dense leg answers, the call above the small talk.
      const paraphrased = await sourceIds({ q: 'when will investors have to wire money', mode: 'hybrid', fusion, entityId: firm });
      expect(paraphrased.indexOf(call.id), fusion).toBeLessThan(paraphrased.indexOf(lunch.id));
    }
  });

  it('folds accents the same way in the index and the query, on every dialect', async () => {
    const firm = await org('Ærøskøbing Pensionskasse');
    const met = await note(firm, 'Met José Müller and Zoë Ångström; they want the DDQ before the committee.', { subject: 'Réunion à Zürich' });
    for (const q of ['José Müller', 'jose muller', 'JOSE', 'zoe angstrom', 'Zürich', 'zurich reunion']) {
      expect(await sourceIds({ q, mode: 'sparse', entityId: firm }), q).toEqual([met.id]);
    }
    // The snippet keeps the text as written, with the matched words marked.
    expect((await search({ q: 'jose', mode: 'sparse', entityId: firm })).data[0]?.snippet).toContain('«José»');
  });

  it('matches quoted and hyphenated words as phrases, on every dialect', async () => {
    const firm = await org('Phrasewell Partners');
    const reUp = await note(firm, 'They will re-up in Fund III at the same size.');
    const scattered = await note(firm, 'Follow up on the deck; re the side letter, nothing yet.');
    const capitalCall = await note(firm, 'The capital call notice came with five days to fund.');
    const callAbout = await note(firm, 'Call about capital markets and the IPO window.');
    // Quoted: only the words in a row. Joined by a hyphen: those first, then notes holding the words apart.
    expect(await sourceIds({ q: '"re-up"', mode: 'sparse', entityId: firm })).toEqual([reUp.id]);
    expect(await sourceIds({ q: '"capital call"', mode: 'sparse', entityId: firm })).toEqual([capitalCall.id]);
    for (const q of ['re-up', 'who will re-up?']) expect(await sourceIds({ q, mode: 'sparse', entityId: firm }), q).toEqual([reUp.id, scattered.id]);
    // Unquoted, the words are OR-ed: both notes, the one holding both words in a row first.
    expect(await sourceIds({ q: 'capital call', mode: 'sparse', entityId: firm })).toEqual([capitalCall.id, callAbout.id]);
    // A name typed as it is written ranks the note naming the person above one with the same words apart
    // (proximity.ts); for BM25 alone they tie, and the older note would come first.
    const apart = await note(firm, 'Julia asked about fees; Chen replied.');
    const named = await note(firm, 'Julia Chen asked about fees, replied.');
    for (const mode of ['sparse', 'hybrid'] as const) expect(await sourceIds({ q: 'Julia Chen', mode, entityId: firm }), mode).toEqual([named.id, apart.id]);
    expect(await sourceIds({ q: 'up re', mode: 'sparse', entityId: firm })).toEqual(expect.arrayContaining([reUp.id, scattered.id]));
  });

  it.runIf(dialect === 'pglite')('ranks dense in the database where pgvector is installed, as the in-memory ranking does', async () => {
    // PGlite carries pgvector (db/connect.ts), so migration 0027 added the column and the vectors.
    expect(await usesPgvector(core.db)).toBe(true);
    const firm = await org('Vectorvale Partners');
    for (const body of ['Capital call schedule for the next quarter.', 'Lunch and football.', 'The DDQ is due in March.', 'Drawdown timing questions.'])
      await note(firm, body);
    await invoke(operations.retrieval.search, ctx(), { q: 'warm up', mode: 'dense' });
    const [vector] = await retrievalEmbedder(core).embed(['when do investors wire the money']);
    if (!vector) throw new Error('no vector');
    const filters = filtersOf(core, actor, { q: 'x', mode: 'dense', fusion: 'rrf', limit: 10, entityId: firm });
    const inDatabase = await rankByPgvector(core.db, vector, 10, filters);
    const inMemory = await rankByCosine(core.db, core.dialect, vector, 10, (ids) => chunksPassing(core.db, ids, where(filters)));
    expect(inDatabase).toHaveLength(4);
    expect(inDatabase.map((hit) => hit.id)).toEqual(inMemory.map((hit) => hit.id));
    for (const [i, hit] of inDatabase.entries()) expect(hit.score).toBeCloseTo(inMemory[i]?.score ?? Number.NaN, 5);
  });

  it('chunks long bodies with overlap and offsets into the body', async () => {
    const firm = await org('Longwater Trust');
    const words = Array.from({ length: 800 }, (_, i) => `word${i}`);
    words[700] = 'zirconium';
    const body = words.join(' ');
    const long = await note(firm, body);
    const hits = (await search({ q: 'zirconium', mode: 'sparse' })).data.filter((hit) => hit.sourceId === long.id);
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(body.slice(hit.start, hit.end)).toContain('zirconium');
    const chunks = await core.db
      .selectFrom('retrievalChunks')
      .select(['chunkId', 'startOffset', 'endOffset'])
      .where('sourceId', '=', long.id)
      .orderBy('startOffset')
      .execute();
    expect(chunks.map((c) => c.chunkId)).toEqual([0, 1, 2].map((n) => `communication:${long.id}:${n}`));
    expect(chunks[0]?.startOffset).toBe(0);
    expect(chunks.at(-1)?.endOffset).toBe(body.length);
    // Consecutive chunks overlap.
    for (let i = 1; i < chunks.length; i += 1) expect(chunks[i]?.startOffset).toBeLessThan(chunks[i - 1]?.endOffset ?? 0);
  });

  it('filters by entity, kind, fund and event time (not record time)', async () => {
    const firm = await org('Pellucid Foundation');
    const other = await org('Pellucid Other');
    const fund = await invoke(operations.funds.create, ctx(), { name: 'Pellucid Fund I' });
    const commitment = await invoke(operations.commitments.create, ctx(), { organizationId: firm, fundId: fund.id });
    const now = core.clock.now();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    const old = await note(firm, 'pellucid subscription documents', { kind: 'call', occurredAt: daysAgo(40) });
    const recent = await note(firm, 'pellucid subscription documents signed', { kind: 'meeting', occurredAt: daysAgo(2), commitmentIds: [commitment.id] });
    const elsewhere = await note(other, 'pellucid subscription documents elsewhere', { occurredAt: daysAgo(2) });
    const sorted = (ids: string[]) => [...ids].sort();

    expect(sorted(await sourceIds({ q: 'pellucid subscription', mode: 'sparse' }))).toEqual(sorted([old.id, recent.id, elsewhere.id]));
    expect(sorted(await sourceIds({ q: 'pellucid subscription', entityId: firm }))).toEqual(sorted([old.id, recent.id]));
    // Dense ranks every chunk it is allowed to see, so the exact sets below are checked on BM25.
    expect(await sourceIds({ q: 'pellucid subscription', mode: 'sparse', kind: 'call' as never })).toEqual([old.id]);
    expect(sorted(await sourceIds({ q: 'pellucid subscription', mode: 'sparse', kind: 'meeting,note' as never }))).toEqual(sorted([recent.id, elsewhere.id]));
    expect(await sourceIds({ q: 'pellucid subscription', fundId: fund.id })).toEqual([recent.id]);
    expect(await sourceIds({ q: 'pellucid subscription', entityId: fund.id, mode: 'dense' })).toEqual([recent.id]);
    const tenDaysAgo = daysAgo(10);
    expect(sorted(await sourceIds({ q: 'pellucid subscription', mode: 'sparse', from: tenDaysAgo }))).toEqual(sorted([recent.id, elsewhere.id]));
    expect(await sourceIds({ q: 'pellucid subscription', to: tenDaysAgo.slice(0, 10), mode: 'sparse' })).toEqual([old.id]);
    expect(await sourceIds({ q: 'pellucid subscription', to: tenDaysAgo.slice(0, 10), mode: 'hybrid', entityId: firm })).toEqual([old.id]);
    const hit = (await search({ q: 'signed', entityId: firm, mode: 'sparse' })).data[0];
    expect(hit).toMatchObject({ sourceId: recent.id, fundId: fund.id, kind: 'meeting', eventAt: daysAgo(2) });
    expect(hit?.entityIds).toEqual(expect.arrayContaining([firm, commitment.id, fund.id]));
  });

  it('indexes notes fields and each dated line of the notes log, with the line’s day as event time', async () => {
    const firm = await org('Ostrander Pension', { description: 'Ostrander allocates to venture through a fund of funds.' });
    await invoke(operations.grid.appendNote, ctx(), { id: firm, note: { body: 'Ostrander raised concerns about the GP commitment.', notedOn: '2031-02-03' } });
    const person = (await invoke(operations.contacts.create, ctx(), { firstName: 'Ada', lastName: 'Ostrander', notes: 'Ostrander prefers quarterly calls.' }))
      .id;
    const hits = (await search({ q: 'ostrander', mode: 'sparse', kind: 'note' as never })).data;
    const chunkIds = hits.map((h) => h.chunkId);
    expect(chunkIds).toHaveLength(3);
    expect(chunkIds).toEqual(expect.arrayContaining([`note:organization:${firm}:notes.0`, `note:contact:${person}:notes.0`]));
    expect(chunkIds.filter((id) => id.startsWith(`note:organization:${firm}:log.`))).toHaveLength(1);
    const line = hits.find((h) => h.chunkId.includes(':log.'));
    expect(line).toMatchObject({ sourceType: 'note', sourceId: firm, title: 'Notes log', eventAt: startOfDay('2031-02-03', TEST_TIME_ZONE).toISOString() });
    expect(line?.snippet).toContain('«Ostrander»');
  });

  it('removes deleted content, re-adds it on restore, and follows a merge', async () => {
    const firm = await org('Tombstone Capital');
    const gone = await note(firm, 'quorvex allocation discussion');
    expect(await sourceIds({ q: 'quorvex', mode: 'sparse' })).toEqual([gone.id]);
    await invoke(operations.communications.delete, ctx(), { id: gone.id });
    expect(await sourceIds({ q: 'quorvex', mode: 'sparse' })).toEqual([]);
    expect(await sourceIds({ q: 'quorvex', mode: 'hybrid' })).not.toContain(gone.id);
    await invoke(operations.communications.restore, ctx(), { id: gone.id });
    expect(await sourceIds({ q: 'quorvex', mode: 'sparse' })).toEqual([gone.id]);

    const a = (await invoke(operations.contacts.create, ctx(), { firstName: 'Mira', lastName: 'Quell' })).id;
    const b = (await invoke(operations.contacts.create, ctx(), { firstName: 'Mira', lastName: 'Quell-Dup', notes: 'duplicate zanthic notes' })).id;
    const talk = await invoke(operations.communications.create, ctx(), {
      kind: 'call',
      occurredAt: core.clock.now().toISOString(),
      contactIds: [b],
      body: 'zanthic terms call',
    });
    expect((await search({ q: 'zanthic', mode: 'sparse', entityId: b })).data.map((h) => h.sourceId).sort()).toEqual([b, talk.id].sort());
    await invoke(operations.identityMerges.merge, ctx(), { entityType: 'contact', survivorId: a, mergedId: b });
    expect(await sourceIds({ q: 'zanthic', mode: 'sparse', entityId: b })).toEqual([]);
    expect(await sourceIds({ q: 'zanthic terms', mode: 'sparse', entityId: a })).toContain(talk.id);

    // Rows gone for good (what a purge of the trash leaves): the sweep after a purge event drops their chunks.
    await core.db.deleteFrom('communicationLinks').where('communicationId', '=', gone.id).execute();
    await core.db.deleteFrom('communications').where('id', '=', gone.id).execute();
    await applyRetrievalChanges(core, { ...noRetrievalChanges(), sweep: true });
    expect(await sourceIds({ q: 'quorvex', mode: 'sparse' })).toEqual([]);
  });

  it('indexes captured mail by body (reply only), subject, people and Message-ID; unlinked mail never', async () => {
    const alice = (await invoke(operations.contacts.create, ctx(), { firstName: 'Alice', lastName: 'Investor', emails: ['alice@lp.example.org'] })).id;
    await importMailFile(core, actor, join(fixtures, 'takeout.mbox'));
    const byMessageId = (await search({ q: '<q1-report@lp.example.org>', mode: 'sparse' })).data;
    expect(byMessageId[0]).toMatchObject({ sourceType: 'email', kind: 'email', title: 'Q1 report', entityIds: [alice], eventAt: '2031-03-07T09:15:00.000Z' });
    const message = byMessageId[0];
    const stored = await core.db
      .selectFrom('emailMessages')
      .select(['id', 'bodyText'])
      .where('messageId', '=', 'q1-report@lp.example.org')
      .executeTakeFirstOrThrow();
    expect(message?.sourceId).toBe(stored.id);
    expect(message?.chunkId).toBe(`email:${stored.id}:0`);
    // The reply without the quoted line under it.
    expect(stored.bodyText?.slice(message?.start, message?.end)).toBe(
      'Thanks for the Q1 report. A question about the fees:\nFrom our side, the numbers look fine.',
    );
    expect(await sourceIds({ q: 'quoted', mode: 'sparse', kind: 'email' as never })).toEqual([]);
    expect((await search({ q: 'alice investor', mode: 'sparse', kind: 'email' as never })).data).toHaveLength(2);
    // The newsletter matched nobody: private to the mailbox, never in anyone's results.
    expect(await sourceIds({ q: 'digest', mode: 'sparse' })).toEqual([]);
    expect((await search({ q: 'weekly digest nothing to see', mode: 'hybrid', limit: 100 })).data.map((h) => h.title)).not.toContain('Weekly digest');
    expect(await sourceIds({ q: 'newsletter', mode: 'sparse' })).toEqual([]);
  });

  it('counts pending work until caught up, and re-embeds everything when the embedder changes', async () => {
    const firm = await org('Statusfield Partners');
    await note(firm, 'statusfield pending check');
    expect((await retrievalStatus(core)).pending).toBeGreaterThan(0);
    await search({ q: 'statusfield', mode: 'hybrid' });
    expect(await retrievalStatus(core)).toMatchObject({ pending: 0, embedder: { name: 'builtin:glove-sg-100d-sif', dimensions: 100 } });

    const calls: number[] = [];
    const tiny: Embedder = {
      name: 'test:constant-4d',
      dimensions: 4,
      embed: async (texts) => {
        calls.push(texts.length);
        return texts.map(() => new Float32Array([0.5, 0.5, 0.5, 0.5]));
      },
    };
    const builtin = (await import('./embedders/builtin.js')).createBuiltinEmbedder();
    setRetrievalEmbedder(core, tiny);
    try {
      const status = await retrievalStatus(core);
      expect(status.embedder).toEqual({ name: 'test:constant-4d', dimensions: 4 });
      const result = await invoke(operations.retrieval.rebuild, ctx(), {});
      expect(result.embedded).toBe(result.chunks);
      expect(calls.reduce((a, b) => a + b, 0)).toBe(result.chunks);
      expect((await retrievalStatus(core)).pending).toBe(0);
      expect((await search({ q: 'statusfield', mode: 'dense', entityId: firm })).data).toHaveLength(1);
    } finally {
      setRetrievalEmbedder(core, builtin);
      await invoke(operations.retrieval.rebuild, ctx(), {});
    }
  });

  it('re-embeds every chunk on `rebuild --vectors`, and a chunk whose text changed', async () => {
    const firm = await org('Revector Capital');
    const written = await note(firm, 'revector original wording');
    const denseScore = async () => (await search({ q: 'revector entirely different phrasing', mode: 'dense', entityId: firm })).data[0]?.score ?? 0;
    const before = await denseScore();
    expect((await retrievalStatus(core)).pending).toBe(0);
    const result = await invoke(operations.retrieval.rebuild, ctx(), { vectors: true });
    expect(result.embedded).toBe(result.chunks);
    expect((await retrievalStatus(core)).pending).toBe(0);
    expect(await denseScore()).toBeCloseTo(before, 6);
    await invoke(operations.communications.update, ctx(), { id: written.id, changes: { body: 'revector entirely different phrasing' } });
    // The search catches up: the new text is chunked and its vector made again from it.
    expect(await denseScore()).toBeGreaterThan(before + 0.05);
    expect((await retrievalStatus(core)).pending).toBe(0);
  });

  it.skipIf(dialect === 'pglite')('follows the database: a write by another process is found without a restart', async () => {
    const target = core.settings.database;
    if (!target) throw new Error('the test core names its database');
    const other = await openCore(target);
    try {
      const firm = (await invoke(operations.organizations.create, { core: other, actor }, { name: 'Elsewhere Holdings' })).id;
      const written = await invoke(
        operations.communications.create,
        { core: other, actor },
        { kind: 'call', occurredAt: other.clock.now().toISOString(), organizationIds: [firm], body: 'xylograph side letter' },
      );
      expect(await sourceIds({ q: 'xylograph', mode: 'sparse' })).toEqual([written.id]);
      expect((await sourceIds({ q: 'xylograph side letter', mode: 'hybrid' }))[0]).toBe(written.id);
    } finally {
      await other.close();
    }
  });
});
