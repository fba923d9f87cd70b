import { z } from 'zod';

/**
 * Outgoing email (the daily digest). Off unless an SMTP server is named, by URL or by host; then a
 * sender address is required. Read by config.ts with the rest of the environment.
 */
export const MAIL_ENV = {
  /** `smtp://user:pass@host:587` (STARTTLS when the server offers it) or `smtps://…:465` (TLS from the start). */
  LPDESK_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]/, { message: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  LPDESK_SMTP_HOST: z.string().min(1).optional(),
  LPDESK_SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** `true`: TLS from the first byte (port 465); otherwise STARTTLS when offered. */
  LPDESK_SMTP_SECURE: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  LPDESK_SMTP_USER: z.string().min(1).optional(),
  LPDESK_SMTP_PASS: z.string().min(1).optional(),
  /** The From of every email LP Desk sends, e.g. `LP Desk <lpdesk@fund.example.com>`. */
  LPDESK_SMTP_FROM: z.string().min(3).optional(),
  /** Hour of the day (0–23, the team's time zone) from which the daily digest goes out. */
  LPDESK_DIGEST_HOUR: z.coerce.number({ error: 'must be a whole hour 0-23' }).int({ error: 'must be a whole hour 0-23' }).min(0).max(23).default(7),
  /** Where users open LP Desk, for the link in emails (e.g. https://crm.fund.example.com). */
  LPDESK_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
};

const MailEnvSchema = z.object(MAIL_ENV);
type MailEnv = z.output<typeof MailEnvSchema>;

/** How to reach the SMTP server: a URL, or nodemailer's host options. */
export type SmtpTarget = { url: string } | { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } };

export interface MailSettings {
  smtp: SmtpTarget;
  from: string;
  digestHour: number;
  publicUrl: string | undefined;
}

/** The mail settings, or null when no SMTP server is configured; a list of problems when they do not add up. */
export function mailSettingsFrom(values: MailEnv): { mail: MailSettings | null } | { problems: string[] } {
  const problems: string[] = [];
  const hostOptions = ['LPDESK_SMTP_HOST', 'LPDESK_SMTP_PORT', 'LPDESK_SMTP_SECURE', 'LPDESK_SMTP_USER', 'LPDESK_SMTP_PASS'] as const;
  const setHostOptions = hostOptions.filter((key) => values[key] !== undefined);
  if (!values.LPDESK_SMTP_URL && !values.LPDESK_SMTP_HOST) {
    if (setHostOptions.length > 0 || values.LPDESK_SMTP_FROM)
      problems.push(`LPDESK_SMTP_HOST: required with ${[...setHostOptions, ...(values.LPDESK_SMTP_FROM ? ['LPDESK_SMTP_FROM'] : [])].join(', ')}`);
    return problems.length > 0 ? { problems } : { mail: null };
  }
  if (values.LPDESK_SMTP_URL && setHostOptions.length > 0) problems.push(`LPDESK_SMTP_URL: set either the URL or ${setHostOptions.join(', ')}, not both`);
  if (!values.LPDESK_SMTP_FROM) problems.push('LPDESK_SMTP_FROM: required when SMTP is configured (the sender address of the digest)');
  if (Boolean(values.LPDESK_SMTP_USER) !== Boolean(values.LPDESK_SMTP_PASS)) problems.push('LPDESK_SMTP_USER: user and password go together');
  if (problems.length > 0) return { problems };
  const secure = values.LPDESK_SMTP_SECURE === 'true';
  const smtp: SmtpTarget = values.LPDESK_SMTP_URL
    ? { url: values.LPDESK_SMTP_URL }
    : {
        host: values.LPDESK_SMTP_HOST as string,
        port: values.LPDESK_SMTP_PORT ?? (secure ? 465 : 587),
        secure,
        ...(values.LPDESK_SMTP_USER && values.LPDESK_SMTP_PASS ? { auth: { user: values.LPDESK_SMTP_USER, pass: values.LPDESK_SMTP_PASS } } : {}),
      };
  return { mail: { smtp, from: values.LPDESK_SMTP_FROM as string, digestHour: values.LPDESK_DIGEST_HOUR, publicUrl: values.LPDESK_PUBLIC_URL } };
}
