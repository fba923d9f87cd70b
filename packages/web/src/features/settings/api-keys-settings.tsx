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
        <Table.ScrollContainer minWidth={620}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Agent mode</Table.Th>
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
                  <Table.Td data-testid="api-key-agent-mode">
                    <AgentModeBadges apiKey={k} />
                  </Table.Td>
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
        </Table.ScrollContainer>
      )}
      {creating && <CreateKeyModal onClose={() => setCreating(false)} />}
    </Card>
  );
}

/** How an agent key behaves over MCP; other roles have no agent mode. */
export function AgentModeBadges({ apiKey }: { apiKey: Pick<ApiKey, 'role' | 'redaction' | 'writes'> }) {
  if (apiKey.role !== 'agent')
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap={4} wrap="wrap">
      <Badge
        size="sm"
        variant="light"
        color={apiKey.redaction === 'pii' ? 'teal' : 'gray'}
        title={
          apiKey.redaction === 'pii'
            ? 'Names, emails, phones and organizations reach the model as placeholders'
            : 'The model sees real names and contact details'
        }
      >
        {apiKey.redaction === 'pii' ? 'PII redacted' : 'No redaction'}
      </Badge>
      <Badge
        size="sm"
        variant="light"
        color={apiKey.writes === 'approval' ? 'orange' : 'gray'}
        title={apiKey.writes === 'approval' ? 'Writes wait in Proposals for a person to approve' : 'Writes run at once (logged)'}
      >
        {apiKey.writes === 'approval' ? 'Writes need approval' : 'Direct writes'}
      </Badge>
    </Group>
  );
}

const REDACTION_OPTIONS = [
  { value: 'pii', label: 'Redact PII (placeholders for names, emails, phones, organizations)' },
  { value: 'off', label: 'Off (the model sees real values)' },
];
const WRITES_OPTIONS = [
  { value: 'approval', label: 'Approval (writes become proposals a person approves)' },
  { value: 'direct', label: 'Direct (writes run at once, logged)' },
];

function CreateKeyModal({ onClose }: { onClose: () => void }) {
  const form = useFormState({ name: '', role: 'agent', redaction: 'pii', writes: 'approval' });
  const invalidate = useInvalidate();
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: ApiKeyCreateInput) => api.post<{ data: { key: string } }>('/api/api-keys', body).then((r) => r.data),
    onSuccess: (data) => {
      setCreated(data.key);
      return invalidate('api-keys');
    },
    onError: (error) => form.setErrors(errorsFromApi(error)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { name, role, redaction, writes } = form.values;
    // Redaction and write mode belong to agent keys only; the server refuses them for other roles.
    const result = validate(ApiKeyCreateInput, role === 'agent' ? { name, role, redaction, writes } : { name, role });
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
            {form.values.role === 'agent' && (
              <>
                <Select
                  label="Redaction"
                  description="What the model sees of investors' personal data"
                  data-testid="api-key-redaction"
                  data={REDACTION_OPTIONS}
                  value={form.values.redaction}
                  error={form.errors.redaction}
                  allowDeselect={false}
                  onChange={(v) => form.set('redaction', v ?? 'pii')}
                />
                <Select
                  label="Writes"
                  description="Whether the agent's writes run at once or wait for review"
                  data-testid="api-key-writes"
                  data={WRITES_OPTIONS}
                  value={form.values.writes}
                  error={form.errors.writes}
                  allowDeselect={false}
                  onChange={(v) => form.set('writes', v ?? 'approval')}
                />
              </>
            )}
            <FormActions error={form.errors._form} submitLabel="Create key" loading={create.isPending} onCancel={onClose} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
