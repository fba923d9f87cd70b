import type { JobHandler } from '../jobs/runner.js';
import { nextCronRun } from '../jobs/schedule.js';
import type { CoreContext } from '../kernel/context.js';
import { applyToAll, type BulkResult } from './engine.js';
import { enabledRules } from './store.js';

export const AUTOMATION_SCHEDULE_JOB = 'automations.schedule';

/** The wall-clock time in a time zone, as a Date whose UTC fields read it (what the cron parser evaluates). */
export function wallClock(instant: Date, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute)));
}

/** The latest cron slot in (since, now], in the team's wall-clock time, or null if none fell in it. */
export function dueSlot(cron: string, since: Date, now: Date, timeZone: string): Date | null {
  const end = wallClock(now, timeZone);
  let slot = nextCronRun(cron, wallClock(since, timeZone));
  if (slot > end) return null;
  // Several missed slots (a worker down overnight) run once, for the latest.
  for (let next = nextCronRun(cron, slot); next <= end; next = nextCronRun(cron, next)) slot = next;
  return slot;
}

export interface ScheduleRunResult {
  rules: number;
  results: Array<{ automationId: string; slot: string } & BulkResult>;
}

/**
 * Every enabled schedule rule whose cron (in the team's time zone) matched since it last ran: apply it to
 * each matching record, one transaction and one run row per record changed. The cause names the slot,
 * so a second run for the same slot (another worker, a retry) changes nothing twice.
 */
export async function runScheduledAutomations(core: CoreContext): Promise<ScheduleRunResult> {
  const now = core.clock.now();
  const rules = (await enabledRules(core.db)).filter((rule) => rule.trigger.type === 'schedule' && rule.trigger.cron);
  const results: ScheduleRunResult['results'] = [];
  for (const rule of rules) {
    const since = new Date(rule.row.scheduledThrough ?? rule.row.updatedAt);
    const slot = dueSlot(rule.trigger.cron as string, since, now, core.settings.timeZone);
    if (!slot) continue;
    const slotText = slot.toISOString().slice(0, 16);
    const result = await applyToAll(core, rule, `schedule:${slotText}`);
    await core.db.updateTable('automations').set({ scheduledThrough: now.toISOString() }).where('id', '=', rule.id).execute();
    results.push({ automationId: rule.id, slot: slotText, ...result });
  }
  return { rules: rules.length, results };
}

/** Every five minutes: a rule's cron slot is handled within five minutes of its time. */
export const automationScheduleJob: JobHandler = {
  kind: AUTOMATION_SCHEDULE_JOB,
  schedule: { cron: '*/5 * * * *' },
  run: (_payload, { core }) => runScheduledAutomations(core),
};
