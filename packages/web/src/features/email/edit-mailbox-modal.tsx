import { MailboxUpdateInput } from '@lpdesk/contracts';
import { Modal, PasswordInput, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { FormActions } from '../../ui/form-actions';
import { errorsFromApi, useFormState, validate } from '../../ui/forms';
import { UserSelect } from '../records/pickers';
import { type MailboxView, useUpdateMailbox } from './email-api';

/** Only what changed is sent; an empty password field keeps the stored one (it is never shown). */
export function mailboxChanges(
  mailbox: MailboxView,
  draft: { label: string; folders: string[]; ownerUserId: string | null; password: string },
): MailboxUpdateInput {
  const changes: MailboxUpdateInput = {};
  const label = draft.label.trim();
  if (label && label !== mailbox.label) changes.label = label;
  const folders = draft.folders.map((f) => f.trim()).filter(Boolean);
  if (folders.length > 0 && folders.join('\n') !== mailbox.folders.join('\n')) changes.folders = folders;
  if (draft.ownerUserId !== mailbox.ownerUserId) changes.ownerUserId = draft.ownerUserId;
  if (draft.password) changes.password = draft.password;
  return changes;
}

export function EditMailboxModal({ mailbox, onClose }: { mailbox: MailboxView; onClose(): void }) {
  const form = useFormState({ label: mailbox.label, folders: mailbox.folders, ownerUserId: mailbox.ownerUserId, password: '' });
  const update = useUpdateMailbox();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const changes = mailboxChanges(mailbox, form.values);
    const result = validate(MailboxUpdateInput, changes);
    if (result.errors) return form.setErrors(result.errors);
    if (Object.keys(changes).length === 0) return onClose();
    update.mutate(
      { id: mailbox.id, changes },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: `${changes.label ?? mailbox.label} saved` });
          onClose();
        },
        onError: (error) => form.setErrors(errorsFromApi(error)),
      },
    );
  };
  const { values, errors, set } = form;
  const hasSecret = mailbox.kind === 'imap';
  return (
    <Modal opened onClose={onClose} title={`Edit ${mailbox.label}`} data-testid="edit-mailbox-modal">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label="Label" value={values.label} error={errors.label} onChange={(e) => set('label', e.currentTarget.value)} />
          {mailbox.kind !== 'mbox' && (
            <TagsInput
              label={mailbox.kind === 'gmail' ? 'Labels' : 'Folders'}
              description="Press Enter after each name."
              value={values.folders}
              error={errors.folders}
              onChange={(folders) => set('folders', folders)}
            />
          )}
          <UserSelect label="Owner" value={values.ownerUserId} error={errors.ownerUserId} onChange={(id) => set('ownerUserId', id)} />
          {hasSecret && (
            <PasswordInput
              label="New password"
              description="Leave empty to keep the stored one."
              autoComplete="new-password"
              value={values.password}
              error={errors.password}
              onChange={(e) => set('password', e.currentTarget.value)}
              data-testid="mailbox-new-password"
            />
          )}
          {mailbox.kind === 'gmail' && (
            <Text size="xs" c="dimmed">
              To change a Gmail key or token, delete the mailbox and add it again.
            </Text>
          )}
          <FormActions error={errors._form} submitLabel="Save" loading={update.isPending} onCancel={onClose} submitTestId="mailbox-edit-save" />
        </Stack>
      </form>
    </Modal>
  );
}
