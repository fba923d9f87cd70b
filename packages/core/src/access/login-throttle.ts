import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { RateLimited } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { type WriteScope, write } from '../kernel/write.js';

/**
 * Limits on guessing passwords, kept in the database so every server process sees the same counts,
 * and timed by the core's clock.
 *
 * - Per account: `accountMaxFailures` failed sign-ins (or wrong current passwords) for one username
 *   within the window lock that username; each further failure after a lockout locks it again for
 *   twice as long, up to `lockoutMaxSeconds`. A successful sign-in clears the slate. Unknown
 *   usernames are counted the same way, so a lockout says nothing about whether an account exists.
 * - Per client address: `ipMaxFailures` failures within the window make that address wait. It is
 *   generous on purpose: a team behind one NAT signs in side by side, typos included, and only
 *   failures count, so colleagues' successful sign-ins never use it up.
 *
 * Attempts arriving at the very same moment may each be checked before any is recorded; the HTTP
 * door's per-minute request limit bounds how many one client can have in flight.
 */

export type FailureKind = 'login' | 'password_change';

export interface Attempt {
  username: string;
  ip: string | null;
}

export const normalizeUsername = (username: string) => username.trim().toLowerCase();

const secondsUntil = (instant: number, now: number) => Math.max(1, Math.ceil((instant - now) / 1000));

function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** Refuse (429) an attempt from a throttled address or for a locked username, before any password is checked. */
export async function assertLoginAllowed(core: CoreContext, attempt: Attempt): Promise<void> {
  const settings = core.settings.loginThrottle;
  const now = core.clock.now().getTime();
  const windowStart = new Date(now - settings.windowSeconds * 1000).toISOString();
  if (attempt.ip) {
    const recent = await core.db
      .selectFrom('loginFailures')
      .select('at')
      .where('ip', '=', attempt.ip)
      .where('at', '>', windowStart)
      .orderBy('at', 'desc')
      .limit(settings.ipMaxFailures)
      .execute();
    if (recent.length >= settings.ipMaxFailures) {
      // The address may try again once enough of its failures have aged out of the window.
      const oldestCounted = Date.parse(recent[recent.length - 1]?.at ?? new Date(now).toISOString());
      const seconds = secondsUntil(oldestCounted + settings.windowSeconds * 1000, now);
      throw new RateLimited(`Too many failed sign-ins from your network; try again in ${waitText(seconds)}`, seconds);
    }
  }
  const lockout = await core.db
    .selectFrom('loginLockouts')
    .select('lockedUntil')
    .where('usernameNormalized', '=', normalizeUsername(attempt.username))
    .executeTakeFirst();
  if (lockout && Date.parse(lockout.lockedUntil) > now) {
    const seconds = secondsUntil(Date.parse(lockout.lockedUntil), now);
    throw new RateLimited(`Too many failed attempts for this account; try again in ${waitText(seconds)}`, seconds);
  }
}

export interface Failure extends Attempt {
  kind: FailureKind;
  /** The account, when the username exists. */
  userId: string | null;
  /** Why it failed, for the activity log: wrong_password, unknown_user, disabled. */
  reason: string;
  /** Whether it counts towards a lockout (a disabled account with the right password does not). */
  counts?: boolean;
}

/**
 * Record a failure in its own transaction (the attempt itself changed nothing), log it as
 * `login_failed` — the username tried and the address, never the password — and lock the account
 * when it has failed too often.
 */
export async function recordLoginFailure(core: CoreContext, actor: Actor, failure: Failure): Promise<void> {
  const settings = core.settings.loginThrottle;
  const usernameNormalized = normalizeUsername(failure.username);
  await write(core, actor, async (scope) => {
    await scope.log({
      action: 'login_failed',
      entityType: 'user',
      entityId: failure.userId,
      diff: { username: failure.username.trim().slice(0, 64), ip: failure.ip, reason: failure.reason, kind: failure.kind },
    });
    if (failure.counts === false) return;
    await scope.tx.insertInto('loginFailures').values({ id: newId(), at: scope.now, usernameNormalized, ip: failure.ip, kind: failure.kind }).execute();
    const now = Date.parse(scope.now);
    const windowStart = new Date(now - settings.windowSeconds * 1000).toISOString();
    const { count } = await scope.tx
      .selectFrom('loginFailures')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('usernameNormalized', '=', usernameNormalized)
      .where('at', '>', windowStart)
      .executeTakeFirstOrThrow();
    if (Number(count) >= settings.accountMaxFailures) await lockAccount(scope, settings, usernameNormalized, failure);
    // Old failures are of no further use; keeping a day of them is plenty for any window.
    const horizon = new Date(now - Math.max(settings.windowSeconds, 86_400) * 1000).toISOString();
    await scope.tx.deleteFrom('loginFailures').where('at', '<', horizon).execute();
  });
}

async function lockAccount(scope: WriteScope, settings: CoreContext['settings']['loginThrottle'], usernameNormalized: string, failure: Failure) {
  const now = Date.parse(scope.now);
  const previous = await scope.tx.selectFrom('loginLockouts').selectAll().where('usernameNormalized', '=', usernameNormalized).executeTakeFirst();
  // A lockout that ended more than a window ago is forgiven: the next one starts short again.
  const forgiven = !previous || Date.parse(previous.lockedUntil) < now - settings.windowSeconds * 1000;
  const level = forgiven ? 1 : Number(previous.level) + 1;
  const seconds = Math.min(settings.lockoutBaseSeconds * 2 ** Math.min(level - 1, 30), settings.lockoutMaxSeconds);
  const lockedUntil = new Date(now + seconds * 1000).toISOString();
  await scope.tx
    .insertInto('loginLockouts')
    .values({ usernameNormalized, lockedUntil, level, updatedAt: scope.now })
    .onConflict((oc) => oc.column('usernameNormalized').doUpdateSet({ lockedUntil, level, updatedAt: scope.now }))
    .execute();
  await scope.log({
    action: 'login_locked',
    entityType: 'user',
    entityId: failure.userId,
    diff: { username: failure.username.trim().slice(0, 64), ip: failure.ip, lockedUntil, level },
  });
}

/** After a successful sign-in: the account's failures and lockout are forgotten. */
export async function clearLoginFailures(scope: WriteScope, username: string): Promise<void> {
  const usernameNormalized = normalizeUsername(username);
  await scope.tx.deleteFrom('loginFailures').where('usernameNormalized', '=', usernameNormalized).execute();
  await scope.tx.deleteFrom('loginLockouts').where('usernameNormalized', '=', usernameNormalized).execute();
}
