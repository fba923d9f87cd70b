import { performance } from 'node:perf_hooks';
import { CompiledQuery, sql } from 'kysely';
import { openCore } from '/work/wt-search/packages/core/src/core.js';
import { matchingIds, prepareSearch } from '/work/wt-search/packages/core/src/search/query.js';
async function main() {
  const core = await openCore({ kind: 'sqlite', file: process.argv[2]! }, { migrate: true });
  const time = async (label: string, f: () => Promise<unknown>) => { const t: number[] = []; for (let i = 0; i < 50; i++) { const s = performance.now(); await f(); t.push(performance.now() - s); } t.sort((a, b) => a - b); console.log(label, t[25]!.toFixed(2), t[48]!.toFixed(2)); };
  const search = await prepareSearch(core, 'chen', 'whenUnmatched');
  const ids = matchingIds(core.db, core.dialect, 'contact', search);
  await time('prepare', () => prepareSearch(core, 'chen', 'whenUnmatched'));
  await time('ids', () => ids.execute());
  await time('fts only', () => sql`select rowid from search_documents_fts where search_documents_fts match '"chen"'`.execute(core.db));
  const base = core.db.selectFrom('contacts as c').where('c.deletedAt', 'is', null).where('c.id', 'in', ids);
  const count = base.select((eb) => eb.fn.countAll().as('n'));
  const page = base.selectAll('c').orderBy(sql`(c.last_name) is null`).orderBy('c.lastName').orderBy('c.firstName').orderBy('c.id').limit(50);
  await time('count', () => count.execute());
  await time('page', () => page.execute());
  for (const q of [count, page]) { const c = q.compile(); const r = await core.db.executeQuery<any>(CompiledQuery.raw('EXPLAIN QUERY PLAN ' + c.sql, [...c.parameters])); console.log(r.rows.map((x) => x.detail).join('\n')); }
  await core.close();
}
main();
