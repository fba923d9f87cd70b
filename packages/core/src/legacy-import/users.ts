import type { Role } from '@lpdesk/contracts';
import { normalizeUsername } from '../access/login-throttle.js';
import { newId } from '../kernel/ids.js';
import { attachRecord, backdate, countState, LEGACY_SOURCE, type ImportRun, noteRef, track } from './run.js';
import { instant, text } from './reader.js';

/**
 * Legacy roles → LP Desk roles. LP Desk has a manager role too (member rights plus tags, funds, custom
 * fields, automations and the activity log), which is what a legacy manager did: it keeps its name.
 */
const ROLES: Record<string, Role> = { admin: 'admin', manager: 'manager', member: 'member' };

/**
 * Users keep their password hash as it is (bcrypt, or the PBKDF2-SHA256 fallback): access/passwords.ts
 * verifies both and rehashes to argon2id at the first sign-in. Inactive users arrive disabled. A user
 * whose username LP Desk already has is that user (its password is left alone).
 */
export async function importUsers(run: ImportRun): Promise<void> {
  const { tx } = run.scope;
  for (const row of run.legacy.rows('users')) {
    const legacyId = String(row.id);
    const username = text(row.username);
    if (!username) {
      run.report.skipped.push({ table: 'users', id: legacyId, reason: 'no username' });
      continue;
    }
    const role = ROLES[String(row.role ?? 'member').toLowerCase()] ?? 'member';
    const active = row.is_active === null || row.is_active === undefined || Number(row.is_active) === 1;
    const createdAt = instant(row.created_at);
    const disabledAt = active ? null : (instant(row.updated_at) ?? createdAt ?? run.scope.now);
    const payload = { username, email: text(row.email), fullName: text(row.full_name), role, active, passwordHash: String(row.password_hash ?? '') };
    const known = await tx
      .selectFrom('users')
      .select(['id', 'fullName', 'username'])
      .where('usernameNormalized', '=', normalizeUsername(username))
      .executeTakeFirst();
    let userId: string;
    let createdNow = false;
    if (known) {
      userId = known.id;
    } else {
      userId = newId();
      await tx
        .insertInto('users')
        .values({
          id: userId,
          username,
          usernameNormalized: normalizeUsername(username),
          email: payload.email,
          fullName: payload.fullName,
          role,
          passwordHash: payload.passwordHash,
          disabledAt,
          lastLoginAt: null,
          totpSecret: null,
          mustChangePassword: 0,
          version: 1,
          createdAt: run.scope.now,
          updatedAt: run.scope.now,
          createdBy: null,
          updatedBy: null,
          deletedAt: null,
          deletedBy: null,
        })
        .execute();
      await run.scope.log({
        action: 'create',
        entityType: 'user',
        entityId: userId,
        diff: { after: { username, email: payload.email, fullName: payload.fullName, role, disabled: !active, legacyId } },
      });
      createdNow = await backdate(run, 'users', userId, createdAt);
    }
    const state = await track(run, 'users', legacyId, 'user', userId, payload);
    if (state === 'changed' && !createdNow) {
      await tx
        .updateTable('users')
        .set({ email: payload.email, fullName: payload.fullName, role, disabledAt, updatedAt: run.scope.now })
        .where('id', '=', userId)
        .execute();
      await run.scope.log({
        action: 'update',
        entityType: 'user',
        entityId: userId,
        diff: { after: { email: payload.email, fullName: payload.fullName, role, disabled: !active } },
      });
    }
    countState(run, 'user', state, createdNow);
    run.users.set(legacyId, { id: userId, name: payload.fullName ?? username });
    noteRef(run, 'user', userId, { table: 'users', id: legacyId, name: username });
    await attachRecord(
      run,
      LEGACY_SOURCE('users'),
      legacyId,
      'user',
      userId,
      { username, email: payload.email, fullName: payload.fullName, role: row.role, isActive: active },
      'legacy user account',
      createdAt,
    );
  }
}
