import type { EmailLinkEntityType, EmailMatchKind } from '@lpdesk/contracts';
import { sql } from 'kysely';
import { isFreeMail, parseEmail } from '../../identity/normalize/index.js';
import type { Tx } from '../../kernel/write.js';
import type { Team } from './team.js';

// What each message should be linked to, from its addresses, the contacts' emails and the organizations'
// domains, minus "do not capture" and thread unlinks, plus manual thread links.

export interface DesiredLink {
  entityType: EmailLinkEntityType;
  entityId: string;
  matchKind: EmailMatchKind;
  confidence: number;
  matchedOn: string | null;
}

export const EXACT_CONFIDENCE = 1;
export const DOMAIN_CONFIDENCE = 0.6;

const linkKey = (entityType: string, entityId: string) => `${entityType}:${entityId}`;

/** Domains whose provider ignores dots or +tags: contact emails there must be compared by match key. */
function providerNormalizes(domain: string): boolean {
  const probe = `a.b+c@${domain}`;
  return parseEmail(probe)?.matchKey !== probe;
}

async function contactsByKey(tx: Tx, addresses: ReadonlyMap<string, string>): Promise<Map<string, Set<string>>> {
  // addresses: stored address → match key.
  const byKey = new Map<string, Set<string>>();
  const add = (key: string, contactId: string) => {
    const set = byKey.get(key) ?? new Set<string>();
    set.add(contactId);
    byKey.set(key, set);
  };
  const exact = [...new Set([...addresses.keys(), ...addresses.values()])];
  const domains = [...new Set([...addresses.values()].map((key) => key.slice(key.lastIndexOf('@') + 1)))].filter(providerNormalizes);
  const rows: { contactId: string; email: string }[] = [];
  for (let start = 0; start < exact.length; start += 400) {
    rows.push(
      ...(await tx
        .selectFrom('contactEmails as e')
        .innerJoin('contacts as c', 'c.id', 'e.contactId')
        .select(['e.contactId', 'e.emailNormalized as email'])
        .where('c.deletedAt', 'is', null)
        .where('e.emailNormalized', 'in', exact.slice(start, start + 400))
        .execute()),
    );
  }
  // Gmail-style providers: jane.doe@gmail.com on the contact is janedoe+x@gmail.com in mail.
  for (const domain of domains) {
    const variants = domain === 'gmail.com' ? ['gmail.com', 'googlemail.com'] : [domain];
    for (const variant of variants) {
      rows.push(
        ...(await tx
          .selectFrom('contactEmails as e')
          .innerJoin('contacts as c', 'c.id', 'e.contactId')
          .select(['e.contactId', 'e.emailNormalized as email'])
          .where('c.deletedAt', 'is', null)
          .where('e.emailNormalized', 'like', `%@${variant}`)
          .execute()),
      );
    }
  }
  // Addresses of contacts merged away live on as the survivor's aliases (identity moves them on merge).
  for (let start = 0; start < exact.length; start += 400) {
    rows.push(
      ...(await tx
        .selectFrom('entityAliases as a')
        .innerJoin('contacts as c', 'c.id', 'a.entityId')
        .select(['a.entityId as contactId', 'a.value as email'])
        .where('a.entityType', '=', 'contact')
        .where('a.kind', '=', 'email')
        .where('c.deletedAt', 'is', null)
        .where(sql<string>`lower(a.value)`, 'in', exact.slice(start, start + 400))
        .execute()),
    );
  }
  for (const row of rows) {
    const parsed = parseEmail(row.email);
    if (parsed) add(parsed.matchKey, row.contactId);
  }
  return byKey;
}

async function organizationsByDomain(tx: Tx, domains: readonly string[]): Promise<Map<string, Set<string>>> {
  const byDomain = new Map<string, Set<string>>();
  for (let start = 0; start < domains.length; start += 400) {
    const rows = await tx
      .selectFrom('organizationDomains as d')
      .innerJoin('organizations as o', 'o.id', 'd.organizationId')
      .select(['d.organizationId', 'd.domain'])
      .where('o.deletedAt', 'is', null)
      .where(sql<string>`lower(d.domain)`, 'in', domains.slice(start, start + 400))
      .execute();
    for (const row of rows) {
      const domain = row.domain.toLowerCase();
      const set = byDomain.get(domain) ?? new Set<string>();
      set.add(row.organizationId);
      byDomain.set(domain, set);
    }
  }
  return byDomain;
}

