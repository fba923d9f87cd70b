import { type CountryCode, parsePhoneNumberWithError } from 'libphonenumber-js';

/**
 * Emails are unique after normalisation: trimmed and lower-cased. Provider-specific rewrites
 * (Gmail dots, +tags) are not applied: they would merge addresses that other providers keep apart.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Phone numbers are stored in E.164; a number without a country code is read in the default region. */
export function toE164(raw: string, defaultRegion: string): string | null {
  try {
    const parsed = parsePhoneNumberWithError(raw, defaultRegion as CountryCode);
    return parsed.isValid() ? parsed.number : null;
  } catch {
    return null;
  }
}
