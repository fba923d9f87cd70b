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

export interface PasswordCheck {
  ok: boolean;
  /** True when the stored hash is a legacy format and should be replaced with argon2id. */
  needsRehash: boolean;
}

/** Verifies argon2id hashes and the legacy tool's bcrypt hashes (rehashed on the next login). */
export async function checkPassword(stored: string, password: string): Promise<PasswordCheck> {
  if (isBcrypt(stored)) return { ok: await (await bcrypt()).compare(password, stored), needsRehash: true };
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
