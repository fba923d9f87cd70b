import { sql } from 'kysely';
import { Role, type UserCreateInput, type UserView } from '@lpdesk/contracts';
import type { Row } from '../db/schema.js';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { auditedInsertFields, auditedUpdateFields, claimRow } from '../kernel/records.js';
import { definedEntries } from '../kernel/values.js';
import { diffRecords, type WriteScope, write } from '../kernel/write.js';
import { assertLoginAllowed, clearLoginFailures, normalizeUsername, recordLoginFailure } from './login-throttle.js';
import { checkPassword, hashPassword } from './passwords.js';
import { asEnum, fromBool, toBool } from '../kernel/values.js';

export function presentUser(row: Row<'users'>): UserView {
  return {
    id: row.id,
    version: row.version,
    username: row.username,
    email: row.email,
    fullName: row.fullName,
    role: asEnum(Role, row.role),
    disabled: row.disabledAt !== null,
    mustChangePassword: toBool(row.mustChangePassword),
    lastLoginAt: row.lastLoginAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function findUserByUsername(core: CoreContext, username: string) {
  return core.db.selectFrom('users').selectAll().where('usernameNormalized', '=', normalizeUsername(username)).where('deletedAt', 'is', null).executeTakeFirst();
}

export async function findUser(core: CoreContext, id: string) {
  const row = await core.db.selectFrom('users').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  if (!row) throw new NotFound('User', id);
  return row;
}

export async function countUsers(core: CoreContext): Promise<number> {
  const { count } = await core.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(count);
}

/**
 * Someone else chose this password (an admin in Settings → Users, an operator with `lpdesk user`), so it
 * is temporary: its owner must replace it at the next sign-in. Changing one's own password never is.
 */
const isTemporaryPassword = (actor: Actor, userId: string | null) => actor.userId === null || actor.userId !== userId;

async function insertUser(scope: WriteScope, input: UserCreateInput, temporaryPassword: boolean): Promise<UserView> {
  const usernameNormalized = normalizeUsername(input.username);
  const clash = await scope.tx.selectFrom('users').select('id').where('usernameNormalized', '=', usernameNormalized).executeTakeFirst();
  if (clash) throw new Conflict(`The username "${input.username}" is taken`, { issues: [{ path: ['username'], message: 'already taken' }] });
  const row = {
    id: newId(),
    username: input.username,
    usernameNormalized,
    email: input.email ?? null,
    fullName: input.fullName ?? null,
    role: input.role,
    passwordHash: await hashPassword(input.password),
    disabledAt: null,
    lastLoginAt: null,
    totpSecret: null,
    mustChangePassword: fromBool(temporaryPassword),
    ...auditedInsertFields(scope),
  };
  await scope.tx.insertInto('users').values(row).execute();
  const view = presentUser(row);
  await scope.log({ action: 'create', entityType: 'user', entityId: row.id, diff: { after: view } });
  return view;
}

export function createUser(core: CoreContext, actor: Actor, input: UserCreateInput) {
  return write(core, actor, (scope) => insertUser(scope, input, true));
}

/**
 * First-run setup: create the first admin, only while no user exists. The check and the insert share
 * one transaction, so two simultaneous setups cannot both succeed (SQLite serialises writers; on
 * PostgreSQL the unique username and a table lock settle it).
 */
export function setupFirstAdmin(core: CoreContext, actor: Actor, input: Omit<UserCreateInput, 'role'>) {
  return write(core, actor, async (scope) => {
    if (core.dialect === 'postgres') await sql`LOCK TABLE users IN EXCLUSIVE MODE`.execute(scope.tx);
    const existing = await scope.tx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (existing) throw new Conflict('Setup is already complete; sign in instead');
    return insertUser(scope, { ...input, role: 'admin' }, false);
  });
}

async function assertAnotherActiveAdmin(scope: WriteScope, userId: string) {
  const others = await scope.tx
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabledAt', 'is', null)
    .where('deletedAt', 'is', null)
    .where('id', '!=', userId)
    .limit(1)
    .execute();
  if (others.length === 0) throw new Conflict('This is the last active admin; make someone else admin first');
}

export function updateUser(
  core: CoreContext,
  actor: Actor,
  id: string,
  changes: { email?: string | null | undefined; fullName?: string | null | undefined; role?: Role | undefined; disabled?: boolean | undefined },
) {
  return write(core, actor, async (scope) => {
    const before = await claimRow(scope, 'users', id, 'User');
    const demoting = changes.role !== undefined && changes.role !== 'admin' && before.role === 'admin';
    const disabling = changes.disabled === true && before.disabledAt === null;
    if ((demoting || disabling) && before.role === 'admin') await assertAnotherActiveAdmin(scope, id);
    const { disabled, ...columns } = changes;
    await scope.tx
      .updateTable('users')
      .set({
        ...definedEntries(columns),
        ...(disabled === undefined ? {} : { disabledAt: disabled ? (before.disabledAt ?? scope.now) : null }),
        ...auditedUpdateFields(scope),
      })
      .where('id', '=', id)
      .execute();
    if (disabling) await scope.tx.updateTable('sessions').set({ revokedAt: scope.now }).where('userId', '=', id).where('revokedAt', 'is', null).execute();
    const after = await findUserIn(scope, id);
    await scope.log({ action: 'update', entityType: 'user', entityId: id, diff: diffRecords({ ...presentUser(before) }, { ...presentUser(after) }) });
    return presentUser(after);
  });
}

async function findUserIn(scope: WriteScope, id: string) {
  const row = await scope.tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('User', id);
  return row;
}

/** Admin reset: sets a new, temporary password and signs the user out everywhere. */
export function resetPassword(core: CoreContext, actor: Actor, id: string, password: string) {
  return write(core, actor, async (scope) => {
    await claimRow(scope, 'users', id, 'User', { includeDeleted: true });
    await scope.tx
      .updateTable('users')
      .set({ passwordHash: await hashPassword(password), mustChangePassword: fromBool(isTemporaryPassword(actor, id)), ...auditedUpdateFields(scope) })
      .where('id', '=', id)
      .execute();
    await scope.tx.updateTable('sessions').set({ revokedAt: scope.now }).where('userId', '=', id).where('revokedAt', 'is', null).execute();
    await scope.log({ action: 'reset_password', entityType: 'user', entityId: id, diff: { passwordChanged: true } });
  });
}

/**
 * Self-service change: needs the current password; other sessions are signed out. Wrong current
 * passwords count towards the account's sign-in lockout, so a stolen session cannot guess it.
 */
export async function changeOwnPassword(core: CoreContext, actor: Actor, currentPassword: string, newPassword: string, keepSessionId: string | null, ip: string | null = null) {
  if (!actor.userId || actor.kind !== 'user') throw new Forbidden('Only a signed-in user can change their password');
  const userId = actor.userId;
  const user = await findUser(core, userId);
  await assertLoginAllowed(core, { username: user.username, ip });
  const check = await checkPassword(user.passwordHash, currentPassword);
  if (!check.ok) {
    await recordLoginFailure(core, actor, { username: user.username, ip, kind: 'password_change', userId, reason: 'wrong_password' });
    throw new Invalid('currentPassword: is not correct', { issues: [{ path: ['currentPassword'], message: 'is not correct' }] });
  }
  if (newPassword === currentPassword) {
    throw new Invalid('newPassword: must differ from the current password', { issues: [{ path: ['newPassword'], message: 'must differ from the current password' }] });
  }
  const passwordHash = await hashPassword(newPassword);
  return write(core, actor, async (scope) => {
    const current = await claimRow(scope, 'users', userId, 'User', { includeDeleted: true });
    if (current.passwordHash !== user.passwordHash) throw new Conflict('Your password was changed meanwhile; sign in again and retry');
    await scope.tx.updateTable('users').set({ passwordHash, mustChangePassword: 0, ...auditedUpdateFields(scope) }).where('id', '=', userId).execute();
    let revoke = scope.tx.updateTable('sessions').set({ revokedAt: scope.now }).where('userId', '=', userId).where('revokedAt', 'is', null);
    if (keepSessionId) revoke = revoke.where('id', '!=', keepSessionId);
    await revoke.execute();
    await clearLoginFailures(scope, user.username);
    await scope.log({ action: 'change_password', entityType: 'user', entityId: userId, diff: { passwordChanged: true } });
  });
}

export async function listUsers(core: CoreContext) {
  const rows = await core.db.selectFrom('users').selectAll().where('deletedAt', 'is', null).orderBy('usernameNormalized').execute();
  return rows.map(presentUser);
}
