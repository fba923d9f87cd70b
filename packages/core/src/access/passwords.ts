import { pbkdf2Sync, timingSafeEqual } from 'node:crypto';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. Algorithm 2 = argon2id.
const ARGON2ID = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

// Both are loaded at the first sign-in or new password, not at start-up.
const argon2 = () => import('@node-rs/argon2');
const bcrypt = async () => (await import('bcryptjs')).default;

export async function hashPassword(password: string): Promise<string> {
  const { hash } = await argon2();
  return hash(password, ARGON2ID);
}

const isBcrypt = (stored: string) => /^\$2[aby]\$/.test(stored);

/**
 * The legacy tool's PBKDF2-SHA256 fallback, in the two documented encodings it may have written:
 * Django `pbkdf2_sha256$<iterations>$<salt>$<base64 hash>` and Werkzeug `pbkdf2:sha256:<iterations>$<salt>$<hex hash>`.
 */
function checkPbkdf2(stored: string, password: string): boolean | null {
  let iterations: number;
  let salt: string;
  let expected: Buffer;
  const django = /^pbkdf2_sha256\$(\d+)\$([^$]+)\$([A-Za-z0-9+/=]+)$/.exec(stored);
  const werkzeug = /^pbkdf2:sha256(?::(\d+))?\$([^$]+)\$([0-9a-f]+)$/i.exec(stored);
  if (django) {
    iterations = Number(django[1]);
    salt = django[2] as string;
    expected = Buffer.from(django[3] as string, 'base64');
  } else if (werkzeug) {
    // Werkzeug's default when the iteration count is omitted (its 0.x releases).
    iterations = werkzeug[1] ? Number(werkzeug[1]) : 150_000;
    salt = werkzeug[2] as string;
    expected = Buffer.from(werkzeug[3] as string, 'hex');
  } else {
    return null;
  }
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > 10_000_000 || expected.length === 0) return false;
  const actual = pbkdf2Sync(password, salt, iterations, expected.length, 'sha256');
  return timingSafeEqual(actual, expected);
}

export interface PasswordCheck {
  ok: boolean;
  /** True when the stored hash is a legacy format and should be replaced with argon2id. */
  needsRehash: boolean;
}

/** Verifies argon2id hashes and the legacy tool's bcrypt and PBKDF2-SHA256 hashes (rehashed on the next login). */
export async function checkPassword(stored: string, password: string): Promise<PasswordCheck> {
  if (isBcrypt(stored)) return { ok: await (await bcrypt()).compare(password, stored), needsRehash: true };
  const pbkdf2 = checkPbkdf2(stored, password);
  if (pbkdf2 !== null) return { ok: pbkdf2, needsRehash: true };
  if (stored.startsWith('$argon2')) {
    try {
      const { verify } = await argon2();
      return { ok: await verify(stored, password), needsRehash: !stored.startsWith('$argon2id$') };
    } catch {
      return { ok: false, needsRehash: false };
    }
  }
  return { ok: false, needsRehash: false };
}
