import { Alert, Button, Group, Modal, NumberInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DateInput, DateTimePicker } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { CommunicationCreateInput } from '@lpdesk/contracts';
import dayjs from 'dayjs';
import type { FormEvent } from 'react';
import { useCreate } from '../../api/hooks';
import type { Communication, CommunicationKind } from '../../api/types';
import { blankToNull, errorsFromApi, useFormState, validate } from '../../ui/forms';
import { MentionTextarea } from '../notifications/mention-textarea';
import { RemoteMultiSelect } from '../records/pickers';
import type { CommunicationDefaults } from '../shell/composers';
import { teamNow } from '../../ui/team-time';

type Option = { value: string; label: string };

export const KIND_OPTIONS: { value: CommunicationKind; label: string }[] = [
  { value: 'call', label: 'Call' },
  { value: 'meeting', label: 'Meeting' },
  { value: 'email', label: 'Email' },
  { value: 'note', label: 'Note' },
  { value: 'text', label: 'Text' },
];

interface Values {
  kind: CommunicationKind;
  occurredAt: string | null;
  contacts: Option[];
  organizations: Option[];
  subject: string;
  body: string;
  outcome: string;
  durationMinutes: number | '';
  nextAction: string;
  nextActionDueOn: string | null;
}

export function communicationPayload(v: Values) {
  return {
    kind: v.kind,
    // The picker gives local wall-clock time; the API wants an instant with an offset.
    occurredAt: v.occurredAt ? dayjs(v.occurredAt).toISOString() : '',
    contactIds: v.contacts.map((c) => c.value),
    organizationIds: v.organizations.map((o) => o.value),
    subject: blankToNull(v.subject),
    body: blankToNull(v.body),
    outcome: blankToNull(v.outcome),
    durationMinutes: v.durationMinutes === '' ? null : v.durationMinutes,
    nextAction: blankToNull(v.nextAction),
    nextActionDueOn: v.nextActionDueOn,
  };
}

export function CommunicationFormModal({ defaults, onClose }: { defaults: CommunicationDefaults; onClose: () => void }) {
  const form = useFormState<Values>({
    kind: 'call',
    occurredAt: dayjs(teamNow()).second(0).format('YYYY-MM-DD HH:mm:ss'),
    contacts: (defaults.contacts ?? []).map((c) => ({ value: c.id, label: c.name })),
    organizations: (defaults.organizations ?? []).map((o) => ({ value: o.id, label: o.name })),
    subject: '',
    body: '',
    outcome: '',
    durationMinutes: '',
    nextAction: '',
    nextActionDueOn: null,
  });
  const create = useCreate<Communication>('communications');
  const v = form.values;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = communicationPayload(v);
    const result = validate(CommunicationCreateInput, body);
    const errors = { ...(result.errors ?? {}) };
    if (body.contactIds.length === 0 && body.organizationIds.length === 0) errors.contactIds = 'Add at least one person or organization';
    if (v.nextAction.trim() && !v.nextActionDueOn) errors.nextActionDueOn = 'Pick a due date so a follow-up task is created';
    if (Object.keys(errors).length) return form.setErrors(errors);
    create.mutate(body, {
      onSuccess: () => {
        notifications.show({ message: v.nextAction.trim() ? 'Logged, and a follow-up task was created' : 'Communication logged', color: 'teal' });
        onClose();
      },
      onError: (error) => form.setErrors(errorsFromApi(error)),
    });
  };

  return (
    <Modal opened onClose={onClose} title="Log communication" size="lg">
      <form onSubmit={submit} noValidate data-testid="communication-form">
        <Stack gap="sm">
          {form.errors._form && (
            <Alert color="red" variant="light">
              {form.errors._form}
            </Alert>
          )}
          <Group justify="space-between" align="flex-end">
            <SegmentedControl data={KIND_OPTIONS} value={v.kind} onChange={(k) => form.set('kind', k as CommunicationKind)} />
            <DateTimePicker
              w={230}
              label="When"
              valueFormat="MMM D, YYYY h:mm A"
              value={v.occurredAt}
              error={form.errors.occurredAt}
              onChange={(d) => form.set('occurredAt', d)}
              timePickerProps={{ format: '12h' }}
            />
          </Group>
          <SimpleGrid cols={2}>
            <RemoteMultiSelect
              collection="contacts"
              label="People"
              value={v.contacts}
              onChange={(c) => form.set('contacts', c)}
              error={form.errors.contactIds}
              testId="comm-contacts"
            />
            <RemoteMultiSelect
              collection="organizations"
              label="Organizations"
              value={v.organizations}
              onChange={(o) => form.set('organizations', o)}
              error={form.errors.organizationIds}
              testId="comm-orgs"
            />
          </SimpleGrid>
          <TextInput
            label="Subject"
            value={v.subject}
            error={form.errors.subject}
            onChange={(e) => form.set('subject', e.currentTarget.value)}
            data-testid="comm-subject"
          />
          <MentionTextarea label="Notes" autosize minRows={3} value={v.body} error={form.errors.body} onChange={(e) => form.set('body', e.currentTarget.value)} />
          <SimpleGrid cols={2}>
            <TextInput label="Outcome" value={v.outcome} error={form.errors.outcome} onChange={(e) => form.set('outcome', e.currentTarget.value)} />
            <NumberInput
              label="Duration (minutes)"
              min={0}
              max={1440}
              allowDecimal={false}
              value={v.durationMinutes}
              error={form.errors.durationMinutes}
              onChange={(n) => form.set('durationMinutes', typeof n === 'number' ? n : '')}
            />
          </SimpleGrid>
          <Text size="sm" fw={600} mt="xs">
            Follow-up
          </Text>
          <SimpleGrid cols={2}>
            <TextInput
              label="Next action"
              placeholder="Send the deck"
              value={v.nextAction}
              error={form.errors.nextAction}
              onChange={(e) => form.set('nextAction', e.currentTarget.value)}
              data-testid="comm-next-action"
            />
            <DateInput
              label="Due"
              clearable
              valueFormat="MMM D, YYYY"
              value={v.nextActionDueOn}
              error={form.errors.nextActionDueOn}
              onChange={(d) => form.set('nextActionDueOn', d)}
              data-testid="comm-next-due"
            />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="save-communication">
              Log it
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
