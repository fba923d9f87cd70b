import { RECIPROCITY_WINDOW_DAYS, RELATIONSHIP_HALF_LIFE_DAYS, RELATIONSHIP_WEIGHTS, type RelationshipView } from '@lpdesk/contracts';

const DAY_MS = 86_400_000;

type EvidenceItem = RelationshipView['evidence'][number];

/**
 * One contributing communication as stored on a derived edge: the base weight of its kind, not yet
 * decayed. Decay depends on "now", so it is applied when the edge is read (strengthAt), never stored.
 */
export interface StoredEvidence {
  kind: string;
  at: string;
  /** Base weight wᵢ (RELATIONSHIP_WEIGHTS). */
  weight: number;
  communicationId: string | null;
  summary: string;
}

/** A communication as the relationship rules see it. `direction` comes with email capture (issue 12). */
export interface CommunicationFact {
  id: string;
  kind: string;
  occurredAt: string;
  subject: string | null;
  direction?: 'inbound' | 'outbound' | null;
}

/** wᵢ·2^(−ageᵢ/half-life); communications dated after `now` (scheduled ones) contribute nothing yet. */
export function decayedWeight(weight: number, at: string, now: Date): number {
  const ageMs = now.getTime() - Date.parse(at);
  if (ageMs < 0) return 0;
  return weight * 2 ** (-ageMs / DAY_MS / RELATIONSHIP_HALF_LIFE_DAYS);
}

/** strength = 1 − exp(−Σ wᵢ·2^(−ageᵢ/180 days)). */
export function strengthAt(evidence: readonly StoredEvidence[], now: Date): number {
  const total = evidence.reduce((sum, item) => sum + decayedWeight(item.weight, item.at, now), 0);
  return 1 - Math.exp(-total);
}

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Evidence as shown: each weight is the item's decayed term, so the terms add up to the exponent. */
export function presentEvidence(evidence: readonly StoredEvidence[], now: Date): EvidenceItem[] {
  return evidence
    .filter((item) => Date.parse(item.at) <= now.getTime())
    .map((item) => {
      const ageDays = Math.floor((now.getTime() - Date.parse(item.at)) / DAY_MS);
      return {
        kind: item.kind,
        at: item.at,
        weight: round(decayedWeight(item.weight, item.at, now)),
        communicationId: item.communicationId,
        summary: `${item.summary} (w ${item.weight}, ${ageDays} days ago)`,
      };
    })
    .sort((a, b) => b.at.localeCompare(a.at));
}

/** Reply prefixes and case do not make a different thread. */
export function threadKey(subject: string | null): string {
  let text = (subject ?? '').trim().toLowerCase();
  for (;;) {
    const stripped = text.replace(/^(re|fwd?|aw|wg|tr)\s*:\s*/, '');
    if (stripped === text) return text.replace(/\s+/g, ' ');
    text = stripped;
  }
}

/**
 * Which emails between one team member and one contact were reciprocated. With a direction (email
 * capture), an email is reciprocated when a message the other way exists in the same thread within the
 * window. Without one (logged by hand), a second email in the same thread within the window stands in for
 * the reply: one email alone stays one-way.
 */
export function reciprocatedEmailIds(emails: readonly CommunicationFact[]): Set<string> {
  const windowMs = RECIPROCITY_WINDOW_DAYS * DAY_MS;
  const reciprocated = new Set<string>();
  for (const email of emails) {
    const key = threadKey(email.subject);
    const at = Date.parse(email.occurredAt);
    const answered = emails.some((other) => {
      if (other.id === email.id || threadKey(other.subject) !== key) return false;
      if (Math.abs(Date.parse(other.occurredAt) - at) > windowMs) return false;
      if (email.direction && other.direction) return email.direction !== other.direction;
      return true;
    });
    if (answered) reciprocated.add(email.id);
  }
  return reciprocated;
}

const KIND_LABELS: Record<string, string> = { meeting: 'Meeting', call: 'Call', email: 'Email', text: 'Text', note: 'Note' };

function evidenceOf(fact: CommunicationFact, kind: string, weight: number): StoredEvidence {
  const label = KIND_LABELS[fact.kind] ?? fact.kind;
  return { kind, at: fact.occurredAt, weight, communicationId: fact.id, summary: fact.subject ? `${label}: ${fact.subject}` : label };
}

/** Evidence that a team member knows a contact: every shared communication with a non-zero weight. */
export function knowsEvidence(shared: readonly CommunicationFact[]): StoredEvidence[] {
  const emails = shared.filter((fact) => fact.kind === 'email');
  const reciprocated = reciprocatedEmailIds(emails);
  const evidence: StoredEvidence[] = [];
  for (const fact of shared) {
    if (fact.kind === 'email') {
      evidence.push(
        reciprocated.has(fact.id)
          ? evidenceOf(fact, 'reciprocated_email', RELATIONSHIP_WEIGHTS.reciprocatedEmail)
          : evidenceOf(fact, 'one_way_email', RELATIONSHIP_WEIGHTS.oneWayEmail),
      );
    } else if (fact.kind === 'meeting' || fact.kind === 'call' || fact.kind === 'text') {
      evidence.push(evidenceOf(fact, fact.kind, RELATIONSHIP_WEIGHTS[fact.kind]));
    }
  }
  return evidence.sort((a, b) => a.at.localeCompare(b.at) || (a.communicationId ?? '').localeCompare(b.communicationId ?? ''));
}

/** Two contacts met together when both were linked to the same meeting or call. */
export function metTogetherEvidence(shared: readonly CommunicationFact[]): StoredEvidence[] {
  return shared
    .filter((fact) => fact.kind === 'meeting' || fact.kind === 'call')
    .map((fact) => evidenceOf(fact, fact.kind, fact.kind === 'meeting' ? RELATIONSHIP_WEIGHTS.meeting : RELATIONSHIP_WEIGHTS.call))
    .sort((a, b) => a.at.localeCompare(b.at) || (a.communicationId ?? '').localeCompare(b.communicationId ?? ''));
}
