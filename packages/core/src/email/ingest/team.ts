import { isFreeMail, parseEmail, registrableDomain } from '../../identity/normalize/index.js';
import type { Tx } from '../../kernel/write.js';

/** Who "we" are: the team's addresses (mailboxes and live users) and the domains they belong to. */
export interface Team {
  /** identity match keys of team addresses. */
  keys: ReadonlySet<string>;
  /** Registrable domains of team addresses, except free-mail ones: never matched to an organization. */
  domains: ReadonlySet<string>;
}

export async function loadTeam(tx: Tx): Promise<Team> {
  const [mailboxes, users] = await Promise.all([
    tx.selectFrom('emailMailboxes').select('address').where('deletedAt', 'is', null).where('address', 'is not', null).execute(),
    tx.selectFrom('users').select('email').where('deletedAt', 'is', null).where('email', 'is not', null).execute(),
  ]);
  const keys = new Set<string>();
  const domains = new Set<string>();
  for (const raw of [...mailboxes.map((m) => m.address), ...users.map((u) => u.email)]) {
    const parsed = parseEmail(raw);
    if (!parsed) continue;
    keys.add(parsed.matchKey);
    const domain = registrableDomain(parsed.domain) ?? parsed.domain;
    if (!isFreeMail(domain) && !parsed.freeMail) domains.add(domain);
  }
  return { keys, domains };
}
