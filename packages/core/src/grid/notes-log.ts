import type { OrganizationNoteCreateInput, OrganizationNoteView } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import type { Actor } from '../kernel/actor.js';
import { calendarDate } from '../kernel/clock.js';
import type { CoreContext } from '../kernel/context.js';
import { newId } from '../kernel/ids.js';
import { findRow } from '../kernel/records.js';
import { groupBy } from '../kernel/values.js';
import { type Tx, type WriteScope, write } from '../kernel/write.js';

/**
 * The investor's outreach log: dated lines, who wrote them, never edited or deleted. An entry hides
 * with its organization in the trash (reads skip trashed organizations) and goes only with an admin's
 * purge of that organization.
 */
export function presentNote(row: Row<'organizationNotes'>): OrganizationNoteView {
  return {
    id: row.id,
    organizationId: row.organizationId,
    body: row.body,
    notedOn: row.notedOn,
    authorId: row.authorId,
    authorName: row.authorName,
    communicationId: row.communicationId,
    createdAt: row.createdAt,
  };
}

export interface NewNote {
  body: string;
  notedOn?: string | undefined;
  communicationId?: string | null;
}

/** Append within a write: the entry and its log line on the organization commit together. */
export async function appendNoteIn(scope: WriteScope, organizationId: string, note: NewNote): Promise<OrganizationNoteView> {
  const row: Row<'organizationNotes'> = {
    id: newId(),
    organizationId,
    body: note.body,
    // The team's day, not the server's: a note typed at 23:30 in New York belongs to that day.
    notedOn: note.notedOn ?? calendarDate(new Date(scope.now), scope.settings.timeZone),
    authorId: scope.actor.userId,
    authorName: scope.actor.name,
    communicationId: note.communicationId ?? null,
    createdAt: scope.now,
  };
  await scope.tx.insertInto('organizationNotes').values(row).execute();
  await scope.log({
    action: 'note_logged',
    entityType: 'organization',
    entityId: organizationId,
    diff: { after: { notesLog: { id: row.id, notedOn: row.notedOn, body: row.body, communicationId: row.communicationId } } },
  });
  return presentNote(row);
}

export function appendNote(core: CoreContext, actor: Actor, organizationId: string, input: OrganizationNoteCreateInput): Promise<OrganizationNoteView> {
  return write(core, actor, async (scope) => {
    // Shares the organization's lock, so a trash move and an append never cross.
    await findRow(scope.tx, 'organizations', organizationId, 'Organization', { forUpdate: scope.dialect === 'postgres' });
    return appendNoteIn(scope, organizationId, { body: input.body, notedOn: input.notedOn });
  });
}

/** Newest first: by the day written about, then by when it was typed. */
export async function listNotes(core: CoreContext, organizationId: string): Promise<OrganizationNoteView[]> {
  await findRow(core.db, 'organizations', organizationId, 'Organization');
  const rows = await core.db
    .selectFrom('organizationNotes')
    .selectAll()
    .where('organizationId', '=', organizationId)
    .orderBy('notedOn', 'desc')
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(presentNote);
}

/** Lines the grid shows per investor: the latest, newest first. */
export const GRID_NOTES_LIMIT = 20;

/** "YYYY-MM-DD Name: text", the grid's and the export's form of an entry. */
export function noteLine(note: Pick<Row<'organizationNotes'>, 'notedOn' | 'authorName' | 'body'>): string {
  return `${note.notedOn} ${note.authorName ?? 'Someone'}: ${note.body}`;
}

/** The latest GRID_NOTES_LIMIT entries per organization, as lines, in one query. */
export async function loadNoteLines(db: Db | Tx, organizationIds: string[] | null): Promise<Map<string, string[]>> {
  let query = db
    .selectFrom('organizationNotes as n')
    .innerJoin('organizations as o', 'o.id', 'n.organizationId')
    .select(['n.organizationId', 'n.notedOn', 'n.authorName', 'n.body'])
    .where('o.deletedAt', 'is', null);
  if (organizationIds) {
    if (organizationIds.length === 0) return new Map();
    query = query.where('n.organizationId', 'in', organizationIds);
  }
  const rows = await query.orderBy('n.organizationId').orderBy('n.notedOn', 'desc').orderBy('n.createdAt', 'desc').orderBy('n.id', 'desc').execute();
  const lines = new Map<string, string[]>();
  for (const [organizationId, notes] of groupBy(rows, (row) => row.organizationId)) {
    lines.set(organizationId, notes.slice(0, GRID_NOTES_LIMIT).map(noteLine));
  }
  return lines;
}
