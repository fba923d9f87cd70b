import { basename } from 'node:path';
import type { MailboxCreateInput, MailboxUpdateInput, MailboxView } from '@lpdesk/contracts';
import type { Actor } from '../../kernel/actor.js';
import type { CoreContext } from '../../kernel/context.js';
import { fieldError, NotFound, PreconditionFailed } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { fromBool } from '../../kernel/values.js';
import { diffRecords, type WriteScope, write } from '../../kernel/write.js';
import { assertUserExists } from '../../shared/lookups.js';
import { sealCredentials } from '../credentials.js';
import { presentMailboxes } from './presenter.js';
import { findMailbox } from './queries.js';
import { parseSettings } from './settings.js';

export const MAILBOX_ENTITY = 'email_mailbox';

const looksLikeAddress = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

/** What the activity log keeps of a mailbox: settings, never credentials (the view has none). */
function snapshot(view: MailboxView) {
  const { lastRun: _r, lastSuccessAt: _s, messageCount: _m, createdAt: _c, updatedAt: _u, version: _v, ...rest } = view;
  return rest;
}

/** A service account key must be the JSON Google hands out: checked on enrolment, not at the first sync. */
function checkServiceAccountKey(json: string) {
  let key: unknown;
  try {
    key = JSON.parse(json);
  } catch {
    throw fieldError('auth.serviceAccountKeyJson', 'is not JSON (paste the whole key file)');
  }
  const fields = typeof key === 'object' && key !== null ? (key as Record<string, unknown>) : {};
  if (typeof fields.client_email !== 'string' || typeof fields.private_key !== 'string') {
    throw fieldError('auth.serviceAccountKeyJson', 'is not a service account key (client_email and private_key are missing)');
  }
}

async function presentOne(scope: WriteScope, id: string): Promise<MailboxView> {
  const [view] = await presentMailboxes(scope.tx, [await findMailbox(scope.tx, id)]);
  if (!view) throw new NotFound('Mailbox', id);
  return view;
}

interface NewMailbox {
  kind: 'imap' | 'gmail' | 'mbox';
  label: string;
  address: string | null;
  ownerUserId: string | null;
  settings: Record<string, unknown>;
  secrets: unknown;
}

async function insertMailbox(scope: WriteScope, mailbox: NewMailbox): Promise<MailboxView> {
  await assertUserExists(scope.tx, mailbox.ownerUserId, 'ownerUserId');
  const row = {
    id: newId(),
    kind: mailbox.kind,
    label: mailbox.label,
    address: mailbox.address,
    ownerUserId: mailbox.ownerUserId,
    settingsJson: JSON.stringify(mailbox.settings),
    credentialsEnc: mailbox.secrets === null ? null : sealCredentials(scope.settings.instanceSecret, mailbox.secrets),
    paused: 0,
    version: 1,
    createdAt: scope.now,
    updatedAt: scope.now,
    createdBy: scope.actor.id,
    updatedBy: scope.actor.id,
    deletedAt: null,
    deletedBy: null,
  };
  await scope.tx.insertInto('emailMailboxes').values(row).execute();
  const view = await presentOne(scope, row.id);
  await scope.log({ action: 'create', entityType: MAILBOX_ENTITY, entityId: row.id, version: 1, diff: { after: snapshot(view) } });
  return view;
}

/** Enrol a team mailbox (admin). Its password or token is sealed (credentials.ts) and never shown again. */
export function createMailbox(core: CoreContext, actor: Actor, input: MailboxCreateInput): Promise<MailboxView> {
  return write(core, actor, (scope) => {
    if (input.kind === 'imap') {
      const address = looksLikeAddress(input.username) ? input.username.toLowerCase() : null;
      return insertMailbox(scope, {
        kind: 'imap',
        label: input.label ?? address ?? input.host,
        address,
        ownerUserId: input.ownerUserId ?? null,
        settings: { host: input.host, port: input.port, secure: input.secure, username: input.username, folders: input.folders ?? null, allowUntrustedCertificate: input.allowUntrustedCertificate },
        secrets: { password: input.password },
      });
    }
    if (!looksLikeAddress(input.userEmail)) throw fieldError('userEmail', 'must be an email address');
    if (input.auth.mode === 'service_account') checkServiceAccountKey(input.auth.serviceAccountKeyJson);
    const address = input.userEmail.toLowerCase();
    return insertMailbox(scope, {
      kind: 'gmail',
      label: input.label ?? address,
      address,
      ownerUserId: input.ownerUserId ?? null,
      settings: { userEmail: address, labels: input.labels ?? null, authMode: input.auth.mode },
      secrets: input.auth,
    });
  });
}

/**
 * The mailbox one-off imports of a file go to, one per file name, created on first use (no credentials).
 * It remembers the path last imported, so "sync now" re-reads that file.
 */
