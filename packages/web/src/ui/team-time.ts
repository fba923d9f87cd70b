import { calendarDate } from '@lpdesk/contracts';

/**
 * The server's clock and the team's time zone, learned at sign-in. "Today" and "overdue" in the web
 * app are the core's: same zone, and the browser's clock corrected by how far it differs from the server's.
 */
let timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
let offsetMs = 0;

let phoneRegion = 'US';

export function setTeamTime(team: { timeZone: string; now: string; phoneRegion?: string | undefined } | undefined): void {
  if (!team) return;
  timeZone = team.timeZone;
  if (team.phoneRegion) phoneRegion = team.phoneRegion;
  offsetMs = Date.parse(team.now) - Date.now();
}

export function teamNow(): Date {
  return new Date(Date.now() + offsetMs);
}

/** The country whose numbers are shown in national format (others in international format). */
export function teamPhoneRegion(): string {
  return phoneRegion;
}

export function teamTimeZone(): string {
  return timeZone;
}

export function todayIso(): string {
  return calendarDate(teamNow(), timeZone);
}
