import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkPassword } from './passwords.js';

const derive = (password: string, salt: string, iterations: number) => pbkdf2Sync(password, salt, iterations, 32, 'sha256');

describe('legacy PBKDF2-SHA256 password hashes', () => {
  it('verifies the Django encoding pbkdf2_sha256$<iterations>$<salt>$<base64> and asks for a rehash', async () => {
    const stored = `pbkdf2_sha256$1200$Lp7salt$${derive('correct horse', 'Lp7salt', 1200).toString('base64')}`;
    expect(await checkPassword(stored, 'correct horse')).toEqual({ ok: true, needsRehash: true });
    expect(await checkPassword(stored, 'correct horsE')).toEqual({ ok: false, needsRehash: true });
  });

  it('verifies the Werkzeug encoding pbkdf2:sha256:<iterations>$<salt>$<hex> and asks for a rehash', async () => {
    const stored = `pbkdf2:sha256:900$wzSalt$${derive('battery staple', 'wzSalt', 900).toString('hex')}`;
    expect(await checkPassword(stored, 'battery staple')).toEqual({ ok: true, needsRehash: true });
    expect(await checkPassword(stored, 'battery stapler')).toEqual({ ok: false, needsRehash: true });
  });

  it('refuses malformed PBKDF2 strings instead of guessing', async () => {
    expect((await checkPassword('pbkdf2_sha256$0$salt$AAAA', 'x')).ok).toBe(false);
    expect((await checkPassword('pbkdf2_sha256$abc$salt$AAAA', 'x')).ok).toBe(false);
    expect((await checkPassword('pbkdf2:sha1:1000$salt$00', 'x')).ok).toBe(false);
  });
});
