import { Anchor, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, humanize } from '../../ui/format';
import { ChartCard, ReportTable } from './chart-card';
import { useChartTheme } from './chart-theme';
import { ReportState } from './report-state';
import { CsvTableLink, ReportToolbar } from './report-toolbar';
import type { ActivityReport as Activity } from '@lpdesk/contracts';
import dayjs from 'dayjs';
import { useReport, useReportFilters } from './use-report';

const PATH = '/api/reports/activity';

export function ActivityReport() {
  const { filters, update } = useReportFilters();
  const query = { from: filters.from ?? undefined, to: filters.to ?? undefined, coldDays: filters.coldDays ?? undefined };
  const report = useReport<Activity>('activity', query);
  const chart = useChartTheme();
  const data = report.data;
  const byUser = (data?.byUser ?? []).map((u) => ({ label: u.name ?? 'No author', count: u.count }));
  const byKind = (data?.byKind ?? []).map((k) => ({ label: humanize(k.kind), count: k.count }));
  const nextActions = [
    ...(data?.overdueTasks ?? []).map((t) => ({ ...t, overdue: true })),
    ...(data?.upcomingTasks ?? []).map((t) => ({ ...t, overdue: false })),
  ];
  const countBars = (rows: { label: string; count: number }[], color: string) => (
    <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16, top: 4, bottom: 4 }}>
      <CartesianGrid stroke={chart.grid} horizontal={false} />
      <XAxis type="number" allowDecimals={false} tick={chart.tick} stroke={chart.grid} />
      <YAxis type="category" dataKey="label" width={110} tick={chart.tick} stroke={chart.grid} />
      <Tooltip {...chart.tooltip} />
      <Bar dataKey="count" name="Touches" fill={chart.color(color)} radius={[0, 4, 4, 0]} maxBarSize={28} isAnimationActive={false} />
    </BarChart>
  );
  const noTouches = byUser.every((u) => u.count === 0) ? 'No touches logged in this period.' : null;
  return (
    <Stack gap="md">
      <ReportToolbar fields={['dates', 'cold']} filters={filters} update={update} csvPath={PATH} csvQuery={query} />
      <ReportState query={report}>
        {data && (
          <>
            <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md">
              <ChartCard title="Touches by person" testId="activity-user-chart" empty={noTouches} height={Math.max(200, byUser.length * 36)}>
                {countBars(byUser, 'indigo')}
              </ChartCard>
              <ChartCard title="Touches by kind" testId="activity-kind-chart" empty={noTouches} height={Math.max(200, byKind.length * 36)}>
                {countBars(byKind, 'grape')}
              </ChartCard>
              <ChartCard title={`Touches by ${data.bucket}`} testId="activity-period-chart" empty={noTouches}>
                <LineChart data={data.series} margin={{ left: 0, right: 16, top: 8, bottom: 4 }}>
                  <CartesianGrid stroke={chart.grid} vertical={false} />
                  <XAxis
                    dataKey="date"
                    tickFormatter={(d: string) => dayjs(d).format(data.bucket === 'month' ? 'MMM YYYY' : 'MMM D')}
                    tick={chart.tick}
                    stroke={chart.grid}
                    minTickGap={16}
                  />
                  <YAxis allowDecimals={false} tick={chart.tick} stroke={chart.grid} width={32} />
                  <Tooltip
                    {...chart.tooltip}
                    labelFormatter={(d) =>
                      data.bucket === 'day' ? formatDate(String(d)) : `${data.bucket === 'week' ? 'Week' : 'Month'} of ${formatDate(String(d))}`
                    }
                  />
                  <Line type="linear" dataKey="count" name="Touches" stroke={chart.color('teal')} strokeWidth={2} dot={false} isAnimationActive={false} />
                </LineChart>
              </ChartCard>
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
              <div>
                <Group justify="space-between" mb="xs">
                  <Text fw={600} size="sm">
                    Gone cold: no touch in {data.coldDays} days ({data.cold.length})
                  </Text>
                  <CsvTableLink path={PATH} query={query} table="cold" />
                </Group>
                {data.cold.length === 0 ? (
                  <Text size="sm" c="dimmed" data-testid="cold-empty">
                    Every investor has been touched recently.
                  </Text>
                ) : (
                  <ReportTable testId="cold-table" minWidth={320}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Investor</Table.Th>
                        <Table.Th>Owner</Table.Th>
                        <Table.Th>Last touch</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.cold.map((c) => (
                        <Table.Tr key={c.organizationId} data-testid="cold-row">
                          <Table.Td>
                            <Anchor component={Link} to={`/organizations/${c.organizationId}`} size="sm" fw={500}>
                              {c.name}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>{c.ownerName ?? '—'}</Table.Td>
                          <Table.Td className="lp-num">{c.lastTouchAt ? formatDate(c.lastTouchAt) : 'Never'}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </ReportTable>
                )}
              </div>
              <div>
                <Group justify="space-between" mb="xs">
                  <Text fw={600} size="sm">
                    Next actions: overdue and due in 14 days
                  </Text>
                  <CsvTableLink path={PATH} query={query} table="overdueTasks" />
                </Group>
                {nextActions.length === 0 ? (
                  <Text size="sm" c="dimmed" data-testid="next-actions-empty">
                    No open tasks with a due date.
                  </Text>
                ) : (
                  <ReportTable testId="next-actions-table" minWidth={320}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Task</Table.Th>
                        <Table.Th>Who</Table.Th>
                        <Table.Th>Due</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {nextActions.map((t) => (
                        <Table.Tr key={t.id} data-testid="next-action-row">
                          <Table.Td>
                            <Text size="sm">{t.title}</Text>
                          </Table.Td>
                          <Table.Td>{t.assigneeName ?? '—'}</Table.Td>
                          <Table.Td>
                            {/* Overdue in red, with the word for those who cannot tell red apart. */}
                            <Text
                              size="sm"
                              className="lp-num"
                              c={t.overdue ? 'red' : undefined}
                              fw={t.overdue ? 600 : undefined}
                              style={{ whiteSpace: 'nowrap' }}
                            >
                              {formatDate(t.dueOn)}
                            </Text>
                            {t.overdue && (
                              <Text size="xs" c="red">
                                overdue
                              </Text>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </ReportTable>
                )}
              </div>
            </SimpleGrid>
          </>
        )}
      </ReportState>
    </Stack>
  );
}