export function ensureImportMailbox(core: CoreContext, actor: Actor, path: string): Promise<MailboxView> {
  return write(core, actor, async (scope) => {
    const label = `Imported: ${basename(path)}`;
    const existing = await scope.tx.selectFrom('emailMailboxes').select(['id', 'settingsJson']).where('kind', '=', 'mbox').where('label', '=', label).where('deletedAt', 'is', null).executeTakeFirst();
    if (!existing) return insertMailbox(scope, { kind: 'mbox', label, address: null, ownerUserId: null, settings: { files: [path] }, secrets: null });
    const settingsJson = JSON.stringify({ files: [path] });
    if (existing.settingsJson !== settingsJson) {
      await scope.tx.updateTable('emailMailboxes').set((eb) => ({ settingsJson, version: eb('version', '+', 1), updatedAt: scope.now, updatedBy: scope.actor.id })).where('id', '=', existing.id).execute();
    }
    return presentOne(scope, existing.id);
  });
}

/** Claim a live mailbox: the next version, checked against the one the caller edited. */
async function claimMailbox(scope: WriteScope, id: string, expectedVersion?: number) {
  const before = await findMailbox(scope.tx, id);
  if (expectedVersion !== undefined && Number(before.version) !== expectedVersion) {
    const [current] = await presentMailboxes(scope.tx, [before]);
    if (current) throw new PreconditionFailed('Mailbox', expectedVersion, current);
  }
  await scope.tx
    .updateTable('emailMailboxes')
    .set((eb) => ({ version: eb('version', '+', 1), updatedAt: scope.now, updatedBy: scope.actor.id }))
    .where('id', '=', id)
    .execute();
  return before;
}

export function updateMailbox(core: CoreContext, actor: Actor, id: string, changes: MailboxUpdateInput, expectedVersion?: number): Promise<MailboxView> {
  return write(core, actor, async (scope) => {
    const row = await claimMailbox(scope, id, expectedVersion);
    const [before] = await presentMailboxes(scope.tx, [row]);
    const stored = parseSettings(row.kind, row.settingsJson);
    if (changes.password !== undefined && stored.kind !== 'imap') throw fieldError('password', `a ${stored.kind} mailbox has no password`);
    if (changes.folders !== undefined && stored.kind === 'mbox') throw fieldError('folders', 'an imported file has no folders to choose');
    await assertUserExists(scope.tx, changes.ownerUserId, 'ownerUserId');
    let settingsJson = row.settingsJson;
    if (changes.folders !== undefined) {
      settingsJson = JSON.stringify(stored.kind === 'imap' ? { ...stored.settings, folders: changes.folders } : { ...stored.settings, labels: changes.folders });
    }
    await scope.tx
      .updateTable('emailMailboxes')
      .set({
        settingsJson,
        ...(changes.label !== undefined ? { label: changes.label } : {}),
        ...(changes.ownerUserId !== undefined ? { ownerUserId: changes.ownerUserId } : {}),
        ...(changes.paused !== undefined ? { paused: fromBool(changes.paused) } : {}),
        ...(changes.password !== undefined ? { credentialsEnc: sealCredentials(scope.settings.instanceSecret, { password: changes.password }) } : {}),
      })
      .where('id', '=', id)
      .execute();
    const after = await presentOne(scope, id);
    if (!before) throw new NotFound('Mailbox', id);
    const diff = diffRecords(snapshot(before), snapshot(after));
    // The log says the password changed, never what it is.
    const logged = changes.password !== undefined ? { ...diff, after: { ...diff.after, password: 'changed' } } : diff;
    await scope.log({ action: 'update', entityType: MAILBOX_ENTITY, entityId: id, version: after.version, diff: logged });
    return after;
  });
}

/**
 * Soft delete: the mailbox stops syncing and leaves the lists, and its sealed credentials are wiped (a
 * deleted mailbox keeps no password). Its runs, cursors and sightings stay, so messages it brought in stay
 * and still say where they were seen.
 */
export function deleteMailbox(core: CoreContext, actor: Actor, id: string): Promise<void> {
  return write(core, actor, async (scope) => {
    const row = await findMailbox(scope.tx, id);
    await scope.tx
      .updateTable('emailMailboxes')
      .set((eb) => ({ deletedAt: scope.now, deletedBy: scope.actor.id, credentialsEnc: null, version: eb('version', '+', 1), updatedAt: scope.now, updatedBy: scope.actor.id }))
      .where('id', '=', id)
      .execute();
    await scope.log({ action: 'delete', entityType: MAILBOX_ENTITY, entityId: id, version: Number(row.version) + 1, diff: { before: { label: row.label, kind: row.kind } } });
  });
}

