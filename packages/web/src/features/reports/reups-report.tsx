import { Anchor, Badge, Group, Select, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useFunds } from '../../api/hooks';
import { formatMoneyFull } from '../../ui/format';
import { ReportTable } from './chart-card';
import { ReportState } from './report-state';
import { ReportToolbar } from './report-toolbar';
import type { ReupsReport as ReupRows, ReupStatus } from '@lpdesk/contracts';
import { StageBadge } from '../../ui/badges';
import { useReport, useReportFilters } from './use-report';

const PATH = '/api/reports/reups';

export const REUP_STATUS: Record<ReupStatus, { label: string; color: string }> = {
  committed: { label: 'Re-upped', color: 'teal' },
  in_progress: { label: 'In progress', color: 'blue' },
  declined: { label: 'Declined', color: 'red' },
  not_approached: { label: 'Not approached', color: 'gray' },
};

export function ReupStatusBadge({ status }: { status: ReupStatus }) {
  const meta = REUP_STATUS[status] ?? { label: status, color: 'gray' };
  return (
    <Badge color={meta.color} variant="light" size="sm" data-testid="reup-status">
      {meta.label}
    </Badge>
  );
}

/**
 * Every LP of the prior fund and where it stands in the new one. The URL keeps `prior` and `fund`;
 * without them the newest fund (by vintage) is the new one and the one before it the prior one.
 */
export function ReupsReport() {
  const { filters, update, params } = useReportFilters();
  const funds = useFunds();
  // Newest first by vintage (then by when it was added): the new fund and the one it follows.
  const byNewest = [...(funds.data?.data ?? [])].sort((a, b) => (b.vintage ?? 0) - (a.vintage ?? 0) || b.createdAt.localeCompare(a.createdAt));
  const newId = filters.fundId ?? byNewest[0]?.id ?? null;
  const priorId = params.get('prior') || byNewest.find((f) => f.id !== newId)?.id || null;
  const query = { fromFundId: priorId ?? undefined, toFundId: newId ?? undefined };
  const report = useReport<ReupRows>('reups', query, { enabled: Boolean(priorId && newId && priorId !== newId) });
  const fundOptions = byNewest.map((f) => ({ value: f.id, label: f.name }));
  const currencyOf = (id: string | null) => byNewest.find((f) => f.id === id)?.currency ?? 'USD';
  const rows = report.data ?? [];
  const ready = Boolean(priorId && newId && priorId !== newId);
  const counts = Object.fromEntries((Object.keys(REUP_STATUS) as ReupStatus[]).map((s) => [s, rows.filter((r) => r.status === s).length])) as Record<
    ReupStatus,
    number
  >;
  const currency = currencyOf(priorId);
  return (
    <Stack gap="md">
      <ReportToolbar fields={[]} filters={filters} update={update} csvPath={PATH} csvQuery={query}>
        <Select
          w={{ base: '100%', xs: 200 }}
          label="Prior fund"
          data-testid="reup-prior-fund"
          data={fundOptions}
          value={priorId}
          onChange={(id) => update({ prior: id })}
          placeholder="Prior fund"
          allowDeselect={false}
        />
        <Select
          w={{ base: '100%', xs: 200 }}
          label="New fund"
          data-testid="reup-new-fund"
          data={fundOptions}
          value={newId}
          onChange={(id) => update({ fund: id })}
          placeholder="New fund"
          allowDeselect={false}
        />
      </ReportToolbar>
      {!ready ? (
        <Text size="sm" c="dimmed" data-testid="reups-pick">
          Pick two different funds: the prior one whose LPs should re-up, and the new one.
        </Text>
      ) : (
        <ReportState query={report}>
          {rows.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="reups-empty">
              The prior fund has no LPs, so there is no one to re-up.
            </Text>
          ) : (
            <>
              <Group gap="xs" data-testid="reup-summary">
                {(Object.keys(REUP_STATUS) as ReupStatus[]).map((s) => (
                  <Badge key={s} color={REUP_STATUS[s].color} variant="light" size="lg" data-testid={`reup-count-${s}`}>
                    {REUP_STATUS[s].label}: {counts[s]}
                  </Badge>
                ))}
              </Group>
              <ReportTable testId="reups-table" minWidth={300}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Investor</Table.Th>
                    <Table.Th>In the new fund</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.organizationId} data-testid="reup-row">
                      <Table.Td>
                        <Anchor component={Link} to={`/organizations/${r.organizationId}`} size="sm" fw={500}>
                          {r.name}
                        </Anchor>
                        {/* Status and prior commitment under the name: phones show the first column whole (tables scroll sideways there). */}
                        <Group gap={6} wrap="nowrap" mt={2}>
                          <ReupStatusBadge status={r.status} />
                          <Text size="xs" c="dimmed" className="lp-num">
                            prior {formatMoneyFull(r.priorCommittedAmount, currency)}
                          </Text>
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="wrap">
                          {r.stage ? (
                            <StageBadge stage={r.stage} size="xs" />
                          ) : (
                            <Text size="xs" c="dimmed">
                              Not in the new fund
                            </Text>
                          )}
                          {r.amount !== undefined && (
                            <Text size="xs" c="dimmed" className="lp-num">
                              {formatMoneyFull(r.amount, currencyOf(newId))}
                            </Text>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </ReportTable>
            </>
          )}
        </ReportState>
      )}
    </Stack>
  );
}
