import { z } from 'zod';
import { ListQueryBase, NonEmptyText } from './common.js';
import { LinkableEntity } from './tasks.js';

export const CustomFieldType = z.enum([
  'text',
  'long_text',
  'number',
  'money',
  'date',
  'boolean',
  'select',
  'multi_select',
  'url',
  'email',
]);
export type CustomFieldType = z.infer<typeof CustomFieldType>;

export const CustomFieldKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,49}$/, { error: 'must be lower_snake_case, starting with a letter' })
  // Values travel as plain objects keyed by these; `constructor` would read as present on every record.
  .refine((key) => !(key in Object.prototype), { error: 'is reserved; choose another key' });

const base = {
  entityType: LinkableEntity,
  key: CustomFieldKey,
  label: NonEmptyText(100),
  type: CustomFieldType,
  options: z.array(NonEmptyText(100)).max(200).default([]),
  required: z.boolean().default(false),
  position: z.int().min(0).max(10000).optional(),
};

export const CustomFieldCreateInput = z.strictObject(base).superRefine((value, ctx) => {
  const needsOptions = value.type === 'select' || value.type === 'multi_select';
  if (needsOptions && value.options.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['options'], message: 'select fields need at least one option' });
  }
  if (new Set(value.options).size !== value.options.length) {
    ctx.addIssue({ code: 'custom', path: ['options'], message: 'options must be unique' });
  }
});
export type CustomFieldCreateInput = z.infer<typeof CustomFieldCreateInput>;

/** Key, entity and type are fixed once values exist; label, options, order and required can change. */
export const CustomFieldUpdateInput = z
  .strictObject({
    label: base.label,
    options: z.array(NonEmptyText(100)).max(200),
    required: z.boolean(),
    position: z.int().min(0).max(10000),
  })
  .partial();
export type CustomFieldUpdateInput = z.infer<typeof CustomFieldUpdateInput>;

export const CustomFieldListQuery = z.strictObject({ ...ListQueryBase.shape, entityType: LinkableEntity.optional() });
