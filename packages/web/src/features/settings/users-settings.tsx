import { Badge, Button, Card, Modal, PasswordInput, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Role, UserCreateInput } from '@lpdesk/contracts';
import { IconPlus } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { useInvalidate, useUsers } from '../../api/hooks';
import type { User } from '../../api/types';
import { formatRelative, humanize } from '../../ui/format';
import { blankToNull, errorsFromApi, useFormState, validate } from '../../ui/forms';
import { ListSkeleton, SectionTitle } from '../../ui/layout';
import { useCurrentUser } from '../auth/session';
import { FormActions } from '../../ui/form-actions';

const ROLE_OPTIONS = Role.options.map((r) => ({ value: r, label: humanize(r) }));

export function UsersSettings() {
  const users = useUsers();
  const me = useCurrentUser();
  const invalidate = useInvalidate();
  const [creating, setCreating] = useState(false);
  const update = useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: Partial<Pick<User, 'role' | 'disabled'>> }) => api.patch(`/api/users/${id}`, changes),
    onSuccess: () => invalidate('users'),
    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
  });
  return (
    <Card>
      <SectionTitle
        right={
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)}>
            Add user
          </Button>
        }
      >
        Users
      </SectionTitle>
      {users.isPending ? (
        <ListSkeleton rows={4} />
      ) : (
        <Table verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>User</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Last sign-in</Table.Th>
              <Table.Th>Active</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(users.data ?? []).map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {u.fullName ?? u.username}{' '}
                    {u.id === me.id && (
                      <Badge size="xs" variant="light">
                        you
                      </Badge>
                    )}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {u.username}
                    {u.email ? ` · ${u.email}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    w={130}
                    data={ROLE_OPTIONS}
                    value={u.role}
                    allowDeselect={false}
                    onChange={(role) => role && update.mutate({ id: u.id, changes: { role: role as User['role'] } })}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {u.lastLoginAt ? formatRelative(u.lastLoginAt) : 'Never'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Switch
                    checked={!u.disabled}
                    disabled={u.id === me.id}
                    onChange={() => update.mutate({ id: u.id, changes: { disabled: !u.disabled } })}
                    aria-label="Active"
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating && <CreateUserModal onClose={() => setCreating(false)} />}
    </Card>
  );
}

function CreateUserModal({ onClose }: { onClose: () => void }) {
  const form = useFormState({ username: '', fullName: '', email: '', password: '', role: 'member' });
  const invalidate = useInvalidate();
  const create = useMutation({ mutationFn: (body: unknown) => api.post('/api/users', body), onSuccess: () => invalidate('users') });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = form.values;
    const body = { username: v.username.trim(), password: v.password, role: v.role, fullName: blankToNull(v.fullName), email: blankToNull(v.email) };
    const result = validate(UserCreateInput, body);
    if (result.errors) return form.setErrors(result.errors);
    create.mutate(body, {
      onSuccess: () => {
        notifications.show({ message: `${body.username} can now sign in`, color: 'teal' });
        onClose();
      },
      onError: (error) => form.setErrors(errorsFromApi(error)),
    });
  };
  return (
    <Modal opened onClose={onClose} title="Add user">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label="Username"
            required
            value={form.values.username}
            error={form.errors.username}
            onChange={(e) => form.set('username', e.currentTarget.value)}
          />
          <TextInput
            label="Full name"
            value={form.values.fullName}
            error={form.errors.fullName}
            onChange={(e) => form.set('fullName', e.currentTarget.value)}
          />
          <TextInput label="Email" value={form.values.email} error={form.errors.email} onChange={(e) => form.set('email', e.currentTarget.value)} />
          <Select label="Role" data={ROLE_OPTIONS} value={form.values.role} allowDeselect={false} onChange={(r) => form.set('role', r ?? 'member')} />
          <PasswordInput
            label="Initial password"
            required
            description="At least 10 characters; ask them to change it"
            value={form.values.password}
            error={form.errors.password}
            onChange={(e) => form.set('password', e.currentTarget.value)}
          />
          <FormActions error={form.errors._form} submitLabel="Add user" loading={create.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
