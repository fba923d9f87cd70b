import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type Core, invoke, operations, systemActor } from '@lpdesk/core';
import { buildServer } from '@lpdesk/server';
import type { BenchDialect } from './databases.js';
import { fillBenchDatabase } from './seeded-database.js';
import { type BenchRow, judged, verdict } from './table.js';

// MCP (issue 15, item 8): p95 latency of `search` and `get_dossier` through MCP over Streamable HTTP, as an
// agent key with redaction off and with `pii`, on the demo fund seeded a few times over. One client, calls one
// after another (latency without queueing); each call is logged like any agent call, so the log's write is in
// the figure. Bounded: CALLS calls per tool and key after WARM_UP.

const COPIES = 4;
const CALLS = 60;
const WARM_UP = 5;
const GOALS_MS = { get_dossier: 100, search: 250 } as const;
const QUERIES = ['fund timing', 'capital call', 'follow up on the deck', 'allocation', 'meeting next quarter', 'due diligence questions'];
const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

const p95 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
};

async function timeCalls(client: Client, calls: { name: string; arguments: Record<string, unknown> }[]): Promise<number[]> {
  const times: number[] = [];
  for (const [index, call] of calls.entries()) {
    const started = performance.now();
    const result = await client.callTool(call);
    const ms = performance.now() - started;
    if (result.isError) throw new Error(`${call.name} failed: ${JSON.stringify(result.content).slice(0, 300)}`);
    if (index >= WARM_UP) times.push(ms);
  }
  return times;
}

async function pass(dialect: BenchDialect): Promise<BenchRow[]> {
  const label = `MCP over HTTP, demo ×${COPIES}, ${dialect}`;
  return fillBenchDatabase(dialect, 'mcp', async (core: Core, database) => {
    try {
      const ctx = { core, actor: systemActor('cli') };
      progress(`${label}: seeding`);
      await invoke(operations.seed.demo, ctx, { copies: COPIES });
      // Retrieval indexes what was said from the events of the seed.
      await core.dispatcher.drain();
      const organizations = (await invoke(operations.organizations.list, ctx, { limit: 100 })).data.map((o) => o.id);
      const app = await buildServer(core, { trustProxy: false, corsOrigins: [], loginRateLimitPerMinute: 10_000, webDist: '/nonexistent', logger: false });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      if (!address || typeof address === 'string') throw new Error('not listening');
      const rows: BenchRow[] = [];
      try {
        for (const redaction of ['off', 'pii'] as const) {
          const { key } = await invoke(operations.access.createApiKey, ctx, { name: `bench ${redaction}`, role: 'agent', redaction });
          const client = new Client({ name: 'lpdesk-bench', version: '1.0.0' });
          await client.connect(
            new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${address.port}/mcp`), {
              requestInit: { headers: { authorization: `Bearer ${key}` } },
            }),
          );
          try {
            progress(`${label}: get_dossier and search, redaction ${redaction}`);
            const dossiers = await timeCalls(
              client,
              Array.from({ length: CALLS + WARM_UP }, (_, i) => ({
                name: 'get_dossier',
                arguments: { type: 'organization', id: organizations[i % organizations.length] },
              })),
            );
            const searches = await timeCalls(
              client,
              Array.from({ length: CALLS + WARM_UP }, (_, i) => ({ name: 'search', arguments: { q: QUERIES[i % QUERIES.length], k: 10 } })),
            );
            for (const [tool, times] of [
              ['get_dossier', dossiers],
              ['search', searches],
            ] as const) {
              const value = p95(times);
              const met = value <= GOALS_MS[tool];
              rows.push({
                scenario: `${label}: ${tool} p95, redaction ${redaction} (${times.length} calls)`,
                value: judged(`${value.toFixed(1)} ms`, met),
                goal: verdict(`≤ ${GOALS_MS[tool]} ms`, met),
              });
            }
          } finally {
            await client.close();
          }
        }
      } finally {
        await app.close();
      }
      return rows;
    } finally {
      await database.cleanup();
    }
  });
}

export async function benchMcp(dialects: BenchDialect[]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const dialect of dialects) rows.push(...(await pass(dialect)));
  return rows;
}
