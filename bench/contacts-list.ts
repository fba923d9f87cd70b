import { startFloorServer } from './floor-server.js';
import { type LoadResult, measureLoad } from './load.js';
import { type BenchDialect, startBenchInstance } from './lpdesk-instance.js';
import { type BenchRow, judged } from './table.js';

export interface LoadSettings {
  connections: number;
  warmUpSeconds: number;
  /** Length of one measured run; LP Desk and the floor alternate for `rounds` runs each. */
  seconds: number;
  rounds: number;
}

const PATH = '/api/contacts';
const QUERY = '?limit=50';
const DEMO_COPIES = 10;

// Goals for SQLite, the default install on a small box. A list page under a burst of 10 clients
// should still answer within the 100 ms that reads as instant; 200 req/s is far beyond what a
// fund's team generates. The ratio says how much LP Desk costs over a bare response of the same
// bytes: at 0.1 auth, validation, queries and presenting cost about nine bare responses.
// PGlite is single-threaded WebAssembly in the server's process, so its numbers are for
// information only; real PostgreSQL runs in CI.
const GOALS = { requestsPerSecond: 200, p99Ms: 100, ratioToFloor: 0.1 };

const whole = (n: number) => Math.round(n).toLocaleString('en-US');
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** The real response, fetched once: it checks the setup works and is the floor server's body. */
async function fetchReference(url: string, headers: Record<string, string>) {
  const response = await fetch(url, { headers });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${body.toString('utf8').slice(0, 200)}`);
  const parsed = JSON.parse(body.toString('utf8')) as { data?: unknown[] };
  if (!Array.isArray(parsed.data) || parsed.data.length !== 50) throw new Error(`GET ${url} returned ${parsed.data?.length ?? 'no'} contacts, expected 50`);
  return { body, contentType: response.headers.get('content-type') ?? 'application/json' };
}

interface Round {
  lpdesk: LoadResult;
  floor: LoadResult;
}

/**
 * Alternate LP Desk and floor runs so both sides see the same background load (bench machines are
 * often shared), then report medians; the ratio is the median of each round's own ratio.
 */
async function measureRounds(lpdeskUrl: string, floorUrl: string, headers: Record<string, string>, settings: LoadSettings): Promise<Round[]> {
  const rounds: Round[] = [];
  for (let index = 0; index < settings.rounds; index++) {
    const warmUpSeconds = index === 0 ? settings.warmUpSeconds : 0;
    const lpdesk = await measureLoad({ ...settings, warmUpSeconds, url: lpdeskUrl, headers });
    const floor = await measureLoad({ ...settings, warmUpSeconds, url: floorUrl, headers: {} });
    rounds.push({ lpdesk, floor });
  }
  return rounds;
}

/**
 * `GET /api/contacts?limit=50` on the demo data ×10, authenticated with an API key, against a bare
 * Fastify route serving the same bytes in the same run; rows for LP Desk, the floor and their ratio.
 */
export async function benchContactsList(dialect: BenchDialect, settings: LoadSettings): Promise<BenchRow[]> {
  const instance = await startBenchInstance(dialect, DEMO_COPIES);
  try {
    const headers = { authorization: `Bearer ${instance.apiKey}` };
    const lpdeskUrl = `${instance.url}${PATH}${QUERY}`;
    const reference = await fetchReference(lpdeskUrl, headers);
    const floorServer = await startFloorServer(PATH, reference.body, reference.contentType);
    const rounds = await measureRounds(lpdeskUrl, `${floorServer.url}${PATH}${QUERY}`, headers, settings).finally(() => floorServer.close());

    const lpdeskRate = median(rounds.map((r) => r.lpdesk.requestsPerSecond));
    const lpdeskP99 = median(rounds.map((r) => r.lpdesk.p99Ms));
    const floorRate = median(rounds.map((r) => r.floor.requestsPerSecond));
    const floorP99 = median(rounds.map((r) => r.floor.p99Ms));
    const ratio = median(rounds.map((r) => r.lpdesk.requestsPerSecond / r.floor.requestsPerSecond));
    const spread = `${rounds.length}×${settings.seconds} s, ${whole(Math.min(...rounds.map((r) => r.lpdesk.requestsPerSecond)))}–${whole(Math.max(...rounds.map((r) => r.lpdesk.requestsPerSecond)))}`;

    const graded = dialect === 'sqlite';
    const check = (value: string, met: boolean) => (graded ? judged(value, met) : value);
    const goal = (text: string) => (graded ? text : 'info (in-process WASM)');
    const label = `GET ${PATH}${QUERY}, ${graded ? 'SQLite' : 'PostgreSQL via PGlite'}, ${instance.seeded.contacts} contacts, ${settings.connections} conn`;
    return [
      {
        scenario: `${label}: LP Desk throughput (median, ${spread})`,
        value: check(`${whole(lpdeskRate)} req/s`, lpdeskRate >= GOALS.requestsPerSecond),
        goal: goal(`≥ ${GOALS.requestsPerSecond} req/s`),
      },
      { scenario: `${label}: LP Desk p99 latency`, value: check(`${lpdeskP99} ms`, lpdeskP99 <= GOALS.p99Ms), goal: goal(`≤ ${GOALS.p99Ms} ms`) },
      {
        scenario: `${label}: floor (bare Fastify, same ${whole(reference.body.length)} bytes)`,
        value: `${whole(floorRate)} req/s, p99 ${floorP99} ms`,
        goal: 'reference',
      },
      { scenario: `${label}: LP Desk ÷ floor`, value: check(ratio.toFixed(3), ratio >= GOALS.ratioToFloor), goal: goal(`≥ ${GOALS.ratioToFloor}`) },
    ];
  } finally {
    await instance.close();
  }
}
