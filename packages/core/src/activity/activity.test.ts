import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { NameRequests } from './names.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';

describe.each(testDialects())('activity log names on %s', (dialect) => {
  let core: TestCore;
  const casey = testActor({ name: 'Casey' });
  const ctx = () => ({ core, actor: casey });
  beforeAll(async () => {
    core = await openTestCore(dialect);
  });
  afterAll(() => core.dispose());

  const user = async (username: string, fullName: string) =>
    (await invoke(operations.access.createUser, ctx(), { username, fullName, password: 'correct horse battery', role: 'member' })).id;
  const entriesOf = async (entityId: string) => (await invoke(operations.reports.activity, ctx(), { entityId, limit: 50, offset: 0 })).data;

  it('says who changed what of which record, naming referenced users, organizations and tags', async () => {
    const jane = await user('jane-activity', 'Jane Doe');
    const sam = await user('sam-activity', 'Sam Park');
    const tag = (await invoke(operations.tags.create, ctx(), { name: 'Warm lead' })).id;
    const firm = (await invoke(operations.organizations.create, ctx(), { name: 'Acme Activity Capital', ownerId: jane })).id;
    await invoke(operations.organizations.update, ctx(), { id: firm, changes: { ownerId: sam } });
    await invoke(operations.organizations.update, ctx(), { id: firm, changes: { tagIds: [tag] } });
    const person = (await invoke(operations.contacts.create, ctx(), { firstName: 'Nadia', lastName: 'Ferro', organizationId: firm })).id;
    await invoke(operations.organizations.delete, ctx(), { id: firm });

    const [trashed, tagged, owner, created] = await entriesOf(firm);
    expect(created?.summary).toBe('Casey created organization Acme Activity Capital');
    expect(owner?.summary).toBe('Casey changed Owner of Acme Activity Capital from Jane Doe to Sam Park');
    expect(owner?.changes).toEqual([{ field: 'ownerId', label: 'Owner', before: 'Jane Doe', after: 'Sam Park' }]);
    expect(tagged?.summary).toBe('Casey set Tags of Acme Activity Capital to Warm lead');
    // A trashed record is still named.
    expect(trashed).toMatchObject({ entityName: 'Acme Activity Capital', summary: 'Casey moved organization Acme Activity Capital to the trash' });
    const [contactCreated] = await entriesOf(person);
    expect(contactCreated?.entityName).toBe('Nadia Ferro');
    expect(JSON.stringify(contactCreated?.changes)).toContain('Acme Activity Capital');
    expect(JSON.stringify(contactCreated?.changes)).not.toContain(firm);
  });

  it('names a page of entries with one query per record type, not one per row', async () => {
    const owner = await user('olive-activity', 'Olive Grant');
    const names = new NameRequests();
    for (let i = 0; i < 12; i++) {
      const firm = await invoke(operations.organizations.create, ctx(), { name: `Bulk Named ${i}`, ownerId: owner });
      names.add('organization', firm.id);
      names.addReferencesIn({ after: { ownerId: owner, organizationId: firm.id } });
    }
    let selects = 0;
    const counting = new Proxy(core.db, {
      get(target, property, receiver) {
        if (property === 'selectFrom') selects++;
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const resolved = await names.resolve(counting);
    expect(selects).toBe(2);
    expect(resolved.get(`user:${owner}`)).toBe('Olive Grant');
    const page = await invoke(operations.reports.activity, ctx(), { entityType: 'organization', limit: 12, offset: 0 });
    expect(page.data.map((entry) => entry.entityName)).toEqual(Array.from({ length: 12 }, (_, i) => `Bulk Named ${11 - i}`));
  });
});
