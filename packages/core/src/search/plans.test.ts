import { CompiledQuery, type Compilable, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { newId } from '../kernel/ids.js';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { matchingIds, prepareSearch, vocabularyCandidateQueries } from './query.js';

/**
 * The search must be answered from the trigram index, not by reading every document: FTS5's virtual
 * table on SQLite, the gin_trgm_ops index on PostgreSQL. With a handful of rows PostgreSQL would rather
 * scan, so the PostgreSQL plans are read with sequential scans priced out (in a rolled-back transaction).
 */
describe.each(testDialects())('search query plans on %s', (dialect) => {
  let core: TestCore;
  const ctx = () => ({ core, actor: testActor({ kind: 'system', door: 'cli' }) });
  beforeAll(async () => {
    core = await openTestCore(dialect);
    const firm = await invoke(operations.organizations.create, ctx(), { name: 'Chenworth Capital' });
    await invoke(operations.contacts.create, ctx(), { firstName: 'Julia', lastName: 'Chen', emails: ['julia@chenworth.example'], organizationId: firm.id });
    await core.dispatcher.drain();
    // The shape of a real database: thousands of people (inserted directly, these are only there to be
    // counted by the planner), so neither the type nor the contacts table narrows the search by itself.
    const now = core.clock.now().toISOString();
    const people = Array.from({ length: 3_000 }, (_, i) => ({
      id: newId(),
      firstName: `Filler${i}`,
      lastName: `Person${i}`,
      accreditationStatus: 'unknown',
      version: 1,
      createdAt: now,
      updatedAt: now,
    }));
    for (let start = 0; start < people.length; start += 500) {
      const chunk = people.slice(start, start + 500);
      await core.db.insertInto('contacts').values(chunk).execute();
      await core.db
        .insertInto('searchDocuments')
        .values(
          chunk.map((p, i) => ({
            entityType: 'contact',
            entityId: p.id,
            text: `filler${start + i} person${start + i} person${start + i}@filler${i % 50}.example`,
          })),
        )
        .execute();
    }
    const terms = Array.from({ length: 3_000 }, (_, i) => ({ term: `filler${i}`, documentCount: 1 }));
    for (let start = 0; start < terms.length; start += 500)
      await core.db
        .insertInto('searchTerms')
        .values(terms.slice(start, start + 500))
        .execute();
  });
  afterAll(() => core.dispose());

  async function planOf(query: Compilable): Promise<string> {
    const compiled = query.compile();
    const explain = async (db: Db) => {
      const prefix = dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN ';
      const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]));
      return result.rows.map((row) => String(row.detail ?? row['QUERY PLAN'] ?? JSON.stringify(row))).join('\n');
    };
    if (dialect === 'sqlite') return explain(core.db);
    let plan = '';
    await core.db
      .transaction()
      .execute(async (tx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(tx);
        // Fresh statistics, which autovacuum keeps on a live server; only the tables' owner may gather them.
        await sql`SET LOCAL ROLE NONE`.execute(tx);
        await sql`ANALYZE contacts, search_documents, search_terms`.execute(tx);
        plan = await explain(tx as unknown as Db);
        throw new RollBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RollBack)) throw error;
      });
    return plan;
  }

  const indexUse = dialect === 'sqlite' ? /search_documents_fts VIRTUAL TABLE INDEX/ : /Bitmap Index Scan on search_documents_text_trgm_idx/;

  it.each([
    ['one word', 'chen'],
    ['several words', 'julia chenworth'],
    ['a typo', 'chenwroth'],
    ['an email', 'julia@chenworth'],
  ])('finds %s through the trigram index', async (_label, q) => {
    const search = await prepareSearch(core, q, 'whenUnmatched');
    const ids = matchingIds(core.db, core.dialect, 'contact', search);
    expect(await planOf(ids)).toMatch(indexUse);
    // As the contacts list uses it, beside its own filters.
    const list = core.db
      .selectFrom('contacts as c')
      .select((eb) => eb.fn.countAll().as('total'))
      .where('c.deletedAt', 'is', null)
      .where('c.id', 'in', ids);
    expect(await planOf(list)).toMatch(indexUse);
  });

  it('finds notes and tasks through the same trigram index', async () => {
    const firm = await invoke(operations.organizations.create, ctx(), { name: 'Notes Holder' });
    await invoke(operations.communications.create, ctx(), { organizationIds: [firm.id], kind: 'note', occurredAt: '2031-03-01T10:00:00.000Z', body: 'Chenworth wants the DDQ' });
    await invoke(operations.tasks.create, ctx(), { title: 'Call Chenworth back' });
    await core.dispatcher.drain();
    const search = await prepareSearch(core, 'chenworth ddq', 'always');
    expect(await planOf(matchingIds(core.db, core.dialect, 'communication', search))).toMatch(indexUse);
    expect(await planOf(matchingIds(core.db, core.dialect, 'task', search))).toMatch(indexUse);
  });

  it('looks typo candidates up in the vocabulary’s indexes', async () => {
    const search = await prepareSearch(core, 'chenwroth', 'whenUnmatched');
    expect(search.tokens[0]?.variants).toEqual(['chenworth']);
    const { sharingTrigram, samePrefix } = vocabularyCandidateQueries(core.db, core.dialect, 'chenwroth', 7, 11);
    expect(await planOf(sharingTrigram)).toMatch(
      dialect === 'sqlite' ? /search_terms_fts VIRTUAL TABLE INDEX/ : /Bitmap Index Scan on search_terms_term_trgm_idx/,
    );
    expect(await planOf(samePrefix)).toMatch(
      dialect === 'sqlite'
        ? /SEARCH st USING INDEX search_terms_term_unique \(term>\? AND term<\?\)/
        : /Index Scan (using|on) search_terms_term_(unique|trgm_idx)/,
    );
  });
});

class RollBack extends Error {}
