import type { LiveServerMessage } from '@lpdesk/contracts';
import { type Core, openCore } from '@lpdesk/core';
import { buildServer } from '@lpdesk/server';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { type BenchDialect, createBenchDatabase } from './databases.js';
import { type BenchRow, judged } from './table.js';

// Edit to other client: a user edits a record over HTTP and another user's open socket hears of it.
// Two WebSocket clients on /api/live; client A's user renames an organization N times, one after
// another; each edit is timed from the start of its HTTP request to the moment client B receives the
// change message for that version. On PostgreSQL also across two server processes' worth of stack
// (two cores and apps on one database): the edit goes through A's server, B listens on the other.
const EDITS = 200;
const DEADLINE_MS = 30_000;
const GOAL_P95_MS = 100;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

interface Node {
  core: Core;
  app: FastifyInstance;
  url: string;
}

async function startNode(target: Parameters<typeof openCore>[0], migrate: boolean): Promise<Node> {
  const core = await openCore(target, { migrate });
  const app = await buildServer(core, { trustProxy: false, corsOrigins: [], loginRateLimitPerMinute: 10_000, webDist: '/nonexistent', logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  await core.dispatcher.start();
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the bench server has no address');
  return { core, app, url: `http://127.0.0.1:${address.port}` };
}

async function stopNode(node: Node): Promise<void> {
  await node.app.close();
  await node.core.close();
}

function openSocket(url: string, cookie: string, onMessage: (message: LiveServerMessage) => void): Promise<WebSocket> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/api/live`, { headers: { cookie } });
  socket.on('message', (data) => onMessage(JSON.parse(data.toString()) as LiveServerMessage));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

async function editLatencies(writer: Node, listener: Node, cookie: string, csrf: string, run: string): Promise<{ latencies: number[]; http: number[] }> {
  const heard = new Map<string, number>();
  const other = await openSocket(listener.url, cookie, (message) => {
    if (message.type === 'change' && message.entityId) heard.set(`${message.entityId}:${message.version}`, performance.now());
  });
  const own = await openSocket(writer.url, cookie, () => {});
  const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
  try {
    const created = await fetch(`${writer.url}/api/organizations`, { method: 'POST', headers, body: JSON.stringify({ name: `Latency Partners ${run}` }) });
    const organization = ((await created.json()) as { data: { id: string; version: number } }).data;
    const latencies: number[] = [];
    const http: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const started = performance.now();
      const response = await fetch(`${writer.url}/api/organizations/${organization.id}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ name: `Latency Partners ${run} ${i}` }),
      });
      if (response.status !== 200) throw new Error(`PATCH answered ${response.status}: ${await response.text()}`);
      const { data } = (await response.json()) as { data: { version: number } };
      http.push(performance.now() - started);
      const key = `${organization.id}:${data.version}`;
      const deadline = started + DEADLINE_MS;
      while (!heard.has(key)) {
        if (performance.now() > deadline) throw new Error(`edit ${i} did not reach the other client within ${DEADLINE_MS / 1000} s`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      latencies.push((heard.get(key) as number) - started);
    }
    return { latencies, http };
  } finally {
    other.close();
    own.close();
  }
}

export async function benchLive(dialect: BenchDialect): Promise<BenchRow[]> {
  const database = await createBenchDatabase(dialect, 'live');
  const nodes: Node[] = [];
  try {
    const a = await startNode(database.target, true);
    nodes.push(a);
    const setup = await fetch(`${a.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password: 'bench passphrase long enough', fullName: 'Bench' }),
    });
    const cookie = setup.headers.get('set-cookie')?.split(';')[0] ?? '';
    const csrf = ((await setup.json()) as { data: { csrfToken: string } }).data.csrfToken;
    const rows: BenchRow[] = [];
    const same = await editLatencies(a, a, cookie, csrf, 'same');
    const p95 = percentile(same.latencies, 95);
    rows.push({
      scenario: `live: edit → other client's socket, ${database.label}, ${EDITS} sequential PATCHes over HTTP (the PATCH alone: p50 ${ms(percentile(same.http, 50))}): p50 ${ms(percentile(same.latencies, 50))}, p95`,
      value: judged(ms(p95), p95 <= GOAL_P95_MS),
      goal: `p95 ≤ ${GOAL_P95_MS} ms`,
    });
    if (dialect === 'postgres') {
      const b = await startNode(database.target, false);
      nodes.push(b);
      const across = await editLatencies(a, b, cookie, csrf, 'across');
      const acrossP95 = percentile(across.latencies, 95);
      rows.push({
        scenario: `live: edit on server A → client on server B, ${database.label} NOTIFY, ${EDITS} PATCHes (the PATCH alone: p50 ${ms(percentile(across.http, 50))}): p50 ${ms(percentile(across.latencies, 50))}, p95`,
        value: judged(ms(acrossP95), acrossP95 <= GOAL_P95_MS),
        goal: `p95 ≤ ${GOAL_P95_MS} ms`,
      });
    }
    return rows;
  } finally {
    for (const node of nodes.reverse()) await stopNode(node).catch(() => {});
    await database.cleanup();
  }
}
