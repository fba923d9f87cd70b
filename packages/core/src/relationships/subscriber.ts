import type { CoreContext } from '../kernel/context.js';
import type { Subscriber } from '../kernel/dispatcher.js';
import type { DomainEvent } from '../kernel/outbox.js';
import { refreshRelationshipsFor } from './derive.js';

export const RELATIONSHIPS_SUBSCRIBER = 'relationships';

/** Contact ids in a logged communication: `contactIds` on create, presented `contacts: [{id}]` on update. */
function idsIn(side: { contactIds?: unknown; contacts?: unknown } | undefined): string[] {
  const ids: string[] = [];
  for (const value of [side?.contactIds, side?.contacts]) {
    if (!Array.isArray(value)) continue;
    for (const item of value) {
      if (typeof item === 'string') ids.push(item);
      else if (item && typeof item === 'object' && 'id' in item && typeof item.id === 'string') ids.push(item.id);
    }
  }
  return ids;
}

/** The contacts whose derived edges an event may change: a communication's participants before and after, or the contact itself. */
async function contactsTouchedBy(core: CoreContext, events: DomainEvent[]): Promise<string[]> {
  const contactIds = new Set<string>();
  const communicationIds: string[] = [];
  for (const event of events) {
    if (!event.entityId) continue;
    if (event.entityType === 'contact') contactIds.add(event.entityId);
    if (event.entityType !== 'communication') continue;
    communicationIds.push(event.entityId);
    const { before, after } = event.diff as { before?: { contactIds?: unknown; contacts?: unknown }; after?: { contactIds?: unknown; contacts?: unknown } };
    for (const id of [...idsIn(before), ...idsIn(after)]) contactIds.add(id);
  }
  for (let start = 0; start < communicationIds.length; start += 400) {
    const rows = await core.db
      .selectFrom('communicationLinks')
      .select('entityId')
      .where('entityType', '=', 'contact')
      .where('communicationId', 'in', communicationIds.slice(start, start + 400))
      .execute();
    for (const row of rows) contactIds.add(row.entityId);
  }
  return [...contactIds];
}

/** Keeps knows and met_together current as communications and contacts change (deleted ones drop out). */
export function relationshipsSubscriber(core: CoreContext): Subscriber {
  return {
    name: RELATIONSHIPS_SUBSCRIBER,
    // A first install replays the outbox, so relationships exist for communications logged before it.
    from: 'beginning',
    batchSize: 200,
    handleBatch: async (events) => refreshRelationshipsFor(core, await contactsTouchedBy(core, events)),
  };
}
