import { memoize } from './text.js';
/**
 * Email and web domains: which are free-mail providers (never say anything about an employer), which
 * mailbox names are roles (info@, ir@: shared, never a person), and the registrable part of a host.
 */

export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'yahoo.fr',
  'yahoo.de',
  'yahoo.it',
  'yahoo.es',
  'yahoo.ca',
  'yahoo.com.au',
  'yahoo.co.jp',
  'yahoo.co.in',
  'yahoo.com.br',
  'ymail.com',
  'rocketmail.com',
  'hotmail.com',
  'hotmail.co.uk',
  'hotmail.fr',
  'hotmail.de',
  'hotmail.it',
  'hotmail.es',
  'outlook.com',
  'outlook.de',
  'outlook.fr',
  'live.com',
  'live.co.uk',
  'live.fr',
  'live.de',
  'msn.com',
  'passport.com',
  'aol.com',
  'aim.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'pm.me',
  'tutanota.com',
  'tuta.io',
  'fastmail.com',
  'fastmail.fm',
  'hey.com',
  'zoho.com',
  'zohomail.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'gmx.at',
  'gmx.ch',
  'web.de',
  't-online.de',
  'freenet.de',
  'posteo.de',
  'mailbox.org',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'sfr.fr',
  'laposte.net',
  'libero.it',
  'virgilio.it',
  'tiscali.it',
  'alice.it',
  'bluewin.ch',
  'hispeed.ch',
  'telenet.be',
  'skynet.be',
  'ziggo.nl',
  'planet.nl',
  'kpnmail.nl',
  'btinternet.com',
  'sky.com',
  'virginmedia.com',
  'talktalk.net',
  'qq.com',
  '163.com',
  '126.com',
  'sina.com',
  'sohu.com',
  'yeah.net',
  'naver.com',
  'daum.net',
  'hanmail.net',
  'yandex.ru',
  'yandex.com',
  'ya.ru',
  'mail.ru',
  'bk.ru',
  'inbox.ru',
  'list.ru',
  'rambler.ru',
  'rediffmail.com',
  'comcast.net',
  'verizon.net',
  'att.net',
  'sbcglobal.net',
  'bellsouth.net',
  'cox.net',
  'charter.net',
  'earthlink.net',
  'optonline.net',
  'shaw.ca',
  'rogers.com',
  'sympatico.ca',
  'bigpond.com',
  'optusnet.com.au',
  'xtra.co.nz',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'onet.pl',
  'interia.pl',
  'uol.com.br',
  'bol.com.br',
  'terra.com.br',
  'mail.com',
  'email.com',
  'inbox.com',
  'usa.com',
]);

/** Mailbox names (the part before @, dots/dashes/underscores ignored) that belong to a function, not a person. */
export const ROLE_MAILBOXES: ReadonlySet<string> = new Set([
  'info',
  'information',
  'ir',
  'investor',
  'investors',
  'investorrelations',
  'investor.relations',
  'admin',
  'administration',
  'office',
  'contact',
  'contactus',
  'hello',
  'hi',
  'team',
  'ops',
  'operations',
  'finance',
  'accounts',
  'accounting',
  'billing',
  'invoices',
  'legal',
  'compliance',
  'support',
  'help',
  'mail',
  'email',
  'enquiries',
  'inquiries',
  'enquiry',
  'inquiry',
  'general',
  'reception',
  'frontdesk',
  'fundraising',
  'dealflow',
  'deals',
  'capital',
  'invest',
  'investments',
  'partners',
  'sales',
  'marketing',
  'press',
  'media',
  'pr',
  'hr',
  'jobs',
  'careers',
  'recruiting',
  'noreply',
  'no-reply',
  'donotreply',
  'postmaster',
  'webmaster',
  'hostmaster',
  'secretary',
  'assistant',
  'family',
  'familyoffice',
  'fo',
  'board',
  'trustees',
  'treasury',
  'tax',
  'reporting',
  'lp',
  'lps',
  'capitalcalls',
  'notices',
  'ap',
  'ar',
  'bookings',
  'events',
  'newsletter',
]);

/** Public suffixes with two labels: the registrable domain keeps three labels under these. */
/**
 * Hosts under which every subdomain is somebody else's site (site builders, static hosting, and the reserved
 * example domains that demo and test data use): `harborview.example.com` and `summit.example.com` are two
 * organizations, not one, so these count as suffixes.
 */
const SHARED_HOSTING_SUFFIXES = [
  'example.com',
  'example.org',
  'example.net',
  'wixsite.com',
  'squarespace.com',
  'wordpress.com',
  'blogspot.com',
  'github.io',
  'netlify.app',
  'vercel.app',
  'webflow.io',
  'carrd.co',
  'herokuapp.com',
  'azurewebsites.net',
];

const TWO_LABEL_SUFFIXES: ReadonlySet<string> = new Set([
  ...SHARED_HOSTING_SUFFIXES,
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'ltd.uk',
  'plc.uk',
  'me.uk',
  'com.au',
  'net.au',
  'org.au',
  'edu.au',
  'co.nz',
  'org.nz',
  'co.jp',
  'or.jp',
  'ne.jp',
  'ac.jp',
  'com.br',
  'net.br',
  'org.br',
  'com.cn',
  'net.cn',
  'org.cn',
  'com.hk',
  'org.hk',
  'com.sg',
  'edu.sg',
  'com.tw',
  'co.kr',
  'or.kr',
  'co.in',
  'org.in',
  'co.za',
  'org.za',
  'com.mx',
  'com.ar',
  'com.co',
  'com.tr',
  'co.il',
  'org.il',
  'com.my',
  'com.ph',
  'co.id',
  'co.th',
  'com.sa',
  'com.eg',
  'com.ng',
  'co.ke',
  'com.pk',
  'com.ua',
  'co.at',
  'or.at',
]);

const MAILBOX_SEPARATORS = /[._-]/g;

export function isFreeMail(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(domain.toLowerCase());
}

/** `info`, `IR`, `investor.relations`, `investor-relations` … are roles; `jane.doe` is not. */
export function isRoleMailbox(local: string): boolean {
  const lower = local.toLowerCase().split('+')[0] ?? '';
  return ROLE_MAILBOXES.has(lower) || ROLE_MAILBOXES.has(lower.replace(MAILBOX_SEPARATORS, ''));
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//;
const HOST_END = /[/?#:]/;

/** `https://www.Example.co.uk:443/about` → `example.co.uk`; null when there is no plausible host. */
export function registrableDomain(hostOrUrl: string): string | null {
  return registrableMemo(hostOrUrl);
}

const registrableMemo = memoize(computeRegistrableDomain);

function computeRegistrableDomain(hostOrUrl: string): string | null {
  let host = hostOrUrl.trim().toLowerCase();
  if (!host) return null;
  host = host.replace(SCHEME, '');
  const at = host.lastIndexOf('@');
  if (at >= 0 && !host.slice(0, at).includes('/')) host = host.slice(at + 1);
  const end = host.search(HOST_END);
  if (end >= 0) host = host.slice(0, end);
  host = host.replace(/\.+$/, '').replace(/^www\d*\./, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) return null;
  const labels = host.split('.');
  const lastTwo = labels.slice(-2).join('.');
  const keep = TWO_LABEL_SUFFIXES.has(lastTwo) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** The registrable domain of an organization's website (`www.acme.com/about` → `acme.com`). */
export function websiteDomain(url: string | null | undefined): string | null {
  if (!url) return null;
  return registrableDomain(url);
}
