import type { JobHandler } from '../jobs/runner.js';
import { describeError } from '../kernel/background.js';
import { type CoreContext, today } from '../kernel/context.js';
import { composeDigest } from './digest-message.js';
import { type Mailer, smtpMailer } from './mailer.js';
import { dueTasksQuery } from './reminders.js';

export const DIGEST_JOB = 'notifications.digest';
/** Lines per section; the rest is "and N more". */
const DIGEST_LINES = 20;

/** The hour (0–23) of an instant on the team's clock. */
export function hourIn(instant: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(instant));
}

export interface DigestRunResult {
  day: string;
  sent: number;
  skipped?: 'email not configured' | 'before the digest hour';
  failed?: number;
}

/** Active users with an email address who have not turned the digest off and have none yet for `day`. */
function digestRecipients(core: CoreContext, day: string) {
  return core.db
    .selectFrom('users')
    .leftJoin('notificationPreferences', 'notificationPreferences.userId', 'users.id')
    .select(['users.id', 'users.email', 'users.username', 'users.fullName'])
    .where('users.email', 'is not', null)
    .where('users.deletedAt', 'is', null)
    .where('users.disabledAt', 'is', null)
    .where((eb) => eb.or([eb('notificationPreferences.emailDigest', 'is', null), eb('notificationPreferences.emailDigest', '=', 1)]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notificationDigests')
            .select('notificationDigests.userId')
            .whereRef('notificationDigests.userId', '=', 'users.id')
            .where('notificationDigests.day', '=', day),
        ),
      ),
    )
    .orderBy('users.id')
    .execute();
}

async function digestContentFor(core: CoreContext, userId: string, day: string) {
  const tasksDue = dueTasksQuery(core, day).where('tasks.assigneeId', '=', userId);
  const unread = core.db.selectFrom('notifications').where('recipientId', '=', userId).where('readAt', 'is', null);
  const [taskCount, tasks, notificationCount, notifications] = await Promise.all([
    tasksDue.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    tasksDue.select(['tasks.title', 'tasks.dueOn']).orderBy('tasks.dueOn').orderBy('tasks.id').limit(DIGEST_LINES).execute(),
    unread.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    unread.select('text').orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(DIGEST_LINES).execute(),
  ]);
  return {
    tasks: tasks.map((t) => ({ title: t.title, dueOn: t.dueOn as string })),
    taskTotal: Number(taskCount.n),
    notifications,
    notificationTotal: Number(notificationCount.n),
  };
}

/**
 * Claims (user, day) before sending, so a second run, a restart or another worker never sends twice;
 * a failed send gives the claim back so the job's retry tries that user again.
 */
async function sendDigestTo(
  core: CoreContext,
  mailer: Mailer,
  user: { id: string; email: string | null; username: string; fullName: string | null },
  day: string,
): Promise<boolean> {
  const content = await digestContentFor(core, user.id, day);
  if (content.taskTotal === 0 && content.notificationTotal === 0) return false;
  const claim = await core.db
    .insertInto('notificationDigests')
    .values({ userId: user.id, day, sentAt: core.clock.now().toISOString() })
    .onConflict((oc) => oc.columns(['userId', 'day']).doNothing())
    .executeTakeFirst();
  if (Number(claim.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  try {
    await mailer.send(
      composeDigest({ to: user.email as string, name: user.fullName ?? user.username, day, ...content, publicUrl: core.settings.mail?.publicUrl }),
    );
    return true;
  } catch (error) {
    await core.db.deleteFrom('notificationDigests').where('userId', '=', user.id).where('day', '=', day).execute();
    throw error;
  }
}

/** Each user with something to say gets one digest per team-local day, from the configured hour on. */
export async function sendDailyDigests(
  core: CoreContext,
  mailerFor: (settings: NonNullable<CoreContext['settings']['mail']>) => Mailer = smtpMailer,
): Promise<DigestRunResult> {
  const day = today(core);
  const settings = core.settings.mail;
  if (!settings) return { day, sent: 0, skipped: 'email not configured' };
  if (hourIn(core.clock.now(), core.settings.timeZone) < settings.digestHour) return { day, sent: 0, skipped: 'before the digest hour' };
  const recipients = await digestRecipients(core, day);
  if (recipients.length === 0) return { day, sent: 0 };
  const mailer = mailerFor(settings);
  let sent = 0;
  const failures: string[] = [];
  try {
    for (const user of recipients) {
      try {
        if (await sendDigestTo(core, mailer, user, day)) sent++;
      } catch (error) {
        failures.push(`${user.username}: ${describeError(error)}`);
      }
    }
  } finally {
    mailer.close();
  }
  // A failure fails the run, so the runner retries it; users already sent to are skipped then.
  if (failures.length > 0) throw new Error(`Digest sent to ${sent}, failed for ${failures.length}: ${failures.slice(0, 5).join('; ')}`);
  return { day, sent };
}

/** Hourly, so the digest goes out within the hour after LPDESK_DIGEST_HOUR on the team's clock; a no-op without SMTP. */
export const dailyDigestJob: JobHandler = {
  kind: DIGEST_JOB,
  schedule: { cron: '0 * * * *' },
  run: (_payload, { core }) => sendDailyDigests(core),
};
