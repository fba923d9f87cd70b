import { z } from 'zod';
import { CalendarDate, DateTime, Id, Instant, queryInt } from './common.js';

/**
 * Identity resolution (issue 11): every import path writes source records; the resolver maps each to a
 * canonical contact or organization and keeps the evidence (rule, confidence, reasons) so that any join
 * can be explained (`how`, `why`) and undone (merges).
 */

/** Where a record came from: csv, legacy, airtable, email, manual (UI/API/CLI), api, card, … */
export const IdentitySource = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_.:-]*$/, { error: 'must be a lower-case source name such as csv, legacy, email, manual or api' });

export const IdentityRecordKind = z.enum(['person', 'organization']);
export type IdentityRecordKind = z.infer<typeof IdentityRecordKind>;

/** The canonical entity a record resolves into. */
export const IdentityEntityType = z.enum(['contact', 'organization']);
export type IdentityEntityType = z.infer<typeof IdentityEntityType>;

/**
 * What a source record leads to. Matched records resolve into contacts and organizations; an importer
 * may also attach records to what they became: legacy opportunities and LP profiles to the commitment,
 * legacy users to the user, legacy communications to the communication.
 */
export const IdentityRecordEntityType = z.enum(['contact', 'organization', 'commitment', 'user', 'communication']);
export type IdentityRecordEntityType = z.infer<typeof IdentityRecordEntityType>;

const Field = (max: number) => z.string().max(max).nullable().optional();

/** What a source may say about a person or an organization (also the create form's draft, for the duplicate check). */
const describedFields = {
  /** A full name as written (people) or the organization's name. */
  name: Field(300),
  firstName: Field(150),
  lastName: Field(150),
  emails: z.array(z.string().max(400)).max(20).default([]),
  phones: z.array(z.string().max(80)).max(20).default([]),
  /** People: the organization as written in the source. */
  organization: Field(300),
  website: Field(400),
  linkedin: Field(400),
};

export const IdentitySourceRecordInput = z
  .strictObject({
    source: IdentitySource,
    externalId: z.string().trim().min(1).max(256),
    kind: IdentityRecordKind,
    ...describedFields,
    title: Field(200),
    city: Field(120),
    country: Field(120),
    /** When the source saw this (event time); defaults to now. Later observations win for "current" facts such as employer. */
    observedAt: DateTime.optional(),
  })
  .superRefine((record, ctx) => {
    const hasName = Boolean(record.name?.trim() || record.firstName?.trim() || record.lastName?.trim());
    if (record.kind === 'organization' && !hasName && !record.website?.trim())
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'an organization record needs a name or a website' });
    if (record.kind === 'person' && !hasName && record.emails.length === 0 && !record.linkedin?.trim())
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'a person record needs a name, an email or a LinkedIn URL' });
  })
  .meta({ id: 'IdentitySourceRecordInput' });
export type IdentitySourceRecordInput = z.input<typeof IdentitySourceRecordInput>;
export type IdentitySourceRecord = z.output<typeof IdentitySourceRecordInput>;

export const IDENTITY_RECORDS_PER_CALL = 1000;

export const IdentityRecordsInput = z.strictObject({
  records: z.array(IdentitySourceRecordInput).min(1).max(IDENTITY_RECORDS_PER_CALL, { error: `at most ${IDENTITY_RECORDS_PER_CALL} records per call` }),
});

export const IdentityResolution = z
  .object({ source: z.string(), externalId: z.string(), entityType: IdentityEntityType, entityId: Id })
  .meta({ id: 'IdentityResolution' });
export type IdentityResolution = z.infer<typeof IdentityResolution>;

export const IdentityResolutionList = z.object({ data: z.array(IdentityResolution) });

/** One piece of evidence a rule produced: for a match, against it, or shared (recognised, never merges alone). */
export const IdentityEvidence = z
  .object({
    rule: z.string(),
    direction: z.enum(['for', 'against', 'shared']),
    confidence: z.number().min(0).max(1),
    reason: z.string(),
  })
  .meta({ id: 'IdentityEvidence' });
export type IdentityEvidence = z.infer<typeof IdentityEvidence>;

