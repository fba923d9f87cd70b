import type { RecordFeatures } from './types.js';

/**
 * Blocking: records are only compared when they share a key. Identifier keys (email, LinkedIn, direct
 * phone, organization name, acronym, domain) are exact and small; name keys (surname form + first initial,
 * an organization's first word) can grow with common names, so a scan skips those blocks above a size
 * limit instead of comparing quadratically. Identifier blocks are never skipped.
 */
export const NAME_BLOCK_PREFIXES = ['n:', 'w:'] as const;
export const DEFAULT_MAX_NAME_BLOCK = 200;

const ORG_STOP_WORDS: ReadonlySet<string> = new Set(['and', 'of', 'the', 'university', 'capital', 'partners', 'family', 'office', 'group', 'fund', 'bank', 'investments', 'management', 'holdings', 'ventures', 'asset']);

/** Keys under which a record is filed; only records sharing a key are ever compared. */
export function blockingKeys(features: RecordFeatures): string[] {
  const keys = new Set<string>();
  for (const email of features.emails) if (!email.shared) keys.add(`e:${email.matchKey}`);
  for (const linkedin of features.linkedins) keys.add(`l:${linkedin}`);
  for (const phone of features.phones) if (!phone.shared || (features.kind === 'organization' && !phone.observedShared && phone.extension === null)) keys.add(`p:${phone.e164}`);
  if (features.kind === 'person') {
    for (const name of features.names) {
      const initials = new Set((name.firstForms ?? []).map((f) => f[0] ?? ''));
      if (name.first) initials.add(name.first[0] ?? '');
      for (const form of name.lastForms ?? []) for (const initial of initials) if (initial) keys.add(`n:${form}|${initial}`);
    }
  } else {
    for (const name of features.names) {
      keys.add(`o:${name.key}`);
      if (name.acronym && name.acronym.length >= 3) keys.add(`a:${name.acronym}`);
      const word = (name.tokens ?? name.key.split(' ')).find((t) => !ORG_STOP_WORDS.has(t) && t.length > 2);
      if (word) keys.add(`w:${word}`);
    }
    for (const domain of features.domains) keys.add(`d:${domain}`);
  }
  return [...keys];
}

const isNameBlock = (key: string) => NAME_BLOCK_PREFIXES.some((prefix) => key.startsWith(prefix));

/**
 * Every pair of records (indices into `list`, i < j) sharing a blocking key, each pair once. Name blocks
 * larger than `maxNameBlock` are skipped (counted in `skippedBlocks`).
 */
export function candidatePairs(list: readonly RecordFeatures[], options: { maxNameBlock?: number } = {}): { pairs: [number, number][]; skippedBlocks: number } {
  const maxNameBlock = options.maxNameBlock ?? DEFAULT_MAX_NAME_BLOCK;
  const blocks = new Map<string, number[]>();
  list.forEach((features, index) => {
    for (const key of blockingKeys(features)) {
      const block = blocks.get(key);
      if (block) block.push(index);
      else blocks.set(key, [index]);
    }
  });
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  let skippedBlocks = 0;
  const n = list.length;
  for (const [key, members] of blocks) {
    if (members.length < 2) continue;
    if (members.length > maxNameBlock && isNameBlock(key)) {
      skippedBlocks += 1;
      continue;
    }
    for (let x = 0; x < members.length; x += 1)
      for (let y = x + 1; y < members.length; y += 1) {
        const i = members[x] as number;
        const j = members[y] as number;
        const id = i * n + j;
        if (seen.has(id)) continue;
        seen.add(id);
        pairs.push([i, j]);
      }
  }
  return { pairs, skippedBlocks };
}
