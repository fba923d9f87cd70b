import {
  addDays,
  type ApiKeyCreated,
  calendarDate,
  type Commitment,
  type Communication,
  type Contact,
  type CustomFieldDefinition,
  type Fund,
  type Organization,
  type Tag,
  type Task,
} from '@lpdesk/contracts';
import type { Caller, TestApi } from './harness.js';

/**
 * Test data through the API, one record per call, with defaults a test can override. Each test
 * builds what it needs with these, so it can run alone and in any order (STYLE.md, "Tests stand
 * alone"). Names carry a counter and a prefix so they never clash with each other or a test's own.
 */

type Fields = Record<string, unknown>;

let sequence = 0;
const next = () => {
  sequence += 1;
  return sequence;
};

async function create<T>(api: TestApi, url: string, body: Fields, as: Caller = api.admin): Promise<T> {
  const response = await api.request('POST', url, { as, body });
  if (response.status !== 201) throw new Error(`POST ${url} → ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.data as T;
}

/** A calendar date `days` from the core's clock in the team's zone: tests never hard-code "the future". */
export function inDays(api: TestApi, days: number): string {
  return calendarDate(addDays(api.core.clock.now(), days), api.core.settings.timeZone);
}

export function createOrganization(api: TestApi, overrides: Fields = {}): Promise<Organization> {
  return create(api, '/api/organizations', { name: `Organization ${next()}`, ...overrides });
}

export function createContact(api: TestApi, overrides: Fields = {}): Promise<Contact> {
  return create(api, '/api/contacts', { firstName: 'Pat', lastName: `Person ${next()}`, ...overrides });
}

export function createFund(api: TestApi, overrides: Fields = {}): Promise<Fund> {
  return create(api, '/api/funds', { name: `Fund ${next()}`, ...overrides });
}

/** A commitment; the investor and the fund are made too unless given. */
export async function createCommitment(api: TestApi, overrides: Fields = {}): Promise<Commitment> {
  const organizationId = overrides.organizationId ?? (await createOrganization(api)).id;
  const fundId = overrides.fundId ?? (await createFund(api)).id;
  return create(api, '/api/commitments', { ...overrides, organizationId, fundId });
}

/** A note that happened now by the core's clock, linked to a new organization unless links are given. */
export async function createCommunication(api: TestApi, overrides: Fields = {}): Promise<Communication> {
  const linked = ['contactIds', 'organizationIds', 'commitmentIds'].some((field) => field in overrides);
  const links = linked ? {} : { organizationIds: [(await createOrganization(api)).id] };
  return create(api, '/api/communications', { kind: 'note', occurredAt: api.core.clock.now().toISOString(), ...links, ...overrides });
}

export function createTask(api: TestApi, overrides: Fields = {}): Promise<Task> {
  return create(api, '/api/tasks', { title: `Task ${next()}`, ...overrides });
}

export function createTag(api: TestApi, overrides: Fields = {}): Promise<Tag> {
  return create(api, '/api/tags', { name: `Factory tag ${next()}`, ...overrides });
}

export function createCustomField(api: TestApi, overrides: Fields = {}): Promise<CustomFieldDefinition> {
  const n = next();
  return create(api, '/api/custom-fields', { entityType: 'contact', key: `factory_field_${n}`, label: `Factory field ${n}`, type: 'text', ...overrides });
}

/** An API key; the response is the only place the key itself appears. */
export function createApiKey(api: TestApi, overrides: Fields = {}): Promise<ApiKeyCreated> {
  return create(api, '/api/api-keys', { name: `Key ${next()}`, role: 'member', ...overrides });
}

/**
 * Move a commitment through stages in order, as the pipeline board does: declining gives a reason,
 * entering committed or closed gives the committed amount (default $1M).
 */
export async function moveStages(api: TestApi, commitmentId: string, stages: string[], options: { committedAmount?: number } = {}): Promise<Commitment> {
  let moved: Commitment | undefined;
  const committedAmount = options.committedAmount ?? 100_000_000;
  for (const stage of stages) {
    const details = stage === 'declined' ? { reason: 'Not now' } : stage === 'committed' || stage === 'closed' ? { committedAmount } : {};
    const response = await api.request('POST', `/api/commitments/${commitmentId}/stage`, { as: api.admin, body: { stage, ...details } });
    if (response.status !== 200) throw new Error(`stage move to ${stage} → ${response.status}: ${JSON.stringify(response.body)}`);
    moved = response.body.data as Commitment;
  }
  if (!moved) throw new Error('moveStages needs at least one stage');
  return moved;
}
