import type { ListEnvelope, MailboxView } from '@lpdesk/contracts';
import type { Db } from '../../db/connect.js';
import type { Row } from '../../db/schema.js';
import type { CoreContext } from '../../kernel/context.js';
import { NotFound } from '../../kernel/errors.js';
import type { Tx } from '../../kernel/write.js';
import { presentMailboxes } from './presenter.js';

/** A live (not deleted) mailbox row, or NotFound. */
export async function findMailbox(db: Db | Tx, id: string): Promise<Row<'emailMailboxes'>> {
  const row = await db.selectFrom('emailMailboxes').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  if (!row) throw new NotFound('Mailbox', id);
  return row;
}

/** Every live mailbox, by label: a team has a handful, so no paging. */
export async function listMailboxes(core: CoreContext): Promise<ListEnvelope<MailboxView>> {
  const rows = await core.db.selectFrom('emailMailboxes').selectAll().where('deletedAt', 'is', null).orderBy('label').orderBy('id').execute();
  const data = await presentMailboxes(core.db, rows);
  return { data, total: data.length, limit: Math.max(data.length, 1), offset: 0 };
}

export async function getMailbox(core: CoreContext, id: string): Promise<MailboxView> {
  const [view] = await presentMailboxes(core.db, [await findMailbox(core.db, id)]);
  if (!view) throw new NotFound('Mailbox', id);
  return view;
}
