import { createHash } from 'node:crypto';
import type { CoreContext } from '../kernel/context.js';
import { Conflict } from '../kernel/errors.js';

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are the same arguments. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const argumentsHash = (tool: string, args: unknown) =>
  createHash('sha256')
    .update(`${tool}\n${canonicalJson(args)}`)
    .digest('hex');

/** Stored while the first call with a key is still writing. */
const IN_FLIGHT = '{"inFlight":true}';

export type IdempotencyClaim = { kind: 'claimed' } | { kind: 'replay'; result: unknown };

/**
 * Claim a key before writing: the first call inserts a placeholder row and writes; a retry with the same
 * tool and arguments gets the first result back (nothing written twice, also when the two race); a
 * different call under a used key is refused, as is a retry while the first is still writing.
 */
export async function claimIdempotencyKey(core: CoreContext, apiKeyId: string, idempotencyKey: string, tool: string, args: unknown): Promise<IdempotencyClaim> {
  const hash = argumentsHash(tool, args);
  const inserted = await core.db
    .insertInto('agentIdempotency')
    .values({ apiKeyId, idempotencyKey, tool, argumentsHash: hash, resultJson: IN_FLIGHT, createdAt: core.clock.now().toISOString() })
    .onConflict((oc) => oc.columns(['apiKeyId', 'idempotencyKey']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return { kind: 'claimed' };
  const row = await core.db
    .selectFrom('agentIdempotency')
    .selectAll()
    .where('apiKeyId', '=', apiKeyId)
    .where('idempotencyKey', '=', idempotencyKey)
    .executeTakeFirstOrThrow();
  if (row.tool !== tool || row.argumentsHash !== hash) {
    throw new Conflict(`idempotencyKey "${idempotencyKey}" was already used by this key for a different call (${row.tool}); use a new key for a new write`);
  }
  if (row.resultJson === IN_FLIGHT) throw new Conflict(`A call with idempotencyKey "${idempotencyKey}" is still running; retry in a moment`);
  return { kind: 'replay', result: JSON.parse(row.resultJson) };
}

/** The write succeeded: its result is what every retry gets. */
export async function completeIdempotencyKey(core: CoreContext, apiKeyId: string, idempotencyKey: string, result: unknown): Promise<void> {
  await core.db
    .updateTable('agentIdempotency')
    .set({ resultJson: JSON.stringify(result ?? null) })
    .where('apiKeyId', '=', apiKeyId)
    .where('idempotencyKey', '=', idempotencyKey)
    .execute();
}

/** The write failed: nothing was written, so a retry may try again. */
export async function releaseIdempotencyKey(core: CoreContext, apiKeyId: string, idempotencyKey: string): Promise<void> {
  await core.db
    .deleteFrom('agentIdempotency')
    .where('apiKeyId', '=', apiKeyId)
    .where('idempotencyKey', '=', idempotencyKey)
    .where('resultJson', '=', IN_FLIGHT)
    .execute();
}
