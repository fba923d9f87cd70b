import type { IdentityEvidence, IdentityRecordKind, IdentitySourceRecord } from '@lpdesk/contracts';

/**
 * What the matcher knows about one source record (or, combined, one entity): normalized values and the
 * flags that say which of them are shared (a role mailbox, an office main line, a joint or family email)
 * and so never merge on their own. Pure data: the resolver stores records, the matcher only compares.
 */
export interface RecordFeatures {
  kind: IdentityRecordKind;
  /** People: every name form seen (normalized). Organizations: every normalized organization name seen. */
  names: NameFeature[];
  emails: EmailFeature[];
  phones: PhoneFeature[];
  /** Normalized LinkedIn profile or company slug, e.g. `in/jane-doe`, `company/acme`. */
  linkedins: string[];
  /** Non-free-mail domains (from a website or organization-owned email addresses), lower-case, no www. */
  domains: string[];
  /** People: normalized names of the organizations written on their records (with when observed). */
  organizations: OrganizationMention[];
  cities: string[];
  countries: string[];
}

export interface NameFeature {
  /** The name as written. */
  raw: string;
  /** Organizations: the canonical comparison key (suffixes, "The", "&"/"and", abbreviations resolved). People: "first last". */
  key: string;
  /** People only. */
  first?: string;
  /** People only: every form the first name can take (nicknames, initials, transliterations). */
  firstForms?: string[];
  last?: string;
  /** People only: surnames this person is known by (maiden/married, particles with and without). */
  lastForms?: string[];
  middleInitials?: string;
  /** Organizations only: acronym of the significant words, when meaningful (≥ 2 letters). */
  acronym?: string | null;
  /** Organizations only: the name was written as an acronym ("KPCB"). */
  isAcronym?: boolean;
  /** Organizations only: the key's words. */
  tokens?: string[];
  /** People only: generational suffix (jr, sr, ii, iii…). */
  suffix?: string | null;
}

export interface EmailFeature {
  /** As stored for a contact (trimmed, lower-cased, display name and mailto: removed). */
  address: string;
  /** For matching: provider rules applied (Gmail dots and +tags, googlemail.com → gmail.com). */
  matchKey: string;
  domain: string;
  freeMail: boolean;
  /** A role mailbox (info@, ir@, …) or known to be shared (joint/family): never merges on its own. */
  shared: boolean;
  /** The mailbox is a role (info@, ir@, …) rather than known-shared by observation. */
  roleMailbox?: boolean;
}

export interface PhoneFeature {
  e164: string;
  /** Main lines, switchboards, numbers with an extension or seen on several entities: never merge alone. */
  shared: boolean;
  extension: string | null;
  /** Seen on several entities (from the caller's sharedValues), as opposed to a main line by label or extension. */
  observedShared?: boolean;
}

export interface OrganizationMention {
  key: string;
  /** Acronym of the organization's name (or the name itself when written as one). */
  acronym?: string | null;
  raw: string;
  observedAt: string;
}

/** The matcher's verdict on two feature sets. */
export interface MatchVerdict {
  /** 0..1: the strongest combination of evidence for, lowered by evidence against. */
  confidence: number;
  /** The rule that decided the match (e.g. `same_personal_email`), or `none`. */
  rule: string;
  evidence: IdentityEvidence[];
}

export interface FeatureOptions {
  /** ISO country used to read phone numbers written without a country code. */
  defaultPhoneRegion: string;
  /** Values (email match keys, phones) the caller knows belong to several entities: treated as shared. */
  sharedValues?: ReadonlySet<string>;
}

export type { IdentitySourceRecord };
