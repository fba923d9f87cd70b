import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as core from '../index.js';
import { operations } from '../operations.js';
import { openTestCore, testDialects, type TestCore } from '../testing/index.js';
import { systemActor } from './actor.js';
import { Invalid } from './errors.js';
import { newId } from './ids.js';
import { invoke } from './operations.js';

describe('what the core lets doors call', () => {
  it('exports no function that changes users, keys, sessions or data without an operation around it', () => {
    expect(Object.keys(core.access).sort()).toEqual(['accessOperations', 'countUsers', 'login', 'presentUser', 'resolveApiKey', 'resolveSession', 'userActor']);
    for (const unchecked of ['write', 'seedDemo', 'purgeTrash', 'createUser', 'updateUser', 'setupFirstAdmin']) expect(core).not.toHaveProperty(unchecked);
    expect(Object.keys(operations.access)).toEqual(
      expect.arrayContaining(['setup', 'login', 'logout', 'createUser', 'updateUser', 'resetPassword', 'getUserByUsername']),
    );
    expect(operations.trash.purge).toMatchObject({ permission: 'trash.purge', doors: ['cli'] });
    expect(operations.seed.demo).toMatchObject({ permission: 'demo.seed', doors: ['cli'] });
  });
});

describe.each(testDialects())('operations as doors call them, on %s', (dialect) => {
  let testCore: TestCore;
  beforeAll(async () => {
    testCore = await openTestCore(dialect);
  });
  afterAll(() => testCore.dispose());

  it('refuses NUL characters in raw input (CLI, MCP) before anything runs', async () => {
    const ctx = { core: testCore, actor: systemActor('cli') };
    const attempt = invoke(operations.organizations.create, ctx, { name: 'Nul\u0000 Capital' });
    await expect(attempt).rejects.toBeInstanceOf(Invalid);
    await expect(attempt).rejects.toThrow('name: must not contain NUL');
    await expect(invoke(operations.contacts.list, ctx, { q: '\u0000' })).rejects.toThrow(/q: must not contain NUL/);
    expect(await testCore.db.selectFrom('organizations').select('id').execute()).toEqual([]);
  });

  it('reads custom field values by own keys only: a required field keyed like a prototype property is not "present" by inheritance', async () => {
    // Such keys are refused at the edge now; an older database might still hold one.
    const now = testCore.clock.now().toISOString();
    await testCore.db
      .insertInto('customFieldDefinitions')
      .values({ id: newId(), entityType: 'organization', key: 'constructor', label: 'Builder', type: 'text', optionsJson: '[]', required: 1, position: 0, createdAt: now, updatedAt: now, createdBy: null, updatedBy: null, deletedAt: null, deletedBy: null, version: 1 })
      .execute();
    const ctx = { core: testCore, actor: systemActor('cli') };
    await expect(invoke(operations.organizations.create, ctx, { name: 'Inherited LP' })).rejects.toThrow(/Builder is required/);
    await expect(invoke(operations.customFields.create, ctx, { entityType: 'contact', key: 'constructor', label: 'X', type: 'text' })).rejects.toThrow(/reserved/);
  });

  it('keeps CLI-only operations to the CLI, whoever the actor', async () => {
    const httpAdmin = { ...systemActor('http'), door: 'http' as const };
    await expect(invoke(operations.trash.purge, { core: testCore, actor: httpAdmin }, { olderThanDays: 30 })).rejects.toThrow(/only cli/);
    await expect(invoke(operations.trash.purge, { core: testCore, actor: { ...systemActor('cli'), role: 'manager' } }, { olderThanDays: 30 })).rejects.toThrow(
      /does not allow/,
    );
    await expect(invoke(operations.trash.purge, { core: testCore, actor: systemActor('cli') }, { olderThanDays: 0 })).rejects.toThrow(/at least 1/);
    await expect(invoke(operations.trash.purge, { core: testCore, actor: systemActor('cli') }, { olderThanDays: 30, dryRun: true })).resolves.toMatchObject({
      purged: expect.any(Object),
    });
  });
});
