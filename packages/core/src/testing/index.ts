import { type Core, openCore } from '../core.js';
import type { Actor } from '../kernel/actor.js';
import { createTestTarget, type TestDialect } from './dialects.js';

export { createTestTarget, testDialects, type TestDialect } from './dialects.js';

export interface TestCore extends Core {
  dispose(): Promise<void>;
}

/** A migrated, empty database on the given dialect, closed and removed by dispose(). */
export async function openTestCore(dialect: TestDialect): Promise<TestCore> {
  const { target, cleanup } = await createTestTarget(dialect);
  const core = await openCore(target, { migrate: true });
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
