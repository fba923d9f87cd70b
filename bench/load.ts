import { Worker } from 'node:worker_threads';

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  warmUpSeconds: number;
  seconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/**
 * Drive `url` with autocannon from a worker thread: a warm-up run (discarded), then the measured run.
 * Any non-2xx answer or socket error fails the measurement: a fast error page is not a result.
 */
export function measureLoad(options: LoadOptions): Promise<LoadResult> {
  if (new URL(options.url).hostname !== '127.0.0.1') throw new Error(`bench only loads 127.0.0.1, not ${options.url}`);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: options });
    let settled = false;
    worker.once('message', (result: LoadResult) => {
      settled = true;
      if (result.non2xx > 0 || result.errors > 0 || result.requests === 0) {
        reject(new Error(`${options.url}: ${result.requests} requests, ${result.non2xx} non-2xx, ${result.errors} errors/timeouts`));
      } else resolve(result);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`load worker exited with code ${code} before reporting`));
    });
  });
}