async function liveIds(tx: Tx, entityType: EmailLinkEntityType, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const table = entityType === 'contact' ? 'contacts' : 'organizations';
  const rows = await tx.selectFrom(table).select('id').where('id', 'in', [...ids]).where('deletedAt', 'is', null).execute();
  return new Set(rows.map((row) => row.id));
}

export interface MessageToMatch {
  id: string;
  threadId: string;
}

/** The links each message should have now. */
export async function desiredLinks(tx: Tx, messages: readonly MessageToMatch[], team: Team): Promise<Map<string, DesiredLink[]>> {
  const result = new Map<string, DesiredLink[]>();
  if (messages.length === 0) return result;
  const ids = messages.map((m) => m.id);
  const threadIds = [...new Set(messages.map((m) => m.threadId))];
  const addressRows = await tx.selectFrom('emailMessageAddresses').select(['messageRowId', 'address', 'matchKey', 'domain']).where('messageRowId', 'in', ids).execute();
  const external = addressRows.filter((row) => !team.keys.has(row.matchKey));
  const contacts = await contactsByKey(tx, new Map(external.map((row) => [row.address, row.matchKey])));
  const matchableDomains = [...new Set(external.map((row) => row.domain))].filter((domain) => !isFreeMail(domain) && !team.domains.has(domain));
  const organizations = await organizationsByDomain(tx, matchableDomains);
  const overrides = await tx.selectFrom('emailThreadOverrides').select(['threadId', 'entityType', 'entityId', 'action']).where('threadId', 'in', threadIds).execute();

  const auto = new Map<string, Map<string, DesiredLink>>();
  for (const row of external) {
    const links = auto.get(row.messageRowId) ?? new Map<string, DesiredLink>();
    auto.set(row.messageRowId, links);
    for (const contactId of contacts.get(row.matchKey) ?? []) {
      const key = linkKey('contact', contactId);
      if (!links.has(key)) links.set(key, { entityType: 'contact', entityId: contactId, matchKind: 'exact_email', confidence: EXACT_CONFIDENCE, matchedOn: row.address });
    }
    if (isFreeMail(row.domain) || team.domains.has(row.domain)) continue;
    for (const organizationId of organizations.get(row.domain) ?? []) {
      const key = linkKey('organization', organizationId);
      if (!links.has(key)) links.set(key, { entityType: 'organization', entityId: organizationId, matchKind: 'domain', confidence: DOMAIN_CONFIDENCE, matchedOn: row.domain });
    }
  }

  // Manual links must still point at live records; blocks apply to everything, manual links included.
  const manual = overrides.filter((o) => o.action === 'link');
  const liveManual = new Set<string>();
  for (const entityType of ['contact', 'organization'] as const) {
    for (const id of await liveIds(tx, entityType, manual.filter((o) => o.entityType === entityType).map((o) => o.entityId))) liveManual.add(linkKey(entityType, id));
  }
  const candidates = new Set<string>([...[...auto.values()].flatMap((links) => [...links.keys()]), ...liveManual]);
  const blocks = new Set<string>();
  const candidateIds = [...candidates].map((key) => key.slice(key.indexOf(':') + 1));
  for (let start = 0; start < candidateIds.length; start += 400) {
    const rows = await tx.selectFrom('emailCaptureBlocks').select(['entityType', 'entityId']).where('entityId', 'in', candidateIds.slice(start, start + 400)).execute();
    for (const row of rows) blocks.add(linkKey(row.entityType, row.entityId));
  }

  for (const message of messages) {
    const links = new Map(auto.get(message.id) ?? []);
    for (const override of overrides) {
      if (override.threadId !== message.threadId) continue;
      const key = linkKey(override.entityType, override.entityId);
      if (override.action === 'unlink') links.delete(key);
    }
    for (const override of overrides) {
      if (override.threadId !== message.threadId || override.action !== 'link') continue;
      const key = linkKey(override.entityType, override.entityId);
      if (!liveManual.has(key)) continue;
      links.set(key, { entityType: override.entityType === 'contact' ? 'contact' : 'organization', entityId: override.entityId, matchKind: 'manual', confidence: EXACT_CONFIDENCE, matchedOn: null });
    }
    for (const key of blocks) links.delete(key);
    result.set(message.id, [...links.values()]);
  }
  return result;
}
