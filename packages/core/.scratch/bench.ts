import { performance } from 'node:perf_hooks';
import { openTestCore, testActor } from '/work/wt-search/packages/core/src/testing/index.js';
import { newId } from '/work/wt-search/packages/core/src/kernel/ids.js';
import { rebuildSearchIndex } from '/work/wt-search/packages/core/src/search/indexer.js';
import { invoke } from '/work/wt-search/packages/core/src/kernel/operations.js';
import { operations } from '/work/wt-search/packages/core/src/operations.js';

const FIRST = ['Julia','James','Maria','Wei','Ana','John','Priya','Liam','Olivia','Noah','Emma','Sofia','Lucas','Mia','Ethan','Ava','Mateo','Chloe','Arjun','Yuki','Fatima','Omar','Elena','Ivan','Grace','Henry','Isla','Jack','Kai','Leo'];
const LAST = ['Smith','Johnson','Chen','Garcia','Müller','Nguyen','Patel','Kim','Rossi','Dubois','Brown','Taylor','Wilson','Anderson','Thomas','Moore','Martin','Lee','Perez','White','Harris','Clark','Lewis','Young','Walker','Hall','Allen','King','Wright','Scott','Green','Baker','Adams','Nelson','Hill','Campbell','Mitchell','Roberts','Carter','Phillips','Evans','Turner','Torres','Parker','Collins','Edwards','Stewart','Flores','Morris','Murphy','Cook','Rogers','Morgan','Peterson','Cooper','Reed','Bailey','Bell','Gomez','Kelly','Howard','Ward','Cox','Diaz','Richardson','Wood','Watson','Brooks','Bennett','Gray','James','Reyes','Cruz','Hughes','Price','Myers','Long','Foster','Sanders','Ross','Morales','Powell','Sullivan','Russell','Ortiz','Jenkins','Gutierrez','Perry','Butler','Barnes','Fisher','Henderson','Coleman','Simmons','Patterson','Jordan','Reynolds','Hamilton','Graham','Wallace'];
const WORDS = ['Harbor','Summit','Pine','Granite','Blue','River','North','Atlas','Beacon','Cedar','Delta','Echo','Falcon','Golden','Horizon','Iron','Juniper','Keystone','Lantern','Meridian'];
const KINDS = ['Capital','Partners','Family Office','Foundation','Endowment','Advisors','Holdings','Ventures'];

async function main() {
  const dialect = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'pglite' | 'postgres';
  const n = Number(process.argv[3] ?? 25000);
  const file = process.env.DBFILE;
  const { existsSync } = await import('node:fs');
  const existed = file ? existsSync(file) : Boolean(process.env.SEEDED);
  const { openCore } = await import('/work/wt-search/packages/core/src/core.js');
  const pgurl = process.env.PGURL;
  const core = pgurl ? Object.assign(await openCore({ kind: 'postgres', url: pgurl }, { migrate: true }), { dispose: async () => {} }) : file ? Object.assign(await openCore({ kind: 'sqlite', file }, { migrate: true }), { dispose: async () => {} }) : await openTestCore(dialect);
  if (!existed) {
  const now = core.clock.now().toISOString();
  const audit = { version: 1, createdAt: now, updatedAt: now, createdBy: null, updatedBy: null, deletedAt: null, deletedBy: null };
  const orgs = Array.from({ length: n / 10 }, (_, i) => ({ id: newId(), name: `${WORDS[i % 20]} ${WORDS[Math.floor(i / 20) % 20]} ${KINDS[i % 8]} ${i}`, kind: 'other', website: `https://org${i}.example`, location: i % 3 ? 'Boston' : 'New York', ...audit }));
  for (let s = 0; s < orgs.length; s += 500) await core.db.insertInto('organizations').values(orgs.slice(s, s + 500)).execute();
  let t = performance.now();
  for (let s = 0; s < n; s += 500) {
    const people = Array.from({ length: Math.min(500, n - s) }, (_, k) => {
      const i = s + k;
      return { id: newId(), firstName: FIRST[i % FIRST.length]!, lastName: LAST[(i * 7) % LAST.length]!, title: i % 4 ? 'Partner' : 'Analyst', accreditationStatus: 'unknown', ...audit };
    });
    await core.db.insertInto('contacts').values(people).execute();
    await core.db.insertInto('contactEmails').values(people.map((p, k) => ({ id: newId(), contactId: p.id, email: `${p.firstName}.${p.lastName}${s + k}@mail${(s + k) % 300}.example`, emailNormalized: `${p.firstName}.${p.lastName}${s + k}@mail${(s + k) % 300}.example`.toLowerCase(), isPrimary: 1, position: 0 }))).execute();
    await core.db.insertInto('contactOrganizations').values(people.map((p, k) => ({ contactId: p.id, organizationId: orgs[(s + k) % orgs.length]!.id, role: null, isPrimary: 1 }))).execute();
  }
  console.log('seeded', n, Math.round(performance.now() - t), 'ms');
  t = performance.now();
  console.log('rebuild', await rebuildSearchIndex(core.db, core.dialect), Math.round(performance.now() - t), 'ms');
  }
  const ctx = { core, actor: testActor({ kind: 'system', door: 'cli' }) };
  for (const q of ['chen', 'julai', 'julia chen', 'harbor', 'mail42', 'ch', 'zzzz']) {
    const times: number[] = [];
    let total = 0;
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < 200; i++) {
      const s0 = performance.now();
      total = (await invoke(operations.contacts.list, ctx, { q, limit: 50, offset: 0 })).total;
      times.push(performance.now() - s0);
    }
    const cpu = process.cpuUsage(cpu0);
    times.sort((a, b) => a - b);
    const pal: number[] = [];
    for (let i = 0; i < 100; i++) {
      const s0 = performance.now();
      await invoke(operations.search.query, ctx, { q, limit: 15 });
      pal.push(performance.now() - s0);
    }
    pal.sort((a, b) => a - b);
    console.log(dialect, JSON.stringify(q), 'total', total, 'list cpu ms/req', ((cpu.user + cpu.system) / 1000 / 200).toFixed(2), 'p50', times[100]!.toFixed(2), 'p99', times[197]!.toFixed(2), '| palette p50', pal[50]!.toFixed(2), 'p99', pal[98]!.toFixed(2));
  }
  if (file || process.env.PGURL) { await core.close(); return; }
  await core.dispose();
}
main();
