import { ApiKeyCreated, ApiKeyCreateInput, ApiKeyView, IdParams, LoginInput, NoContent, PasswordChangeInput, PasswordResetInput, SetupInput, TeamMember, UserCreateInput, UserUpdateInput, UserView } from '@lpdesk/contracts';
import { z } from 'zod';
import { Invalid, NotFound } from '../kernel/errors.js';
import { defineOperation } from '../kernel/operations.js';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.js';
import { login, logout, openSession, userActor } from './sessions.js';
import { changeOwnPassword, createUser, findUser, findUserByUsername, listUsers, presentUser, resetPassword, setupFirstAdmin, updateUser } from './users.js';

// What doors may use directly: credential checks and readers. Everything that changes users, keys or
// sessions goes through the operations below (schema + permission), whatever the door.
export { resolveApiKey } from './api-keys.js';
export { login, resolveSession, userActor, type NewSession, type SessionInfo } from './sessions.js';
export { countUsers, presentUser } from './users.js';

/** A new session as the core opens it: the doors set the cookie from `token` and never show it. */
const NewSessionOutput = z.object({ sessionId: z.string(), token: z.string(), csrfToken: z.string(), expiresAt: z.string(), user: UserView });

const ProfileInput = z.strictObject({ email: UserUpdateInput.shape.email, fullName: UserUpdateInput.shape.fullName });

/** Facts about the request that the door supplies (never the user): where it came from. */
const ClientFacts = {
  ip: z.string().max(100).nullable().default(null),
  userAgent: z.string().max(400).nullable().default(null),
};

export const accessOperations = {
  setup: defineOperation({
    name: 'auth.setup',
    summary: 'Create the first admin and sign them in; only while no user exists',
    // Called before anyone can sign in; the command itself refuses once a user exists.
    permission: null,
    doors: ['http', 'cli'],
    input: SetupInput.extend(ClientFacts),
    output: NewSessionOutput,
    run: async ({ core, actor }, { ip, userAgent, ...input }) => {
      const user = await setupFirstAdmin(core, actor, input);
      return openSession(core, user, { ip, userAgent }, userActor(user, actor.door, actor.requestId));
    },
  }),
  login: defineOperation({
    name: 'auth.login',
    summary: 'Sign in with username and password (throttled per address and per account)',
    permission: null,
    doors: ['http', 'cli'],
    input: LoginInput.extend(ClientFacts),
    output: NewSessionOutput,
    run: ({ core, actor }, { username, password, ip, userAgent }) => login(core, { username, password }, { ip, userAgent, door: actor.door, requestId: actor.requestId }),
  }),
  logout: defineOperation({
    name: 'auth.logout',
    summary: 'End one of your own sessions',
    permission: null,
    input: z.object({ sessionId: z.string().min(1).max(100) }),
    output: NoContent,
    run: ({ core, actor }, { sessionId }) => logout(core, actor, sessionId),
  }),
  team: defineOperation({
    name: 'users.team',
    summary: 'Active team members (id, name, role) for owner and assignee pickers',
    permission: 'crm.read',
    input: z.object({}),
    output: z.array(TeamMember),
    run: async ({ core }) =>
      (await listUsers(core)).filter((u) => !u.disabled).map((u) => ({ id: u.id, username: u.username, fullName: u.fullName, name: u.fullName ?? u.username, role: u.role })),
  }),
  listUsers: defineOperation({ name: 'users.list', summary: 'List users', permission: 'users.manage', input: z.object({}), output: z.array(UserView), run: ({ core }) => listUsers(core) }),
  getUser: defineOperation({ name: 'users.get', summary: 'Get a user', permission: 'users.manage', input: IdParams, output: UserView, run: async ({ core }, { id }) => presentUser(await findUser(core, id)) }),
  getUserByUsername: defineOperation({
    name: 'users.getByUsername',
    summary: 'Get a user by username',
    permission: 'users.manage',
    input: z.object({ username: z.string().trim().min(1).max(64) }),
    output: UserView,
    run: async ({ core }, { username }) => {
      const row = await findUserByUsername(core, username);
      if (!row) throw new NotFound('User', username);
      return presentUser(row);
    },
  }),
  createUser: defineOperation({ name: 'users.create', summary: 'Create a user', permission: 'users.manage', input: UserCreateInput, output: UserView, run: ({ core, actor }, input) => createUser(core, actor, input) }),
  updateUser: defineOperation({ name: 'users.update', summary: 'Change a user role, details, or disable them', permission: 'users.manage', input: z.object({ id: IdParams.shape.id, changes: UserUpdateInput }), output: UserView, run: ({ core, actor }, { id, changes }) => updateUser(core, actor, id, changes) }),
  resetPassword: defineOperation({ name: 'users.resetPassword', summary: "Set a user's password (signs them out everywhere)", permission: 'users.manage', input: z.object({ id: IdParams.shape.id, body: PasswordResetInput }), output: NoContent, run: ({ core, actor }, { id, body }) => resetPassword(core, actor, id, body.password) }),
  updateProfile: defineOperation({
    name: 'profile.update',
    summary: 'Edit your own name and email',
    permission: null,
    input: ProfileInput,
    output: UserView,
    run: ({ core, actor }, input) => {
      if (!actor.userId || actor.kind !== 'user') throw new Invalid('Only a signed-in user has a profile');
      return updateUser(core, actor, actor.userId, input);
    },
  }),
  changePassword: defineOperation({
    name: 'profile.changePassword',
    summary: 'Change your own password (other sessions are signed out)',
    permission: null,
    input: PasswordChangeInput.extend({ keepSessionId: z.string().nullable(), ip: ClientFacts.ip }),
    output: NoContent,
    run: ({ core, actor }, input) => changeOwnPassword(core, actor, input.currentPassword, input.newPassword, input.keepSessionId, input.ip),
  }),
  listApiKeys: defineOperation({ name: 'apiKeys.list', summary: 'List API keys (never the keys themselves)', permission: 'apiKeys.manage', input: z.object({}), output: z.array(ApiKeyView), run: ({ core }) => listApiKeys(core) }),
  createApiKey: defineOperation({ name: 'apiKeys.create', summary: 'Create an API key scoped to a role; the key is shown once', permission: 'apiKeys.manage', input: ApiKeyCreateInput, output: ApiKeyCreated, run: ({ core, actor }, input) => createApiKey(core, actor, input) }),
  revokeApiKey: defineOperation({ name: 'apiKeys.revoke', summary: 'Revoke an API key', permission: 'apiKeys.manage', input: IdParams, output: ApiKeyView, run: ({ core, actor }, { id }) => revokeApiKey(core, actor, id) }),
};
