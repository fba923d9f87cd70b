import { z } from 'zod';
import { Id, ListQueryBase, NonEmptyText } from './common.js';
import { LinkableEntity } from './tasks.js';

export const TagColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a hex colour such as #3b82f6' });

export const TagCreateInput = z.strictObject({ name: NonEmptyText(60), color: TagColor.default('#64748b') });
export const TagUpdateInput = z.strictObject({ name: NonEmptyText(60), color: TagColor }).partial();
export const TagListQuery = z.strictObject({ ...ListQueryBase.shape });

/** Bulk tagging from list screens. */
export const TagApplyInput = z.strictObject({
  entityType: LinkableEntity,
  entityIds: z.array(Id).min(1).max(1000),
  remove: z.boolean().default(false),
});
export type TagApplyInput = z.infer<typeof TagApplyInput>;

/** What a bulk apply changed: records that gained (or lost) the tag; ones already so are not counted. */
export const TagApplyResult = z.object({ changed: z.int().min(0) });
export type TagApplyResult = z.infer<typeof TagApplyResult>;
