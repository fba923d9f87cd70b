import { Group, MultiSelect, SegmentedControl, Select } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useEffect, useState } from 'react';
import { useFunds } from '../../api/hooks';
import type { ContentSearchParams, RetrievalMode } from './search-api';

/** The API's `kind` takes communication kinds; `email` also covers captured emails, `note` the notes logs and notes fields. */
export const KIND_FILTER_OPTIONS = [
  { value: 'call', label: 'Calls' },
  { value: 'meeting', label: 'Meetings' },
  { value: 'email', label: 'Emails' },
  { value: 'note', label: 'Notes' },
  { value: 'text', label: 'Texts' },
];

export const MODE_OPTIONS: { value: RetrievalMode; label: string }[] = [
  { value: 'hybrid', label: 'Best match' },
  { value: 'sparse', label: 'Exact words' },
  { value: 'dense', label: 'Similar meaning' },
];

type Filters = Pick<ContentSearchParams, 'kinds' | 'fundId' | 'from' | 'to'>;
type DateRange = [string | null, string | null];

/** Half a phone's width each for kind and fund (the date range gets a row), side by side from 768 px. */
const HALF = 'calc(50% - var(--mantine-spacing-xs) / 2)';

/** Kind, fund and event-date filters. */
export function SearchFilters({ value, onChange }: { value: Filters; onChange: (patch: Partial<Filters>) => void }) {
  const funds = useFunds();
  // A range is applied once both ends are picked (or both cleared), not after the first click.
  const [range, setRange] = useState<DateRange>([value.from, value.to]);
  useEffect(() => setRange([value.from, value.to]), [value.from, value.to]);
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <MultiSelect
        w={{ base: HALF, sm: 250 }}
        aria-label="Kind"
        placeholder={value.kinds.length === 0 ? 'Any kind' : undefined}
        data={KIND_FILTER_OPTIONS}
        value={value.kinds}
        onChange={(kinds) => onChange({ kinds })}
        clearable
        data-testid="search-kind-filter"
      />
      <Select
        w={{ base: HALF, sm: 200 }}
        aria-label="Fund"
        placeholder="Any fund"
        data={(funds.data?.data ?? []).map((fund) => ({ value: fund.id, label: fund.name }))}
        value={value.fundId}
        onChange={(fundId) => onChange({ fundId })}
        clearable
        data-testid="search-fund-filter"
      />
      <DatePickerInput
        type="range"
        w={{ base: '100%', sm: 250 }}
        aria-label="Date range"
        placeholder="Any date"
        valueFormat="MMM D, YYYY"
        clearable
        value={range}
        onChange={(next) => {
          const picked = next as DateRange;
          setRange(picked);
          if (Boolean(picked[0]) === Boolean(picked[1])) onChange({ from: picked[0], to: picked[1] });
        }}
        data-testid="search-date-filter"
      />
    </Group>
  );
}

/** Hybrid by default; the two single legs for when the user knows what they want. */
export function SearchModeControl({ value, onChange }: { value: RetrievalMode; onChange: (mode: RetrievalMode) => void }) {
  return (
    <SegmentedControl
      size="xs"
      aria-label="Match"
      data={MODE_OPTIONS}
      value={value}
      onChange={(mode) => onChange(mode as RetrievalMode)}
      data-testid="search-mode"
    />
  );
}
