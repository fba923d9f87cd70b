import { Badge, Button, Card, Checkbox, Modal, SegmentedControl, Select, Stack, Table, TagsInput, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { CustomFieldCreateInput, CustomFieldType } from '@lpdesk/contracts';
import { IconPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useCreate, useCustomFields, useTrash } from '../../api/hooks';
import type { CustomFieldDefinition, EntityType } from '../../api/types';
import { humanize } from '../../ui/format';
import { errorsFromApi, useFormState, validate } from '../../ui/forms';
import { Empty, SectionTitle } from '../../ui/layout';
import { DeleteCell, FormActions } from '../../ui/form-actions';

/** "Investment region" → "investment_region": the key the API and filters use. */
export function keyFromLabel(label: string): string {
  const key = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^[^a-z]+/, '');
  return key.slice(0, 50);
}

export function CustomFieldsSettings() {
  const [entityType, setEntityType] = useState<EntityType>('contact');
  const { fields, isPending } = useCustomFields(entityType);
  const trash = useTrash('custom-fields');
  const [creating, setCreating] = useState(false);
  return (
    <Card>
      <SectionTitle
        right={
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)} data-testid="new-custom-field">
            New field
          </Button>
        }
      >
        Custom fields
      </SectionTitle>
      <Text size="sm" c="dimmed" mb="md">
        Fields you define here appear in forms, list columns, filters and detail views.
      </Text>
      <SegmentedControl
        mb="md"
        value={entityType}
        onChange={(v) => setEntityType(v as EntityType)}
        data={[
          { value: 'contact', label: 'Contacts' },
          { value: 'organization', label: 'Organizations' },
          { value: 'commitment', label: 'Commitments' },
        ]}
      />
      {!isPending && fields.length === 0 ? (
        <Empty title={`No custom fields on ${entityType}s`} description="Add one, e.g. “Region” as a select or “Check size” as money." />
      ) : (
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Label</Table.Th>
              <Table.Th>Key</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Options</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields.map((f: CustomFieldDefinition) => (
              <Table.Tr key={f.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {f.label}{' '}
                    {f.required && (
                      <Badge size="xs" variant="light">
                        required
                      </Badge>
                    )}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace" c="dimmed">
                    {f.key}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{humanize(f.type)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed" truncate maw={220}>
                    {f.options.join(', ') || '—'}
                  </Text>
                </Table.Td>
                <DeleteCell
                  label={`Delete ${f.label}`}
                  onDelete={() => trash.mutate([f.id], { onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }) })}
                />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating && <CustomFieldModal entityType={entityType} position={fields.length} onClose={() => setCreating(false)} />}
    </Card>
  );
}

function CustomFieldModal({ entityType, position, onClose }: { entityType: EntityType; position: number; onClose: () => void }) {
  const form = useFormState({ label: '', key: '', keyEdited: false, type: 'text', options: [] as string[], required: false });
  const create = useCreate<CustomFieldDefinition>('custom-fields');
  const v = form.values;
  const needsOptions = v.type === 'select' || v.type === 'multi_select';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = { entityType, label: v.label.trim(), key: v.key, type: v.type, options: needsOptions ? v.options : [], required: v.required, position };
    const result = validate(CustomFieldCreateInput, body);
    if (result.errors) return form.setErrors(result.errors);
    create.mutate(body, {
      onSuccess: () => {
        notifications.show({ message: `${body.label} added to ${entityType}s`, color: 'teal' });
        onClose();
      },
      onError: (error) => form.setErrors(errorsFromApi(error)),
    });
  };
  return (
    <Modal opened onClose={onClose} title={`New ${entityType} field`}>
      <form onSubmit={submit} noValidate data-testid="custom-field-form">
        <Stack gap="sm">
          <TextInput
            label="Label"
            required
            data-autofocus
            value={v.label}
            error={form.errors.label}
            onChange={(e) => {
              const label = e.currentTarget.value;
              form.set('label', label);
              if (!v.keyEdited) form.set('key', keyFromLabel(label));
            }}
            data-testid="cf-label"
          />
          <TextInput
            label="Key"
            description="Used by the API, imports and filters; cannot change later"
            value={v.key}
            error={form.errors.key}
            onChange={(e) => {
              form.set('key', e.currentTarget.value);
              form.set('keyEdited', true);
            }}
          />
          <Select
            label="Type"
            data={CustomFieldType.options.map((t) => ({ value: t, label: humanize(t) }))}
            value={v.type}
            allowDeselect={false}
            onChange={(t) => form.set('type', t ?? 'text')}
            data-testid="cf-type"
          />
          {needsOptions && (
            <TagsInput
              label="Options"
              placeholder="Type an option and press Enter"
              value={v.options}
              error={form.errors.options}
              onChange={(o) => form.set('options', o)}
              acceptValueOnBlur
            />
          )}
          <Checkbox label="Required" checked={v.required} onChange={(e) => form.set('required', e.currentTarget.checked)} />
          <FormActions error={form.errors._form} submitLabel="Create field" loading={create.isPending} onCancel={onClose} submitTestId="save-custom-field" />
        </Stack>
      </form>
    </Modal>
  );
}
