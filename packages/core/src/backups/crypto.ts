import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, openSync, readSync, rmSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { DomainError, Invalid } from '../kernel/errors.js';
import { PRIVATE_FILE_MODE } from '../db/file-modes.js';

// Backup payloads sealed with AES-256-GCM, streamed (a database of gigabytes never sits in memory).
// As for mailbox credentials (email/credentials.ts), the key is derived by HKDF-SHA256 from the configured
// secret with a purpose label of its own. File layout: MAGIC | iv (12) | ciphertext | tag (16); the magic
// is authenticated as additional data, so a file cannot be relabelled as another format.

const MAGIC = Buffer.from('LPDESK-BACKUP-AES256GCM-v1\n', 'utf8');
const PURPOSE = 'lpdesk backup payload v1';
const SALT = 'lpdesk backups';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The backup is encrypted and no key is configured, or the key is not the one it was made with. */
export class BackupKeyProblem extends DomainError {
  constructor(message: string) {
    super('invalid', message);
  }
}

export function backupKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from(SALT, 'utf8'), Buffer.from(PURPOSE, 'utf8'), 32));
}

/** Names a key without revealing it: the manifest says which key sealed a backup, so a wrong key is told apart from a damaged file. */
export function keyFingerprint(secret: string): string {
  return createHash('sha256').update(backupKey(secret)).update('fingerprint').digest('hex').slice(0, 16);
}

export async function encryptFile(secret: string, source: string, destination: string): Promise<void> {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', backupKey(secret), iv);
  cipher.setAAD(MAGIC);
  const output = createWriteStream(destination, { flags: 'wx', mode: PRIVATE_FILE_MODE });
  output.write(MAGIC);
  output.write(iv);
  try {
    await pipeline(createReadStream(source), cipher, output, { end: false });
    await new Promise<void>((resolve, reject) => output.end(cipher.getAuthTag(), () => resolve()).on('error', reject));
  } catch (error) {
    output.destroy();
    rmSync(destination, { force: true });
    throw error;
  }
}

/** Whether a file starts like an encrypted backup. */
export function isEncryptedFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    readSync(fd, head, 0, MAGIC.length, 0);
    return head.equals(MAGIC);
  } finally {
    closeSync(fd);
  }
}

/** Decrypts into `destination`; a wrong key or a changed byte fails the GCM tag and leaves no file behind. */
export async function decryptFile(secret: string, source: string, destination: string): Promise<void> {
  const size = statSync(source).size;
  const headerBytes = MAGIC.length + IV_BYTES;
  if (size < headerBytes + TAG_BYTES || !isEncryptedFile(source)) throw new Invalid(`${source} is not an encrypted LP Desk backup`);
  const fd = openSync(source, 'r');
  const iv = Buffer.alloc(IV_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  try {
    readSync(fd, iv, 0, IV_BYTES, MAGIC.length);
    readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    closeSync(fd);
  }
  const decipher = createDecipheriv('aes-256-gcm', backupKey(secret), iv);
  decipher.setAAD(MAGIC);
  decipher.setAuthTag(tag);
  try {
    await pipeline(
      createReadStream(source, { start: headerBytes, end: size - TAG_BYTES - 1 }),
      decipher,
      createWriteStream(destination, { flags: 'wx', mode: PRIVATE_FILE_MODE }),
    );
  } catch (error) {
    rmSync(destination, { force: true });
    throw new BackupKeyProblem(`cannot decrypt ${source}: the key is wrong or the file was changed (${(error as Error).message})`);
  }
}

/** sha256 and size of a file, streamed. */
export async function digestFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
