import type { LiveChangeMessage } from '@lpdesk/contracts';
import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Query-key prefixes that show each entity type (hooks.ts keys start with the collection). Lists of
 * one type often show another's fields (a contact's organization name, an organization's commitments),
 * so related collections come along, as the app's own mutations do (RELATED in api/hooks.ts).
 */
const SHOWN_BY: Record<string, string[]> = {
  contact: ['contacts', 'organizations', 'commitments'],
  organization: ['organizations', 'contacts', 'commitments'],
  fund: ['funds', 'commitments'],
  commitment: ['commitments', 'organizations', 'contacts', 'funds'],
  communication: ['communications', 'contacts', 'organizations', 'tasks'],
  task: ['tasks', 'contacts', 'organizations'],
  tag: ['tags', 'contacts', 'organizations', 'commitments'],
  custom_field: ['custom-fields', 'contacts', 'organizations', 'commitments'],
  user: ['users'],
  api_key: ['api-keys'],
  saved_view: ['views'],
  automation: ['automations'],
  trash: ['contacts', 'organizations', 'funds', 'commitments', 'communications', 'tasks', 'tags'],
};

/** Every CRM change can move these: dashboard and reports (pipeline board, LP tracker), activity, search, the grid. */
const ALWAYS = ['reports', 'activity', 'search', 'grid', 'notifications'];

export function keysForChange(message: Pick<LiveChangeMessage, 'entityType'>): QueryKey[] {
  const shown = SHOWN_BY[message.entityType] ?? [];
  return [...new Set([...shown, ...ALWAYS])].map((prefix) => [prefix]);
}

/**
 * Coalesces a burst of changes (an import, a paste) into one round of invalidations, each prefix once.
 * It waits while this tab's own mutations are in flight and while a prefix's queries are already
 * fetching: invalidating then would cancel and restart those fetches (and, mid-move, refetch data the
 * optimistic update is about to replace). Waiting is bounded, so a busy screen still catches up.
 */
export function createChangeInvalidator(client: QueryClient, delayMs = 50, maxWaitMs = 3_000) {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waitingSince: number | null = null;
  const schedule = (ms: number) => {
    timer ??= setTimeout(flush, ms);
  };
  const flush = () => {
    timer = undefined;
    const now = Date.now();
    waitingSince ??= now;
    const patient = now - waitingSince < maxWaitMs;
    if (patient && client.isMutating() > 0) return schedule(delayMs * 2);
    for (const prefix of [...pending]) {
      if (patient && client.isFetching({ queryKey: [prefix] }) > 0) continue;
      pending.delete(prefix);
      void client.invalidateQueries({ queryKey: [prefix] });
    }
    if (pending.size > 0) schedule(delayMs * 2);
    else waitingSince = null;
  };
  return {
    change(message: Pick<LiveChangeMessage, 'entityType'>) {
      for (const key of keysForChange(message)) pending.add(key[0] as string);
      schedule(delayMs);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      waitingSince = null;
      pending.clear();
    },
  };
}
