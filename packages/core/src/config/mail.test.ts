import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const load = (env: Record<string, string>) => loadConfig({ env: { LPDESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'lpdesk-mail-')), ...env } });

describe('mail settings', () => {
  it('sends no email unless an SMTP server is named', () => {
    expect(load({}).mail).toBeNull();
  });

  it('reads a URL or host options, with the sender and digest hour', () => {
    expect(load({ LPDESK_SMTP_URL: 'smtps://u:p@mail.example.com', LPDESK_SMTP_FROM: 'LP Desk <lpdesk@fund.example.com>' }).mail).toEqual({
      smtp: { url: 'smtps://u:p@mail.example.com' },
      from: 'LP Desk <lpdesk@fund.example.com>',
      digestHour: 7,
      publicUrl: undefined,
    });
    expect(
      load({
        LPDESK_SMTP_HOST: 'mail.example.com',
        LPDESK_SMTP_USER: 'u',
        LPDESK_SMTP_PASS: 'p',
        LPDESK_SMTP_FROM: 'a@b.example',
        LPDESK_DIGEST_HOUR: '6',
        LPDESK_PUBLIC_URL: 'https://crm.example.com',
      }).mail,
    ).toEqual({
      smtp: { host: 'mail.example.com', port: 587, secure: false, auth: { user: 'u', pass: 'p' } },
      from: 'a@b.example',
      digestHour: 6,
      publicUrl: 'https://crm.example.com',
    });
    expect(load({ LPDESK_SMTP_HOST: 'mail.example.com', LPDESK_SMTP_SECURE: 'true', LPDESK_SMTP_FROM: 'a@b.example' }).mail?.smtp).toEqual({
      host: 'mail.example.com',
      port: 465,
      secure: true,
    });
  });

  it.each([
    [{ LPDESK_SMTP_HOST: 'mail.example.com' }, /LPDESK_SMTP_FROM: required/],
    [{ LPDESK_SMTP_FROM: 'a@b.example' }, /LPDESK_SMTP_HOST: required with LPDESK_SMTP_FROM/],
    [{ LPDESK_SMTP_URL: 'http://mail.example.com', LPDESK_SMTP_FROM: 'a@b.example' }, /LPDESK_SMTP_URL: must be an smtp/],
    [{ LPDESK_SMTP_URL: 'smtp://mail.example.com', LPDESK_SMTP_HOST: 'x', LPDESK_SMTP_FROM: 'a@b.example' }, /not both/],
    [{ LPDESK_SMTP_HOST: 'x', LPDESK_SMTP_USER: 'u', LPDESK_SMTP_FROM: 'a@b.example' }, /user and password go together/],
    [{ LPDESK_DIGEST_HOUR: '24' }, /LPDESK_DIGEST_HOUR/],
  ])('refuses %o', (env, message) => {
    expect(() => load(env as Record<string, string>)).toThrow(message);
  });
});
