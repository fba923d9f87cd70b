import { type Core, invoke, operations, systemActor } from '@lpdesk/core';
import { buildServer } from '@lpdesk/server';
import type { BenchDialect } from './databases.js';
import { fillBenchDatabase } from './seeded-database.js';
import { type BenchRow, judged, verdict } from './table.js';

// Reports (issue 16): each report route's server time (Fastify inject: routing, auth by API key,
// validation, the core's SQL, serialization; no network) on the demo fund seeded ten times over.
// Bounded: 3 warm-up and 30 timed requests per route. Goal: p50 ≤ 50 ms.

const COPIES = 10;
const WARM_UP = 3;
const SAMPLES = 30;
const GOAL_MS = 50;
const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

async function routes(core: Core): Promise<[string, string][]> {
  const ctx = { core, actor: systemActor('cli') };
  const funds = await invoke(operations.funds.list, ctx, { limit: 50 });
  const fundI = funds.data.find((f) => f.name === 'Fund I');
  const fundII = funds.data.find((f) => f.name === 'Fund II');
  if (!fundI || !fundII) throw new Error('reports bench: the demo seed should have Fund I and Fund II');
  const organization = (await invoke(operations.commitments.list, ctx, { limit: 1, fundId: fundII.id })).data[0]?.organization;
  if (!organization) throw new Error('reports bench: the demo seed should have Fund II commitments');
  return [
    ['fund progress (year, weekly)', `/api/reports/fund-progress?fundId=${fundII.id}`],
    ['fund progress CSV', `/api/reports/fund-progress?fundId=${fundII.id}&format=csv`],
    ['pipeline analysis', `/api/reports/pipeline-analysis?fundId=${fundII.id}`],
    ['conversion (year)', `/api/reports/conversion?fundId=${fundII.id}`],
    ['LP breakdown', `/api/reports/lp-breakdown?fundId=${fundI.id}`],
    ['re-ups', `/api/reports/reups?fromFundId=${fundI.id}&toFundId=${fundII.id}`],
    ['activity (28 days)', '/api/reports/activity'],
    ['tear sheet', `/api/reports/tear-sheet/${organization.id}`],
  ];
}

async function databasePass(dialect: BenchDialect): Promise<BenchRow[]> {
  const label = `reports, demo ×${COPIES}, ${dialect}`;
  return fillBenchDatabase(dialect, 'reports', async (core: Core, database) => {
    const app = await buildServer(core, { trustProxy: false, corsOrigins: [], loginRateLimitPerMinute: 10_000, webDist: '/nonexistent', logger: false });
    try {
      const ctx = { core, actor: systemActor('cli') };
      progress(`${label}: seeding`);
      await invoke(operations.seed.demo, ctx, { copies: COPIES });
      const { key } = await invoke(operations.access.createApiKey, ctx, { name: 'bench', role: 'member' });
      const headers = { authorization: `Bearer ${key}` };
      const rows: BenchRow[] = [];
      for (const [name, url] of await routes(core)) {
        const times: number[] = [];
        for (let i = 0; i < WARM_UP + SAMPLES; i += 1) {
          const started = performance.now();
          const response = await app.inject({ method: 'GET', url, headers });
          const elapsed = performance.now() - started;
          if (response.statusCode !== 200) throw new Error(`${label}: ${url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
          if (i >= WARM_UP) times.push(elapsed);
        }
        times.sort((a, b) => a - b);
        const p50 = percentile(times, 50);
        const p95 = percentile(times, 95);
        progress(`${label}: ${name} p50 ${p50.toFixed(1)} ms`);
        rows.push({
          scenario: `${label}: ${name}, p50 / p95 of ${SAMPLES}`,
          value: judged(`${p50.toFixed(1)} / ${p95.toFixed(1)} ms`, p50 <= GOAL_MS),
          goal: verdict(`p50 ≤ ${GOAL_MS} ms`, p50 <= GOAL_MS),
        });
      }
      return rows;
    } finally {
      await app.close();
      await database.cleanup();
    }
  });
}

export async function benchReports(dialects: BenchDialect[]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const dialect of dialects) rows.push(...(await databasePass(dialect)));
  return rows;
}
