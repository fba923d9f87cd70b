import { ImapMailboxCreateInput } from '@lpdesk/contracts';
import { Checkbox, Group, Modal, NumberInput, PasswordInput, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { FormActions } from '../../ui/form-actions';
import { blankToNull, errorsFromApi, useFormState, validate } from '../../ui/forms';
import { UserSelect } from '../records/pickers';
import { type ImapMailboxDraft, useCreateImapMailbox } from './email-api';

interface Draft {
  label: string;
  host: string;
  port: number | string;
  secure: boolean;
  username: string;
  password: string;
  folders: string[];
  ownerUserId: string | null;
  allowUntrustedCertificate: boolean;
}

const INITIAL: Draft = {
  label: '',
  host: '',
  port: 993,
  secure: true,
  username: '',
  password: '',
  folders: [],
  ownerUserId: null,
  allowUntrustedCertificate: false,
};

/** The request body: blank optional fields are left out, so the server's defaults apply (inbox and Sent). */
export function imapDraftToInput(draft: Draft): ImapMailboxDraft {
  const label = blankToNull(draft.label);
  const folders = draft.folders.map((f) => f.trim()).filter(Boolean);
  return {
    kind: 'imap',
    host: draft.host.trim(),
    port: typeof draft.port === 'number' ? draft.port : Number.parseInt(draft.port, 10),
    secure: draft.secure,
    username: draft.username.trim(),
    password: draft.password,
    allowUntrustedCertificate: draft.allowUntrustedCertificate,
    ...(folders.length ? { folders } : {}),
    ...(draft.ownerUserId ? { ownerUserId: draft.ownerUserId } : {}),
    ...(label ? { label } : {}),
  };
}

/**
 * "Add IMAP mailbox": validated here with the contract's schema, then by the server. Adding does not
 * connect; the first sync does, and a wrong password or unreachable server shows as that run's error.
 */
export function AddMailboxModal({ onClose, onAdded }: { onClose(): void; onAdded?: (id: string) => void }) {
  const form = useFormState<Draft>(INITIAL);
  const create = useCreateImapMailbox();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = imapDraftToInput(form.values);
    const result = validate(ImapMailboxCreateInput, body);
    if (result.errors) return form.setErrors(result.errors);
    create.mutate(body, {
      onSuccess: (created) => {
        notifications.show({ color: 'teal', message: `${body.label ?? body.username} added; its first sync starts within a minute` });
        onAdded?.(created.id);
        onClose();
      },
      onError: (error) => form.setErrors(errorsFromApi(error)),
    });
  };
  const { values, errors, set } = form;
  return (
    <Modal opened onClose={onClose} title="Add IMAP mailbox" size="lg" data-testid="add-mailbox-modal">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Gmail and Google Workspace: imap.gmail.com with an app password. Microsoft 365: outlook.office365.com. Fastmail: imap.fastmail.com with an app
            password. The password is encrypted at rest and never shown again.
          </Text>
          <TextInput
            label="Label"
            placeholder="e.g. Partner inbox"
            value={values.label}
            error={errors.label}
            onChange={(e) => set('label', e.currentTarget.value)}
            data-testid="mailbox-label"
          />
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label="Host"
              required
              placeholder="imap.example.com"
              value={values.host}
              error={errors.host}
              onChange={(e) => set('host', e.currentTarget.value)}
              miw={180}
              data-testid="mailbox-host"
            />
            <NumberInput
              label="Port"
              required
              min={1}
              max={65535}
              allowDecimal={false}
              value={values.port}
              error={errors.port}
              onChange={(value) => set('port', value)}
              maw={140}
              data-testid="mailbox-port"
            />
          </Group>
          <Switch
            label="TLS from the start (port 993)"
            description="Off: plain connection upgraded with STARTTLS when the server offers it (port 143)"
            checked={values.secure}
            onChange={(e) => {
              const secure = e.currentTarget.checked;
              set('secure', secure);
              // Follow the usual port for the mode unless someone typed another.
              if (values.port === 993 || values.port === 143) set('port', secure ? 993 : 143);
            }}
            data-testid="mailbox-secure"
          />
          <TextInput
            label="Username"
            required
            placeholder="partner@fund.example.com"
            autoComplete="off"
            value={values.username}
            error={errors.username}
            onChange={(e) => set('username', e.currentTarget.value)}
            data-testid="mailbox-username"
          />
          <PasswordInput
            label="Password or app password"
            required
            autoComplete="new-password"
            value={values.password}
            error={errors.password}
            onChange={(e) => set('password', e.currentTarget.value)}
            data-testid="mailbox-password"
          />
          <TagsInput
            label="Folders"
            description="Leave empty for the inbox and the Sent folder. Press Enter after each name."
            placeholder="INBOX"
            value={values.folders}
            error={errors.folders}
            onChange={(folders) => set('folders', folders)}
            data-testid="mailbox-folders"
          />
          <UserSelect
            label="Owner"
            description="The team member whose mailbox this is"
            value={values.ownerUserId}
            error={errors.ownerUserId}
            onChange={(id) => set('ownerUserId', id)}
          />
          <Checkbox
            label="Accept an untrusted certificate (self-signed test servers, some on-premises Exchange)"
            checked={values.allowUntrustedCertificate}
            onChange={(e) => set('allowUntrustedCertificate', e.currentTarget.checked)}
          />
          <FormActions
            error={errors._form ?? errors.kind}
            submitLabel="Add mailbox"
            loading={create.isPending}
            onCancel={onClose}
            submitTestId="mailbox-save"
          />
        </Stack>
      </form>
    </Modal>
  );
}
