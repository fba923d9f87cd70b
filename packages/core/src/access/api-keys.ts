import { AgentRedaction, AgentWrites, type ApiKeyCreateInput, type ApiKeyView, type Door, Role } from '@lpdesk/contracts';
import type { Row } from '../db/schema.js';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Forbidden, NotFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { write } from '../kernel/write.js';
import { randomToken, safeEqual, sha256 } from './tokens.js';
import { asEnum } from '../kernel/values.js';

/**
 * Keys look like `lpd_<prefix>_<secret>`. The prefix finds the row; only the SHA-256 of the whole key
 * is stored. The full key is returned once, at creation.
 */
const KEY_PATTERN = /^lpd_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{32,})$/;

export function presentApiKey(row: Row<'apiKeys'>): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    role: asEnum(Role, row.role),
    prefix: row.prefix,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    redaction: asEnum(AgentRedaction, row.redaction),
    writes: asEnum(AgentWrites, row.writes),
  };
}

/** Each role can do everything the one before it can (agent ⊂ member ⊂ manager ⊂ admin). */
const ROLE_RANK: Record<Role, number> = { agent: 0, member: 1, manager: 2, admin: 3 };

const lowerRole = (a: Role, b: Role): Role => (ROLE_RANK[a] <= ROLE_RANK[b] ? a : b);

export function createApiKey(core: CoreContext, actor: Actor, input: ApiKeyCreateInput) {
  // Keys answer to a person (or the system): a key minting keys would outlive its creator's account.
  if (actor.kind === 'api_key' || actor.kind === 'agent') throw new Forbidden('API keys cannot create API keys; sign in as an admin or use the CLI');
  if (ROLE_RANK[input.role] > ROLE_RANK[actor.role]) throw new Forbidden(`A ${actor.role} cannot create a key with more rights (${input.role}) than their own`);
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
      // Only agent keys speak MCP; the contract refuses these fields for other roles.
      redaction: input.redaction ?? 'off',
      writes: input.writes ?? 'direct',
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

/**
 * Resolve a bearer key to an actor, recording when it was last used (at most once a minute).
 * A key lives on its creator's standing: a disabled or deleted creator's keys stop working, and a
 * key never does more than its creator's current role allows. Keys made by the system (the CLI)
 * have no creator and keep their own role.
 */
export async function resolveApiKey(core: CoreContext, key: string, door: Door, requestId: string | null): Promise<Actor | null> {
  const match = KEY_PATTERN.exec(key);
  if (!match) return null;
  const row = await core.db
    .selectFrom('apiKeys')
    .leftJoin('users', 'users.id', 'apiKeys.createdBy')
    .selectAll('apiKeys')
    .select(['users.id as creatorId', 'users.role as creatorRole', 'users.disabledAt as creatorDisabledAt', 'users.deletedAt as creatorDeletedAt'])
    .where('apiKeys.prefix', '=', match[1] as string)
    .executeTakeFirst();
  if (!row || row.revokedAt || !safeEqual(row.keyHash, sha256(key))) return null;
  let role = asEnum(Role, row.role);
  if (row.createdBy !== null) {
    if (row.creatorId === null || row.creatorRole === null || row.creatorDisabledAt !== null || row.creatorDeletedAt !== null) return null;
    role = lowerRole(role, asEnum(Role, row.creatorRole));
  }
  const now = core.clock.now();
  if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) > 60_000) {
    await core.db.updateTable('apiKeys').set({ lastUsedAt: now.toISOString() }).where('id', '=', row.id).execute();
  }
  // A key acts as itself, not as the admin who created it: nothing it writes is attributed to a person.
  return { kind: row.role === 'agent' ? 'agent' : 'api_key', id: row.id, role, userId: null, name: row.name, door, requestId };
}
