/**
 * The core's one source of "now". Everything that asks what time or what day it is (timestamps,
 * "today", "overdue", expiries, leases, schedules) reads it from the clock in the core context, so
 * tests can set the calendar and no behaviour depends on the machine's date or time zone.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: for tests that need exact instants. */
export class ManualClock implements Clock {
  private at: number;
  constructor(start: Date | string) {
    this.at = new Date(start).getTime();
    if (Number.isNaN(this.at)) throw new Error(`ManualClock: "${String(start)}" is not a valid instant`);
  }
  now(): Date {
    return new Date(this.at);
  }
  set(instant: Date | string): void {
    this.at = new Date(instant).getTime();
  }
  advance(milliseconds: number): void {
    this.at += milliseconds;
  }
}

/**
 * Real time moved to another calendar: it starts at `start` and keeps ticking. CI runs whole suites
 * on one of these, years ahead, to prove nothing depends on today's date.
 */
export function shiftedClock(start: Date | string): Clock {
  const offset = new Date(start).getTime() - Date.now();
  if (Number.isNaN(offset)) throw new Error(`shiftedClock: "${String(start)}" is not a valid instant`);
  return { now: () => new Date(Date.now() + offset) };
}

export { addDays, calendarDate, isValidTimeZone, startOfDay } from '@lpdesk/contracts';
