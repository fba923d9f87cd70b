import { createHash } from 'node:crypto';
import { type AddressObject, type EmailAddress, simpleParser } from 'mailparser';
import addressparser from 'nodemailer/lib/addressparser/index.js';
import { parseEmail, registrableDomain } from '../../identity/normalize/index.js';

// Header blocks → the fields the pipeline stores. Every provider hands the same raw RFC 5322 header block,
// so one parser decides Message-IDs, dates and addresses for IMAP, Gmail and mbox alike.

export interface MailAddress {
  name: string | null;
  address: string;
}

/** An address a message names, in identity's forms: what is stored and what matching compares. */
export interface NamedAddress {
  role: 'from' | 'to' | 'cc' | 'bcc';
  address: string;
  matchKey: string;
  /** The address's registrable domain (`mail.acme.com` → `acme.com`). */
  domain: string;
}

export interface ParsedHeaders {
  /** Angle brackets removed; `sha256(headers)@lpdesk.invalid` when the message has none. */
  messageId: string;
  subject: string | null;
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  /** Only a sender's own copy (a Sent folder) carries Bcc. */
  bcc: MailAddress[];
  sentAt: string;
  inReplyTo: string | null;
  /** References and In-Reply-To together, without duplicates or the message itself. */
  refs: string[];
  addresses: NamedAddress[];
}

const MESSAGE_ID = /<([^<>\s]+)>/g;

/** Message-IDs in a header value, brackets removed; a bare id without brackets counts too. */
export function messageIdsIn(value: string | string[] | undefined | null): string[] {
  if (!value) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  const ids = [...text.matchAll(MESSAGE_ID)].map((match) => match[1] as string);
  if (ids.length > 0) return ids;
  return text
    .split(/[\s,]+/)
    .map((part) => part.replace(/^<|>$/g, '').trim())
    .filter((part) => part.includes('@'));
}

function flatten(value: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  if (!value) return [];
  const objects = Array.isArray(value) ? value : [value];
  const out: EmailAddress[] = [];
  const walk = (items: EmailAddress[]) => {
    for (const item of items) {
      if (item.group) walk(item.group);
      else out.push(item);
    }
  };
  for (const object of objects) walk(object.value);
  return out;
}

function toAddresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const out: MailAddress[] = [];
  for (const item of flatten(value)) {
    const address = item.address?.trim();
    if (!address) continue;
    out.push({ name: item.name?.trim() || null, address });
  }
  return out;
}

function named(role: NamedAddress['role'], addresses: readonly MailAddress[]): NamedAddress[] {
  const out: NamedAddress[] = [];
  for (const { address } of addresses) {
    const parsed = parseEmail(address);
    if (!parsed) continue;
    out.push({ role, address: parsed.address, matchKey: parsed.matchKey, domain: registrableDomain(parsed.domain) ?? parsed.domain });
  }
  return out;
}

function validIso(date: Date | undefined | null): string | null {
  if (!date || Number.isNaN(date.getTime())) return null;
  return date.toISOString();
}

interface HeaderFields {
  messageId: string | undefined;
  subject: string | undefined;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  /** The Date header as written (mailparser would turn a bad one into the machine's now). */
  date: string | undefined;
  inReplyTo: string | undefined;
  references: string | undefined;
}

const PLAIN_ASCII = /^[\t\n\r\x20-\x7e]*$/;

/** Unfolded `name: value` pairs, names lower-cased, repeated fields joined (To and Cc may repeat). */
function headerFields(text: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const line of text.split(/\r?\n(?![ \t])/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line
      .slice(colon + 1)
      .replace(/\r?\n[ \t]/g, ' ')
      .trim();
    fields.set(name, [...(fields.get(name) ?? []), value]);
  }
  return fields;
}

function plainAddresses(values: string[] | undefined): MailAddress[] {
  if (!values) return [];
  const out: MailAddress[] = [];
  for (const item of addressparser(values.join(', '), { flatten: true })) {
    const address = item.address?.trim();
    if (address) out.push({ name: item.name?.trim() || null, address });
  }
  return out;
}

/**
 * Plain ASCII headers (most machine-written and much human mail) are read directly with mailparser's own
 * address parser: the streaming simpleParser costs more than the rest of the pipeline per message. Anything
 * with encoded words or 8-bit bytes goes through simpleParser for its charset handling.
 */
async function readFields(headers: Buffer, text: string): Promise<HeaderFields> {
  if (PLAIN_ASCII.test(text) && !text.includes('=?')) {
    const fields = headerFields(text);
    const first = (name: string) => fields.get(name)?.[0];
    return {
      messageId: first('message-id'),
      subject: first('subject'),
      from: plainAddresses(fields.get('from')),
      to: plainAddresses(fields.get('to')),
      cc: plainAddresses(fields.get('cc')),
      bcc: plainAddresses(fields.get('bcc')),
      date: first('date'),
      inReplyTo: first('in-reply-to'),
      references: fields.get('references')?.join(' '),
    };
  }
  const block = text.endsWith('\r\n\r\n') || text.endsWith('\n\n') ? headers : Buffer.concat([headers, Buffer.from('\r\n\r\n')]);
  const parsed = await simpleParser(block, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const dateLine = parsed.headerLines.find((line) => line.key === 'date')?.line;
  return {
    messageId: parsed.messageId,
    subject: parsed.subject,
    from: toAddresses(parsed.from),
    to: toAddresses(parsed.to),
    cc: toAddresses(parsed.cc),
    bcc: toAddresses(parsed.bcc),
    date: dateLine ? dateLine.slice(dateLine.indexOf(':') + 1).trim() : undefined,
    inReplyTo: parsed.inReplyTo,
    references: Array.isArray(parsed.references) ? parsed.references.join(' ') : parsed.references,
  };
}

/**
 * Parse one header block. Throws when there is nothing that looks like a header (the caller counts an
 * error and goes on); a missing or unreadable Date falls back to the server's received time, then to `now`.
 */
export async function parseHeaders(headers: Buffer, fallback: { receivedAt?: string | null | undefined; now: string }): Promise<ParsedHeaders> {
  const text = headers.toString('latin1');
  if (!/^[!-9;-~]+:/m.test(text)) throw new Error('no header fields');
  const fields = await readFields(headers, text);
  const from = fields.from[0] ?? null;
  const { to, cc, bcc } = fields;
  if (!from && to.length === 0 && !fields.messageId && !fields.subject) throw new Error('no From, To, Message-ID or Subject');
  const messageId = messageIdsIn(fields.messageId)[0] ?? `${createHash('sha256').update(headers).digest('hex')}@lpdesk.invalid`;
  const inReplyTo = messageIdsIn(fields.inReplyTo)[0] ?? null;
  const refs = [...new Set([...messageIdsIn(fields.references), ...(inReplyTo ? [inReplyTo] : [])])].filter((id) => id !== messageId);
  const receivedAt = fallback.receivedAt ? validIso(new Date(fallback.receivedAt)) : null;
  const sentAt = (fields.date ? validIso(new Date(fields.date)) : null) ?? receivedAt ?? fallback.now;
  const addresses = [...named('from', from ? [from] : []), ...named('to', to), ...named('cc', cc), ...named('bcc', bcc)];
  // One row per role and address (the table's key): a message naming someone twice in To counts once.
  const seen = new Set<string>();
  const unique = addresses.filter((a) => {
    const key = `${a.role}\u0000${a.address}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { messageId, subject: fields.subject?.trim() || null, from, to, cc, bcc, sentAt, inReplyTo, refs, addresses: unique };
}
