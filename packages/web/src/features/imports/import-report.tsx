import type { ImportDuplicateChoice, ImportEntity, ImportReport, ImportRowAction, ImportRowReport, ImportTotals } from '@lpdesk/contracts';
import { Anchor, Badge, Button, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { Empty } from '../../ui/layout';
import { useCompactLayout } from '../../ui/responsive';
import { ACTION_COLORS, ACTION_LABELS, ENTITY_LABELS } from './import-labels';

// A 10,000-row report is read a page at a time; most screens only need the first rows and the errors.
const PAGE = 25;
type Filter = 'all' | ImportRowAction | 'duplicate';

export function TotalsCards({ totals, dryRun }: { totals: ImportTotals; dryRun: boolean }) {
  const items: { action: ImportRowAction; label: string }[] = [
    { action: 'create', label: dryRun ? 'would be created' : 'created' },
    { action: 'update', label: dryRun ? 'would be updated' : 'updated' },
    { action: 'skip', label: dryRun ? 'would be skipped' : 'skipped' },
    { action: 'error', label: 'with errors' },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid="import-totals">
      {items.map((item) => (
        <Card key={item.action} padding="sm" withBorder data-testid={`total-${item.action}`}>
          <Text size="xl" fw={700} c={totals[item.action] > 0 ? `${ACTION_COLORS[item.action]}.7` : 'dimmed'}>
            {totals[item.action].toLocaleString()}
          </Text>
          <Text size="xs" c="dimmed">
            {item.label}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** The server may already start its message with the field's name ("Email: …"); the column is shown in bold before it. */
function withoutPrefix(message: string, column: string | null): string {
  const prefix = /^[^:]{1,40}:\s+/.exec(message)?.[0];
  return prefix && column && prefix.trim().slice(0, -1).toLowerCase() === column.toLowerCase() ? message.slice(prefix.length) : message;
}

function RowDetails({ row }: { row: ImportRowReport }) {
  return (
    <Stack gap={2}>
      {row.errors?.map((error) => (
        <Text key={`${error.column}:${error.message}`} size="sm" c="red.7">
          {error.column ? <b>{error.column}: </b> : null}
          {withoutPrefix(error.message, error.column)}
        </Text>
      ))}
      {row.duplicate && (
        <Text size="sm" c="dimmed">
          Matches an existing record ({row.duplicate.reason})
        </Text>
      )}
      {row.notes?.map((note) => (
        <Text key={note} size="xs" c="dimmed">
          {note}
        </Text>
      ))}
    </Stack>
  );
}

function RecordLink({ entity, id, label }: { entity: ImportEntity; id: string | undefined; label: string }) {
  const path = ENTITY_LABELS[entity].recordPath;
  if (!id) return null;
  if (!path) return <Text size="xs" c="dimmed">{label}</Text>;
  return (
    <Anchor component={Link} to={path(id)} size="sm">
      {label}
    </Anchor>
  );
}

/**
 * The per-row outcome of a dry run or a run: filterable by action; on a dry run, rows matching an
 * existing record get their own skip/update/create choice (sent as `options.rowChoices`).
 */
export function ImportReportTable({
  report,
  entity,
  rowChoices,
  onRowChoice,
}: {
  report: ImportReport;
  entity: ImportEntity;
  rowChoices?: Record<string, ImportDuplicateChoice>;
  onRowChoice?: (line: number, choice: ImportDuplicateChoice) => void;
}) {
  const compact = useCompactLayout();
  const duplicates = report.rows.filter((r) => r.duplicate).length;
  const [filter, setFilter] = useState<Filter>(report.dryRun && report.totals.error > 0 ? 'error' : 'all');
  const [shown, setShown] = useState(PAGE);
  const rows = report.rows.filter((r) => (filter === 'all' ? true : filter === 'duplicate' ? Boolean(r.duplicate) : r.action === filter));
  const counts: Record<Filter, number> = { all: report.rows.length, duplicate: duplicates, ...report.totals };
  const filters: Filter[] = ['all', 'create', 'update', 'skip', 'error', ...(duplicates > 0 ? (['duplicate'] as const) : [])];
  const filterOptions = filters.map((f) => ({
    value: f,
    label: `${f === 'all' ? 'All' : f === 'duplicate' ? 'Duplicates' : ACTION_LABELS[f]} (${counts[f].toLocaleString()})`,
  }));
  const changeFilter = (next: Filter) => {
    setFilter(next);
    setShown(PAGE);
  };
  const choiceOf = (row: ImportRowReport): ImportDuplicateChoice | null =>
    rowChoices?.[String(row.line)] ?? (row.action === 'update' || row.action === 'create' || row.action === 'skip' ? row.action : null);

  const choice = (row: ImportRowReport) =>
    row.duplicate && onRowChoice ? (
      <Select
        size="xs"
        w={170}
        aria-label={`Line ${row.line}: what to do`}
        data={[
          { value: 'skip', label: 'Skip' },
          { value: 'update', label: 'Update existing' },
          { value: 'create', label: 'Create new' },
        ]}
        value={choiceOf(row)}
        onChange={(value) => value && onRowChoice(row.line, value as ImportDuplicateChoice)}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        data-testid={`row-choice-${row.line}`}
      />
    ) : null;
  const link = (row: ImportRowReport) =>
    row.entityId ? (
      <RecordLink entity={entity} id={row.entityId} label={row.action === 'skip' || report.dryRun ? 'existing record' : `open ${ENTITY_LABELS[entity].singular}`} />
    ) : null;

  return (
    <Stack gap="sm">
      {compact ? (
        <Select
          size="xs"
          aria-label="Show rows"
          data={filterOptions}
          value={filter}
          onChange={(value) => value && changeFilter(value as Filter)}
          allowDeselect={false}
          w={200}
          data-testid="report-filter"
        />
      ) : (
        <SegmentedControl
          size="xs"
          aria-label="Show rows"
          value={filter}
          onChange={(value) => changeFilter(value as Filter)}
          data={filterOptions}
          style={{ alignSelf: 'flex-start' }}
          data-testid="report-filter"
        />
      )}
      {rows.length === 0 ? (
        <Empty title="No rows here" />
      ) : compact ? (
        <Stack gap="xs" data-testid="import-report">
          {rows.slice(0, shown).map((row) => (
            <Card key={row.line} padding="xs" withBorder data-testid="report-row" data-action={row.action}>
              <Group justify="space-between" mb={4}>
                <Text size="sm" fw={600}>
                  Line {row.line}
                </Text>
                <Badge size="sm" variant="light" color={ACTION_COLORS[row.action]}>
                  {ACTION_LABELS[row.action]}
                </Badge>
              </Group>
              <RowDetails row={row} />
              <Group justify="space-between" mt={4}>
                {link(row)}
                {choice(row)}
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table verticalSpacing={6} data-testid="import-report">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>Line</Table.Th>
              <Table.Th w={100}>Result</Table.Th>
              <Table.Th>Details</Table.Th>
              <Table.Th w={190} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.slice(0, shown).map((row) => (
              <Table.Tr key={row.line} data-testid="report-row" data-action={row.action}>
                <Table.Td>
                  <Text size="sm">{row.line}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={ACTION_COLORS[row.action]}>
                    {ACTION_LABELS[row.action]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <RowDetails row={row} />
                </Table.Td>
                <Table.Td ta="right">{choice(row) ?? link(row)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {rows.length > shown && (
        <Button variant="default" onClick={() => setShown((n) => n + PAGE * 4)}>
          Show more ({(rows.length - shown).toLocaleString()} more rows)
        </Button>
      )}
    </Stack>
  );
}
