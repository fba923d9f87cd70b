import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../kernel/actor.js';
import { Conflict } from '../kernel/errors.js';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, testDialects, type TestCore } from '../testing/index.js';

const count = async (core: TestCore, table: 'organizations' | 'contacts' | 'funds' | 'tags' | 'commitments' | 'activityLog') =>
  Number(
    (
      await core.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(testDialects())('the demo seed is all or nothing on %s', (dialect) => {
  let core: TestCore;
  const ctx = () => ({ core, actor: systemActor('cli') });
  // A fresh database per test: the seed refuses to run on one that already has organizations.
  beforeEach(async () => {
    core = await openTestCore(dialect);
  });
  afterEach(() => core.dispose());

  it('leaves nothing behind when it fails midway', async () => {
    // A contact (without an organization) already owns the email of a demo person near the end of the
    // list: the seed gets past the tags, funds and most investors before it clashes.
    await invoke(operations.contacts.create, ctx(), { lastName: 'Squatter', emails: ['isabel.moreno@vantagepoint.example.com'] });
    const logBefore = await count(core, 'activityLog');
    await expect(invoke(operations.seed.demo, ctx(), {})).rejects.toBeInstanceOf(Conflict);
    expect(await count(core, 'organizations')).toBe(0);
    expect(await count(core, 'funds')).toBe(0);
    expect(await count(core, 'tags')).toBe(0);
    expect(await count(core, 'commitments')).toBe(0);
    expect(await count(core, 'contacts')).toBe(1);
    expect(await count(core, 'activityLog')).toBe(logBefore);
  });

  it('seeds through its operation from the CLI, and is refused through any other door', async () => {
    await expect(invoke(operations.seed.demo, { core, actor: { ...systemActor('http'), door: 'http' } }, {})).rejects.toThrow(
      /not available through the http door/,
    );
    expect(await count(core, 'organizations')).toBe(0);
    const summary = await invoke(operations.seed.demo, ctx(), {});
    expect(summary.organizations).toBe(12);
    await expect(invoke(operations.seed.demo, ctx(), {})).rejects.toThrow(/only runs on an empty database/);
  });
});
