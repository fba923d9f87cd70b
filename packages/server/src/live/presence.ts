import type { LivePresenceUser } from '@lpdesk/contracts';

/** Distinct enough on white and dark backgrounds; a user keeps theirs on every screen and every process. */
export const PRESENCE_PALETTE = [
  '#e03131',
  '#1971c2',
  '#2f9e44',
  '#f08c00',
  '#9c36b5',
  '#0c8599',
  '#c2255c',
  '#5c940d',
  '#e8590c',
  '#3b5bdb',
  '#099268',
  '#862e9c',
];

/** FNV-1a over the user id: the same colour for the same user in every process, without storing it. */
export function colorFor(userId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return PRESENCE_PALETTE[hash % PRESENCE_PALETTE.length] as string;
}

/**
 * One entry per user and screen: two tabs on the same screen are one person there. The entry with a
 * selected cell wins over one without, so a second idle tab does not hide where someone is working.
 */
export function mergePresence(entries: Iterable<LivePresenceUser>): LivePresenceUser[] {
  const byKey = new Map<string, LivePresenceUser>();
  for (const entry of entries) {
    const key = `${entry.userId}\u0000${entry.screen ?? ''}`;
    const known = byKey.get(key);
    if (!known || (known.cell === null && entry.cell !== null)) byKey.set(key, entry);
  }
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId) || (a.screen ?? '').localeCompare(b.screen ?? ''));
}
