import type { NotificationView } from '@lpdesk/contracts';
import { NotificationEntityType, NotificationKind } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import { loadUserRefs, refOrNull } from '../shared/lookups.js';

type Link = NotificationView['link'];
const LINK_ORDER = ['contact', 'organization', 'commitment'] as const;
type LinkType = (typeof LINK_ORDER)[number];
const isLinkType = (value: string | null): value is LinkType => (LINK_ORDER as readonly (string | null)[]).includes(value);

/** Where each task or communication is shown: the record it is linked to (a communication's first person, else firm, else commitment). */
async function loadLinks(db: Db, rows: Row<'notifications'>[]): Promise<Map<string, Link>> {
  const links = new Map<string, Link>();
  const taskIds = [...new Set(rows.filter((r) => r.entityType === 'task').map((r) => r.entityId))];
  const communicationIds = [...new Set(rows.filter((r) => r.entityType === 'communication').map((r) => r.entityId))];
  if (taskIds.length > 0) {
    const tasks = await db.selectFrom('tasks').select(['id', 'entityType', 'entityId']).where('id', 'in', taskIds).execute();
    for (const task of tasks) {
      if (isLinkType(task.entityType) && task.entityId) links.set(`task:${task.id}`, { entityType: task.entityType, entityId: task.entityId });
    }
  }
  if (communicationIds.length > 0) {
    const rowsOfLinks = await db
      .selectFrom('communicationLinks')
      .select(['communicationId', 'entityType', 'entityId'])
      .where('communicationId', 'in', communicationIds)
      .execute();
    for (const linkType of LINK_ORDER) {
      for (const link of rowsOfLinks) {
        const key = `communication:${link.communicationId}`;
        if (link.entityType === linkType && !links.has(key)) links.set(key, { entityType: linkType, entityId: link.entityId });
      }
    }
  }
  return links;
}

export async function presentNotifications(db: Db, rows: Row<'notifications'>[]): Promise<NotificationView[]> {
  const [actors, links] = await Promise.all([
    loadUserRefs(
      db,
      rows.map((r) => r.actorId),
    ),
    loadLinks(db, rows),
  ]);
  return rows.map((row) => ({
    id: row.id,
    kind: NotificationKind.parse(row.kind),
    entityType: NotificationEntityType.parse(row.entityType),
    entityId: row.entityId,
    actor: refOrNull(actors, row.actorId),
    text: row.text,
    link: links.get(`${row.entityType}:${row.entityId}`) ?? null,
    createdAt: row.createdAt,
    readAt: row.readAt,
  }));
}
