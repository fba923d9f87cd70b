import { RETRIEVAL_SOURCE_TYPES, type RetrievalSearchQuery, type RetrievalSourceType } from '@lpdesk/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../kernel/actor.js';
import { startOfDay } from '../kernel/clock.js';
import type { CoreContext } from '../kernel/context.js';
import { can } from '../kernel/permissions.js';

/** With filters, a leg asks for this many candidates per wanted hit, then filters. */
export const FILTERED_OVERFETCH = 20;

export interface Filters {
  clauses: RawBuilder<unknown>[];
  any: boolean;
}

/** The calendar day after `date` (YYYY-MM-DD), by UTC arithmetic on the date alone. */
function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function eventBound(value: string, timeZone: string, end: boolean): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return (end ? startOfDay(nextDay(value), timeZone) : startOfDay(value, timeZone)).toISOString();
  return new Date(value).toISOString();
}

/** SQL conditions on the chunk alias `c`, from the query and from what the actor may see. */
export function filtersOf(core: CoreContext, actor: Actor, query: RetrievalSearchQuery): Filters {
  const clauses: RawBuilder<unknown>[] = [];
  let any = false;
  // Captured mail is for readers of email only (docs/email.md); unlinked (private) mail is never indexed.
  if (!can(actor, 'email.read')) clauses.push(sql`c.source_type <> 'email'`);
  if (query.entityId) {
    clauses.push(sql`c.id IN (SELECT chunk_row_id FROM retrieval_chunk_entities WHERE entity_id = ${query.entityId})`);
    any = true;
  }
  if (query.kind && query.kind.length > 0) {
    const sourceTypes = query.kind.filter((k): k is RetrievalSourceType => (RETRIEVAL_SOURCE_TYPES as readonly string[]).includes(k));
    const kinds = query.kind.filter((k) => !(RETRIEVAL_SOURCE_TYPES as readonly string[]).includes(k) || k === 'email' || k === 'note');
    const alternatives = [
      ...(sourceTypes.length > 0 ? [sql`c.source_type IN (${sql.join(sourceTypes)})`] : []),
      ...(kinds.length > 0 ? [sql`c.kind IN (${sql.join(kinds)})`] : []),
    ];
    clauses.push(sql`(${sql.join(alternatives, sql` OR `)})`);
    any = true;
  }
  if (query.fundId) {
    clauses.push(sql`(c.fund_id = ${query.fundId} OR c.id IN (SELECT chunk_row_id FROM retrieval_chunk_entities WHERE entity_id = ${query.fundId}))`);
    any = true;
  }
  if (query.from) {
    clauses.push(sql`c.event_at >= ${eventBound(query.from, core.settings.timeZone, false)}`);
    any = true;
  }
  if (query.to) {
    const bound = eventBound(query.to, core.settings.timeZone, /^\d{4}-\d{2}-\d{2}$/.test(query.to));
    clauses.push(/^\d{4}-\d{2}-\d{2}$/.test(query.to) ? sql`c.event_at < ${bound}` : sql`c.event_at <= ${bound}`);
    any = true;
  }
  return { clauses, any };
}

export const where = (filters: Filters) => (filters.clauses.length > 0 ? sql` AND ${sql.join(filters.clauses, sql` AND `)}` : sql``);
