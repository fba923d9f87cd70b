import type { ApiKeyView, Door, Role } from '@lpdesk/contracts';
import type { Row } from '../db/schema.js';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { NotFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { write } from '../kernel/write.js';
import { randomToken, safeEqual, sha256 } from './tokens.js';

/**
 * Keys look like `lpd_<prefix>_<secret>`. The prefix finds the row; only the SHA-256 of the whole key
 * is stored. The full key is returned once, at creation.
 */
const KEY_PATTERN = /^lpd_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{32,})$/;

export function presentApiKey(row: Row<'apiKeys'>): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    prefix: row.prefix,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

export function createApiKey(core: CoreContext, actor: Actor, input: { name: string; role: Role }) {
  return write(core, actor, async (scope) => {
    const prefix = randomToken(12).replace(/[^A-Za-z0-9]/g, '').padEnd(12, '0').slice(0, 12);
    const key = `lpd_${prefix}_${randomToken(32)}`;
    const row = {
      id: newId(),
      name: input.name,
      role: input.role,
      prefix,
      keyHash: sha256(key),
      createdBy: actor.userId,
      createdAt: scope.now,
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
    };
    await scope.tx.insertInto('apiKeys').values(row).execute();
    await scope.log({ action: 'create', entityType: 'api_key', entityId: row.id, diff: { after: presentApiKey(row) } });
    return { ...presentApiKey(row), key };
  });
}

export async function listApiKeys(core: CoreContext): Promise<ApiKeyView[]> {
  const rows = await core.db.selectFrom('apiKeys').selectAll().orderBy('createdAt', 'desc').execute();
  return rows.map(presentApiKey);
}

export function revokeApiKey(core: CoreContext, actor: Actor, id: string) {
  return write(core, actor, async (scope) => {
    const row = await scope.tx.selectFrom('apiKeys').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound('API key', id);
    if (row.revokedAt) return presentApiKey(row);
    await scope.tx.updateTable('apiKeys').set({ revokedAt: scope.now, revokedBy: actor.id }).where('id', '=', id).execute();
    await scope.log({ action: 'revoke', entityType: 'api_key', entityId: id, diff: { before: { revokedAt: null }, after: { revokedAt: scope.now } } });
    return presentApiKey({ ...row, revokedAt: scope.now });
  });
}

/** Resolve a bearer key to an actor, recording when it was last used (at most once a minute). */
export async function resolveApiKey(core: CoreContext, key: string, door: Door, requestId: string | null): Promise<Actor | null> {
  const match = KEY_PATTERN.exec(key);
  if (!match) return null;
  const row = await core.db.selectFrom('apiKeys').selectAll().where('prefix', '=', match[1] as string).executeTakeFirst();
  if (!row || row.revokedAt || !safeEqual(row.keyHash, sha256(key))) return null;
  const now = core.clock.now();
  if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) > 60_000) {
    await core.db.updateTable('apiKeys').set({ lastUsedAt: now.toISOString() }).where('id', '=', row.id).execute();
  }
  // A key acts as itself, not as the admin who created it: nothing it writes is attributed to a person.
  return { kind: row.role === 'agent' ? 'agent' : 'api_key', id: row.id, role: row.role as Role, userId: null, name: row.name, door, requestId };
}
