// Plain JavaScript on purpose: worker threads do not inherit the tsx loader on Node 20.
// Runs in its own thread so the load generator never shares an event loop with the server it measures.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const options = workerData;

async function run(duration) {
  const settings = { url: options.url, headers: options.headers, connections: options.connections, duration, pipelining: 1 };
  // Off the main thread autocannon hands back raw histograms; aggregate them as it would on the main thread.
  return autocannon.aggregateResult([await autocannon(settings)], settings);
}

if (options.warmUpSeconds > 0) await run(options.warmUpSeconds);
const result = await run(options.seconds);
parentPort.postMessage({
  // Per-second samples are not carried through aggregation off the main thread; the mean rate is.
  requestsPerSecond: result.requests.total / result.duration,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  requests: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
});
