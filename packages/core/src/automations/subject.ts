import { type AutomationEntityType, calendarDate } from '@lpdesk/contracts';
import { presentCommitments } from '../commitments/presenter.js';
import { presentContacts } from '../contacts/presenter.js';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import { groupBy } from '../kernel/values.js';
import type { Tx } from '../kernel/write.js';
import { presentOrganizations } from '../organizations/presenter.js';
import { presentTasks } from '../tasks/presenter.js';

/**
 * A record as a rule's condition sees it: exactly as the API presents it, plus computed fields
 * (docs/automations.md):
 * - `lastTouchedOn` (organizations, contacts, commitments): the team-local date of the latest live
 *   communication linked to the record, or the date the record was created if none is;
 * - `openTaskTitles` (same three): titles of the record's open, live tasks.
 */
export type Subject = Record<string, unknown> & { id: string };

const TABLES = { organization: 'organizations', contact: 'contacts', commitment: 'commitments', task: 'tasks' } as const;
type SubjectTable = (typeof TABLES)[AutomationEntityType];

export const tableFor = (entityType: AutomationEntityType): SubjectTable => TABLES[entityType];

async function present(db: Db | Tx, entityType: AutomationEntityType, rows: Row<SubjectTable>[]): Promise<Record<string, unknown>[]> {
  switch (entityType) {
    case 'organization':
      return presentOrganizations(db, rows as Row<'organizations'>[]);
    case 'contact':
      return presentContacts(db, rows as Row<'contacts'>[]);
    case 'commitment':
      return presentCommitments(db, rows as Row<'commitments'>[]);
    case 'task':
      return presentTasks(db, rows as Row<'tasks'>[]);
  }
}

async function computedFields(db: Db | Tx, entityType: AutomationEntityType, rows: Row<SubjectTable>[], timeZone: string) {
  const ids = rows.map((row) => row.id);
  if (entityType === 'task' || ids.length === 0) return new Map<string, Record<string, unknown>>();
  const [touches, tasks] = await Promise.all([
    db
      .selectFrom('communicationLinks')
      .innerJoin('communications', 'communications.id', 'communicationLinks.communicationId')
      .select(['communicationLinks.entityId', (eb) => eb.fn.max('communications.occurredAt').as('lastAt')])
      .where('communicationLinks.entityType', '=', entityType)
      .where('communicationLinks.entityId', 'in', ids)
      .where('communications.deletedAt', 'is', null)
      .groupBy('communicationLinks.entityId')
      .execute(),
    db
      .selectFrom('tasks')
      .select(['entityId', 'title'])
      .where('entityType', '=', entityType)
      .where('entityId', 'in', ids)
      .where('status', '=', 'open')
      .where('deletedAt', 'is', null)
      .execute(),
  ]);
  const lastAt = new Map(touches.map((t) => [t.entityId, t.lastAt as string | null]));
  const titles = groupBy(tasks, (t) => t.entityId ?? '');
  return new Map(
    rows.map((row) => {
      const at = lastAt.get(row.id) ?? row.createdAt;
      return [row.id, { lastTouchedOn: calendarDate(new Date(at), timeZone), openTaskTitles: (titles.get(row.id) ?? []).map((t) => t.title) }];
    }),
  );
}

export async function presentSubjects(db: Db | Tx, entityType: AutomationEntityType, rows: Row<SubjectTable>[], timeZone: string): Promise<Subject[]> {
  const [presented, computed] = await Promise.all([present(db, entityType, rows), computedFields(db, entityType, rows, timeZone)]);
  return presented.map((record) => ({ ...record, ...(computed.get(record.id as string) ?? {}) }) as Subject);
}

/** One live record as a condition sees it, or null when it is gone (trashed or purged since the event). */
export async function loadSubject(db: Db | Tx, entityType: AutomationEntityType, id: string, timeZone: string): Promise<Subject | null> {
  const row = await db
    .selectFrom(tableFor(entityType) as 'organizations')
    .selectAll()
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const [subject] = await presentSubjects(db, entityType, [row as Row<SubjectTable>], timeZone);
  return subject ?? null;
}

const PAGE = 500;

/** Every live record of a type, a page at a time, presented: for schedule runs and dry runs. */
export async function* allSubjects(db: Db, entityType: AutomationEntityType, timeZone: string): AsyncGenerator<Subject[]> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom(tableFor(entityType) as 'organizations')
      .selectAll()
      .where('deletedAt', 'is', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return;
    yield await presentSubjects(db, entityType, rows as Row<SubjectTable>[], timeZone);
    after = rows[rows.length - 1]?.id ?? after;
    if (rows.length < PAGE) return;
  }
}

/** How a person names the record in a run or a preview. */
export function subjectName(entityType: AutomationEntityType, subject: Subject): string | null {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  switch (entityType) {
    case 'organization':
      return text(subject.name);
    case 'contact':
      return text(subject.fullName);
    case 'task':
      return text(subject.title);
    case 'commitment': {
      const org = subject.organization as { name?: string } | null;
      const fund = subject.fund as { name?: string } | null;
      return [org?.name, fund?.name].filter(Boolean).join(' · ') || null;
    }
  }
}
