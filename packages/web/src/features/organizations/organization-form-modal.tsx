import { Select, SimpleGrid, TagsInput, Textarea, TextInput } from '@mantine/core';
import { OrganizationCreateInput, OrganizationKind, OrganizationUpdateInput } from '@lpdesk/contracts';
import type { CustomFieldMap, Organization } from '../../api/types';
import { humanize } from '../../ui/format';
import { blankToNull, useFormState } from '../../ui/forms';
import { TagMultiSelect, UserSelect } from '../records/pickers';
import { RecordFormModal, useRecordSubmit } from '../records/record-form';

export const KIND_OPTIONS = OrganizationKind.options.map((k) => ({ value: k, label: k === 'ria_wealth_manager' ? 'RIA / wealth manager' : humanize(k) }));

interface Values {
  name: string;
  kind: string;
  website: string;
  emailDomains: string[];
  location: string;
  ownerId: string | null;
  tagIds: string[];
  description: string;
  customFields: CustomFieldMap;
}

function payload(v: Values) {
  return {
    name: v.name.trim(),
    kind: v.kind as OrganizationCreateInput['kind'],
    website: blankToNull(v.website),
    emailDomains: v.emailDomains.map((d) => d.trim()).filter(Boolean),
    location: blankToNull(v.location),
    ownerId: v.ownerId,
    tagIds: v.tagIds,
    description: blankToNull(v.description),
  };
}

export function OrganizationFormModal({
  organization,
  onClose,
  onSaved,
}: {
  organization?: Organization;
  onClose: () => void;
  onSaved?: (o: Organization) => void;
}) {
  const initial: Values = {
    name: organization?.name ?? '',
    kind: organization?.kind ?? 'family_office',
    website: organization?.website ?? '',
    emailDomains: organization?.emailDomains ?? [],
    location: organization?.location ?? '',
    ownerId: organization?.ownerId ?? null,
    tagIds: organization?.tags.map((t) => t.id) ?? [],
    description: organization?.description ?? '',
    customFields: organization?.customFields ?? {},
  };
  const form = useFormState(initial);
  const { submit, saving } = useRecordSubmit({
    collection: 'organizations',
    existing: organization,
    form,
    initial,
    payload,
    createSchema: OrganizationCreateInput,
    updateSchema: OrganizationUpdateInput,
    savedMessage: 'Organization saved',
    addedMessage: (saved: Organization) => `${saved.name} added`,
    onSaved,
    onClose,
  });
  const v = form.values;

  return (
    <RecordFormModal
      title={organization ? `Edit ${organization.name}` : 'New organization'}
      entityType="organization"
      editing={Boolean(organization)}
      createLabel="Create organization"
      saving={saving}
      errors={form.errors}
      customFields={v.customFields}
      onCustomFieldsChange={(values) => form.set('customFields', values)}
      onSubmit={submit}
      onClose={onClose}
    >
      <SimpleGrid cols={2}>
        <TextInput label="Name" required data-autofocus value={v.name} error={form.errors.name} onChange={(e) => form.set('name', e.currentTarget.value)} />
        <Select label="Kind" data={KIND_OPTIONS} value={v.kind} error={form.errors.kind} onChange={(k) => form.set('kind', k ?? 'other')} />
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <TextInput
          label="Website"
          placeholder="https://"
          value={v.website}
          error={form.errors.website}
          onChange={(e) => form.set('website', e.currentTarget.value)}
        />
        <TextInput label="Location" value={v.location} error={form.errors.location} onChange={(e) => form.set('location', e.currentTarget.value)} />
      </SimpleGrid>
      <TagsInput
        label="Email domains"
        description="Mail from these domains is matched to this organization"
        placeholder="example.com"
        value={v.emailDomains}
        error={form.errors.emailDomains}
        onChange={(d) => form.set('emailDomains', d)}
        acceptValueOnBlur
      />
      <SimpleGrid cols={2}>
        <UserSelect label="Owner" value={v.ownerId} onChange={(id) => form.set('ownerId', id)} error={form.errors.ownerId} />
        <TagMultiSelect value={v.tagIds} onChange={(ids) => form.set('tagIds', ids)} />
      </SimpleGrid>
      <Textarea
        label="Description"
        autosize
        minRows={2}
        value={v.description}
        error={form.errors.description}
        onChange={(e) => form.set('description', e.currentTarget.value)}
      />
    </RecordFormModal>
  );
}
