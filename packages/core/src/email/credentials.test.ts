import { describe, expect, it } from 'vitest';
import { CredentialsUnavailable, CredentialsUnreadable, openCredentials, sealCredentials } from './credentials.js';

describe('mailbox credentials', () => {
  const secret = 'an instance secret';
  const value = { password: 'hunter2-app-password' };

  it('round-trips, with a fresh IV each time and nothing readable in the sealed text', () => {
    const a = sealCredentials(secret, value);
    const b = sealCredentials(secret, value);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('hunter2');
    expect(Buffer.from(a.split('.')[3] ?? '', 'base64url').toString('utf8')).not.toContain('hunter2');
    expect(openCredentials(secret, a)).toEqual(value);
    expect(openCredentials(secret, b)).toEqual(value);
  });

  it('refuses tampered text and another secret with a message that names the likely cause', () => {
    const sealed = sealCredentials(secret, value);
    const [v, iv, tag, data] = sealed.split('.') as [string, string, string, string];
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => openCredentials(secret, [v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow(CredentialsUnreadable);
    expect(() => openCredentials(secret, [v, iv, Buffer.alloc(16).toString('base64url'), data].join('.'))).toThrow(CredentialsUnreadable);
    expect(() => openCredentials(secret, `v2.${iv}.${tag}.${data}`)).toThrow(CredentialsUnreadable);
    expect(() => openCredentials(secret, 'garbage')).toThrow(CredentialsUnreadable);
    expect(() => openCredentials('another secret', sealed)).toThrow('cannot decrypt the mailbox credentials: was LPDESK_SECRET changed?');
  });

  it('needs a secret to seal or open', () => {
    expect(() => sealCredentials(undefined, value)).toThrow(CredentialsUnavailable);
    expect(() => sealCredentials('', value)).toThrow(CredentialsUnavailable);
    expect(() => openCredentials(undefined, 'v1.a.b.c')).toThrow(CredentialsUnavailable);
  });
});
