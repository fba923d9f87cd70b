import { MultiSelect, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { useTags, useTeam } from '../../api/hooks';
import type { ListEnvelope } from '../../api/types';
import { displayName, useCurrentUser } from '../auth/session';

/** Team members for owner / assignee / author pickers; until the directory loads, at least oneself. */
export function useUserOptions() {
  const me = useCurrentUser();
  const team = useTeam();
  if (!team.data) return [{ value: me.id, label: displayName(me) }];
  return team.data.map((u) => ({ value: u.id, label: u.name }));
}

export function UserSelect(props: Omit<SelectProps, 'data'>) {
  const options = useUserOptions();
  return <Select searchable clearable data={options} {...props} />;
}

export function TagMultiSelect({ value, onChange, label = 'Tags' }: { value: string[]; onChange: (ids: string[]) => void; label?: string }) {
  const tags = useTags();
  const data = (tags.data?.data ?? []).map((t) => ({ value: t.id, label: t.name }));
  return <MultiSelect label={label} searchable clearable data={data} value={value} onChange={onChange} />;
}

interface RemoteOption {
  value: string;
  label: string;
}

/** Search-as-you-type picker over a collection, keeping already chosen options visible. */
function useRemoteOptions(collection: 'organizations' | 'contacts', search: string, chosen: RemoteOption[]) {
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const query = useQuery({
    queryKey: [collection, 'list', { q: debounced, limit: 20, picker: true }],
    queryFn: ({ signal }) =>
      api.get<ListEnvelope<{ id: string; name?: string; fullName?: string }>>(`/api/${collection}`, { q: debounced || undefined, limit: 20 }, signal),
  });
  const found = (query.data?.data ?? []).map((r) => ({ value: r.id, label: r.name ?? r.fullName ?? r.id }));
  const merged = new Map<string, RemoteOption>();
  for (const option of [...chosen, ...found]) merged.set(option.value, option);
  return [...merged.values()];
}

interface RemoteSelectProps {
  collection: 'organizations' | 'contacts';
  label: string;
  value: RemoteOption | null;
  onChange: (value: RemoteOption | null) => void;
  error?: string | undefined;
  required?: boolean;
  placeholder?: string;
  testId?: string;
}

export function RemoteSelect({ collection, label, value, onChange, error, required, placeholder, testId }: RemoteSelectProps) {
  const [search, setSearch] = useState('');
  const data = useRemoteOptions(collection, search, value ? [value] : []);
  return (
    <Select
      label={label}
      required={required}
      placeholder={placeholder ?? 'Search…'}
      searchable
      clearable
      filter={({ options }) => options}
      data={data}
      value={value?.value ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id) => onChange(data.find((o) => o.value === id) ?? null)}
      error={error}
      data-testid={testId}
      nothingFoundMessage="No matches"
    />
  );
}

interface RemoteMultiProps {
  collection: 'organizations' | 'contacts';
  label: string;
  value: RemoteOption[];
  onChange: (value: RemoteOption[]) => void;
  error?: string | undefined;
  testId?: string;
}

export function RemoteMultiSelect({ collection, label, value, onChange, error, testId }: RemoteMultiProps) {
  const [search, setSearch] = useState('');
  const data = useRemoteOptions(collection, search, value);
  return (
    <MultiSelect
      label={label}
      placeholder={value.length ? undefined : 'Search…'}
      searchable
      clearable
      filter={({ options }) => options}
      data={data}
      value={value.map((v) => v.value)}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(ids) => onChange(ids.map((id) => data.find((o) => o.value === id)).filter((o): o is RemoteOption => Boolean(o)))}
      error={error}
      data-testid={testId}
      nothingFoundMessage="No matches"
    />
  );
}