export const IdentityRecordView = z
  .object({
    id: Id,
    source: z.string(),
    externalId: z.string(),
    /** person or organization; an attached record carries the entity type it leads to. */
    kind: z.enum([...IdentityRecordKind.options, 'commitment', 'user', 'communication']),
    entityType: IdentityRecordEntityType,
    entityId: Id,
    /** The rule that joined this record to its entity (`new` when it started the entity, `manual` for records typed into LP Desk). */
    rule: z.string(),
    confidence: z.number().min(0).max(1),
    reason: z.string(),
    record: z.record(z.string(), z.unknown()),
    observedAt: Instant,
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'IdentityRecordView' });
export type IdentityRecordView = z.infer<typeof IdentityRecordView>;

export const IdentityRecordListQuery = z.object({
  source: z.string().max(64).optional(),
  externalId: z.string().max(256).optional(),
  entityId: Id.optional(),
  limit: queryInt(1, 1000).default(100),
  offset: queryInt(0, Number.MAX_SAFE_INTEGER).default(0),
});
export type IdentityRecordListQuery = z.infer<typeof IdentityRecordListQuery>;

export const IdentityEntityRef = z
  .object({ entityType: IdentityEntityType, entityId: Id, label: z.string(), deleted: z.boolean() })
  .meta({ id: 'IdentityEntityRef' });
export type IdentityEntityRef = z.infer<typeof IdentityEntityRef>;

/** Why two records or entities do or do not match: the evidence for and against, and the verdict. */
export const IdentityWhyView = z
  .object({
    a: IdentityEntityRef.extend({ recordId: Id.nullable() }),
    b: IdentityEntityRef.extend({ recordId: Id.nullable() }),
    sameEntity: z.boolean(),
    confidence: z.number().min(0).max(1),
    verdict: z.enum(['merge', 'suggest', 'distinct', 'rejected']),
    evidence: z.array(IdentityEvidence),
    thresholds: z.object({ autoMerge: z.number(), suggest: z.number() }),
  })
  .meta({ id: 'IdentityWhyView' });
export type IdentityWhyView = z.infer<typeof IdentityWhyView>;

export const IdentityWhyQuery = z.object({ a: Id, b: Id });

/** The values each side holds for one mergeable field, for the side-by-side screen. */
export const IdentityFieldComparison = z.object({ field: z.string(), label: z.string(), a: z.unknown(), b: z.unknown(), differs: z.boolean() });

export const IdentitySuggestionStatus = z.enum(['open', 'merged', 'rejected']);
export const IdentitySuggestionView = z
  .object({
    id: Id,
    entityType: IdentityEntityType,
    a: IdentityEntityRef,
    b: IdentityEntityRef,
    confidence: z.number().min(0).max(1),
    evidence: z.array(IdentityEvidence),
    status: IdentitySuggestionStatus,
    createdAt: Instant,
    decidedAt: Instant.nullable(),
    decidedBy: z.string().nullable(),
  })
  .meta({ id: 'IdentitySuggestionView' });
export type IdentitySuggestionView = z.infer<typeof IdentitySuggestionView>;

export const IdentitySuggestionListQuery = z.object({
  status: IdentitySuggestionStatus.default('open'),
  entityType: IdentityEntityType.optional(),
  entityId: Id.optional(),
  limit: queryInt(1, 500).default(50),
  offset: queryInt(0, Number.MAX_SAFE_INTEGER).default(0),
});

/** Side by side: both records as presented and the field-by-field comparison (the evidence is `why`'s). */
export const IdentityComparisonView = z
  .object({
    entityType: IdentityEntityType,
    a: z.record(z.string(), z.unknown()),
    b: z.record(z.string(), z.unknown()),
    fields: z.array(IdentityFieldComparison),
    /** Things the merge will have to reconcile, e.g. both organizations have a commitment to the same fund. */
    conflicts: z.array(z.string()),
  })
  .meta({ id: 'IdentityComparisonView' });

export const IdentityCompareQuery = z.object({ a: Id, b: Id });

/** Merge `mergedId` into `survivorId`. `fields` picks, per field, which side's value the survivor keeps (default: survivor's, else the other's when the survivor's is empty). */
export const IdentityMergeInput = z
  .strictObject({
    entityType: IdentityEntityType,
    survivorId: Id,
    mergedId: Id,
    fields: z.record(z.string().max(120), z.enum(['survivor', 'merged'])).default({}),
    suggestionId: Id.optional(),
  })
  .refine((input) => input.survivorId !== input.mergedId, { path: ['mergedId'], message: 'cannot merge a record into itself' })
  .meta({ id: 'IdentityMergeInput' });
