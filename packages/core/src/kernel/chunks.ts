/** Consecutive slices of at most `size` items: keeps IN lists and multi-row inserts under the databases' parameter limits. */
export function splitIntoChunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
