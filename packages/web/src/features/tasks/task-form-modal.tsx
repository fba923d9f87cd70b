import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { TaskCreateInput } from '@lpdesk/contracts';
import type { FormEvent } from 'react';
import { useCreate } from '../../api/hooks';
import type { Task } from '../../api/types';
import { blankToNull, errorsFromApi, useFormState, validate } from '../../ui/forms';
import { useCurrentUser } from '../auth/session';
import { MentionTextarea } from '../notifications/mention-textarea';
import { UserSelect } from '../records/pickers';
import type { TaskDefaults } from '../shell/composers';

export function TaskFormModal({ defaults, onClose }: { defaults: TaskDefaults; onClose: () => void }) {
  const me = useCurrentUser();
  const form = useFormState({ title: '', notes: '', dueOn: null as string | null, assigneeId: me.id as string | null });
  const create = useCreate<Task>('tasks');
  const v = form.values;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      title: v.title.trim(),
      notes: blankToNull(v.notes),
      dueOn: v.dueOn,
      assigneeId: v.assigneeId,
      ...(defaults.entityType && defaults.entityId ? { entityType: defaults.entityType, entityId: defaults.entityId } : {}),
    };
    const result = validate(TaskCreateInput, body);
    if (result.errors) return form.setErrors(result.errors);
    create.mutate(body, {
      onSuccess: () => {
        notifications.show({ message: 'Task created', color: 'teal' });
        onClose();
      },
      onError: (error) => form.setErrors(errorsFromApi(error)),
    });
  };
  return (
    <Modal opened onClose={onClose} title="New task" size="md">
      <form onSubmit={submit} noValidate data-testid="task-form">
        <Stack gap="sm">
          {form.errors._form && (
            <Alert color="red" variant="light">
              {form.errors._form}
            </Alert>
          )}
          {defaults.entityName && (
            <Text size="sm" c="dimmed">
              For {defaults.entityName}
            </Text>
          )}
          <TextInput
            label="Title"
            required
            data-autofocus
            placeholder="Send Q3 letter"
            value={v.title}
            error={form.errors.title}
            onChange={(e) => form.set('title', e.currentTarget.value)}
            data-testid="task-title"
          />
          <SimpleGrid cols={2}>
            <DateInput label="Due" clearable valueFormat="MMM D, YYYY" value={v.dueOn} error={form.errors.dueOn} onChange={(d) => form.set('dueOn', d)} />
            <UserSelect label="Assignee" value={v.assigneeId} onChange={(id) => form.set('assigneeId', id)} error={form.errors.assigneeId} />
          </SimpleGrid>
          <MentionTextarea label="Notes" autosize minRows={2} value={v.notes} error={form.errors.notes} onChange={(e) => form.set('notes', e.currentTarget.value)} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="save-task">
              Create task
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
