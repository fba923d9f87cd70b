import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';

describe.each(testDialects())('organization create and rename rules on %s', (dialect) => {
  let core: TestCore;
  const ctx = () => ({ core, actor: testActor() });
  beforeAll(async () => {
    core = await openTestCore(dialect);
  });
  afterAll(() => core.dispose());

  it('stores a website typed without a scheme as https, and keeps an explicit http', async () => {
    const bare = await invoke(operations.organizations.create, ctx(), { name: 'Schemeless Partners', website: 'schemeless.example.com' });
    expect(bare.website).toBe('https://schemeless.example.com');
    const plain = await invoke(operations.organizations.update, ctx(), { id: bare.id, changes: { website: 'http://old.example.com/team' } });
    expect(plain.website).toBe('http://old.example.com/team');
    await expect(invoke(operations.organizations.update, ctx(), { id: bare.id, changes: { website: 'not a site' } })).rejects.toThrow(/web address/);
  });

  it('refuses a second organization of the same name with a 409 naming the first, unless told to allow it', async () => {
    const first = await invoke(operations.organizations.create, ctx(), { name: 'Twinbrook Capital' });
    const refused = invoke(operations.organizations.create, ctx(), { name: '  twinbrook   CAPITAL ' });
    await expect(refused).rejects.toMatchObject({
      code: 'conflict',
      message: 'An organization named "Twinbrook Capital" already exists',
      details: { existing: { id: first.id, name: 'Twinbrook Capital' } },
    });
    const second = await invoke(operations.organizations.create, ctx(), { name: 'Twinbrook Capital', allowDuplicateName: true });
    expect(second.id).not.toBe(first.id);

    const other = await invoke(operations.organizations.create, ctx(), { name: 'Elsewhere Holdings' });
    await expect(invoke(operations.organizations.update, ctx(), { id: other.id, changes: { name: 'Twinbrook capital' } })).rejects.toMatchObject({ code: 'conflict' });
    // Saving a record under its own name, or a trashed namesake, is no clash.
    expect((await invoke(operations.organizations.update, ctx(), { id: first.id, changes: { name: 'Twinbrook Capital' } })).name).toBe('Twinbrook Capital');
    const gone = await invoke(operations.organizations.create, ctx(), { name: 'Faded Ventures' });
    await invoke(operations.organizations.delete, ctx(), { id: gone.id });
    expect((await invoke(operations.organizations.create, ctx(), { name: 'Faded Ventures' })).name).toBe('Faded Ventures');
  });
});
