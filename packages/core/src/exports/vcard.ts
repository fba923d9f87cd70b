import type { Contact, PhoneLabel } from '@lpdesk/contracts';

/**
 * vCard 3.0 (RFC 2426), not 4.0: Apple Contacts and Google Contacts both import 3.0 completely,
 * while Google drops parts of 4.0 cards and Outlook reads 3.0 only. Text values are escaped as
 * RFC 6350 §3.4 asks (the same rules as 3.0): backslash, comma, semicolon and line breaks.
 */
export const VCARD_CONTENT_TYPE = 'text/vcard; charset=utf-8';

export function escapeVcardText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r\n|\r|\n/g, '\\n');
}

/** Lines longer than 75 octets continue on the next line after a space (RFC 6350 §3.2), never inside a UTF-8 character. */
export function foldVcardLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8');
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const PHONE_TYPES: Record<PhoneLabel, string> = { mobile: 'CELL', work: 'WORK', home: 'HOME', other: 'VOICE' };

/** One contact as a vCard, CRLF line endings, ending with END:VCARD and a line break. */
export function contactVcard(contact: Contact): string {
  const primary = contact.organizations.find((link) => link.isPrimary && !link.endedOn) ?? contact.organizations.find((link) => !link.endedOn);
  const title = contact.title ?? primary?.title ?? null;
  const lines = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `UID:urn:uuid:${contact.id}`,
    `N:${escapeVcardText(contact.lastName)};${escapeVcardText(contact.firstName)};;;`,
    `FN:${escapeVcardText(contact.fullName || `${contact.firstName} ${contact.lastName}`.trim())}`,
  ];
  if (primary) lines.push(`ORG:${escapeVcardText(primary.name)}`);
  if (title) lines.push(`TITLE:${escapeVcardText(title)}`);
  for (const [index, email] of contact.emails.entries()) lines.push(`EMAIL;TYPE=INTERNET${index === 0 ? ',PREF' : ''}:${escapeVcardText(email)}`);
  for (const phone of contact.phones) {
    const type = PHONE_TYPES[phone.label];
    lines.push(`TEL;TYPE=${type}${phone.isPrimary ? ',PREF' : ''}:${escapeVcardText(phone.number)}`);
  }
  // The location is free text ("Boston, MA"): it goes in the locality, where address books show a city.
  if (contact.location) lines.push(`ADR;TYPE=WORK:;;;${escapeVcardText(contact.location)};;;`);
  if (contact.linkedinUrl) lines.push(`URL:${escapeVcardText(contact.linkedinUrl)}`);
  if (contact.tags.length > 0) lines.push(`CATEGORIES:${contact.tags.map((tag) => escapeVcardText(tag.name)).join(',')}`);
  if (contact.notes) lines.push(`NOTE:${escapeVcardText(contact.notes)}`);
  lines.push(`REV:${contact.updatedAt.replace(/\.\d{3}Z$/, 'Z')}`, 'END:VCARD');
  return `${lines.map(foldVcardLine).join('\r\n')}\r\n`;
}

/** A file name from the contact's name, safe in a Content-Disposition header. */
export function vcardFilename(contact: Contact): string {
  const base = `${contact.firstName} ${contact.lastName}`
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase();
  return `${base || 'contact'}.vcf`;
}
