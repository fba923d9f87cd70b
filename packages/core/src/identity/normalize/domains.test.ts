import { describe, expect, it } from 'vitest';
import { FREE_MAIL_DOMAINS, isFreeMail, isRoleMailbox, ROLE_MAILBOXES, registrableDomain, websiteDomain } from './domains.js';

describe('domains', () => {
  it('knows free-mail providers (a curated list of about 100)', () => {
    expect(FREE_MAIL_DOMAINS.size).toBeGreaterThanOrEqual(80);
    for (const domain of [
      'gmail.com',
      'yahoo.co.uk',
      'hotmail.com',
      'outlook.com',
      'aol.com',
      'icloud.com',
      'me.com',
      'proton.me',
      'gmx.de',
      'web.de',
      't-online.de',
      'orange.fr',
      'free.fr',
      'libero.it',
      'qq.com',
      '163.com',
      'yandex.ru',
      'mail.ru',
    ])
      expect(isFreeMail(domain)).toBe(true);
    expect(isFreeMail('GMAIL.COM')).toBe(true);
    expect(isFreeMail('acme.com')).toBe(false);
  });

  it('knows role mailboxes, ignoring separators and +tags', () => {
    expect(ROLE_MAILBOXES.size).toBeGreaterThan(40);
    for (const local of [
      'info',
      'IR',
      'investor.relations',
      'investor-relations',
      'investors',
      'office',
      'hello',
      'finance',
      'enquiries',
      'inquiries',
      'dealflow',
      'info+lp',
    ])
      expect(isRoleMailbox(local), local).toBe(true);
    for (const local of ['jane.doe', 'jdoe', 'irene']) expect(isRoleMailbox(local), local).toBe(false);
  });

  it('reduces hosts and URLs to their registrable domain', () => {
    expect(registrableDomain('https://www.Example.com:443/about?x=1')).toBe('example.com');
    expect(registrableDomain('WWW.EXAMPLE.COM')).toBe('example.com');
    expect(registrableDomain('mail.eu.acme-capital.com')).toBe('acme-capital.com');
    // Every subdomain of a site builder or of the reserved example domains is a different organization.
    expect(registrableDomain('https://harborview.example.com')).toBe('harborview.example.com');
    expect(registrableDomain('summit.wixsite.com/home')).toBe('summit.wixsite.com');
    expect(registrableDomain('www.acme.co.uk')).toBe('acme.co.uk');
    expect(registrableDomain('invest.acme.com.au/path')).toBe('acme.com.au');
    expect(registrableDomain('http://foo.co.jp')).toBe('foo.co.jp');
    expect(registrableDomain('not a domain')).toBeNull();
    expect(websiteDomain('acme.com/team')).toBe('acme.com');
    expect(websiteDomain(null)).toBeNull();
  });
});
