import { FundStatus, type FundSummary } from '@lpdesk/contracts';
import { sql } from 'kysely';
import type { Row } from '../db/schema.js';
import type { CoreContext } from '../kernel/context.js';
import { NotFound } from '../kernel/errors.js';
import { asEnum } from '../kernel/values.js';

/**
 * The fund a report is about: the requested one, else the newest fund with status raising, else the
 * newest. Newest is by vintage (a fund without one sorts last, on both dialects), then creation time.
 */
export async function pickFund(core: CoreContext, fundId: string | undefined): Promise<Row<'funds'> | null> {
  if (fundId) {
    const fund = await core.db.selectFrom('funds').selectAll().where('id', '=', fundId).where('deletedAt', 'is', null).executeTakeFirst();
    if (!fund) throw new NotFound('Fund', fundId);
    return fund;
  }
  const fund = await core.db
    .selectFrom('funds')
    .selectAll()
    .where('deletedAt', 'is', null)
    .orderBy(sql`case when status = 'raising' then 0 else 1 end`)
    .orderBy('vintage', (ob) => ob.desc().nullsLast())
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return fund ?? null;
}

export function fundSummary(fund: Row<'funds'>): FundSummary {
  return { id: fund.id, name: fund.name, currency: fund.currency, targetAmount: fund.targetAmount, status: asEnum(FundStatus, fund.status) };
}
