import { z } from 'zod';
import { CustomFieldValues, Id, ListQueryBase, NonEmptyText, OptionalText, WebAddress } from './common.js';

export const OrganizationKind = z.enum([
  'family_office',
  'endowment',
  'foundation',
  'pension',
  'fund_of_funds',
  'ria_wealth_manager',
  'corporate',
  'insurance',
  'sovereign',
  'bank',
  'individual',
  'other',
]);
export type OrganizationKind = z.infer<typeof OrganizationKind>;

/** The one label per kind, for every screen, export and door. */
export const ORGANIZATION_KIND_LABELS: Record<OrganizationKind, string> = {
  family_office: 'Family office',
  endowment: 'Endowment',
  foundation: 'Foundation',
  pension: 'Pension',
  fund_of_funds: 'Fund of funds',
  ria_wealth_manager: 'RIA / wealth manager',
  corporate: 'Corporate',
  insurance: 'Insurance',
  sovereign: 'Sovereign',
  bank: 'Bank',
  individual: 'Individual',
  other: 'Other',
};

/** A kind's label; an unknown value (an older export) is shown as it is. */
export function organizationKindLabel(kind: string): string {
  return ORGANIZATION_KIND_LABELS[kind as OrganizationKind] ?? kind;
}

/** Derived, never stored: investor = has a committed/closed commitment; prospect = has an open one. */
export const Relationship = z.enum(['investor', 'prospect', 'none']);
export type Relationship = z.infer<typeof Relationship>;

const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, { error: 'must be a domain such as example.com' });

const organizationFields = {
  name: NonEmptyText(200),
  kind: OrganizationKind,
  website: WebAddress.nullable().optional(),
  emailDomains: z.array(Domain).max(20).optional(),
  description: OptionalText(10000),
  location: OptionalText(200),
  /** Where the investor came from (a referral, a conference…): free text. */
  leadSource: OptionalText(200),
  ownerId: Id.nullable().optional(),
  tagIds: z.array(Id).max(100).optional(),
  customFields: CustomFieldValues.optional(),
};

/**
 * A live organization with the same name (case and spacing aside) makes create and rename answer 409
 * naming it, unless the caller confirms with `allowDuplicateName: true`.
 */
const allowDuplicateName = z.boolean().optional();

export const OrganizationCreateInput = z.strictObject({
  ...organizationFields,
  kind: OrganizationKind.default('other'),
  allowDuplicateName,
});
export type OrganizationCreateInput = z.infer<typeof OrganizationCreateInput>;

export const OrganizationUpdateInput = z.strictObject({ ...organizationFields, allowDuplicateName }).partial();
export type OrganizationUpdateInput = z.infer<typeof OrganizationUpdateInput>;

export const OrganizationListQuery = z.strictObject({
  ...ListQueryBase.shape,
  kind: OrganizationKind.optional(),
  ownerId: Id.optional(),
  tagId: Id.optional(),
  relationship: Relationship.optional(),
  fundId: Id.optional(),
  stage: z.string().optional(),
  /** `key:value` on a custom field, e.g. `region:Europe`. */
  customField: z.string().regex(/^[a-z][a-z0-9_]*:.+$/, { error: 'must be key:value' }).optional(),
});
export type OrganizationListQuery = z.infer<typeof OrganizationListQuery>;
