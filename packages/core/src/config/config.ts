import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { isAbsolute, join, resolve } from 'node:path';
import { isValidTimeZone } from '@lpdesk/contracts';
import type { IdentitySettings } from '../kernel/context.js';
import { z } from 'zod';
import { MAIL_ENV, type MailSettings, mailSettingsFrom } from './mail.js';
import { EMBEDDER_ENV, embedderSettingsFrom } from './embedder.js';
import type { EmbedderSettings } from '../retrieval/embedders/types.js';
import { ensurePrivateDirectory, PRIVATE_FILE_MODE, restrictFileToOwner, withPrivateUmask } from '../db/file-modes.js';

/**
 * The one place LP Desk reads its environment. Every other module receives a Config.
 * Values come from (lowest to highest precedence): defaults, `<dataDir>/lpdesk.config.json`
 * or the file named by LPDESK_CONFIG, environment variables, then explicit overrides (CLI flags).
 */
const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

/** Names proxy-addr understands for whole address families of local networks. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  // A /0 is "every address": the same as trusting everyone.
  return Number(prefix) >= 1 && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Whose X-Forwarded-For to believe: an explicit list, never everyone. Trusting every client would
 * let anyone forge their address, which is what sign-in limits and the activity log go by.
 */
const trustProxy = z.string().transform((value, ctx) => {
  const text = value.trim();
  if (text === '' || text === 'false') return false as const;
  if (text === 'true' || text === '*') {
    ctx.addIssue({
      code: 'custom',
      message:
        '"true" is not allowed: it would believe the X-Forwarded-For header of every client, so anyone could forge their address ' +
        'and slip past sign-in limits. List your reverse proxies instead, e.g. 127.0.0.1 or 10.0.0.0/8',
    });
    return z.NEVER;
  }
  const entries = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => !isProxyAddress(entry));
  if (bad.length > 0) {
    ctx.addIssue({ code: 'custom', message: `not an IP address or CIDR range (a /0 trusts everyone): ${bad.join(', ')}` });
    return z.NEVER;
  }
  return entries;
});

/** `none`: run as the login role itself (it must not own the tables); otherwise a role name to SET. */
const databaseRole = z
  .string()
  .regex(/^(none|[a-z_][a-z0-9_$]{0,62})$/i, { message: 'must be a PostgreSQL role name, or none' })
  .transform((value) => (value.toLowerCase() === 'none' ? null : value));

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL (leave it unset for SQLite)' });

const EnvSchema = z.object({
  LPDESK_DATA_DIR: z.string().min(1).default('./data'),
  LPDESK_HOST: z.union([z.ipv4(), z.ipv6(), z.literal('localhost')]).default('127.0.0.1'),
  LPDESK_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATABASE_URL: postgresUrl.optional(),
  LPDESK_MIGRATION_DATABASE_URL: postgresUrl.optional(),
  LPDESK_DATABASE_ROLE: databaseRole.default('lpdesk_app'),
  LPDESK_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  LPDESK_TRUSTED_PROXIES: trustProxy.default(false),
  LPDESK_CORS_ORIGINS: commaList.pipe(z.array(z.url())).default([]),
  LPDESK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LPDESK_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** `lpdesk mcp`: the agent API key the stdio MCP server acts as. */
  LPDESK_API_KEY: z.string().trim().min(1).optional(),
  LPDESK_LOGIN_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).max(10000).default(20),
  LPDESK_LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  LPDESK_LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(100000).default(50),
  LPDESK_LOGIN_LOCKOUT_MAX_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
  LPDESK_DEFAULT_PHONE_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .default('US'),
  LPDESK_TIME_ZONE: z.string().refine(isValidTimeZone, { message: 'must be an IANA time zone such as Europe/London or America/New_York' }).default('UTC'),
  /** Identity resolution: matches at or above this confidence join automatically; from the suggest threshold up they are queued. */
  LPDESK_IDENTITY_AUTO_MERGE: z.coerce.number().min(0.5).max(1).default(0.9),
  LPDESK_IDENTITY_SUGGEST: z.coerce.number().min(0.1).max(1).default(0.6),
  LPDESK_WEB_DIST: z.string().optional(),
  /** `false` when a separate `lpdesk worker` runs the jobs and event subscribers for this database. */
  /** Where backups are written (default <data dir>/backups). */
  LPDESK_BACKUP_DIR: z.string().min(1).optional(),
  /** Encrypts new backups (AES-256-GCM); keep it somewhere other than the backups themselves. */
  LPDESK_BACKUP_KEY: z.string().min(32, { message: 'must be at least 32 characters (e.g. openssl rand -base64 32)' }).optional(),
  LPDESK_RUN_JOBS: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
  ...MAIL_ENV,
  ...EMBEDDER_ENV,
});

type EnvInput = z.input<typeof EnvSchema>;

