import { coreOptionsFrom, invoke, loadConfig, openCore, operations, systemActor } from '@lpdesk/core';
import { type BenchDialect, createBenchDatabase } from './databases.js';
import { percentile } from './latency.js';
import { startChildServer } from './processes.js';
import { type BenchRow, judged, verdict } from './table.js';

// The fundraising grid (issue 10): GET /api/grid over 1,000 investors × 6 funds × 30 organization
// custom fields, timed over loopback against the production server (`server-process.ts`): what the
// server takes to load, assemble, filter, sort and serialize the whole grid, plus one loopback hop.

export const GRID_GOAL_MS = 30;
const INVESTORS = 1_000;
const FUNDS = 6;
const CUSTOM_FIELDS = 30;
const REQUESTS = 40;
const WARM_UP = 5;
const MAX_SECONDS = 30;

const REGIONS = ['Europe', 'Americas', 'Asia', 'Middle East'];
const STAGES = ['lead', 'outreach', 'meeting', 'due_diligence', 'soft_circle', 'committed', 'closed', 'declined'] as const;

/** A fresh database with the grid's data, made through the operations (batches for the fund cells). */
async function seedGrid(dialect: BenchDialect) {
  const database = await createBenchDatabase(dialect, 'grid');
  try {
    const config = loadConfig({ env: database.env, initialise: true });
    const { target, settings } = coreOptionsFrom(config);
    const core = await openCore(target, { migrate: true, settings });
    try {
      const ctx = { core, actor: systemActor('cli') };
      const started = performance.now();
      const funds: string[] = [];
      for (let f = 0; f < FUNDS; f += 1) funds.push((await invoke(operations.funds.create, ctx, { name: `Bench Fund ${f + 1}`, vintage: 2020 + f })).id);
      const fields: { key: string; type: 'text' | 'number' | 'select' }[] = [];
      for (let c = 0; c < CUSTOM_FIELDS; c += 1) {
        const type = c % 3 === 0 ? 'select' : c % 3 === 1 ? 'number' : 'text';
        const key = `field_${c}`;
        await invoke(operations.customFields.create, ctx, {
          entityType: 'organization',
          key,
          label: `Field ${c}`,
          type,
          options: type === 'select' ? REGIONS : [],
        });
        fields.push({ key, type });
      }
      const organizations: string[] = [];
      for (let i = 0; i < INVESTORS; i += 1) {
        const customFields = Object.fromEntries(
          fields.map(({ key, type }, c) => [key, type === 'select' ? REGIONS[(i + c) % REGIONS.length] : type === 'number' ? i * c : `Value ${i}-${c}`]),
        );
        const created = await invoke(operations.organizations.create, ctx, {
          name: `Investor ${String(i).padStart(4, '0')}`,
          kind: 'family_office',
          customFields,
          allowDuplicateName: true,
        });
        organizations.push(created.id);
      }
      // Every investor × fund gets a commitment through the grid's own fund cells, 300 investors a batch (at most 3 cells each: under the batch limit of 1,000 changes).
      for (const fundId of funds) {
        for (let start = 0; start < organizations.length; start += 300) {
          const changes = organizations.slice(start, start + 300).flatMap((entityId, offset) => {
            const i = start + offset;
            const stage = STAGES[i % STAGES.length] as (typeof STAGES)[number];
            const cells = [
              { entityType: 'organization' as const, entityId, field: `fund:${fundId}:expectedAmount`, value: (i + 1) * 1_000_00 },
              { entityType: 'organization' as const, entityId, field: `fund:${fundId}:committedAmount`, value: (i + 1) * 900_00 },
            ];
            return stage === 'lead' || stage === 'declined'
              ? cells
              : [...cells, { entityType: 'organization' as const, entityId, field: `fund:${fundId}:stage`, value: stage }];
          });
          await invoke(operations.batch.apply, ctx, { changes });
        }
      }
      const seedSeconds = (performance.now() - started) / 1000;
      const { key } = await invoke(operations.access.createApiKey, ctx, { name: 'bench', role: 'member' });
      return { database, apiKey: key, seedSeconds, fundIds: funds };
    } finally {
      await core.close();
    }
  } catch (error) {
    await database.cleanup();
    throw error;
  }
}

async function timeGrid(url: string, apiKey: string): Promise<{ timings: number[]; bytes: number; rows: number; columns: number }> {
  const headers = { authorization: `Bearer ${apiKey}` };
  let bytes = 0;
  let rows = 0;
  let columns = 0;
  const once = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers });
    const body = Buffer.from(await response.arrayBuffer());
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${body.toString('utf8').slice(0, 200)}`);
    bytes = body.length;
    return { elapsed, body };
  };
  const first = await once();
  const parsed = JSON.parse(first.body.toString('utf8')) as { data: { rows: unknown[]; columns: unknown[] } };
  rows = parsed.data.rows.length;
  columns = parsed.data.columns.length;
  for (let i = 0; i < WARM_UP; i += 1) await once();
  const timings: number[] = [];
  const deadline = performance.now() + MAX_SECONDS * 1000;
  while (timings.length < REQUESTS && (timings.length === 0 || performance.now() < deadline)) timings.push((await once()).elapsed);
  return { timings, bytes, rows, columns };
}

export async function benchGrid(dialect: BenchDialect): Promise<BenchRow[]> {
  const label = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const seeded = await seedGrid(dialect);
  try {
    const server = await startChildServer<{ url: string }>('./server-process.ts', [], {
      ...seeded.database.env,
      LPDESK_PORT: '0',
      LPDESK_HOST: '127.0.0.1',
      LPDESK_BENCH_API_KEY: seeded.apiKey,
    });
    try {
      const { timings, bytes, rows, columns } = await timeGrid(`${server.ready.url}/api/grid`, seeded.apiKey);
      const [p50, p95] = [percentile(timings, 50), percentile(timings, 95)];
      return [
        {
          scenario: `grid, ${label}: GET /api/grid p50 / p95 (${rows.toLocaleString('en-US')} investors × ${FUNDS} funds × ${CUSTOM_FIELDS} custom fields, ${columns} columns, ${(bytes / 1024 / 1024).toFixed(1)} MB, loopback)`,
          value: judged(
            `${p50.toFixed(1)} ms / ${p95.toFixed(1)} ms (${timings.length} requests; seeded in ${seeded.seedSeconds.toFixed(1)} s)`,
            p50 <= GRID_GOAL_MS,
          ),
          goal: verdict(`p50 ≤ ${GRID_GOAL_MS} ms`, p50 <= GRID_GOAL_MS),
        },
      ];
    } finally {
      await server.stop();
    }
  } finally {
    await seeded.database.cleanup();
  }
}
