import { Table, Text } from '@mantine/core';
import type { AgentDiff } from './agents-api';

/** One value as a person reads it: text as is, lists joined, objects as compact JSON, absent as a dash. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) return value.map(displayValue).join(', ');
  return JSON.stringify(value);
}

const label = (field: string) => field.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

/**
 * The diff side by side: each field the write touches, the record as it stands now on the left and as the
 * agent proposes it on the right; changed rows are marked. A new record has nothing on the left.
 */
export function ProposalDiff({ diff }: { diff: AgentDiff }) {
  const before = diff.before ?? {};
  const after = diff.after ?? {};
  const fields = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  const isNew = diff.before === null;
  if (fields.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No field changes.
      </Text>
    );
  return (
    <Table withTableBorder withColumnBorders fz="sm" data-testid="proposal-diff" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="28%">Field</Table.Th>
          <Table.Th>{isNew ? 'Current (new record)' : 'Current'}</Table.Th>
          <Table.Th>Proposed</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {fields.map((field) => {
          const now = displayValue(before[field]);
          const proposed = field in after ? displayValue(after[field]) : now;
          const changed = now !== proposed;
          return (
            <Table.Tr key={field} data-changed={changed || undefined}>
              <Table.Td fw={600} style={{ wordBreak: 'break-word' }}>
                {label(field)}
              </Table.Td>
              <Table.Td
                data-testid="diff-current"
                style={{ wordBreak: 'break-word', whiteSpace: 'pre-wrap', background: changed ? 'var(--mantine-color-red-light)' : undefined }}
              >
                {now}
              </Table.Td>
              <Table.Td
                data-testid="diff-proposed"
                fw={changed ? 600 : undefined}
                style={{ wordBreak: 'break-word', whiteSpace: 'pre-wrap', background: changed ? 'var(--mantine-color-teal-light)' : undefined }}
              >
                {proposed}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