export interface Config {
  dataDir: string;
  host: string;
  port: number;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  /** PostgreSQL: the role the application assumes (SET ROLE), or null to run as the login role. */
  databaseRole: string | null;
  /** PostgreSQL: where migrations connect when the application's login does not own the schema. */
  migrationDatabaseUrl: string | undefined;
  secret: string;
  /** Addresses/CIDRs of reverse proxies whose X-Forwarded-* headers are believed; false for none. */
  trustProxy: false | string[];
  corsOrigins: string[];
  logLevel: z.infer<typeof EnvSchema>['LPDESK_LOG_LEVEL'];
  sessionDays: number;
  /** LPDESK_API_KEY: the agent key `lpdesk mcp` acts as (unset for every other command). */
  apiKey: string | undefined;
  loginRateLimitPerMinute: number;
  loginThrottle: { accountMaxFailures: number; ipMaxFailures: number; lockoutMaxSeconds: number };
  defaultPhoneRegion: string;
  /** The team's time zone: what "today" and "overdue" mean for everyone. */
  timeZone: string;
  /** Identity resolution thresholds (docs/identity.md). */
  identity: IdentitySettings;
  webDist: string | undefined;
  /** Whether the server runs the job runner and durable event subscribers itself. */
  runJobs: boolean;
  /** Outgoing email (the daily digest); null when no SMTP server is configured. */
  mail: MailSettings | null;
  /** Default backup directory (LPDESK_BACKUP_DIR, or <data dir>/backups). */
  backupDirectory: string;
  /** LPDESK_BACKUP_KEY: encrypts new backups; needed to verify or restore them. */
  backupKey: string | undefined;
  /** Dense retrieval's embedder (LPDESK_EMBEDDER…); builtin unless configured. */
  embedder: EmbedderSettings;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  overrides?: Partial<Record<keyof EnvInput, string | number | undefined>>;
  /** Create the data directory and a secret when missing (the server does; read-only tools need not). */
  initialise?: boolean;
}

const KEYS = Object.keys(EnvSchema.shape) as (keyof EnvInput)[];

function readConfigFile(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`${path}: must hold a JSON object of LPDESK_* settings`);
  }
  const unknownKeys = Object.keys(parsed).filter((key) => !(KEYS as string[]).includes(key));
  if (unknownKeys.length > 0) throw new ConfigError(`${path}: unknown setting(s) ${unknownKeys.join(', ')}`);
  return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
}

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const pick = (source: Record<string, unknown>) =>
    Object.fromEntries(KEYS.filter((key) => source[key] !== undefined && source[key] !== '').map((key) => [key, source[key]]));
  const fromEnvAndFlags = { ...pick(env), ...pick(options.overrides ?? {}) };
  const dataDirGuess = String(fromEnvAndFlags.LPDESK_DATA_DIR ?? './data');
  const configFile = String(env.LPDESK_CONFIG ?? join(dataDirGuess, 'lpdesk.config.json'));
  const merged = { ...readConfigFile(configFile), ...fromEnvAndFlags };

  const parsed = EnvSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  const mail = mailSettingsFrom(values);
  if ('problems' in mail) throw new ConfigError(`Invalid configuration:\n${mail.problems.map((line) => `  ${line}`).join('\n')}`);
  const embedder = embedderSettingsFrom(values);
  if ('problems' in embedder) throw new ConfigError(`Invalid configuration:\n${embedder.problems.map((line) => `  ${line}`).join('\n')}`);
  const dataDir = isAbsolute(values.LPDESK_DATA_DIR) ? values.LPDESK_DATA_DIR : resolve(values.LPDESK_DATA_DIR);
  if (options.initialise) ensurePrivateDirectory(dataDir);

  return {
    dataDir,
    host: values.LPDESK_HOST,
    port: values.LPDESK_PORT,
    database: values.DATABASE_URL ? { kind: 'postgres', url: values.DATABASE_URL } : { kind: 'sqlite', file: join(dataDir, 'lpdesk.sqlite') },
    databaseRole: values.LPDESK_DATABASE_ROLE,
    migrationDatabaseUrl: values.LPDESK_MIGRATION_DATABASE_URL,
    secret: values.LPDESK_SECRET ?? loadOrCreateSecret(dataDir, options.initialise ?? false),
    trustProxy: values.LPDESK_TRUSTED_PROXIES,
    corsOrigins: values.LPDESK_CORS_ORIGINS,
    logLevel: values.LPDESK_LOG_LEVEL,
    sessionDays: values.LPDESK_SESSION_DAYS,
    apiKey: values.LPDESK_API_KEY,
    loginRateLimitPerMinute: values.LPDESK_LOGIN_RATE_LIMIT_PER_MIN,
    loginThrottle: {
      accountMaxFailures: values.LPDESK_LOGIN_MAX_FAILURES_PER_ACCOUNT,
      ipMaxFailures: values.LPDESK_LOGIN_MAX_FAILURES_PER_IP,
      lockoutMaxSeconds: values.LPDESK_LOGIN_LOCKOUT_MAX_MINUTES * 60,
    },
    defaultPhoneRegion: values.LPDESK_DEFAULT_PHONE_REGION,
    timeZone: values.LPDESK_TIME_ZONE,
    identity: {
      autoMergeThreshold: values.LPDESK_IDENTITY_AUTO_MERGE,
      suggestThreshold: Math.min(values.LPDESK_IDENTITY_SUGGEST, values.LPDESK_IDENTITY_AUTO_MERGE),
    },
    webDist: values.LPDESK_WEB_DIST,
    runJobs: values.LPDESK_RUN_JOBS === 'true',
    mail: mail.mail,
    backupDirectory: values.LPDESK_BACKUP_DIR ? resolve(dataDir, values.LPDESK_BACKUP_DIR) : join(dataDir, 'backups'),
    backupKey: values.LPDESK_BACKUP_KEY,
    embedder,
  };
}

/** The secret signs nothing a user can forge offline, but it must survive restarts: keep it beside the data. */
function loadOrCreateSecret(dataDir: string, create: boolean): string {
  const path = join(dataDir, 'secret.key');
  if (existsSync(path)) {
    if (create) restrictFileToOwner(path);
    return readFileSync(path, 'utf8').trim();
  }
  const secret = randomBytes(48).toString('base64url');
  if (!create) return secret;
  // Created owner-only from the first byte ('wx': never over a file another process just made).
  const fd = withPrivateUmask(() => openSync(path, 'wx', PRIVATE_FILE_MODE));
  try {
    writeSync(fd, `${secret}\n`);
  } finally {
    closeSync(fd);
  }
  restrictFileToOwner(path);
  return secret;
}
