import { z } from 'zod';
import { ActorKind } from './activity.js';
import { AgentRedaction, AgentWrites } from './agents.js';
import { Email, hasVisibleText, Id, Instant, NonEmptyText } from './common.js';

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

export const UserView = z
  .object({
    id: Id,
    /** +1 per change, as on every record. */
    version: z.int().min(1),
    username: z.string(),
    email: z.string().nullable(),
    fullName: z.string().nullable(),
    role: Role,
    disabled: z.boolean(),
    /**
     * The password was set by an admin (a new user, a reset): it must be changed (POST
     * /api/auth/password) before anything else; until then other calls answer 403
     * `password_change_required`.
     */
    mustChangePassword: z.boolean(),
    lastLoginAt: Instant.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof UserView>;

/** A row of GET /api/team: enough to pick an owner or assignee. */
export const TeamMember = z
  .object({
    id: Id,
    username: z.string(),
    fullName: z.string().nullable(),
    /** Full name when known, else the username. */
    name: z.string(),
    role: Role,
  })
  .meta({ id: 'TeamMember' });
export type TeamMember = z.infer<typeof TeamMember>;

/**
 * `redaction` and `writes` govern how an agent key behaves over MCP (docs/mcp.md); they mean nothing for
 * other roles, so they are refused there instead of stored and ignored.
 */
export const ApiKeyCreateInput = z
  .strictObject({
    name: NonEmptyText(100),
    role: Role,
    redaction: AgentRedaction.optional(),
    writes: AgentWrites.optional(),
  })
  .superRefine((input, context) => {
    if (input.role === 'agent') return;
    for (const field of ['redaction', 'writes'] as const) {
      if (input[field] !== undefined) context.addIssue({ code: 'custom', path: [field], message: 'applies to agent keys only (role "agent")' });
    }
  });
export type ApiKeyCreateInput = z.infer<typeof ApiKeyCreateInput>;

export const ApiKeyView = z
  .object({
    id: Id,
    name: z.string(),
    role: Role,
    /** The visible part of the key (lpd_<prefix>_…), to tell keys apart. */
    prefix: z.string(),
    createdBy: z.string().nullable(),
    createdAt: Instant,
    lastUsedAt: Instant.nullable(),
    revokedAt: Instant.nullable(),
    /** Agent keys: whether MCP tool results are redacted (`off` for every other key). */
    redaction: AgentRedaction,
    /** Agent keys: whether MCP writes run at once or wait for approval (`direct` for every other key). */
    writes: AgentWrites,
  })
  .meta({ id: 'ApiKey' });
export type ApiKeyView = z.infer<typeof ApiKeyView>;

/** A new API key: the only time the key itself is shown. */
export const ApiKeyCreated = ApiKeyView.extend({ key: z.string() }).meta({ id: 'ApiKeyCreated' });
export type ApiKeyCreated = z.infer<typeof ApiKeyCreated>;

/** The team's calendar as the server keeps it, so the web app's "today" matches the core's. */
/** The team's time zone, the server's clock, and the country phones are read in (LPDESK_DEFAULT_PHONE_REGION). */
export const TeamTime = z.object({ timeZone: z.string(), now: Instant, phoneRegion: z.string().optional() });
export type TeamTime = z.infer<typeof TeamTime>;

/** A signed-in user's session: the CSRF token goes back as X-CSRF-Token on cookie-authenticated writes. */
export const SessionView = z.object({ user: UserView, csrfToken: z.string(), team: TeamTime }).meta({ id: 'Session' });
export type Session = z.infer<typeof SessionView>;

/** GET /api/auth/me for an API key: no user and no CSRF token, only who the key acts as. */
export const KeySessionView = z.object({
  user: z.null(),
  csrfToken: z.null(),
  actor: z.object({ kind: ActorKind, id: z.string().nullable(), role: Role, name: z.string() }),
  team: TeamTime,
});
export type KeySession = z.infer<typeof KeySessionView>;

/**
 * GET /api/auth/session: the web app's first-load probe. Always 200 (a 401 there would be logged as an
 * error by every browser on every signed-out visit); signed out, it also says whether setup is needed.
 */
export const SessionProbeView = z.union([
  z.object({ authenticated: z.literal(false), setupNeeded: z.boolean() }),
  SessionView.extend({ authenticated: z.literal(true) }),
  KeySessionView.extend({ authenticated: z.literal(true) }),
]);
export type SessionProbe = z.infer<typeof SessionProbeView>;

/** Whether first-run setup is still needed. */
export const SetupStatus = z.object({ needed: z.boolean() });
export type SetupStatus = z.infer<typeof SetupStatus>;
