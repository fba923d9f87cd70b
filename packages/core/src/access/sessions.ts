import type { Door, UserView } from '@lpdesk/contracts';
import { type Actor, anonymousActor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Unauthorized } from '../kernel/errors.js';
import { addDays } from '../kernel/clock.js';
import { newId } from '../kernel/ids.js';
import { write } from '../kernel/write.js';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from './login-throttle.js';
import { checkPassword, hashPassword } from './passwords.js';
import { randomToken, sha256 } from './tokens.js';
import { findUserByUsername, presentUser } from './users.js';

export interface SessionInfo {
  sessionId: string;
  user: UserView;
  csrfToken: string;
  expiresAt: string;
}

export interface NewSession extends SessionInfo {
  token: string;
}

// Compared against when the username is unknown, so a wrong username costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;

export function userActor(user: UserView, door: Door, requestId: string | null): Actor {
  return { kind: 'user', id: user.id, role: user.role, userId: user.id, name: user.fullName ?? user.username, door, requestId };
}

export interface LoginMeta {
  ip: string | null;
  userAgent: string | null;
  door: Door;
  requestId: string | null;
}

/** Open a session for a user whose credentials were just checked (sign-in, or the admin that setup created). */
export async function openSession(core: CoreContext, user: UserView, meta: { ip: string | null; userAgent: string | null }, actor: Actor): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken(24);
  const clockNow = core.clock.now();
  const now = clockNow.toISOString();
  const expiresAt = addDays(clockNow, core.settings.sessionDays).toISOString();
  const sessionId = newId();
  await write(core, actor, async (scope) => {
    await scope.tx
      .insertInto('sessions')
      .values({ id: sessionId, tokenHash: sha256(token), userId: user.id, csrfToken, createdAt: now, lastSeenAt: now, expiresAt, ip: meta.ip, userAgent: meta.userAgent, revokedAt: null })
      .execute();
    await scope.tx.updateTable('users').set({ lastLoginAt: now }).where('id', '=', user.id).execute();
    await clearLoginFailures(scope, user.username);
    await scope.log({ action: 'login', entityType: 'user', entityId: user.id, diff: { sessionId, ip: meta.ip } });
  });
  return { sessionId, token, csrfToken, expiresAt, user: { ...user, lastLoginAt: now } };
}

/**
 * Verify credentials and open a session. Legacy bcrypt hashes are upgraded to argon2id here.
 * Throttled per client address and per account (login-throttle.ts); failures are logged.
 */
export async function login(core: CoreContext, credentials: { username: string; password: string }, meta: LoginMeta): Promise<NewSession> {
  const attempt = { username: credentials.username, ip: meta.ip };
  await assertLoginAllowed(core, attempt);
  const fail = async (reason: string, userId: string | null, message = 'Wrong username or password'): Promise<never> => {
    await recordLoginFailure(core, anonymousActor(meta.door, meta.requestId), { ...attempt, kind: 'login', userId, reason, counts: reason !== 'disabled' });
    throw new Unauthorized(message);
  };
  const row = await findUserByUsername(core, credentials.username);
  if (!row) {
    dummyHash ??= hashPassword('not-a-real-password-just-timing');
    await checkPassword(await dummyHash, credentials.password);
    return fail('unknown_user', null);
  }
  const check = await checkPassword(row.passwordHash, credentials.password);
  if (!check.ok) return fail('wrong_password', row.id);
  if (row.disabledAt) return fail('disabled', row.id, 'This account is disabled; ask an admin');
  const user = presentUser(row);
  const actor = userActor(user, meta.door, meta.requestId);
  if (check.needsRehash) {
    const upgraded = await hashPassword(credentials.password);
    await write(core, actor, async (scope) => {
      await scope.tx.updateTable('users').set({ passwordHash: upgraded }).where('id', '=', row.id).execute();
      await scope.log({ action: 'rehash_password', entityType: 'user', entityId: row.id, diff: { from: 'bcrypt', to: 'argon2id' } });
    });
  }
  return openSession(core, user, meta, actor);
}

/** Resolve a session cookie; slides the expiry forward at most once an hour to keep writes rare. */
export async function resolveSession(core: CoreContext, token: string): Promise<SessionInfo | null> {
  const row = await core.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .selectAll('u')
    .select(['s.id as sessionId', 's.csrfToken', 's.expiresAt', 's.lastSeenAt', 's.revokedAt'])
    .where('s.tokenHash', '=', sha256(token))
    .executeTakeFirst();
  const clockNow = core.clock.now();
  const now = clockNow.getTime();
  if (!row || row.revokedAt || Date.parse(row.expiresAt) < now || row.disabledAt || row.deletedAt) return null;
  let expiresAt = row.expiresAt;
  if (now - Date.parse(row.lastSeenAt) > 3_600_000) {
    expiresAt = addDays(clockNow, core.settings.sessionDays).toISOString();
    await core.db.updateTable('sessions').set({ lastSeenAt: clockNow.toISOString(), expiresAt }).where('id', '=', row.sessionId).execute();
  }
  const { sessionId, csrfToken, lastSeenAt: _l, revokedAt: _r, expiresAt: _e, ...user } = row;
  return { sessionId, csrfToken, expiresAt, user: presentUser(user) };
}

/** End one of the actor's own sessions. */
export async function logout(core: CoreContext, actor: Actor, sessionId: string): Promise<void> {
  if (actor.kind !== 'user' || !actor.userId) throw new Unauthorized('Only a signed-in user has a session to end');
  const userId = actor.userId;
  await write(core, actor, async (scope) => {
    await scope.tx.updateTable('sessions').set({ revokedAt: scope.now }).where('id', '=', sessionId).where('userId', '=', userId).execute();
    await scope.log({ action: 'logout', entityType: 'user', entityId: actor.userId, diff: { sessionId } });
  });
}
