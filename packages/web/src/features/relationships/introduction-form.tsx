import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useList, useTeam } from '../../api/hooks';
import type { Contact } from '../../api/types';
import { useAddIntroduction } from './hooks';

/** Who introduced this contact: a team member or another contact, with an optional note and date. */
export function IntroductionForm({ contactId }: { contactId: string }) {
  const [search, setSearch] = useState('');
  const [introducedById, setIntroducedById] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [on, setOn] = useState('');
  const team = useTeam();
  const contacts = useList<Contact>('contacts', { q: search || undefined, limit: 20 });
  const add = useAddIntroduction(contactId);
  const options = [
    { group: 'Team', items: (team.data ?? []).map((member) => ({ value: member.id, label: member.name })) },
    { group: 'Contacts', items: (contacts.data?.data ?? []).filter((c) => c.id !== contactId).map((c) => ({ value: c.id, label: c.fullName })) },
  ];
  const submit = () => {
    if (!introducedById) return;
    add.mutate(
      { introducedById, ...(note ? { note } : {}), ...(on ? { on } : {}) },
      {
        onSuccess: () => {
          setIntroducedById(null);
          setNote('');
          setOn('');
        },
      },
    );
  };
  return (
    <Stack gap={6} data-testid="introduction-form">
      <Select
        size="xs"
        label="Introduced by"
        placeholder="Team member or contact"
        data={options}
        value={introducedById}
        onChange={setIntroducedById}
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        nothingFoundMessage="No match"
      />
      <Group grow gap={6}>
        <TextInput size="xs" label="Note" value={note} onChange={(event) => setNote(event.currentTarget.value)} maxLength={1000} />
        <TextInput size="xs" label="On" type="date" value={on} onChange={(event) => setOn(event.currentTarget.value)} />
      </Group>
      <Group justify="flex-end">
        <Button size="xs" onClick={submit} disabled={!introducedById} loading={add.isPending} data-testid="add-introduction">
          Add introduction
        </Button>
      </Group>
      {add.isError && (
        <Text size="xs" c="red">
          {errorMessage(add.error)}
        </Text>
      )}
    </Stack>
  );
}
