import { z } from 'zod';

// What email_mailboxes.settings_json holds per kind (non-secret) and what credentials_enc seals. Parsed
// with zod on the way out of the database, so a hand-edited or older row fails clearly, not deep in a provider.

export const ImapSettings = z.object({
  host: z.string(),
  port: z.number(),
  secure: z.boolean(),
  username: z.string(),
  folders: z.array(z.string()).nullable(),
  allowUntrustedCertificate: z.boolean().default(false),
});
export const GmailSettings = z.object({
  userEmail: z.string(),
  labels: z.array(z.string()).nullable(),
  authMode: z.enum(['service_account', 'oauth']),
  /** Overrides for tests and proxies; absent: Google's endpoints. */
  apiBaseUrl: z.string().optional(),
  tokenUrl: z.string().optional(),
});
export const MboxSettings = z.object({ files: z.array(z.string()) });

export const ImapSecrets = z.object({ password: z.string() });
export const GmailSecrets = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('service_account'), serviceAccountKeyJson: z.string() }),
  z.object({ mode: z.literal('oauth'), clientId: z.string(), clientSecret: z.string(), refreshToken: z.string() }),
]);

export type StoredSettings =
  | { kind: 'imap'; settings: z.infer<typeof ImapSettings> }
  | { kind: 'gmail'; settings: z.infer<typeof GmailSettings> }
  | { kind: 'mbox'; settings: z.infer<typeof MboxSettings> };

export function parseSettings(kind: string, json: string): StoredSettings {
  const raw: unknown = JSON.parse(json);
  switch (kind) {
    case 'imap':
      return { kind, settings: ImapSettings.parse(raw) };
    case 'gmail':
      return { kind, settings: GmailSettings.parse(raw) };
    case 'mbox':
      return { kind, settings: MboxSettings.parse(raw) };
    default:
      throw new Error(`Unknown mailbox kind ${kind}`);
  }
}

/** The folders a mailbox syncs as configured (empty: the provider's defaults). */
export function foldersOf(stored: StoredSettings): string[] {
  if (stored.kind === 'imap') return stored.settings.folders ?? [];
  if (stored.kind === 'gmail') return stored.settings.labels ?? [];
  return stored.settings.files;
}
