import type { Random } from './random.js';
import { CREDENTIALS, TITLES } from './words.js';

/** How sources garble what they copy: the variants the identity normalizers must see through. */

export const asciiStrip = (text: string) =>
  text
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
export const transliterated = (text: string) =>
  asciiStrip(text.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ü/g, 'Ue').replace(/Ö/g, 'Oe').replace(/Ä/g, 'Ae').replace(/å/g, 'aa').replace(/Å/g, 'Aa').replace(/ß/g, 'ss'));
/** UTF-8 bytes read as Latin-1: "Müller" → "MÃ¼ller". */
export const mojibake = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
const slug = (text: string) => asciiStrip(text).toLowerCase().replace(/[^a-z0-9]+/g, '');

export interface PersonTruth {
  given: readonly string[];
  last: string;
  maiden: string | null;
  middle: string | null;
  suffix: string | null;
}

/** A name as one source writes it: `{ name }` or `{ firstName, lastName }`. */
export function personNameVariant(random: Random, person: PersonTruth, surname: string): { name?: string; firstName?: string; lastName?: string } {
  let first = person.given[0] ?? '';
  if (person.given.length > 1 && random.chance(0.3)) first = random.pick(person.given.slice(1));
  let last = surname;
  const accentRoll = random.next();
  if (/[^\x20-\x7e]/.test(first + last)) {
    if (accentRoll < 0.2) [first, last] = [transliterated(first), transliterated(last)];
    else if (accentRoll < 0.35) [first, last] = [asciiStrip(first), asciiStrip(last)];
    else if (accentRoll < 0.5) [first, last] = [mojibake(first), mojibake(last)];
  }
  const middle = person.middle && random.chance(0.4) ? (random.chance(0.5) ? `${person.middle[0]}.` : person.middle) : null;
  const caseRoll = random.next();
  if (caseRoll < 0.08) last = last.toUpperCase();
  else if (caseRoll < 0.12) [first, last] = [first.toLowerCase(), last.toLowerCase()];
  // Sr/Jr are always written: without them the two are indistinguishable by name, to a matcher or a person.
  const suffix = person.suffix;
  if (random.chance(0.35)) return { firstName: middle ? `${first} ${middle}` : first, lastName: suffix ? `${last} ${suffix}` : last };
  const style = random.weighted([5, 2, 1, 1, 1]);
  const given = middle ? `${first} ${middle}` : first;
  switch (style) {
    case 1:
      return { name: `${last}, ${given}${suffix ? ` ${suffix}` : ''}` };
    case 2:
      return { name: `${random.pick(TITLES)} ${given} ${last}${suffix ? ` ${suffix}` : ''}` };
    case 3:
      return { name: `${given} ${last}${suffix ? `, ${suffix}` : ''}, ${random.pick(CREDENTIALS)}` };
    case 4:
      if (person.maiden && person.maiden !== surname) return { name: `${given} ${last} (née ${person.maiden})` };
      return { name: `${given} ${last}${suffix ? ` ${suffix}` : ''}` };
    default:
      return { name: `${given} ${last}${suffix ? ` ${suffix}` : ''}` };
  }
}

/** An email address as written: case, display name, mailto:, Gmail dots / +tags / googlemail. */
export function emailVariant(random: Random, address: string, displayName: string | null): string {
  let [local = '', domain = ''] = address.split('@');
  if (domain === 'gmail.com') {
    const roll = random.next();
    if (roll < 0.15) domain = 'googlemail.com';
    if (random.chance(0.15)) local = `${local.replaceAll('.', '')}`;
    if (random.chance(0.1)) local = `${local}+${random.pick(['news', 'deals', 'lp', 'crm'])}`;
  } else if (['outlook.com', 'icloud.com', 'proton.me'].includes(domain) && random.chance(0.1)) local = `${local}+inbox`;
  let text = `${local}@${domain}`;
  if (random.chance(0.15)) text = text.replace(/^./, (c) => c.toUpperCase()).replace(/\.(.)/, (_m, c: string) => `.${c.toUpperCase()}`);
  if (random.chance(0.05)) text = text.toUpperCase();
  const roll = random.next();
  if (displayName && roll < 0.2) return `"${displayName}" <${text}>`;
  if (roll < 0.27) return `mailto:${text}`;
  if (roll < 0.32) return ` ${text}. `;
  return text;
}

/** A phone number (E.164 in) as a source writes it. */
export function phoneVariant(random: Random, e164: string, extension: string | null, label: string | null): string {
  let text: string;
  if (e164.startsWith('+1')) {
    const d = e164.slice(2);
    const style = random.int(0, 4);
    text = [`+1 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`, `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`, `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`, `+1-${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`, e164][style] ?? e164;
  } else {
    const style = random.int(0, 2);
    const code = e164.slice(1, 3);
    const rest = e164.slice(3);
    text = [`+${code} ${rest.slice(0, 2)} ${rest.slice(2)}`, `00${code} ${rest}`, e164][style] ?? e164;
  }
  if (extension) text = `${text}${random.pick([' x', ' ext. ', ' #', ' ext '])}${extension}`;
  if (label) text = random.chance(0.5) ? `${label}: ${text}` : `${text} (${label.toLowerCase()})`;
  return text;
}

export function websiteVariant(random: Random, domain: string): string {
  return random.pick([domain, `www.${domain}`, `https://www.${domain}/`, `http://${domain}`, `https://${domain}/about-us`, `WWW.${domain.toUpperCase()}`]);
}

export { slug };
