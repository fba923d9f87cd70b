import { fetchOk } from './latency.js';
import { median } from './scale.js';

// Server-side export of the whole contacts list (issue 9): the full download, first byte to last,
// over loopback from the server under test, as a browser's download would read it.

export const EXPORT_GOAL_MS = 2000;
export const EXPORT_PATH = '/api/contacts/export';
const RUNS = 3;

export interface ExportTiming {
  format: 'csv' | 'xlsx';
  /** Median of the runs. */
  medianMs: number;
  bytes: number;
  /** Data rows in the CSV (XLSX is not parsed: same rows, same query). */
  rows: number | null;
}

async function timeExport(baseUrl: string, headers: Record<string, string>, format: 'csv' | 'xlsx'): Promise<ExportTiming> {
  const timings: number[] = [];
  let last: Awaited<ReturnType<typeof fetchOk>> | null = null;
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    last = await fetchOk(`${baseUrl}${EXPORT_PATH}?format=${format}`, headers);
    timings.push(performance.now() - started);
    if (last.status !== 200) throw new Error(`GET ${EXPORT_PATH}?format=${format} answered ${last.status}: ${last.body.toString('utf8').slice(0, 200)}`);
  }
  const body = last?.body ?? Buffer.alloc(0);
  // Records start with the name column and end with the id: count lines ending in a UUID (quoted notes may hold line breaks).
  const rows = format === 'csv' ? body.toString('utf8').split('\r\n').filter((line) => /,[0-9a-f-]{36}(,|$)/.test(line)).length : null;
  return { format, medianMs: median(timings), bytes: body.length, rows };
}

export async function measureExports(baseUrl: string, headers: Record<string, string>): Promise<ExportTiming[]> {
  return [await timeExport(baseUrl, headers, 'csv'), await timeExport(baseUrl, headers, 'xlsx')];
}
