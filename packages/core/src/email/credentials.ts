import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { DomainError, Invalid } from '../kernel/errors.js';

// Mailbox credentials (IMAP passwords, OAuth refresh tokens, service account keys) sealed with AES-256-GCM.
// The key is derived by HKDF-SHA256 from the instance secret with a purpose label of its own, so nothing
// else keyed by that secret (sessions, tokens) shares this key, and the label's version lets us rotate.

const PURPOSE = 'lpdesk mailbox credentials v1';
const SALT = 'lpdesk email';
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The secret is missing: credentials can neither be sealed nor opened. A configuration problem, answered as a 4xx. */
export class CredentialsUnavailable extends Invalid {
  constructor() {
    super('Mailbox credentials need the instance secret (LPDESK_SECRET or data/secret.key); none is configured');
  }
}

/** Sealed text that does not open with this secret: tampered, or the secret changed since it was sealed. */
export class CredentialsUnreadable extends DomainError {
  constructor(options?: { cause?: unknown }) {
    super('invalid', 'cannot decrypt the mailbox credentials: was LPDESK_SECRET changed? Re-enter the password or token for this mailbox');
    if (options?.cause) this.cause = options.cause;
  }
}

const keys = new Map<string, Buffer>();

function keyFor(secret: string | undefined): Buffer {
  if (!secret) throw new CredentialsUnavailable();
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from(SALT, 'utf8'), Buffer.from(PURPOSE, 'utf8'), 32));
    keys.set(secret, key);
  }
  return key;
}

/** Seal a credentials object as `v1.<iv>.<tag>.<ciphertext>` (base64url parts). */
export function sealCredentials(secret: string | undefined, value: unknown): string {
  const key = keyFor(secret);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The version is authenticated too: a sealed text cannot be relabelled as another format.
  cipher.setAAD(Buffer.from(VERSION, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
}

/** Open what sealCredentials sealed; tampering or another secret → CredentialsUnreadable. */
export function openCredentials(secret: string | undefined, sealed: string): unknown {
  const key = keyFor(secret);
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new CredentialsUnreadable();
  const [, ivText, tagText, dataText] = parts as [string, string, string, string];
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new CredentialsUnreadable();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(VERSION, 'utf8'));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(Buffer.from(dataText, 'base64url')), decipher.final()]).toString('utf8');
    return JSON.parse(plain);
  } catch (error) {
    throw new CredentialsUnreadable({ cause: error });
  }
}
