import { Alert, Button, Group, Select, SimpleGrid, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { OrganizationCreateInput, OrganizationKind, OrganizationUpdateInput, organizationKindLabel } from '@lpdesk/contracts';
import type { CustomFieldMap, Organization } from '../../api/types';
import { blankToNull, useFormState } from '../../ui/forms';
import { PossibleDuplicateWarning } from '../identity/possible-duplicate-warning';
import { TagMultiSelect, UserSelect } from '../records/pickers';
import { RecordFormModal, useRecordSubmit } from '../records/record-form';

export const KIND_OPTIONS = OrganizationKind.options.map((k) => ({ value: k, label: organizationKindLabel(k) }));

interface Values {
  name: string;
  kind: string;
  website: string;
  emailDomains: string[];
  location: string;
  leadSource: string;
  ownerId: string | null;
  tagIds: string[];
  description: string;
  customFields: CustomFieldMap;
  /** Set once the person chose "create anyway" after the duplicate-name warning. */
  allowDuplicateName: boolean;
}

interface ExistingOrganization {
  id: string;
  name: string;
}

/** The organization a 409 says already has this name (core: organizations/commands.ts). */
function duplicateOf(error: unknown): ExistingOrganization | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const existing = (error.details as { existing?: ExistingOrganization } | undefined)?.existing;
  return existing?.id && existing.name ? existing : null;
}

function payload(v: Values) {
  return {
    name: v.name.trim(),
    kind: v.kind as OrganizationCreateInput['kind'],
    website: blankToNull(v.website),
    emailDomains: v.emailDomains.map((d) => d.trim()).filter(Boolean),
    location: blankToNull(v.location),
    leadSource: blankToNull(v.leadSource),
    ownerId: v.ownerId,
    tagIds: v.tagIds,
    description: blankToNull(v.description),
    ...(v.allowDuplicateName ? { allowDuplicateName: true } : {}),
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
    leadSource: organization?.leadSource ?? '',
    ownerId: organization?.ownerId ?? null,
    tagIds: organization?.tags.map((t) => t.id) ?? [],
    description: organization?.description ?? '',
    customFields: organization?.customFields ?? {},
    allowDuplicateName: false,
  };
  const form = useFormState(initial);
  const [duplicate, setDuplicate] = useState<ExistingOrganization | null>(null);
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
    onApiError: (error) => {
      const existing = duplicateOf(error);
      setDuplicate(existing);
      return existing !== null;
    },
  });
  const v = form.values;
  // "Create anyway": submit again once the confirmation is in the values.
  // biome-ignore lint/correctness/useExhaustiveDependencies: resubmits only when the confirmation is given
  useEffect(() => {
    if (v.allowDuplicateName && duplicate) {
      setDuplicate(null);
      submit({ preventDefault: () => {} } as FormEvent);
    }
  }, [v.allowDuplicateName]);

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
      {duplicate && (
        <Alert color="yellow" variant="light" data-testid="duplicate-organization">
          <Text size="sm">An organization named “{duplicate.name}” already exists.</Text>
          <Group gap="xs" mt="xs">
            <Button size="xs" variant="default" component={Link} to={`/organizations/${duplicate.id}`} onClick={onClose}>
              Open it
            </Button>
            <Button size="xs" color="yellow" onClick={() => form.set('allowDuplicateName', true)} data-testid="create-anyway">
              {organization ? 'Rename anyway' : 'Create anyway'}
            </Button>
          </Group>
        </Alert>
      )}
      <SimpleGrid cols={2}>
        <TextInput
          label="Name"
          required
          data-autofocus
          value={v.name}
          error={form.errors.name}
          onChange={(e) => {
            form.set('name', e.currentTarget.value);
            form.set('allowDuplicateName', false);
            setDuplicate(null);
          }}
        />
        <Select
          label="Kind"
          data={KIND_OPTIONS}
          value={v.kind}
          error={form.errors.kind}
          // Choosing the selected kind again keeps it (Mantine would clear it).
          allowDeselect={false}
          onChange={(k) => k && form.set('kind', k)}
          data-testid="organization-kind"
        />
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <TextInput
          label="Website"
          placeholder="example.com"
          value={v.website}
          error={form.errors.website}
          onChange={(e) => form.set('website', e.currentTarget.value)}
        />
        <TextInput label="Location" value={v.location} error={form.errors.location} onChange={(e) => form.set('location', e.currentTarget.value)} />
      </SimpleGrid>
      {!organization && <PossibleDuplicateWarning draft={{ kind: 'organization', name: v.name, website: blankToNull(v.website) }} />}
      <TextInput
        label="Lead source"
        placeholder="Referral, conference, inbound…"
        value={v.leadSource}
        error={form.errors.leadSource}
        onChange={(e) => form.set('leadSource', e.currentTarget.value)}
      />
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
