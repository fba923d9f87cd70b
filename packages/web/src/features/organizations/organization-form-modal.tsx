import { Alert, Button, Divider, Group, Modal, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { OrganizationCreateInput, OrganizationKind, OrganizationUpdateInput } from '@lpdesk/contracts';
import type { FormEvent } from 'react';
import { useCreate, useCustomFields, useUpdate } from '../../api/hooks';
import type { CustomFieldMap, Organization } from '../../api/types';
import { humanize } from '../../ui/format';
import { blankToNull, errorsFromApi, useFormState, validate } from '../../ui/forms';
import { changedFields } from '../../ui/payload';
import { CustomFieldInputs, customFieldsPayload } from '../records/custom-fields';
import { TagMultiSelect, UserSelect } from '../records/pickers';

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
  const { fields } = useCustomFields('organization');
  const create = useCreate<Organization>('organizations');
  const update = useUpdate<Organization>('organizations');
  const v = form.values;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const customFields = customFieldsPayload(v.customFields, initial.customFields, organization ? 'update' : 'create');
    const body = organization
      ? { ...changedFields(payload(v), payload(initial)), ...(Object.keys(customFields).length ? { customFields } : {}) }
      : { ...payload(v), customFields };
    const result = validate(organization ? OrganizationUpdateInput : OrganizationCreateInput, body);
    if (result.errors) return form.setErrors(result.errors);
    const done = {
      onSuccess: (saved: Organization) => {
        notifications.show({ message: organization ? 'Organization saved' : `${saved.name} added`, color: 'teal' });
        onSaved?.(saved);
        onClose();
      },
      onError: (error: unknown) => form.setErrors(errorsFromApi(error)),
    };
    if (organization) update.mutate({ id: organization.id, changes: body }, done);
    else create.mutate(body, done);
  };

  return (
    <Modal opened onClose={onClose} title={organization ? `Edit ${organization.name}` : 'New organization'} size="lg">
      <form onSubmit={submit} noValidate data-testid="organization-form">
        <Stack gap="sm">
          {form.errors._form && (
            <Alert color="red" variant="light">
              {form.errors._form}
            </Alert>
          )}
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
          {fields.length > 0 && <Divider label="Custom fields" labelPosition="left" />}
          <SimpleGrid cols={2}>
            <CustomFieldInputs definitions={fields} values={v.customFields} onChange={(values) => form.set('customFields', values)} errors={form.errors} />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} data-testid="save-organization">
              {organization ? 'Save' : 'Create organization'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
