import { bestNamePairing } from './compare-people.js';
import { relate } from './compare-organizations.js';
import type { RecordFeatures } from './types.js';

/**
 * Values seen on records that cannot be one entity: an email used by "Tom" and "Mary" (a joint or family
 * address), a phone on people with different names or on several unrelated organizations (a main line,
 * a serviced office), a number on both a person and an organization (the firm's line). The resolver and
 * the scan pass the result as `sharedValues`, so these never merge records on their own.
 */
export function detectSharedValues(featuresList: readonly RecordFeatures[]): Set<string> {
  const byValue = new Map<string, number[]>();
  const add = (value: string, index: number) => {
    const list = byValue.get(value);
    if (!list) byValue.set(value, [index]);
    else if (list.at(-1) !== index) list.push(index);
  };
  featuresList.forEach((features, index) => {
    for (const email of features.emails) if (!email.roleMailbox) add(email.matchKey, index);
    for (const phone of features.phones) add(phone.e164, index);
  });
  const shared = new Set<string>();
  for (const [value, members] of byValue) {
    if (members.length < 2) continue;
    // Representatives of mutually incompatible names; two or more means several entities share the value.
    const representatives: RecordFeatures[] = [];
    for (const index of members) {
      const features = featuresList[index] as RecordFeatures;
      if (features.names.length === 0) continue;
      if (representatives.some((r) => r.kind !== features.kind)) {
        representatives.push(features);
        break;
      }
      if (!representatives.some((r) => compatibleNames(r, features))) representatives.push(features);
      if (representatives.length >= 2) break;
    }
    if (representatives.length >= 2) shared.add(value);
  }
  return shared;
}

function compatibleNames(a: RecordFeatures, b: RecordFeatures): boolean {
  if (a.kind === 'person') {
    const pairing = bestNamePairing(a, b);
    return pairing !== null && pairing.first !== 'conflict' && !pairing.generationConflict;
  }
  return a.names.some((x) => b.names.some((y) => ['same', 'acronym', 'generic_variant'].includes(relate(x, y).relation)));
}
