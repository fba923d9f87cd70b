import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isAbsolute, join, resolve } from 'node:path';
import { isValidTimeZone } from '@lpdesk/contracts';
import { z } from 'zod';

/**
 * The one place LP Desk reads its environment. Every other module receives a Config.
 * Values come from (lowest to highest precedence): defaults, `<dataDir>/lpdesk.config.json`
 * or the file named by LPDESK_CONFIG, environment variables, then explicit overrides (CLI flags).
 */
const commaList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const trustProxy = z.union([
  z.literal('false').transform(() => false as const),
  z.literal('true').transform(() => true as const),
  commaList,
]);

const EnvSchema = z.object({
  LPDESK_DATA_DIR: z.string().min(1).default('./data'),
  LPDESK_HOST: z.union([z.ipv4(), z.ipv6(), z.literal('localhost')]).default('127.0.0.1'),
  LPDESK_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL (leave it unset for SQLite)' })
    .optional(),
  LPDESK_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  LPDESK_TRUSTED_PROXIES: trustProxy.default(false),
  LPDESK_CORS_ORIGINS: commaList.pipe(z.array(z.url())).default([]),
  LPDESK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LPDESK_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  LPDESK_LOGIN_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).max(10000).default(20),
  LPDESK_DEFAULT_PHONE_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .default('US'),
  LPDESK_TIME_ZONE: z.string().refine(isValidTimeZone, { message: 'must be an IANA time zone such as Europe/London or America/New_York' }).default('UTC'),
  LPDESK_WEB_DIST: z.string().optional(),
  /** `false` when a separate `lpdesk worker` runs the jobs and event subscribers for this database. */
  LPDESK_RUN_JOBS: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
});

type EnvInput = z.input<typeof EnvSchema>;

export interface Config {
  dataDir: string;
  host: string;
  port: number;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  secret: string;
  trustProxy: boolean | string[];
  corsOrigins: string[];
  logLevel: z.infer<typeof EnvSchema>['LPDESK_LOG_LEVEL'];
  sessionDays: number;
  loginRateLimitPerMinute: number;
  defaultPhoneRegion: string;
  /** The team's time zone: what "today" and "overdue" mean for everyone. */
  timeZone: string;
  webDist: string | undefined;
  /** Whether the server runs the job runner and durable event subscribers itself. */
  runJobs: boolean;
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
  const dataDir = isAbsolute(values.LPDESK_DATA_DIR) ? values.LPDESK_DATA_DIR : resolve(values.LPDESK_DATA_DIR);
  if (options.initialise) mkdirSync(dataDir, { recursive: true });

  return {
    dataDir,
    host: values.LPDESK_HOST,
    port: values.LPDESK_PORT,
    database: values.DATABASE_URL
      ? { kind: 'postgres', url: values.DATABASE_URL }
      : { kind: 'sqlite', file: join(dataDir, 'lpdesk.sqlite') },
    secret: values.LPDESK_SECRET ?? loadOrCreateSecret(dataDir, options.initialise ?? false),
    trustProxy: values.LPDESK_TRUSTED_PROXIES,
    corsOrigins: values.LPDESK_CORS_ORIGINS,
    logLevel: values.LPDESK_LOG_LEVEL,
    sessionDays: values.LPDESK_SESSION_DAYS,
    loginRateLimitPerMinute: values.LPDESK_LOGIN_RATE_LIMIT_PER_MIN,
    defaultPhoneRegion: values.LPDESK_DEFAULT_PHONE_REGION,
    timeZone: values.LPDESK_TIME_ZONE,
    webDist: values.LPDESK_WEB_DIST,
    runJobs: values.LPDESK_RUN_JOBS === 'true',
  };
}

/** The secret signs nothing a user can forge offline, but it must survive restarts: keep it beside the data. */
function loadOrCreateSecret(dataDir: string, create: boolean): string {
  const path = join(dataDir, 'secret.key');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  if (!create) return secret;
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return secret;
}
