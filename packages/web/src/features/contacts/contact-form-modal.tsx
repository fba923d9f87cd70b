import { Checkbox, Select, SimpleGrid, TagsInput, Textarea, TextInput } from '@mantine/core';
import { AccreditationStatus, ContactCreateInput, ContactUpdateInput, PreferredChannel } from '@lpdesk/contracts';
import type { Contact, CustomFieldMap } from '../../api/types';
import { humanize } from '../../ui/format';
import { blankToNull, useFormState } from '../../ui/forms';
import type { IdentityCandidatesInput } from '../identity/identity-api';
import { PossibleDuplicateWarning } from '../identity/possible-duplicate-warning';
import { RemoteSelect, TagMultiSelect, UserSelect } from '../records/pickers';
import { RecordFormModal, useRecordSubmit } from '../records/record-form';

interface ContactFormValues {
  firstName: string;
  lastName: string;
  title: string;
  emails: string[];
  phones: string[];
  organization: { value: string; label: string } | null;
  ownerId: string | null;
  tagIds: string[];
  linkedinUrl: string;
  location: string;
  preferredChannel: string | null;
  accreditationStatus: string;
  qualifiedPurchaser: boolean;
  notes: string;
  customFields: CustomFieldMap;
}

function initialValues(contact: Contact | undefined, organization: { id: string; name: string } | undefined): ContactFormValues {
  const primary = contact?.primaryOrganization ?? organization ?? null;
  return {
    firstName: contact?.firstName ?? '',
    lastName: contact?.lastName ?? '',
    title: contact?.title ?? '',
    emails: contact?.emails ?? [],
    phones: contact?.phones.map((p) => p.number) ?? [],
    organization: primary ? { value: primary.id, label: primary.name } : null,
    ownerId: contact?.ownerId ?? null,
    tagIds: contact?.tags.map((t) => t.id) ?? [],
    linkedinUrl: contact?.linkedinUrl ?? '',
    location: contact?.location ?? '',
    preferredChannel: contact?.preferredChannel ?? null,
    accreditationStatus: contact?.accreditationStatus ?? 'unknown',
    qualifiedPurchaser: contact?.qualifiedPurchaser ?? false,
    notes: contact?.notes ?? '',
    customFields: contact?.customFields ?? {},
  };
}

/** Form values to the API's input shape; custom fields are diffed separately. */
export function contactPayload(v: ContactFormValues) {
  return {
    firstName: v.firstName.trim(),
    lastName: v.lastName.trim(),
    title: blankToNull(v.title),
    emails: v.emails.map((e) => e.trim()).filter(Boolean),
    phones: v.phones.map((p) => p.trim()).filter(Boolean),
    organizationId: v.organization?.value ?? null,
    ownerId: v.ownerId,
    tagIds: v.tagIds,
    linkedinUrl: blankToNull(v.linkedinUrl),
    location: blankToNull(v.location),
    preferredChannel: v.preferredChannel as ContactCreateInput['preferredChannel'],
    accreditationStatus: v.accreditationStatus as ContactCreateInput['accreditationStatus'],
    qualifiedPurchaser: v.qualifiedPurchaser,
    notes: blankToNull(v.notes),
  };
}

/** What the possible-duplicate check compares (identity candidates). */
function contactDraft(v: ContactFormValues): IdentityCandidatesInput {
  const organization = v.organization?.label ?? null;
  return {
    kind: 'person',
    firstName: v.firstName,
    lastName: v.lastName,
    emails: v.emails,
    phones: v.phones,
    organization,
    linkedin: blankToNull(v.linkedinUrl),
  };
}

interface Props {
  contact?: Contact;
  organization?: { id: string; name: string };
  onClose: () => void;
  onSaved?: (contact: Contact) => void;
}

export function ContactFormModal({ contact, organization, onClose, onSaved }: Props) {
  const initial = initialValues(contact, organization);
  const form = useFormState(initial);
  const { submit, saving } = useRecordSubmit({
    collection: 'contacts',
    existing: contact,
    form,
    initial,
    payload: contactPayload,
    createSchema: ContactCreateInput,
    updateSchema: ContactUpdateInput,
    savedMessage: 'Contact saved',
    addedMessage: (saved: Contact) => `${saved.fullName} added`,
    onSaved,
    onClose,
  });
  const v = form.values;

  return (
    <RecordFormModal
      title={contact ? `Edit ${contact.fullName}` : 'New contact'}
      entityType="contact"
      editing={Boolean(contact)}
      createLabel="Create contact"
      saving={saving}
      errors={form.errors}
      customFields={v.customFields}
      onCustomFieldsChange={(values) => form.set('customFields', values)}
      onSubmit={submit}
      onClose={onClose}
    >
      <SimpleGrid cols={2}>
        <TextInput
          label="First name"
          value={v.firstName}
          error={form.errors.firstName}
          onChange={(e) => form.set('firstName', e.currentTarget.value)}
          data-autofocus
        />
        <TextInput label="Last name" required value={v.lastName} error={form.errors.lastName} onChange={(e) => form.set('lastName', e.currentTarget.value)} />
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <RemoteSelect
          collection="organizations"
          label="Organization"
          value={v.organization}
          onChange={(o) => form.set('organization', o)}
          error={form.errors.organizationId}
          testId="contact-org"
        />
        <TextInput label="Title" value={v.title} error={form.errors.title} onChange={(e) => form.set('title', e.currentTarget.value)} />
      </SimpleGrid>
      <TagsInput
        label="Emails"
        placeholder="Type an address and press Enter"
        value={v.emails}
        error={form.errors.emails}
        onChange={(value) => form.set('emails', value)}
        data-testid="contact-emails"
        acceptValueOnBlur
      />
      {!contact && <PossibleDuplicateWarning draft={contactDraft(v)} />}
      <SimpleGrid cols={2}>
        <TagsInput
          label="Phones"
          placeholder="+1 212 555 0100"
          value={v.phones}
          error={form.errors.phones}
          onChange={(value) => form.set('phones', value)}
          acceptValueOnBlur
        />
        <TextInput label="Location" value={v.location} error={form.errors.location} onChange={(e) => form.set('location', e.currentTarget.value)} />
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <UserSelect label="Owner" value={v.ownerId} onChange={(id) => form.set('ownerId', id)} error={form.errors.ownerId} />
        <TagMultiSelect value={v.tagIds} onChange={(ids) => form.set('tagIds', ids)} />
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <TextInput
          label="LinkedIn URL"
          value={v.linkedinUrl}
          error={form.errors.linkedinUrl}
          onChange={(e) => form.set('linkedinUrl', e.currentTarget.value)}
        />
        <Select
          label="Preferred channel"
          clearable
          data={PreferredChannel.options.map((o) => ({ value: o, label: humanize(o) }))}
          value={v.preferredChannel}
          onChange={(value) => form.set('preferredChannel', value)}
        />
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <Select
          label="Accreditation"
          data={AccreditationStatus.options.map((o) => ({ value: o, label: humanize(o) }))}
          value={v.accreditationStatus}
          onChange={(value) => form.set('accreditationStatus', value ?? 'unknown')}
        />
        <Checkbox
          mt={30}
          label="Qualified purchaser"
          checked={v.qualifiedPurchaser}
          onChange={(e) => form.set('qualifiedPurchaser', e.currentTarget.checked)}
        />
      </SimpleGrid>
      <Textarea label="Notes" autosize minRows={2} value={v.notes} error={form.errors.notes} onChange={(e) => form.set('notes', e.currentTarget.value)} />
    </RecordFormModal>
  );
}
