import { Alert, Button, Group, Modal, NumberInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DateInput, DateTimePicker } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { CommunicationCreateInput, CommunicationUpdateInput } from '@lpdesk/contracts';
import dayjs from 'dayjs';
import type { FormEvent } from 'react';
import { useCreate, useUpdate } from '../../api/hooks';
import type { Communication, CommunicationKind } from '../../api/types';
import { blankToNull, errorsFromApi, useFormState, validate } from '../../ui/forms';
import { RemoteMultiSelect } from '../records/pickers';
import type { CommunicationDefaults } from '../shell/composers';
import { teamNow } from '../../ui/team-time';
import { CommunicationBodyField } from './communication-body-field';
import { OrganizationPeopleSuggestions } from './organization-people-suggestions';

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

const toOption = (ref: { id: string; name: string }): Option => ({ value: ref.id, label: ref.name });

/** The form's values for a new communication (from defaults) or an existing one (to edit). */
function initialValues(defaults: CommunicationDefaults, communication: Communication | undefined): Values {
  if (communication) {
    return {
      kind: communication.kind,
      occurredAt: dayjs(communication.occurredAt).format('YYYY-MM-DD HH:mm:ss'),
      contacts: communication.contacts.map(toOption),
      organizations: communication.organizations.map(toOption),
      subject: communication.subject ?? '',
      body: communication.body ?? '',
      outcome: communication.outcome ?? '',
      durationMinutes: communication.durationMinutes ?? '',
      nextAction: communication.nextAction ?? '',
      nextActionDueOn: communication.nextActionDueOn,
    };
  }
  return {
    kind: 'call',
    occurredAt: dayjs(teamNow()).second(0).format('YYYY-MM-DD HH:mm:ss'),
    contacts: (defaults.contacts ?? []).map(toOption),
    organizations: (defaults.organizations ?? []).map(toOption),
    subject: '',
    body: '',
    outcome: '',
    durationMinutes: '',
    nextAction: '',
    nextActionDueOn: null,
  };
}

/** Log a new communication, or edit one (`communication` given): the activity log keeps each earlier version. */
export function CommunicationFormModal({ defaults, communication, onClose }: { defaults: CommunicationDefaults; communication?: Communication; onClose: () => void }) {
  const form = useFormState<Values>(initialValues(defaults, communication));
  const create = useCreate<Communication>('communications');
  const update = useUpdate<Communication>('communications');
  const editing = Boolean(communication);
  const v = form.values;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = communicationPayload(v);
    const result = validate(editing ? CommunicationUpdateInput : CommunicationCreateInput, body);
    const errors = { ...(result.errors ?? {}) };
    if (body.contactIds.length === 0 && body.organizationIds.length === 0) errors.contactIds = 'Add at least one person or organization';
    if (!editing && v.nextAction.trim() && !v.nextActionDueOn) errors.nextActionDueOn = 'Pick a due date so a follow-up task is created';
    if (Object.keys(errors).length) return form.setErrors(errors);
    const onError = (error: unknown) => form.setErrors(errorsFromApi(error));
    if (communication) {
      update.mutate(
        { id: communication.id, changes: body },
        {
          onSuccess: () => {
            notifications.show({ message: 'Communication updated; the earlier version is in its history', color: 'teal' });
            onClose();
          },
          onError,
        },
      );
      return;
    }
    // The grid's "Log communication" also appends it to the investors' notes logs.
    create.mutate(defaults.appendToNotesLog ? { ...body, appendToNotesLog: true } : body, {
      onSuccess: () => {
        notifications.show({ message: v.nextAction.trim() ? 'Logged, and a follow-up task was created' : 'Communication logged', color: 'teal' });
        onClose();
      },
      onError,
    });
  };

  return (
    <Modal opened onClose={onClose} title={editing ? 'Edit communication' : 'Log communication'} size="lg">
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
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
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
          <OrganizationPeopleSuggestions organizations={v.organizations} chosen={v.contacts} onAdd={(people) => form.set('contacts', [...v.contacts, ...people])} />
          <TextInput
            label="Subject"
            value={v.subject}
            error={form.errors.subject}
            onChange={(e) => form.set('subject', e.currentTarget.value)}
            data-testid="comm-subject"
          />
          <CommunicationBodyField value={v.body} error={form.errors.body} onChange={(text) => form.set('body', text)} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
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
          {editing && (
            <Text size="xs" c="dimmed" mt={-6}>
              Changing the next action here does not change a task already created from it; open the task in Tasks to change it.
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
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
            <Button type="submit" loading={create.isPending || update.isPending} data-testid="save-communication">
              {editing ? 'Save changes' : 'Log it'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
