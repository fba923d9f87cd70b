import type { EmailSyncRunView } from '@lpdesk/contracts';
import { EmailSyncRunView as RunSchema } from '@lpdesk/contracts';
import type { Row } from '../db/schema.js';

/** A stored sync run as the API shows it. */
export function presentSyncRun(row: Row<'emailSyncRuns'>): EmailSyncRunView {
  return RunSchema.parse({
    id: row.id,
    mailboxId: row.mailboxId,
    trigger: row.trigger,
    status: row.status,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    fetched: Number(row.fetched),
    stored: Number(row.stored),
    matched: Number(row.matched),
    duplicates: Number(row.duplicates),
    errors: Number(row.errors),
    errorMessages: JSON.parse(row.errorMessagesJson),
    durationMs: row.durationMs === null ? null : Number(row.durationMs),
    folders: JSON.parse(row.foldersJson),
  });
}
