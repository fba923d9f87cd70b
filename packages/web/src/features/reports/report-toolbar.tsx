import { Group, NumberInput, Select, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useFunds } from '../../api/hooks';
import { Anchor } from '@mantine/core';
import { type QueryParams, toQueryString } from '../../api/client';
import { ExportCsvButton } from '../../ui/export-csv-button';
import type { FilterChanges, ReportFilters } from './use-report';

type Field = 'fund' | 'dates' | 'cold';

/**
 * The filters one report takes, and its "Download CSV" link: the same route with `format=csv` and the
 * same parameters, so the file holds the rows the screen shows.
 */
export function ReportToolbar({
  fields,
  filters,
  update,
  fundId,
  csvPath,
  csvQuery,
  children,
}: {
  fields: Field[];
  filters: ReportFilters;
  update: (changes: FilterChanges) => void;
  /** The fund the answer is about (the server's default when the URL names none). */
  fundId?: string | null;
  csvPath: string;
  csvQuery: Record<string, string | number | null | undefined>;
  /** Report-specific filters, before the CSV button. */
  children?: ReactNode;
}) {
  const funds = useFunds();
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" data-testid="report-toolbar">
      {fields.includes('fund') && (
        <Select
          w={{ base: '100%', xs: 220 }}
          label="Fund"
          aria-label="Fund"
          data-testid="report-fund"
          data={(funds.data?.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
          value={filters.fundId ?? fundId ?? null}
          onChange={(id) => update({ fund: id })}
          allowDeselect={false}
          placeholder="Fund"
        />
      )}
      {fields.includes('dates') && (
        <>
          <TextInput
            type="date"
            w={{ base: 'calc(50% - 5px)', xs: 160 }}
            label="From"
            data-testid="report-from"
            value={filters.from ?? ''}
            max={filters.to ?? undefined}
            onChange={(e) => update({ from: e.currentTarget.value || null })}
          />
          <TextInput
            type="date"
            w={{ base: 'calc(50% - 5px)', xs: 160 }}
            label="To"
            data-testid="report-to"
            value={filters.to ?? ''}
            min={filters.from ?? undefined}
            onChange={(e) => update({ to: e.currentTarget.value || null })}
          />
        </>
      )}
      {fields.includes('cold') && (
        <NumberInput
          w={{ base: '100%', xs: 150 }}
          label="Cold after (days)"
          data-testid="report-cold"
          min={1}
          max={3650}
          allowDecimal={false}
          allowNegative={false}
          placeholder="60"
          value={filters.coldDays ?? ''}
          onChange={(value) => update({ cold: typeof value === 'number' && value > 0 ? String(value) : null })}
        />
      )}
      {children}
      <ExportCsvButton path={csvPath} query={{ ...csvQuery, format: 'csv' }} label="Download CSV" testId="report-csv" />
    </Group>
  );
}

/** The CSV download of a report: its route with the screen's filters, `format=csv` and optionally one of its tables. */
export function reportCsvUrl(path: string, query: QueryParams, table?: string): string {
  return `${path}${toQueryString({ ...query, format: 'csv', table })}`;
}

/** A small "CSV" link beside one table of a report that has several (`&table=`). */
export function CsvTableLink({ path, query, table }: { path: string; query: QueryParams; table: string }) {
  return (
    <Anchor href={reportCsvUrl(path, query, table)} download size="xs" data-testid={`csv-${table}`}>
      CSV
    </Anchor>
  );
}
