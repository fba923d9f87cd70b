import { z } from 'zod';
import { CalendarDate, Id, Instant } from './common.js';

/**
 * Retrieval over what was said: chunks of communications, email bodies and investor notes, found by
 * BM25 (sparse), by embedding similarity (dense) or both fused (hybrid). docs/search.md.
 */
export const RETRIEVAL_MODES = ['hybrid', 'sparse', 'dense'] as const;
export const RetrievalMode = z.enum(RETRIEVAL_MODES);
export type RetrievalMode = z.infer<typeof RetrievalMode>;

/** How hybrid mode fuses its two ranked lists: reciprocal rank fusion (k=60) or min-max normalized scores. */
export const RETRIEVAL_FUSIONS = ['rrf', 'weighted'] as const;

/** Where a chunk came from: a logged communication, a captured email message, or a dated notes-log line / notes field. */
export const RETRIEVAL_SOURCE_TYPES = ['communication', 'email', 'note'] as const;
export const RetrievalSourceType = z.enum(RETRIEVAL_SOURCE_TYPES);
export type RetrievalSourceType = z.infer<typeof RetrievalSourceType>;

const commaList = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean));

export const RetrievalSearchQuery = z.strictObject({
  q: z.string().trim().min(1, { error: 'must not be empty' }).max(1000),
  mode: RetrievalMode.default('hybrid'),
  limit: z.coerce.number({ error: 'must be a number' }).int({ error: 'must be an integer' }).min(1).max(100).default(20),
  /** Only chunks about this contact, organization, commitment or fund. */
  entityId: Id.optional(),
  /** Comma list of source types (communication, email, note) and/or communication kinds (call, meeting, email, note, text). */
  kind: commaList.optional(),
  fundId: Id.optional(),
  /** Event time bounds (when it was said, not when it was recorded), inclusive; a date means that whole day in the team's zone. */
  from: z.union([CalendarDate, Instant]).optional(),
  to: z.union([CalendarDate, Instant]).optional(),
  fusion: z.enum(RETRIEVAL_FUSIONS).default('rrf'),
});
export type RetrievalSearchQuery = z.infer<typeof RetrievalSearchQuery>;
export type RetrievalSearchQueryInput = z.input<typeof RetrievalSearchQuery>;

export const RetrievalHit = z
  .object({
    sourceType: RetrievalSourceType,
    /** The communication id, the email message id, or the note's owner record id. */
    sourceId: z.string(),
    chunkId: z.string(),
    /** Character offsets of the chunk in the source's body. */
    start: z.int().min(0),
    end: z.int().min(0),
    score: z.number(),
    /** The best passage of the chunk, with matched terms wrapped in «…» markers. */
    snippet: z.string(),
    entityIds: z.array(z.string()),
    /** Communication kind (call, meeting, email, note, text) or `note`. */
    kind: z.string(),
    /** When it was said (event time). */
    eventAt: z.string().nullable(),
    fundId: z.string().nullable(),
    /** A subject or a heading for the result (email subject, communication subject, "Notes log"). */
    title: z.string().nullable(),
  })
  .meta({ id: 'RetrievalHit' });
export type RetrievalHit = z.infer<typeof RetrievalHit>;

/** A record a hit is about, so a screen can group and label results without another request. */
export const RetrievalEntity = z.object({
  id: z.string(),
  type: z.enum(['contact', 'organization', 'commitment', 'fund']),
  label: z.string(),
});
export type RetrievalEntity = z.infer<typeof RetrievalEntity>;

export const RetrievalSearchResult = z
  .object({ data: z.array(RetrievalHit), tookMs: z.number().min(0), entities: z.array(RetrievalEntity) })
  .meta({ id: 'RetrievalSearchResult' });
export type RetrievalSearchResult = z.infer<typeof RetrievalSearchResult>;

export const RetrievalStatus = z
  .object({
    chunks: z.int().min(0),
    /** Changes not yet reflected in the index (unprocessed events plus chunks awaiting a vector); 0 once caught up. */
    pending: z.int().min(0),
    embedder: z.object({ name: z.string(), dimensions: z.int().min(1) }),
  })
  .meta({ id: 'RetrievalStatus' });
export type RetrievalStatus = z.infer<typeof RetrievalStatus>;
