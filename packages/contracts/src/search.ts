import { z } from 'zod';
import { Id } from './common.js';

/**
 * The command palette's search across people, organizations, funds, communications (subject and body)
 * and tasks (title and notes) (docs/search.md). Every word of
 * `q` must match; a word of 4+ letters also matches the indexed words a typo away.
 */
export const SEARCH_RESULT_TYPES = ['contact', 'organization', 'fund', 'communication', 'task'] as const;
export const SearchResultType = z.enum(SEARCH_RESULT_TYPES);
export type SearchResultType = z.infer<typeof SearchResultType>;

/** Why a result matched, best first: its name starts with the words, contains them, other text does, a typo variant does. */
export const SEARCH_MATCHES = ['prefix', 'name', 'text', 'typo'] as const;

export const SearchQuery = z.strictObject({
  q: z.string().trim().min(1, { error: 'must not be empty' }).max(200),
  limit: z.coerce.number({ error: 'must be a number' }).int({ error: 'must be an integer' }).min(1).max(50).default(10),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SearchResult = z.object({
  type: SearchResultType,
  id: Id,
  label: z.string(),
  sublabel: z.string().nullable(),
  match: z.enum(SEARCH_MATCHES),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const SearchReindexResult = z.object({ documents: z.int().min(0), terms: z.int().min(0) });
export type SearchReindexResult = z.infer<typeof SearchReindexResult>;
