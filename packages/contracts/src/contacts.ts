import { z } from 'zod';
import { CalendarDate, CustomFieldValues, Email, hasVisibleText, Id, ListQueryBase, NonEmptyText, OptionalText, Url } from './common.js';
import { Relationship } from './organizations.js';

export const PreferredChannel = z.enum(['email', 'phone', 'text', 'in_person', 'video', 'other']);
export const AccreditationStatus = z.enum(['unknown', 'pending', 'verified', 'not_accredited', 'expired']);
export const AccreditationMethod = z.enum(['income', 'net_worth', 'professional', 'entity', 'third_party_letter', 'other']);
export const PhoneLabel = z.enum(['mobile', 'work', 'home', 'other']);
export type PreferredChannel = z.infer<typeof PreferredChannel>;
export type AccreditationStatus = z.infer<typeof AccreditationStatus>;
export type AccreditationMethod = z.infer<typeof AccreditationMethod>;
export type PhoneLabel = z.infer<typeof PhoneLabel>;

export const PhoneInput = z.strictObject({
  number: z.string().trim().min(3).max(40),
  label: PhoneLabel.default('mobile'),
});

export const ContactOrganizationLinkInput = z.strictObject({
  organizationId: Id,
  role: OptionalText(200),
  isPrimary: z.boolean().default(false),
});

const contactFields = {
  /** May be empty (one-name contacts), but not only invisible characters. */
  firstName: z
    .string()
    .trim()
    .max(100)
    .refine((name) => name === '' || hasVisibleText(name), { error: 'must be empty or show visible characters' }),
  lastName: NonEmptyText(100),
  title: OptionalText(200),
  emails: z.array(Email).max(20),
  phones: z.array(z.union([z.string().trim().min(3).max(40), PhoneInput])).max(20),
  /** Shorthand for a single primary organization link. */
  organizationId: Id.nullable(),
  organizations: z.array(ContactOrganizationLinkInput).max(50),
  linkedinUrl: z.url({ protocol: /^https?$/ }).nullable(),
  location: OptionalText(200),
  preferredChannel: PreferredChannel.nullable(),
  source: OptionalText(200),
  notes: OptionalText(20000),
  ownerId: Id.nullable(),
  accreditationStatus: AccreditationStatus,
  accreditationMethod: AccreditationMethod.nullable(),
  accreditationVerifiedOn: CalendarDate.nullable(),
  accreditationExpiresOn: CalendarDate.nullable(),
  qualifiedPurchaser: z.boolean().nullable(),
  tagIds: z.array(Id).max(100),
  customFields: CustomFieldValues,
};

export const ContactCreateInput = z
  .strictObject(contactFields)
  .partial()
  .extend({
    firstName: contactFields.firstName.default(''),
    lastName: contactFields.lastName,
    emails: contactFields.emails.default([]),
  });
export type ContactCreateInput = z.infer<typeof ContactCreateInput>;

export const ContactUpdateInput = z.strictObject(contactFields).partial();
export type ContactUpdateInput = z.infer<typeof ContactUpdateInput>;

export const ContactListQuery = z.strictObject({
  ...ListQueryBase.shape,
  organizationId: Id.optional(),
  ownerId: Id.optional(),
  tagId: Id.optional(),
  relationship: Relationship.optional(),
  stage: z.string().optional(),
  email: z.string().trim().max(320).optional(),
  /** `key:value` on a custom field, e.g. `region:Europe`. */
  customField: z.string().regex(/^[a-z][a-z0-9_]*:.+$/, { error: 'must be key:value' }).optional(),
});
export type ContactListQuery = z.infer<typeof ContactListQuery>;

// Url is re-exported for forms that validate a LinkedIn URL on the client.
export { Url };
