import type { TestApi } from './harness.js';
import { createCommunication, createContact, createOrganization } from './factories.js';

const daysAgo = (api: TestApi, days: number) => new Date(api.core.clock.now().getTime() - days * 86_400_000).toISOString();

export interface RelationshipFixture {
  userId: string;
  organizationId: string;
  contactId: string;
  friendId: string;
}

/**
 * A team member who met a contact (friend) who met a person at an organization: something for every
 * relationships route to show (works-at, knows, met together, an introduction and an intro path).
 */
export async function createRelationshipFixture(api: TestApi): Promise<RelationshipFixture> {
  const user = await api.createUser(`rel${Math.random().toString(36).slice(2, 8)}`, 'member');
  const organization = await createOrganization(api);
  const contact = await createContact(api, { organizationId: organization.id });
  const friend = await createContact(api);
  await createCommunication(api, { kind: 'meeting', occurredAt: daysAgo(api, 10), contactIds: [friend.id], userIds: [user.id], subject: 'Coffee' });
  await createCommunication(api, { kind: 'call', occurredAt: daysAgo(api, 5), contactIds: [friend.id, contact.id], subject: 'Co-invest call' });
  await api.request('POST', `/api/contacts/${contact.id}/introductions`, { as: api.admin, body: { introducedById: friend.id, note: 'Old classmates' } });
  await api.core.dispatcher.drain();
  return { userId: user.id, organizationId: organization.id, contactId: contact.id, friendId: friend.id };
}
