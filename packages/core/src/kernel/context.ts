import type { MailSettings } from '../config/mail.js';
import type { DatabaseTarget, Db } from '../db/connect.js';
import type { Dialect } from '../db/migration-context.js';
import { calendarDate, type Clock } from './clock.js';
import type { EmbedderSettings } from '../retrieval/embedders/types.js';

/** Settings the domain needs; the rest of Config stays with the doors. */
export interface CoreSettings {
  sessionDays: number;
  defaultPhoneRegion: string;
  /** The team's IANA time zone: what "today" and "overdue" mean. */
  timeZone: string;
  /** Sign-in and password-check limits (access/login-throttle.ts). */
  loginThrottle: LoginThrottleSettings;
  /** Outgoing email (the daily digest); absent or null: no email is sent. */
  mail?: MailSettings | null;
  /** Identity resolution thresholds; DEFAULT_IDENTITY_SETTINGS when absent. */
  identity?: IdentitySettings;
  /**
   * The instance secret (Config.secret). Mailbox credentials are sealed with a key derived from it for that
   * purpose alone (core/email/credentials.ts); absent: mailboxes with credentials cannot be enrolled or synced.
   */
  instanceSecret?: string;
  /**
   * Where backups are written and the key that encrypts them (core/backups); absent: backups cannot be made
   * (a test core that does not need them). The key is never stored in the database.
   */
  backups?: BackupEnvironment;
  /** The database this core opened (openCore sets it): what a backup copies and a restore replaces. */
  database?: DatabaseTarget;
  /** Dense retrieval's embedder (core/retrieval); the built-in one when absent. */
  embedder?: EmbedderSettings;
}

export interface BackupEnvironment {
  /** The default directory (LPDESK_BACKUP_DIR, or <data dir>/backups); an admin may set another in the backup settings. */
  directory: string;
  /** LPDESK_BACKUP_KEY: new backups are encrypted with a key derived from it. */
  key?: string | undefined;
}

export interface IdentitySettings {
  /** A match at or above this confidence joins (or merges) automatically. */
  autoMergeThreshold: number;
  /** From here up to the auto-merge threshold a match becomes a merge suggestion. */
  suggestThreshold: number;
}

export const DEFAULT_IDENTITY_SETTINGS: IdentitySettings = { autoMergeThreshold: 0.9, suggestThreshold: 0.6 };

export function identitySettings(core: { settings: CoreSettings }): IdentitySettings {
  return core.settings.identity ?? DEFAULT_IDENTITY_SETTINGS;
}

export interface LoginThrottleSettings {
  /** Failures for one username within the window that lock the account. */
  accountMaxFailures: number;
  /** Failures from one client address within the window after which it must wait. */
  ipMaxFailures: number;
  windowSeconds: number;
  /** First lockout; each further one in a row doubles, up to the maximum. */
  lockoutBaseSeconds: number;
  lockoutMaxSeconds: number;
}

/**
 * Told after a commit that there is new work (outbox events, jobs). It only schedules a look: it never
 * waits and never throws, so nothing after a commit can turn a committed write into an error.
 */
export interface Wakeable {
  wake(): void;
}

/** The dispatcher as the domain sees it: woken after commits, and asked to catch one subscriber up. */
export interface EventDelivery extends Wakeable {
  /**
   * Deliver what the named subscriber (registered in this process) has pending, before returning: for
   * reads that must see the writes just made (search). Nothing happens if another process holds it.
   */
  catchUp(subscriber: string): Promise<void>;
}

/** For contexts with nothing running after commits (a bare handle in a test, a one-shot tool). */
export const NOTHING_TO_WAKE: EventDelivery = { wake() {}, catchUp: async () => {} };

export interface CoreContext {
  db: Db;
  dialect: Dialect;
  settings: CoreSettings;
  clock: Clock;
  /** The event dispatcher: delivers outbox events to subscribers after commit. */
  dispatcher: EventDelivery;
  /** The job runner: claims and runs queued jobs. */
  jobs: Wakeable;
}

/** Today's date (YYYY-MM-DD) in the team's time zone, by the core's clock. */
export function today(core: Pick<CoreContext, 'clock' | 'settings'>): string {
  return calendarDate(core.clock.now(), core.settings.timeZone);
}
