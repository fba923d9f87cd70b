import type { RelationshipView } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';

export type Endpoint = RelationshipView['from'];
export type EndpointType = Endpoint['type'];

/** Labels for the ends of relationships, loaded per type in a few set-based queries. */
export class EndpointLabels {
  private readonly wanted: Record<EndpointType, Set<string>> = { contact: new Set(), organization: new Set(), user: new Set() };
  private readonly labels = new Map<string, string>();

  want(type: EndpointType, id: string): void {
    this.wanted[type].add(id);
  }

  async load(db: Db): Promise<void> {
    const contacts = [...this.wanted.contact];
    const organizations = [...this.wanted.organization];
    const users = [...this.wanted.user];
    for (let i = 0; i < contacts.length; i += 500) {
      const rows = await db
        .selectFrom('contacts')
        .select(['id', 'firstName', 'lastName'])
        .where('id', 'in', contacts.slice(i, i + 500))
        .execute();
      for (const row of rows) this.labels.set(row.id, `${row.firstName} ${row.lastName}`.trim());
    }
    for (let i = 0; i < organizations.length; i += 500) {
      const rows = await db
        .selectFrom('organizations')
        .select(['id', 'name'])
        .where('id', 'in', organizations.slice(i, i + 500))
        .execute();
      for (const row of rows) this.labels.set(row.id, row.name);
    }
    for (let i = 0; i < users.length; i += 500) {
      const rows = await db
        .selectFrom('users')
        .select(['id', 'username', 'fullName'])
        .where('id', 'in', users.slice(i, i + 500))
        .execute();
      for (const row of rows) this.labels.set(row.id, row.fullName ?? row.username);
    }
  }

  endpoint(type: EndpointType, id: string): Endpoint {
    return { type, id, label: this.labels.get(id) ?? id };
  }
}

export function isEndpointType(value: string): value is EndpointType {
  return value === 'contact' || value === 'organization' || value === 'user';
}
