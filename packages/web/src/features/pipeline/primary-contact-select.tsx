import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ListEnvelope } from '../../api/types';

type Option = { value: string; label: string };

/**
 * The commitment's primary contact: only people of its investor are offered, and the field says so.
 * A contact chosen before (who may since have left the organization) stays visible, marked.
 */
export function PrimaryContactSelect({
  organization,
  value,
  onChange,
  error,
}: {
  organization: Option | null;
  value: Option | null;
  onChange: (value: Option | null) => void;
  error?: string | undefined;
}) {
  const organizationId = organization?.value;
  const people = useQuery({
    queryKey: ['contacts', 'list', { organizationId, limit: 200, picker: 'primary' }],
    queryFn: ({ signal }) => api.get<ListEnvelope<{ id: string; fullName?: string | null; firstName?: string; lastName?: string }>>('/api/contacts', { organizationId, limit: 200, sort: 'name' }, signal),
    enabled: Boolean(organizationId),
  });
  const options: Option[] = (people.data?.data ?? []).map((p) => ({ value: p.id, label: p.fullName ?? `${p.firstName ?? ''} ${p.lastName ?? ''}`.trim() }));
  if (value && !options.some((o) => o.value === value.value)) options.unshift({ value: value.value, label: `${value.label} (not at ${organization?.label ?? 'this investor'})` });
  const description = organization ? `People of ${organization.label}` : 'Choose the investor first';
  return (
    <Select
      label="Primary contact"
      description={description}
      placeholder={organization && people.isSuccess && options.length === 0 ? `No people at ${organization.label} yet` : 'Choose a person'}
      searchable
      clearable
      disabled={!organization}
      data={options}
      value={value?.value ?? null}
      onChange={(id) => onChange(options.find((o) => o.value === id) ?? null)}
      error={error}
      nothingFoundMessage={`Nobody at ${organization?.label ?? 'this investor'} matches`}
      data-testid="commitment-primary-contact"
    />
  );
}
