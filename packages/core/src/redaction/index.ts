export { noRedaction, openRedactor, type Redactor, type RedactorOptions } from './redactor.js';
export { PLACEHOLDER_KINDS, PLACEHOLDER_PATTERN, type PlaceholderKind, RedactionError } from './placeholders.js';
export { forgetRedactionSession, purgeRedactionPlaceholders } from './session-map.js';
