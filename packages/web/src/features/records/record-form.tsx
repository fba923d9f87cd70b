import { Alert, Button, Divider, Group, Modal, SimpleGrid, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent, ReactNode } from 'react';
import { type Collection, useCreate, useCustomFields, useUpdate } from '../../api/hooks';
import type { CustomFieldMap, EntityType } from '../../api/types';
import { errorsFromApi, type FieldErrors, type Schema, validate } from '../../ui/forms';
import { changedFields } from '../../ui/payload';
import { CustomFieldInputs, customFieldsPayload } from './custom-fields';

/** The slice of `useFormState` the submit flow needs. */
interface RecordForm<V> {
  values: V;
  setErrors(errors: FieldErrors): void;
}

interface RecordSubmitOptions<R, V extends { customFields: CustomFieldMap }, P extends Record<string, unknown>> {
  collection: Extract<Collection, 'contacts' | 'organizations'>;
  /** The record being edited; absent when creating. */
  existing?: R & { id: string };
  form: RecordForm<V>;
  initial: V;
  payload(values: V): P;
  createSchema: Schema<unknown>;
  updateSchema: Schema<unknown>;
  savedMessage: string;
  addedMessage(saved: R): string;
  onSaved?: (saved: R) => void;
  onClose(): void;
  /** A form's own answer to an API error (e.g. a duplicate-name 409); return true when handled. */
  onApiError?: (error: unknown) => boolean;
}

/**
 * Create/update flow shared by the contact and organization forms: an edit sends only the changed
 * fields (plus changed custom fields) so concurrent edits to other fields are not overwritten.
 */
export function useRecordSubmit<R, V extends { customFields: CustomFieldMap }, P extends Record<string, unknown>>(opts: RecordSubmitOptions<R, V, P>) {
  const create = useCreate<R>(opts.collection);
  const update = useUpdate<R>(opts.collection);
  const { existing, form, initial } = opts;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const v = form.values;
    const customFields = customFieldsPayload(v.customFields, initial.customFields, existing ? 'update' : 'create');
    const body = existing
      ? { ...changedFields(opts.payload(v), opts.payload(initial)), ...(Object.keys(customFields).length ? { customFields } : {}) }
      : { ...opts.payload(v), customFields };
    const result = validate(existing ? opts.updateSchema : opts.createSchema, body);
    if (result.errors) return form.setErrors(result.errors);
    const done = {
      onSuccess: (saved: R) => {
        notifications.show({ message: existing ? opts.savedMessage : opts.addedMessage(saved), color: 'teal' });
        opts.onSaved?.(saved);
        opts.onClose();
      },
      onError: (error: unknown) => {
        if (!opts.onApiError?.(error)) form.setErrors(errorsFromApi(error));
      },
    };
    if (existing) update.mutate({ id: existing.id, changes: body }, done);
    else create.mutate(body, done);
  };
  return { submit, saving: create.isPending || update.isPending };
}

interface RecordFormModalProps {
  title: string;
  entityType: Extract<EntityType, 'contact' | 'organization'>;
  editing: boolean;
  /** Label of the submit button when creating, e.g. "Create contact". */
  createLabel: string;
  saving: boolean;
  errors: FieldErrors;
  customFields: CustomFieldMap;
  onCustomFieldsChange(values: CustomFieldMap): void;
  onSubmit(event: FormEvent): void;
  onClose(): void;
  /** The record-specific inputs, placed between the form error and the custom fields. */
  children: ReactNode;
}

/** Modal frame for record forms, so contacts and organizations share error display, custom fields and footer. */
export function RecordFormModal(props: RecordFormModalProps) {
  const { fields } = useCustomFields(props.entityType);
  return (
    <Modal opened onClose={props.onClose} title={props.title} size="lg">
      <form onSubmit={props.onSubmit} noValidate data-testid={`${props.entityType}-form`}>
        <Stack gap="sm">
          {props.errors._form && (
            <Alert color="red" variant="light">
              {props.errors._form}
            </Alert>
          )}
          {props.children}
          {fields.length > 0 && <Divider label="Custom fields" labelPosition="left" />}
          <SimpleGrid cols={2}>
            <CustomFieldInputs definitions={fields} values={props.customFields} onChange={props.onCustomFieldsChange} errors={props.errors} />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={props.saving} data-testid={`save-${props.entityType}`}>
              {props.editing ? 'Save' : props.createLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
