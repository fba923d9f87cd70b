import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { translateDatabaseError } from './db-errors.js';
import { Conflict, Invalid } from './errors.js';
import { newId } from './ids.js';
import { write } from './write.js';

describe('database errors in user terms', () => {
  it('names the clash without naming the constraint, for both drivers', () => {
    const sqlite = translateDatabaseError(Object.assign(new Error('UNIQUE constraint failed: tags.name_normalized'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }));
    expect(sqlite).toBeInstanceOf(Conflict);
    expect(sqlite?.message).toBe('A tag with that name already exists');
    const postgres = translateDatabaseError(
      Object.assign(new Error('duplicate key value violates unique constraint "users_username_normalized_key"'), { code: '23505', table: 'users' }),
    );
    expect(postgres?.message).toBe('That username is taken');
    expect(postgres?.details).toEqual({ issues: [{ path: ['username'], message: 'already exists' }] });
    const unknownTable = translateDatabaseError(Object.assign(new Error('duplicate key'), { code: '23505', table: 'constructor' }));
    expect(unknownTable?.message).toMatch(/already exists/);
    expect(unknownTable?.message).not.toMatch(/constraint|duplicate key/);
  });

  it('reads foreign-key failures by direction on PostgreSQL and leaves genuine failures alone', () => {
    expect(
      translateDatabaseError(Object.assign(new Error('insert or update on table "tasks" violates foreign key constraint "x"'), { code: '23503' })),
    ).toBeInstanceOf(Invalid);
    expect(
      translateDatabaseError(Object.assign(new Error('update or delete on table "users" violates foreign key constraint "x"'), { code: '23503' })),
    ).toBeInstanceOf(Conflict);
    expect(translateDatabaseError(Object.assign(new Error('FOREIGN KEY constraint failed'), { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }))).toBeInstanceOf(
      Conflict,
    );
    expect(translateDatabaseError(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' }))).toBeNull();
    expect(translateDatabaseError(new Error('plain'))).toBeNull();
  });
});

describe.each(testDialects())('write() turns a unique-index clash into a Conflict on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await openTestCore(dialect);
  });
  afterAll(() => core.dispose());

  it('rolls back and answers Conflict when an insert hits a unique index the command did not pre-check', async () => {
    const row = (name: string) => ({
      id: newId(),
      name,
      nameNormalized: 'clash',
      color: '#000000',
      createdAt: 'x',
      updatedAt: 'x',
      createdBy: null,
      updatedBy: null,
      deletedAt: null,
      deletedBy: null,
      version: 1,
    });
    await write(core, testActor(), async (scope) => {
      await scope.tx.insertInto('tags').values(row('Clash')).execute();
    });
    const attempt = write(core, testActor(), async (scope) => {
      await scope.log({ action: 'create', entityType: 'tag', entityId: null, diff: null });
      await scope.tx.insertInto('tags').values(row('CLASH')).execute();
    });
    await expect(attempt).rejects.toBeInstanceOf(Conflict);
    await expect(attempt).rejects.toThrow('A tag with that name already exists');
    expect(await core.db.selectFrom('tags').select('name').where('nameNormalized', '=', 'clash').execute()).toEqual([{ name: 'Clash' }]);
    expect(await core.db.selectFrom('activityLog').select('id').where('entityType', '=', 'tag').execute()).toEqual([]);
  });
});
