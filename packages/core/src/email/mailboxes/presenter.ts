import type { EmailSyncRunView, MailboxView } from '@lpdesk/contracts';
import { EmailSyncTrigger } from '@lpdesk/contracts';
import type { Db } from '../../db/connect.js';
import type { Row } from '../../db/schema.js';
import { asEnum, toBool } from '../../kernel/values.js';
import type { Tx } from '../../kernel/write.js';
import { foldersOf, parseSettings } from './settings.js';

const RUN_STATUSES = { options: ['running', 'succeeded', 'failed'] } as const;

function jsonArray(text: string): unknown[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value : [];
}

/** A sync run as the API shows it. */
export function presentRun(row: Row<'emailSyncRuns'>): EmailSyncRunView {
  return {
    id: row.id,
    mailboxId: row.mailboxId,
    trigger: asEnum(EmailSyncTrigger, row.trigger),
    status: asEnum(RUN_STATUSES, row.status),
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    fetched: Number(row.fetched),
    stored: Number(row.stored),
    matched: Number(row.matched),
    duplicates: Number(row.duplicates),
    errors: Number(row.errors),
    errorMessages: jsonArray(row.errorMessagesJson).map(String),
    durationMs: row.durationMs === null ? null : Number(row.durationMs),
    folders: jsonArray(row.foldersJson).flatMap((entry) => {
      if (typeof entry !== 'object' || entry === null) return [];
      const { folder, fetched, reset } = entry as Record<string, unknown>;
      return [{ folder: String(folder), fetched: Number(fetched ?? 0), reset: reset === true }];
    }),
  };
}

/**
 * Mailboxes with their sync status: the last run, the last success and how many distinct messages they
 * have sighted. Never the sealed credentials, only whether there are some.
 */
export async function presentMailboxes(db: Db | Tx, rows: Row<'emailMailboxes'>[]): Promise<MailboxView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const runs = await db.selectFrom('emailSyncRuns').selectAll().where('mailboxId', 'in', ids).orderBy('startedAt', 'desc').orderBy('id', 'desc').execute();
  const lastRun = new Map<string, Row<'emailSyncRuns'>>();
  const lastSuccess = new Map<string, string>();
  for (const run of runs) {
    if (!lastRun.has(run.mailboxId)) lastRun.set(run.mailboxId, run);
    if (run.status === 'succeeded' && run.finishedAt && (lastSuccess.get(run.mailboxId) ?? '') < run.finishedAt) lastSuccess.set(run.mailboxId, run.finishedAt);
  }
  const counts = await db
    .selectFrom('emailSightings')
    .select((eb) => ['mailboxId', eb.fn.count<string | number>('messageRowId').distinct().as('n')])
    .where('mailboxId', 'in', ids)
    .groupBy('mailboxId')
    .execute();
  const messageCount = new Map(counts.map((c) => [c.mailboxId, Number(c.n)]));
  return rows.map((row) => {
    const stored = parseSettings(row.kind, row.settingsJson);
    const imap = stored.kind === 'imap' ? stored.settings : null;
    const run = lastRun.get(row.id);
    return {
      id: row.id,
      kind: stored.kind,
      label: row.label,
      address: row.address,
      host: imap?.host ?? null,
      port: imap?.port ?? null,
      secure: imap?.secure ?? null,
      username: imap?.username ?? null,
      folders: foldersOf(stored),
      ownerUserId: row.ownerUserId,
      authMode: stored.kind === 'imap' ? 'password' : stored.kind === 'gmail' ? stored.settings.authMode : 'none',
      hasCredentials: row.credentialsEnc !== null,
      paused: toBool(row.paused),
      lastRun: run ? presentRun(run) : null,
      lastSuccessAt: lastSuccess.get(row.id) ?? null,
      messageCount: messageCount.get(row.id) ?? 0,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: Number(row.version),
    };
  });
}
