import type { IdentityEvidence } from '@lpdesk/contracts';
import { type MatchRuleId, ruleConfidence } from './rules.js';
import type { MatchVerdict } from './types.js';

/**
 * Collects evidence and turns it into a verdict: the strongest `for` evidence, capped by `against`
 * evidence. Caps marked `namesOnly` apply only when no identifier (email, LinkedIn, direct phone) matched.
 */
export class EvidenceCollector {
  readonly evidence: IdentityEvidence[] = [];
  private caps: { cap: number; namesOnly: boolean }[] = [];
  private identifierMatched = false;

  support(rule: MatchRuleId, reason: string, options: { identifier?: boolean } = {}): void {
    this.evidence.push({ rule, direction: 'for', confidence: ruleConfidence(rule), reason });
    if (options.identifier) this.identifierMatched = true;
  }

  shared(rule: MatchRuleId, reason: string): void {
    this.evidence.push({ rule, direction: 'shared', confidence: 0, reason });
  }

  oppose(rule: MatchRuleId, reason: string, options: { namesOnly?: boolean } = {}): void {
    const cap = ruleConfidence(rule);
    this.evidence.push({ rule, direction: 'against', confidence: 1 - cap, reason });
    this.caps.push({ cap, namesOnly: options.namesOnly ?? false });
  }

  verdict(): MatchVerdict {
    let best: IdentityEvidence | null = null;
    for (const item of this.evidence) if (item.direction === 'for' && (!best || item.confidence > best.confidence)) best = item;
    if (!best) return { confidence: 0, rule: 'none', evidence: this.evidence };
    let confidence = best.confidence;
    for (const { cap, namesOnly } of this.caps) if (!(namesOnly && this.identifierMatched)) confidence = Math.min(confidence, cap);
    return { confidence, rule: best.rule, evidence: this.evidence };
  }
}
