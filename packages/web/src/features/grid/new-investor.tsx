import { Button, Group, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError, api, errorMessage } from '../../api/client';

/**
 * "+ New investor" under the grid: type a name, Enter creates the organization (kind defaults to
 * `other` in the create contract) and the row appears. A duplicate name asks before creating a twin.
 */
export function NewInvestorRow({ onCreated }: { onCreated: (id: string) => void }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');
  const [duplicate, setDuplicate] = useState(false);
  const [busy, setBusy] = useState(false);
  const create = async (allowDuplicateName: boolean) => {
    if (!name.trim()) return;
    setBusy(true);
    try {
      const created = await api.post<{ data: { id: string } }>('/api/organizations', { name: name.trim(), ...(allowDuplicateName ? { allowDuplicateName } : {}) });
      setName('');
      setDuplicate(false);
      setEditing(false);
      onCreated(created.data.id);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) setDuplicate(true);
      else notifications.show({ color: 'red', title: 'Investor not created', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  if (!editing)
    return (
      <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => setEditing(true)} data-testid="grid-new-investor">
        New investor
      </Button>
    );
  return (
    <Group gap="xs" wrap="nowrap">
      <TextInput
        size="xs"
        w={260}
        autoFocus
        placeholder="Investor name, then Enter"
        value={name}
        error={duplicate ? 'An investor with this name exists' : undefined}
        data-testid="grid-new-investor-name"
        onChange={(event) => {
          setName(event.currentTarget.value);
          setDuplicate(false);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') void create(false);
          if (event.key === 'Escape') setEditing(false);
        }}
      />
      {duplicate && (
        <Button size="xs" variant="light" loading={busy} onClick={() => void create(true)}>
          Create anyway
        </Button>
      )}
      <Button size="xs" variant="default" onClick={() => setEditing(false)}>
        Cancel
      </Button>
    </Group>
  );
}
