import { isFreeMail, isRoleMailbox } from './domains.js';

/**
 * Email addresses as people write them: `"Doe, Jane" <Jane.Doe@X.com>`, `mailto:jane@x.com`, trailing dots.
 * `address` is what we store (dots kept); `matchKey` is only for comparing (provider rules applied).
 */
export interface ParsedEmail {
  address: string;
  matchKey: string;
  local: string;
  domain: string;
  displayName: string | null;
  freeMail: boolean;
  roleMailbox: boolean;
}

/** Providers whose mailboxes ignore a `+tag` suffix. */
const PLUS_ADDRESSING: ReadonlySet<string> = new Set([
  'gmail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'live.com', 'msn.com', 'fastmail.com', 'fastmail.fm',
  'protonmail.com', 'protonmail.ch', 'proton.me', 'pm.me', 'icloud.com', 'me.com', 'mac.com', 'yahoo.com', 'zoho.com',
  'hey.com', 'posteo.de', 'mailbox.org', 'tutanota.com',
]);
/** Providers whose mailboxes ignore dots in the local part. */
const DOTS_IGNORED: ReadonlySet<string> = new Set(['gmail.com']);
const DOMAIN_ALIASES: Readonly<Record<string, string>> = { 'googlemail.com': 'gmail.com' };

const ANGLE = /^(.*?)<([^<>]*)>\s*$/s;
const MAILTO = /^mailto:/i;
const EDGE_JUNK = /^[\s"'<(]+|[\s"'>);,.]+$/g;
const QUOTES = /^["'\s]+|["'\s]+$/g;
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const DOMAIN_PART = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

export function parseEmail(raw: string | null | undefined): ParsedEmail | null {
  if (!raw) return null;
  let text = raw.trim();
  let displayName: string | null = null;
  const angle = ANGLE.exec(text);
  if (angle) {
    displayName = (angle[1] ?? '').replace(QUOTES, '').trim() || null;
    text = angle[2] ?? '';
  }
  text = text.trim().replace(MAILTO, '');
  const query = text.indexOf('?');
  if (query >= 0) text = text.slice(0, query);
  text = text.replace(EDGE_JUNK, '').toLowerCase();
  const at = text.lastIndexOf('@');
  if (at <= 0) return null;
  const local = text.slice(0, at);
  const domain = text.slice(at + 1).replace(/\.+$/, '');
  if (!LOCAL_PART.test(local) || !DOMAIN_PART.test(domain)) return null;
  const address = `${local}@${domain}`;
  const matchDomain = DOMAIN_ALIASES[domain] ?? domain;
  let matchLocal = local;
  if (PLUS_ADDRESSING.has(matchDomain)) matchLocal = matchLocal.split('+')[0] || matchLocal;
  if (DOTS_IGNORED.has(matchDomain)) matchLocal = matchLocal.replaceAll('.', '');
  return {
    address,
    matchKey: `${matchLocal}@${matchDomain}`,
    local,
    domain,
    displayName,
    freeMail: isFreeMail(matchDomain),
    roleMailbox: isRoleMailbox(local),
  };
}
