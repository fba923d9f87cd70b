import { z } from 'zod';
import { Email, hasVisibleText, Id, NonEmptyText } from './common.js';

export const Role = z.enum(['admin', 'manager', 'member', 'agent']);
export type Role = z.infer<typeof Role>;

export const Username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-zA-Z0-9._@-]+$/, { error: 'may contain letters, digits and . _ @ - only' });

/** Long passphrases are encouraged; 10 characters is the floor, not the goal. */
export const Password = z
  .string()
  .min(10, { error: 'must be at least 10 characters' })
  .max(256, { error: 'must be at most 256 characters' })
  .refine(hasVisibleText, { error: 'must not be only spaces or invisible characters' });

export const SetupInput = z.strictObject({
  username: Username,
  password: Password,
  email: Email.optional(),
  fullName: NonEmptyText(200).optional(),
});

export const LoginInput = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const UserCreateInput = z.strictObject({
  username: Username,
  password: Password,
  email: Email.nullable().optional(),
  fullName: NonEmptyText(200).nullable().optional(),
  role: Role.default('member'),
});
export type UserCreateInput = z.infer<typeof UserCreateInput>;

export const UserUpdateInput = z.strictObject({
  email: Email.nullable().optional(),
  fullName: NonEmptyText(200).nullable().optional(),
  role: Role.optional(),
  disabled: z.boolean().optional(),
});

export const PasswordChangeInput = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: Password,
});

export const PasswordResetInput = z.strictObject({ password: Password });

export const UserView = z.object({
  id: Id,
  username: z.string(),
  email: z.string().nullable(),
  fullName: z.string().nullable(),
  role: Role,
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserView = z.infer<typeof UserView>;

export const ApiKeyCreateInput = z.strictObject({
  name: NonEmptyText(100),
  role: Role,
});

export const ApiKeyView = z.object({
  id: Id,
  name: z.string(),
  role: Role,
  prefix: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

/** The team's calendar as the server keeps it, so the web app's "today" matches the core's. */
export const TeamTime = z.object({ timeZone: z.string(), now: z.string() });
export type TeamTime = z.infer<typeof TeamTime>;

export const SessionView = z.object({ user: UserView, csrfToken: z.string(), team: TeamTime });
