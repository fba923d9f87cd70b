/** One line of the benchmark table. `bench/web.ts` returns the same shape. */
export interface BenchRow {
  scenario: string;
  value: string;
  goal: string;
}

const escapeCell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function formatTable(rows: BenchRow[]): string {
  const lines = ['| scenario | value | goal |', '| --- | --- | --- |'];
  for (const row of rows) lines.push(`| ${escapeCell(row.scenario)} | ${escapeCell(row.value)} | ${escapeCell(row.goal)} |`);
  return lines.join('\n');
}

/** Mark a measured value that misses its goal, so a regression is visible without reading numbers. */
export function judged(value: string, met: boolean): string {
  return met ? value : `${value} ✗`;
}

/** A goal with its verdict: `≤ 15 ms ✓`. */
export function verdict(goal: string, met: boolean): string {
  return `${goal} ${met ? '✓' : '✗'}`;
}
