import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { TaskCreateInput, TaskUpdateInput } from '@lpdesk/contracts';
import { type FormEvent, useState } from 'react';
import { useCreate, useUpdate } from '../../api/hooks';
import type { Task } from '../../api/types';
import { blankToNull, errorsFromApi, useFormState, validate } from '../../ui/forms';
import { useCurrentUser } from '../auth/session';
import { MentionTextarea } from '../notifications/mention-textarea';
import { UserSelect } from '../records/pickers';
import type { TaskDefaults } from '../shell/composers';
import { type LinkedRecord, LinkedRecordPicker } from './linked-record-picker';

/** The record a task starts linked to: the task's own when editing, else the one it was created from. */
function initialLink(defaults: TaskDefaults, task: Task | undefined): LinkedRecord | null {
  const entityType = task ? task.entityType : defaults.entityType;
  const id = task ? task.entityId : defaults.entityId;
  const name = task ? task.entityName : defaults.entityName;
  if ((entityType === 'organization' || entityType === 'contact') && id) return { entityType, id, name: name ?? '' };
  return null;
}

/** New task (from anywhere, optionally linked to an investor) or edit one (`task` given). */
export function TaskFormModal({ defaults, task, onClose }: { defaults: TaskDefaults; task?: Task; onClose: () => void }) {
  const me = useCurrentUser();
  const form = useFormState({
    title: task?.title ?? '',
    notes: task?.notes ?? '',
    dueOn: task?.dueOn ?? (null as string | null),
    assigneeId: task ? task.assigneeId : (me.id as string | null),
    link: initialLink(defaults, task),
  });
  const [linkKind, setLinkKind] = useState<'organization' | 'contact'>(form.values.link?.entityType ?? 'organization');
  const create = useCreate<Task>('tasks');
  const update = useUpdate<Task>('tasks');
  const v = form.values;
  // A task made from a record's page, or linked to a commitment, keeps that link; otherwise the user picks.
  const fixedTo = task ? (task.entityType === 'commitment' ? task.entityName : null) : defaults.entityId ? (defaults.entityName ?? null) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const link = fixedTo !== null ? {} : v.link ? { entityType: v.link.entityType, entityId: v.link.id } : { entityType: null, entityId: null };
    const fixedLink = !task && defaults.entityType && defaults.entityId ? { entityType: defaults.entityType, entityId: defaults.entityId } : {};
    const body = { title: v.title.trim(), notes: blankToNull(v.notes), dueOn: v.dueOn, assigneeId: v.assigneeId, ...link, ...fixedLink };
    const result = validate(task ? TaskUpdateInput : TaskCreateInput, body);
    if (result.errors) return form.setErrors(result.errors);
    const onError = (error: unknown) => form.setErrors(errorsFromApi(error));
    const done = (message: string) => () => {
      notifications.show({ message, color: 'teal' });
      onClose();
    };
    if (task) update.mutate({ id: task.id, changes: body }, { onSuccess: done('Task updated'), onError });
    else create.mutate(body, { onSuccess: done('Task created'), onError });
  };
  return (
    <Modal opened onClose={onClose} title={task ? 'Edit task' : 'New task'} size="md">
      <form onSubmit={submit} noValidate data-testid="task-form">
        <Stack gap="sm">
          {form.errors._form && (
            <Alert color="red" variant="light">
              {form.errors._form}
            </Alert>
          )}
          {fixedTo !== null && (
            <Text size="sm" c="dimmed">
              For {fixedTo}
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
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <DateInput label="Due" clearable valueFormat="MMM D, YYYY" value={v.dueOn} error={form.errors.dueOn} onChange={(d) => form.set('dueOn', d)} data-testid="task-due" />
            <UserSelect label="Assignee" value={v.assigneeId} onChange={(id) => form.set('assigneeId', id)} error={form.errors.assigneeId} data-testid="task-assignee" />
          </SimpleGrid>
          {fixedTo === null && <LinkedRecordPicker value={v.link} kind={linkKind} onKindChange={setLinkKind} onChange={(link) => form.set('link', link)} error={form.errors.entityId} />}
          <MentionTextarea label="Notes" autosize minRows={2} value={v.notes} error={form.errors.notes} onChange={(e) => form.set('notes', e.currentTarget.value)} data-testid="task-notes" />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} data-testid="save-task">
              {task ? 'Save changes' : 'Create task'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
