import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousActor, systemActor } from '../kernel/actor.js';
import { RateLimited, Unauthorized } from '../kernel/errors.js';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { manualTestClock, openTestCore, testDialects, type TestCore } from '../testing/index.js';
import { userActor } from './sessions.js';

const PASSWORD = 'the right password';
const THROTTLE = { accountMaxFailures: 3, ipMaxFailures: 8, windowSeconds: 900, lockoutBaseSeconds: 60, lockoutMaxSeconds: 300 };

describe.each(testDialects())('sign-in limits on %s', (dialect) => {
  let core: TestCore;
  const clock = manualTestClock();
  let n = 0;
  const next = () => {
    n += 1;
    return n;
  };
  /** A fresh username (and address block) per use, so tests never share counters. */
  const fresh = (label: string) => `${label}${next()}`;

  beforeAll(async () => {
    core = await openTestCore(dialect, { clock, settings: { loginThrottle: THROTTLE } });
  });
  afterAll(() => core.dispose());

  const createUser = (username: string) =>
    invoke(operations.access.createUser, { core, actor: systemActor('cli') }, { username, password: PASSWORD, role: 'member' });
  const signIn = (username: string, password: string, ip: string | null = null) =>
    invoke(operations.access.login, { core, actor: anonymousActor('http', null) }, { username, password, ip, userAgent: 'test' });
  /** The error an attempt ends with, or 'ok'. */
  const outcome = async (attempt: Promise<unknown>): Promise<string> => {
    try {
      await attempt;
      return 'ok';
    } catch (error) {
      if (error instanceof RateLimited) return `429:${error.retryAfterSeconds}`;
      if (error instanceof Unauthorized) return '401';
      throw error;
    }
  };

  it('locks an account after repeated failures, for doubling periods up to the cap, and a success clears it', async () => {
    const username = fresh('alice');
    await createUser(username);
    const failures = [];
    for (let i = 0; i < THROTTLE.accountMaxFailures; i += 1) failures.push(await outcome(signIn(username, 'wrong password', `192.0.2.${i}`)));
    expect(failures).toEqual(['401', '401', '401']);
    // Locked for everyone, even with the right password from another address.
    expect(await outcome(signIn(username, PASSWORD, '198.51.100.1'))).toBe('429:60');
    clock.advance(30_000);
    expect(await outcome(signIn(username, PASSWORD))).toBe('429:30');

    // Each failure after a lockout locks again, twice as long, up to the cap.
    const periods = [];
    let wait = 30_000;
    for (let i = 0; i < 4; i += 1) {
      clock.advance(wait + 1_000);
      expect(await outcome(signIn(username, 'still wrong'))).toBe('401');
      const locked = await outcome(signIn(username, PASSWORD));
      periods.push(locked);
      wait = Number(locked.split(':')[1]) * 1000;
    }
    expect(periods).toEqual(['429:120', '429:240', '429:300', '429:300']);

    clock.advance(wait + 1_000);
    await expect(signIn(username, PASSWORD)).resolves.toMatchObject({ user: { username } });
    // The slate is clean: the next mistakes start from zero.
    expect(await outcome(signIn(username, 'wrong again'))).toBe('401');
    expect(await outcome(signIn(username, 'wrong again'))).toBe('401');
    expect(await outcome(signIn(username, PASSWORD))).toBe('ok');
  });

  it('forgives an old lockout: after a quiet window the next one starts short again', async () => {
    const username = fresh('bruno');
    await createUser(username);
    for (let i = 0; i < 3; i += 1) await outcome(signIn(username, 'wrong'));
    clock.advance(61_000);
    await outcome(signIn(username, 'wrong'));
    expect(await outcome(signIn(username, PASSWORD))).toBe('429:120');
    clock.advance((120 + THROTTLE.windowSeconds + 1) * 1000);
    for (let i = 0; i < 3; i += 1) expect(await outcome(signIn(username, 'wrong'))).toBe('401');
    expect(await outcome(signIn(username, PASSWORD))).toBe('429:60');
  });

  it('treats unknown usernames like real ones, so a lockout reveals nothing', async () => {
    const ghost = fresh('ghost');
    for (let i = 0; i < 3; i += 1) expect(await outcome(signIn(ghost, 'whatever'))).toBe('401');
    expect(await outcome(signIn(ghost, 'whatever'))).toBe('429:60');
  });

  it('lets a team behind one address sign in, typos included, while an attacker there locks only the account they guess', async () => {
    const office = `203.0.113.${next()}`;
    const team = [fresh('ana'), fresh('ben'), fresh('cai'), fresh('dee'), fresh('eve')];
    for (const member of team) await createUser(member);
    const victim = fresh('victim');
    await createUser(victim);
    for (let i = 0; i < 3; i += 1) await outcome(signIn(victim, 'guess', office));
    expect(await outcome(signIn(victim, PASSWORD, office))).toBe('429:60');
    for (const member of team) {
      expect(await outcome(signIn(member, 'typo!', office))).toBe('401');
      expect(await outcome(signIn(member, PASSWORD, office)), member).toBe('ok');
    }
  });

  it('makes an address that keeps failing wait, without blocking the same accounts elsewhere', async () => {
    const attacker = `198.51.100.${next()}`;
    const target = fresh('carol');
    await createUser(target);
    for (let i = 0; i < THROTTLE.ipMaxFailures; i += 1) expect(await outcome(signIn(fresh('spray'), 'guess', attacker))).toBe('401');
    expect(await outcome(signIn(target, PASSWORD, attacker))).toBe(`429:${THROTTLE.windowSeconds}`);
    expect(await outcome(signIn(target, PASSWORD, '192.0.2.200'))).toBe('ok');
    clock.advance((THROTTLE.windowSeconds + 1) * 1000);
    expect(await outcome(signIn(target, PASSWORD, attacker))).toBe('ok');
  });

  it('logs each failure as login_failed with the username tried and the address, never the password', async () => {
    const username = fresh('dora');
    const user = await createUser(username);
    await outcome(signIn(username, 'secret-typed-wrong', '192.0.2.77'));
    await outcome(signIn(fresh('nobody'), 'secret-typed-wrong', '192.0.2.77'));
    await outcome(signIn(username, 'secret-typed-wrong', '192.0.2.77'));
    await outcome(signIn(username, 'secret-typed-wrong', '192.0.2.77'));
    const rows = await core.db
      .selectFrom('activityLog')
      .selectAll()
      .where('action', 'in', ['login_failed', 'login_locked'])
      .where('diffJson', 'like', '%192.0.2.77%')
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['login_failed', 'login_failed', 'login_failed', 'login_failed', 'login_locked']);
    expect(JSON.parse(rows[0]?.diffJson ?? '{}')).toEqual({ username, ip: '192.0.2.77', reason: 'wrong_password', kind: 'login' });
    expect(rows[0]).toMatchObject({ entityType: 'user', entityId: user.id, actorKind: 'system', actorName: 'anonymous', door: 'http' });
    expect(JSON.parse(rows[1]?.diffJson ?? '{}')).toMatchObject({ reason: 'unknown_user' });
    expect(rows[1]?.entityId).toBeNull();
    for (const row of rows) expect(row.diffJson).not.toContain('secret-typed-wrong');
  });

  it('counts wrong current passwords on a password change towards the same lockout', async () => {
    const username = fresh('erin');
    const user = await createUser(username);
    const actor = userActor(user, 'http', null);
    const change = (currentPassword: string) =>
      invoke(operations.access.changePassword, { core, actor }, { currentPassword, newPassword: 'a brand new password', keepSessionId: null, ip: '192.0.2.9' });
    for (let i = 0; i < 3; i += 1) await expect(change('not my password')).rejects.toThrow(/currentPassword: is not correct/);
    await expect(change(PASSWORD)).rejects.toBeInstanceOf(RateLimited);
    expect(await outcome(signIn(username, PASSWORD))).toMatch(/^429:/);
    const logged = await core.db.selectFrom('activityLog').select('diffJson').where('action', '=', 'login_failed').where('entityId', '=', user.id).execute();
    expect(logged.map((row) => JSON.parse(row.diffJson).kind)).toEqual(['password_change', 'password_change', 'password_change']);
    clock.advance(61_000);
    await expect(change(PASSWORD)).resolves.toBeUndefined();
  });
});
