import { ApiKeyCreated, ApiKeyCreateInput, ApiKeyView, IdParams, NoContent, PasswordChangeInput, PasswordResetInput, TeamMember, UserCreateInput, UserUpdateInput, UserView } from '@lpdesk/contracts';
import { z } from 'zod';
import { Invalid } from '../kernel/errors.js';
import { defineOperation } from '../kernel/operations.js';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.js';
import { changeOwnPassword, createUser, findUser, listUsers, presentUser, resetPassword, updateUser } from './users.js';

export { createApiKey, listApiKeys, resolveApiKey, revokeApiKey } from './api-keys.js';
export { checkPassword, hashPassword } from './passwords.js';
export { createSessionFor, login, logout, resolveSession, userActor, type NewSession, type SessionInfo } from './sessions.js';
export { countUsers, createUser, findUserByUsername, listUsers, presentUser, resetPassword, setupFirstAdmin, updateUser } from './users.js';

const ProfileInput = z.strictObject({ email: UserUpdateInput.shape.email, fullName: UserUpdateInput.shape.fullName });

export const accessOperations = {
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
    input: PasswordChangeInput.extend({ keepSessionId: z.string().nullable() }),
    output: NoContent,
    run: ({ core, actor }, input) => changeOwnPassword(core, actor, input.currentPassword, input.newPassword, input.keepSessionId),
  }),
  listApiKeys: defineOperation({ name: 'apiKeys.list', summary: 'List API keys (never the keys themselves)', permission: 'apiKeys.manage', input: z.object({}), output: z.array(ApiKeyView), run: ({ core }) => listApiKeys(core) }),
  createApiKey: defineOperation({ name: 'apiKeys.create', summary: 'Create an API key scoped to a role; the key is shown once', permission: 'apiKeys.manage', input: ApiKeyCreateInput, output: ApiKeyCreated, run: ({ core, actor }, input) => createApiKey(core, actor, input) }),
  revokeApiKey: defineOperation({ name: 'apiKeys.revoke', summary: 'Revoke an API key', permission: 'apiKeys.manage', input: IdParams, output: ApiKeyView, run: ({ core, actor }, { id }) => revokeApiKey(core, actor, id) }),
};
