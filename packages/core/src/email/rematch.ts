import { z } from 'zod';
import { parseEmail } from '../identity/normalize/index.js';
import { enqueueJobIn, type JobHandler } from '../jobs/index.js';
import { systemActor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import type { Subscriber } from '../kernel/dispatcher.js';
import type { DomainEvent } from '../kernel/outbox.js';
import { write } from '../kernel/write.js';
import { loadTeam } from './ingest/team.js';
import { relinkMessages } from './links.js';
import { splitIntoChunks } from '../kernel/chunks.js';

// Re-match captured mail when contacts or organizations change: a new email or domain links messages
// already stored (their bodies come on the mailbox's next sync), a removed one or a deletion unlinks them.

export const EMAIL_REMATCH_SUBSCRIBER = 'email-rematch';
const CHUNK = 400;
/** Messages relinked per transaction: a contact with years of mail does not hold one long write. */
const RELINK_CHUNK = 500;
/** Above this many messages the re-match leaves the dispatcher for a job, so other subscribers are not held up. */
export const REMATCH_INLINE_LIMIT = 2_000;
export const EMAIL_REMATCH_JOB = 'email.rematch';
const RematchPayload = z.object({ contactIds: z.array(z.string()), organizationIds: z.array(z.string()) });

export interface RematchTargets {
  contactIds: readonly string[];
  organizationIds: readonly string[];
}

const chunks = <T>(items: readonly T[]): T[][] => splitIntoChunks(items, CHUNK);

/** Messages that name these contacts' addresses or organizations' domains, or are linked to them now. */
export async function messagesAffectedBy(core: CoreContext, targets: RematchTargets): Promise<string[]> {
  const db = core.db;
  const found = new Set<string>();
  const keys = new Set<string>();
  const domains = new Set<string>();
  for (const chunk of chunks(targets.contactIds)) {
    const emails = await db.selectFrom('contactEmails').select('emailNormalized as email').where('contactId', 'in', chunk).execute();
    const aliases = await db.selectFrom('entityAliases').select('value as email').where('entityType', '=', 'contact').where('kind', '=', 'email').where('entityId', 'in', chunk).execute();
    for (const { email } of [...emails, ...aliases]) {
      const parsed = parseEmail(email);
      if (parsed) keys.add(parsed.matchKey);
    }
  }
  for (const chunk of chunks(targets.organizationIds)) {
    const rows = await db.selectFrom('organizationDomains').select('domain').where('organizationId', 'in', chunk).execute();
    for (const row of rows) domains.add(row.domain.toLowerCase());
  }
  for (const chunk of chunks([...targets.contactIds, ...targets.organizationIds])) {
    const rows = await db.selectFrom('emailLinks').select('messageRowId').where('entityId', 'in', chunk).execute();
    for (const row of rows) found.add(row.messageRowId);
  }
  for (const chunk of chunks([...keys])) {
    const rows = await db.selectFrom('emailMessageAddresses').select('messageRowId').where('matchKey', 'in', chunk).execute();
    for (const row of rows) found.add(row.messageRowId);
  }
  for (const chunk of chunks([...domains])) {
    const rows = await db.selectFrom('emailMessageAddresses').select('messageRowId').where('domain', 'in', chunk).execute();
    for (const row of rows) found.add(row.messageRowId);
  }
  return [...found];
}

/** Relink every message these contacts and organizations may concern; answers how many were looked at. */
export async function rematchEntities(core: CoreContext, targets: RematchTargets): Promise<number> {
  const ids = await messagesAffectedBy(core, targets);
  await relinkInChunks(core, ids);
  return ids.length;
}

async function relinkInChunks(core: CoreContext, ids: readonly string[]): Promise<void> {
  const actor = systemActor('job');
  for (let start = 0; start < ids.length; start += RELINK_CHUNK) {
    const chunk = ids.slice(start, start + RELINK_CHUNK);
    await write(core, actor, async (scope) => relinkMessages(scope, chunk, { team: await loadTeam(scope.tx) }));
  }
}

/** Re-match many messages in the background (a merge of two long-standing contacts, a new busy domain). */
export const emailRematchJob: JobHandler = {
  kind: EMAIL_REMATCH_JOB,
  run: async (payload, { core }) => ({ messages: await rematchEntities(core, RematchPayload.parse(payload)) }),
};

/** Contact and organization changes of any kind (create, update, merge, delete, restore) re-match their mail. */
export function emailRematchSubscriber(core: CoreContext, options: { inlineLimit?: number } = {}): Subscriber {
  const inlineLimit = options.inlineLimit ?? REMATCH_INLINE_LIMIT;
  return {
    name: EMAIL_REMATCH_SUBSCRIBER,
    batchSize: 200,
    handleBatch: async (events: DomainEvent[]) => {
      const contactIds = new Set<string>();
      const organizationIds = new Set<string>();
      for (const event of events) {
        if (!event.entityId) continue;
        if (event.entityType === 'contact') contactIds.add(event.entityId);
        if (event.entityType === 'organization') organizationIds.add(event.entityId);
      }
      if (contactIds.size + organizationIds.size === 0) return;
      const targets = { contactIds: [...contactIds], organizationIds: [...organizationIds] };
      const affected = await messagesAffectedBy(core, targets);
      if (affected.length === 0) return;
      if (affected.length <= inlineLimit) {
        await relinkInChunks(core, affected);
        return;
      }
      await write(core, systemActor('job'), (scope) =>
        enqueueJobIn(scope, core.dialect, { kind: EMAIL_REMATCH_JOB, payload: targets, idempotencyKey: `${EMAIL_REMATCH_JOB}:${events[0]?.id ?? ''}` }),
      );
      core.jobs.wake();
    },
  };
}
