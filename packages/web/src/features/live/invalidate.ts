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
 * Coalesces a burst of changes (an import, a paste) into one round of invalidations per frame-ish:
 * each prefix is invalidated once, and only the queries on screen refetch (TanStack's default).
 */
export function createChangeInvalidator(client: QueryClient, delayMs = 50) {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const prefixes = [...pending];
    pending.clear();
    for (const prefix of prefixes) void client.invalidateQueries({ queryKey: [prefix] });
  };
  return {
    change(message: Pick<LiveChangeMessage, 'entityType'>) {
      for (const key of keysForChange(message)) pending.add(key[0] as string);
      timer ??= setTimeout(flush, delayMs);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending.clear();
    },
  };
}
