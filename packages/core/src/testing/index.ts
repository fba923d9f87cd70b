import { type Core, DEFAULT_SETTINGS, openCore } from '../core.js';
import { type Clock, ManualClock, shiftedClock } from '../kernel/clock.js';
import type { CoreSettings } from '../kernel/context.js';
import type { Actor } from '../kernel/actor.js';
import { createTestTarget, type TestDialect } from './dialects.js';
import { migratedPgliteTarget } from './pglite-template.js';

export { createTestTarget, testDialects, type TestDialect, type TestTarget } from './dialects.js';

export interface TestCore extends Core {
  dispose(): Promise<void>;
}

/**
 * Tests never run on today's date: the clock starts at LPDESK_TEST_NOW (default below) and ticks from
 * there, and the team's time zone is LPDESK_TEST_TIME_ZONE (default UTC). CI runs the suites a second
 * time years ahead in UTC+14 to prove it.
 */
export const TEST_NOW = process.env.LPDESK_TEST_NOW ?? '2031-03-14T15:00:00.000Z';
export const TEST_TIME_ZONE = process.env.LPDESK_TEST_TIME_ZONE ?? 'UTC';

export function testClock(): Clock {
  return shiftedClock(TEST_NOW);
}

/** A clock that stands still at the test start until a test moves it. */
export function manualTestClock(): ManualClock {
  return new ManualClock(TEST_NOW);
}

export interface TestCoreOptions {
  clock?: Clock;
  settings?: Partial<CoreSettings>;
  /** How often the dispatcher and job runner poll once started (tests of NOTIFY set it long). */
  pollMs?: number;
}

/** A migrated, empty database on the given dialect, closed and removed by dispose(). */
export async function openTestCore(dialect: TestDialect, options: TestCoreOptions = {}): Promise<TestCore> {
  const { target, cleanup } = dialect === 'pglite' ? await migratedPgliteTarget() : await createTestTarget(dialect);
  const core = await openCore(target, {
    migrate: true,
    clock: options.clock ?? testClock(),
    settings: { ...DEFAULT_SETTINGS, timeZone: TEST_TIME_ZONE, instanceSecret: 'test instance secret', ...options.settings },
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
  });
  return {
    ...core,
    dispose: async () => {
      await core.close();
      await cleanup();
    },
  };
}

export function testActor(overrides: Partial<Actor> = {}): Actor {
  return { kind: 'user', id: null, role: 'admin', userId: null, name: 'test', door: 'cli', requestId: null, ...overrides };
}

export { type FixtureMessage, type FixtureResult, insertTestEmail, insertTestMailbox } from '../email/testing/factories.js';
export { type Dovecot, dovecotAvailable, dovecotSkipReason, startDovecot } from '../email/testing/dovecot.js';
export { buildMessage, type TestMessage } from '../email/testing/messages.js';
export { generateContactsCsv, type GeneratedContactsCsv } from '../imports/fixtures/generate.js';