export type IdentityMergeInput = z.input<typeof IdentityMergeInput>;

export const IdentityMergeView = z
  .object({
    id: Id,
    entityType: IdentityEntityType,
    survivor: IdentityEntityRef,
    merged: IdentityEntityRef,
    /** `manual` (a person chose it) or the rule that merged automatically. */
    rule: z.string(),
    confidence: z.number().min(0).max(1).nullable(),
    fields: z.record(z.string(), z.enum(['survivor', 'merged'])),
    actorName: z.string().nullable(),
    createdAt: Instant,
    undoneAt: Instant.nullable(),
    undoneBy: z.string().nullable(),
  })
  .meta({ id: 'IdentityMergeView' });
export type IdentityMergeView = z.infer<typeof IdentityMergeView>;

/** How an entity was built: its records, each with the rule that joined it, and the merges folded into it. */
export const IdentityHowView = z
  .object({
    entity: IdentityEntityRef,
    records: z.array(IdentityRecordView),
    merges: z.array(IdentityMergeView),
    aliases: z.array(z.object({ kind: z.string(), source: z.string(), value: z.string() })),
  })
  .meta({ id: 'IdentityHowView' });

export const IdentityMergeListQuery = z.object({
  entityId: Id.optional(),
  includeUndone: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
  limit: queryInt(1, 500).default(50),
  offset: queryInt(0, Number.MAX_SAFE_INTEGER).default(0),
});

export const IdentityScanView = z
  .object({
    records: z.int(),
    entities: z.int(),
    comparisons: z.int(),
    autoMerged: z.int(),
    suggestions: z.int(),
    backfilled: z.int(),
    durationMs: z.int(),
  })
  .meta({ id: 'IdentityScanView' });
export type IdentityScanView = z.infer<typeof IdentityScanView>;

/** A draft record (the create form's fields) to check for possible duplicates before saving. */
export const IdentityCandidatesInput = z.strictObject({ kind: IdentityRecordKind, ...describedFields });
export const IdentityCandidateView = z
  .object({ entity: IdentityEntityRef, confidence: z.number(), verdict: z.enum(['merge', 'suggest']), evidence: z.array(IdentityEvidence) })
  .meta({ id: 'IdentityCandidateView' });
export const IdentityCandidateList = z.object({ data: z.array(IdentityCandidateView) });

/* ---------- relationships ---------- */

export const RelationshipKind = z.enum(['works_at', 'introduced_by', 'met_together', 'knows']);
export type RelationshipKind = z.infer<typeof RelationshipKind>;

export const RelationshipEndpoint = z.object({ type: z.enum(['contact', 'organization', 'user']), id: Id, label: z.string() });

export const RelationshipEvidenceItem = z.object({
  kind: z.string(),
  at: Instant,
  weight: z.number(),
  communicationId: Id.nullable(),
  summary: z.string(),
});

export const RelationshipView = z
  .object({
    id: Id,
    kind: RelationshipKind,
    from: RelationshipEndpoint,
    to: RelationshipEndpoint,
    /** 0..1; works_at and introduced_by are 1 while current. */
    strength: z.number().min(0).max(1),
    title: z.string().nullable(),
    startedOn: CalendarDate.nullable(),
    endedOn: CalendarDate.nullable(),
    lastSeenAt: Instant.nullable(),
    evidence: z.array(RelationshipEvidenceItem),
  })
  .meta({ id: 'RelationshipView' });
export type RelationshipView = z.infer<typeof RelationshipView>;

export const IntroductionInput = z.strictObject({ contactId: Id, introducedById: Id, note: z.string().max(1000).nullable().optional(), on: CalendarDate.optional() });

export const IntroPathQuery = z.object({ to: Id, from: Id.optional(), maxHops: queryInt(1, 6).default(4) });
export const IntroPathView = z
  .object({
    target: RelationshipEndpoint,
    paths: z.array(z.object({ score: z.number(), hops: z.array(z.object({ from: RelationshipEndpoint, to: RelationshipEndpoint, kind: RelationshipKind, strength: z.number() })) })),
  })
  .meta({ id: 'IntroPathView' });

export const RelationshipStrengthFormula = 'strength = 1 − exp(−Σ wᵢ·2^(−ageᵢ/180 days)), w: reciprocated email thread 1, one-way email 0.3, meeting 2, call 1.5';
