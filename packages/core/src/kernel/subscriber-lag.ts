import type { CoreContext } from './context.js';

/**
 * How many outbox events a durable subscriber has not seen yet (0 when it is not registered yet). Read
 * from the database, so it counts events written by any process.
 */
export async function subscriberLag(core: CoreContext, name: string): Promise<number> {
  const row = await core.db
    .selectFrom('eventSubscriptions')
    .select((eb) => [
      'position',
      eb
        .selectFrom('outboxEvents')
        .select((inner) => inner.fn.max('position').as('latest'))
        .as('latest'),
    ])
    .where('name', '=', name)
    .executeTakeFirst();
  if (!row) return 0;
  return Math.max(0, Number(row.latest ?? 0) - Number(row.position));
}
