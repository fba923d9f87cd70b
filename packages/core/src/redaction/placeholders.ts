import { Invalid } from '../kernel/errors.js';

/** What a placeholder stands for; the name is what the model reads: "[PERSON_3]". */
export type PlaceholderKind = 'PERSON' | 'EMAIL' | 'PHONE' | 'ORG' | 'ACCOUNT' | 'AMOUNT';

export const PLACEHOLDER_KINDS: readonly PlaceholderKind[] = ['PERSON', 'EMAIL', 'PHONE', 'ORG', 'ACCOUNT', 'AMOUNT'];

/** Any placeholder, issued or not (global: use with replace/matchAll only). */
export const PLACEHOLDER_PATTERN = /\[(PERSON|EMAIL|PHONE|ORG|ACCOUNT|AMOUNT)_(\d{1,9})\]/g;
const WHOLE_PLACEHOLDER = /^\[(PERSON|EMAIL|PHONE|ORG|ACCOUNT|AMOUNT)_(\d{1,9})\]$/;

export function formatPlaceholder(kind: PlaceholderKind, number: number): string {
  return `[${kind}_${number}]`;
}

export function isWholePlaceholder(text: string): boolean {
  return WHOLE_PLACEHOLDER.test(text);
}

/** A placeholder in a tool's input that this session never issued: the call is refused, nothing is written. */
export class RedactionError extends Invalid {
  constructor(readonly placeholders: readonly string[]) {
    super(`Unknown placeholder${placeholders.length > 1 ? 's' : ''} ${placeholders.join(', ')}: use only placeholders this session has shown you`, {
      placeholders,
    });
  }
}
