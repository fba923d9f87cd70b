import type { GridColumnView, GridRowView } from '@lpdesk/contracts';
import { Alert, Anchor, Card, Group, Loader, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatCell } from './cell-values';

/** Phones get the investors as a read-only list: a spreadsheet needs a larger screen. */
export function GridPhoneList({ rows, columns, loading }: { rows: GridRowView[]; columns: GridColumnView[]; loading: boolean }) {
  const money = columns.filter((c) => c.type === 'money');
  return (
    <Stack gap="sm" data-testid="grid-phone">
      <Alert variant="light" color="blue">
        The grid works best on a larger screen. Here is a read-only list of your investors.
      </Alert>
      {loading && <Loader size="sm" />}
      {rows.map((row) => (
        <Card key={row.organizationId} withBorder padding="sm">
          <Anchor component={Link} to={`/organizations/${row.organizationId}`} fw={600}>
            {String(row.cells.name ?? '')}
          </Anchor>
          {money
            .filter((c) => typeof row.cells[c.field] === 'number')
            .map((c) => (
              <Group key={c.field} justify="space-between">
                <Text size="xs" c="dimmed">
                  {c.label}
                </Text>
                <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatCell(c, row.cells[c.field])}
                </Text>
              </Group>
            ))}
        </Card>
      ))}
    </Stack>
  );
}
