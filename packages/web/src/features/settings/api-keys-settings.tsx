import { Alert, Badge, Button, Card, Code, CopyButton, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiKeyCreateInput, Role } from '@lpdesk/contracts';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { keys, useInvalidate } from '../../api/hooks';
import type { ApiKey } from '../../api/types';
import { formatRelative, humanize } from '../../ui/format';
import { errorsFromApi, useFormState, validate } from '../../ui/forms';
import { Empty, ListSkeleton, SectionTitle } from '../../ui/layout';
import { FormActions } from '../../ui/form-actions';

export function ApiKeysSettings() {
  const list = useQuery({ queryKey: keys.list('api-keys'), queryFn: () => api.get<{ data: ApiKey[] }>('/api/api-keys').then((r) => r.data) });
  const invalidate = useInvalidate();
  const [creating, setCreating] = useState(false);
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/api/api-keys/${id}`),
    onSuccess: () => invalidate('api-keys'),
    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
  });
  return (
    <Card>
      <SectionTitle
        right={
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)}>
            Create key
          </Button>
        }
      >
        API keys
      </SectionTitle>
      <Text size="sm" c="dimmed" mb="md">
        For scripts, integrations and AI agents: send <Code>Authorization: Bearer &lt;key&gt;</Code>. A key acts with its role and is logged as itself.
      </Text>
      {list.isPending ? (
        <ListSkeleton rows={3} />
      ) : (list.data ?? []).length === 0 ? (
        <Empty icon={<IconKey size={20} />} title="No API keys" />
      ) : (
        <Table verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Prefix</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(list.data ?? []).map((k) => (
              <Table.Tr key={k.id} style={{ opacity: k.revokedAt ? 0.55 : 1 }}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {k.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    created {formatRelative(k.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td>{humanize(k.role)}</Table.Td>
                <Table.Td>
                  <Code>{k.prefix}…</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {k.lastUsedAt ? formatRelative(k.lastUsedAt) : 'Never'}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  {k.revokedAt ? (
                    <Badge color="gray" variant="light">
                      Revoked
                    </Badge>
                  ) : (
                    <Button size="xs" variant="subtle" color="red" onClick={() => revoke.mutate(k.id)}>
                      Revoke
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating && <CreateKeyModal onClose={() => setCreating(false)} />}
    </Card>
  );
}

function CreateKeyModal({ onClose }: { onClose: () => void }) {
  const form = useFormState({ name: '', role: 'agent' });
  const invalidate = useInvalidate();
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: { name: string; role: string }) => api.post<{ data: { key: string } }>('/api/api-keys', body).then((r) => r.data),
    onSuccess: (data) => {
      setCreated(data.key);
      return invalidate('api-keys');
    },
    onError: (error) => form.setErrors(errorsFromApi(error)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = validate(ApiKeyCreateInput, form.values);
    if (result.errors) return form.setErrors(result.errors);
    create.mutate(result.data);
  };
  return (
    <Modal opened onClose={onClose} title={created ? 'Copy your new key' : 'Create API key'}>
      {created ? (
        <Stack>
          <Alert color="yellow" variant="light">
            This is the only time the key is shown. Store it somewhere safe.
          </Alert>
          <Code block data-testid="new-api-key">
            {created}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={created}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput
              label="Name"
              required
              placeholder="Zapier sync"
              value={form.values.name}
              error={form.errors.name}
              onChange={(e) => form.set('name', e.currentTarget.value)}
            />
            <Select
              label="Role"
              data={Role.options.map((r) => ({ value: r, label: humanize(r) }))}
              value={form.values.role}
              allowDeselect={false}
              onChange={(r) => form.set('role', r ?? 'agent')}
            />
            <FormActions error={form.errors._form} submitLabel="Create key" loading={create.isPending} onCancel={onClose} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
