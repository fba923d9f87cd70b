import type { FundStatus } from '@lpdesk/contracts';
import { createFundIn } from '../funds/commands.js';
import { backdate, countState, type ImportRun, normalizedName, track } from './run.js';

export interface LegacyFundFacts {
  vintage?: number | null;
  status?: FundStatus | null;
}

const STATUSES: Record<string, FundStatus> = {
  planning: 'planning',
  raising: 'raising',
  open: 'raising',
  fundraising: 'raising',
  closed: 'closed',
  final_close: 'closed',
  investing: 'closed',
};

export const fundStatus = (raw: unknown): FundStatus | null =>
  typeof raw === 'string' ? (STATUSES[raw.trim().toLowerCase().replace(/\s+/g, '_')] ?? null) : null;

/**
 * The fund of that name: an existing LP Desk fund (case-insensitive), else created. Legacy funds are only
 * names (`fund_name` on opportunities and LP profiles, grid columns): the grid blob adds vintage and status.
 */
export async function ensureFund(run: ImportRun, name: string, facts: LegacyFundFacts, createdAt: string | null): Promise<string> {
  const key = normalizedName(name);
  const { tx } = run.scope;
  const cached = run.fundsByName.get(key);
  if (cached) return cached;
  let id: string;
  {
    const known = await tx
      .selectFrom('funds')
      .select(['id', 'name'])
      .where('deletedAt', 'is', null)
      .execute()
      .then((rows) => rows.find((row) => normalizedName(row.name) === key));
    id =
      known?.id ??
      (await createFundIn(run.scope, { name: name.trim().slice(0, 200), currency: 'USD', status: facts.status ?? 'raising', vintage: facts.vintage ?? null }))
        .id;
    run.fundsByName.set(key, id);
  }
  const createdNow = await backdate(run, 'funds', id, createdAt);
  const state = await track(run, 'funds', key, 'fund', id, { name: name.trim(), ...facts });
  if (state === 'changed' && !createdNow) {
    const changes = { ...(facts.vintage ? { vintage: facts.vintage } : {}), ...(facts.status ? { status: facts.status } : {}) };
    if (Object.keys(changes).length > 0) await tx.updateTable('funds').set(changes).where('id', '=', id).execute();
  }
  countState(run, 'fund', state, createdNow);
  return id;
}
