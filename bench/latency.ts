import { Agent, request } from 'node:http';

// Latency from one client at a time: each request waits for the previous answer, so p50/p99 are the
// server's own time per request (plus loopback), not queueing behind other clients.

export interface LatencySettings {
  /** Stop after this many measured requests… */
  maxRequests: number;
  /** …or once this much time has gone by, whichever comes first (slow answers still get a bounded run). */
  maxSeconds: number;
  /** Requests sent first and not counted (JIT, caches, prepared statements); at most a second of them. */
  warmUp: number;
}

export interface LatencyResult {
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Size of the last answer's body. */
  bytes: number;
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
};

function get(url: URL, headers: Record<string, string>, agent: Agent): Promise<{ status: number; bytes: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: response.statusCode ?? 0, bytes: body.length, body });
      });
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end();
  });
}

/** GET `url` once and fail loudly unless it answers 200: a fast error page is not a measurement. */
export async function fetchOk(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; body: Buffer }> {
  const agent = new Agent({ keepAlive: false });
  try {
    return await get(new URL(url), headers, agent);
  } finally {
    agent.destroy();
  }
}

export async function measureLatency(url: string, headers: Record<string, string>, settings: LatencySettings): Promise<LatencyResult> {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error(`bench only loads 127.0.0.1, not ${url}`);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const once = async () => {
      const started = performance.now();
      const answer = await get(target, headers, agent);
      const elapsed = performance.now() - started;
      if (answer.status !== 200) throw new Error(`GET ${url} answered ${answer.status}: ${answer.body.toString('utf8').slice(0, 200)}`);
      return { elapsed, bytes: answer.bytes };
    };
    const warmUpUntil = performance.now() + 1_000;
    for (let i = 0; i < settings.warmUp && performance.now() < warmUpUntil; i++) await once();
    const timings: number[] = [];
    let bytes = 0;
    const deadline = performance.now() + settings.maxSeconds * 1000;
    while (timings.length < settings.maxRequests && (timings.length === 0 || performance.now() < deadline)) {
      const answer = await once();
      timings.push(answer.elapsed);
      bytes = answer.bytes;
    }
    return { p50Ms: percentile(timings, 50), p99Ms: percentile(timings, 99), requests: timings.length, bytes };
  } finally {
    agent.destroy();
  }
}
