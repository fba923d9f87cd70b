import { Anchor, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { IconBuildingBank, IconChartPie } from '@tabler/icons-react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Pie, PieChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoneyFull, formatMoneyShort } from '../../ui/format';
import { KpiCard } from '../dashboard/kpi-card';
import { ChartCard, formatShare, ReportTable } from './chart-card';
import { useChartTheme } from './chart-theme';
import { ReportState } from './report-state';
import { CsvTableLink, ReportToolbar } from './report-toolbar';
import { type LpBreakdownReport as LpBreakdown, organizationKindLabel } from '@lpdesk/contracts';
import { useReport, useReportFilters } from './use-report';

const PATH = '/api/reports/lp-breakdown';
interface BreakdownRow {
  key: string;
  label: string;
  count: number;
  amount: number;
  share: number | null;
}

/** A check-size bucket as people say it: "Under $1M", "$1M–$5M", "$25M+". */
export function checkSizeLabel(min: number, max: number | null, currency: string): string {
  if (max === null) return `${formatMoneyShort(min, currency)}+`;
  if (min === 0) return `Under ${formatMoneyShort(max, currency)}`;
  return `${formatMoneyShort(min, currency)}–${formatMoneyShort(max, currency)}`;
}

const PALETTE = ['indigo', 'teal', 'orange', 'grape', 'cyan', 'lime', 'pink', 'yellow', 'blue', 'red'];

function BreakdownTable({ title, rows, currency, testId }: { title: string; rows: BreakdownRow[]; currency: string; testId: string }) {
  return (
    <ReportTable testId={testId} minWidth={320}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{title}</Table.Th>
          <Table.Th ta="right">LPs</Table.Th>
          <Table.Th ta="right">Committed</Table.Th>
          <Table.Th ta="right">Share</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td>{r.label}</Table.Td>
            <Table.Td ta="right" className="lp-num">
              {r.count}
            </Table.Td>
            <Table.Td ta="right" className="lp-num">
              {formatMoneyFull(r.amount, currency)}
            </Table.Td>
            <Table.Td ta="right" className="lp-num">
              {formatShare(r.share)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ReportTable>
  );
}

export function LpBreakdownReport() {
  const { filters, update } = useReportFilters();
  const query = { fundId: filters.fundId ?? undefined };
  const report = useReport<LpBreakdown>('lp-breakdown', query);
  const chart = useChartTheme();
  const data = report.data;
  const currency = data?.fund?.currency ?? 'USD';
  const money = (v: number) => formatMoneyShort(v, currency);
  const empty = data && data.lpCount === 0 ? 'No committed LPs in this fund yet.' : null;
  const byKind: BreakdownRow[] = (data?.byKind ?? []).map((r) => ({ ...r, key: r.kind, label: organizationKindLabel(r.kind), amount: r.committedAmount }));
  const byGeography: BreakdownRow[] = (data?.byGeography ?? []).map((r) => ({
    ...r,
    key: r.location ?? '',
    label: r.location ?? 'Not recorded',
    amount: r.committedAmount,
  }));
  const byCheckSize: BreakdownRow[] = (data?.byCheckSize ?? []).map((r) => ({
    ...r,
    key: r.bucket,
    label: checkSizeLabel(r.min, r.max, currency),
    amount: r.committedAmount,
  }));
  const barChart = (rows: BreakdownRow[], color: string) => (
    <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16, top: 4, bottom: 4 }}>
      <CartesianGrid stroke={chart.grid} horizontal={false} />
      <XAxis type="number" tickFormatter={money} tick={chart.tick} stroke={chart.grid} />
      <YAxis type="category" dataKey="label" width={110} tick={chart.tick} stroke={chart.grid} />
      <Tooltip {...chart.tooltip} formatter={(v) => formatMoneyFull(Number(v), currency)} />
      <Bar dataKey="amount" name="Committed" fill={chart.color(color)} radius={[0, 4, 4, 0]} maxBarSize={36} isAnimationActive={false} />
    </BarChart>
  );
  return (
    <Stack gap="md">
      <ReportToolbar fields={['fund']} filters={filters} update={update} fundId={data?.fund?.id} csvPath={PATH} csvQuery={query} />
      <ReportState query={report}>
        {data && (
          <>
            <SimpleGrid cols={{ base: 2, lg: 4 }} spacing={{ base: 'sm', sm: 'md' }}>
              <KpiCard
                label="Committed"
                value={money(data.committedAmount)}
                hint={`${data.lpCount} LPs`}
                icon={<IconBuildingBank size={20} />}
                color="teal"
                testId="breakdown-total"
              />
              <KpiCard
                label="Top-10 share"
                value={formatShare(data.concentration.top10Share)}
                hint={`Ten largest: ${money(data.concentration.top10Amount)}`}
                icon={<IconChartPie size={20} />}
                color="orange"
                testId="breakdown-top10"
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md">
              <ChartCard title="By investor kind" testId="breakdown-kind-chart" empty={empty} height={300}>
                <PieChart>
                  <Pie
                    data={byKind}
                    dataKey="amount"
                    nameKey="label"
                    innerRadius="50%"
                    outerRadius="80%"
                    paddingAngle={2}
                    isAnimationActive={false}
                    stroke="none"
                  >
                    {byKind.map((row, i) => (
                      <Cell key={row.key} fill={chart.color(PALETTE[i % PALETTE.length] as string)} />
                    ))}
                  </Pie>
                  <Tooltip {...chart.tooltip} formatter={(v) => formatMoneyFull(Number(v), currency)} />
                  <Legend wrapperStyle={{ fontSize: 12, color: chart.axis }} />
                </PieChart>
              </ChartCard>
              <ChartCard title="By geography" testId="breakdown-geography-chart" empty={empty} height={300}>
                {barChart(byGeography, 'cyan')}
              </ChartCard>
              <ChartCard title="By check size" testId="breakdown-check-chart" empty={empty} height={300}>
                {barChart(byCheckSize, 'grape')}
              </ChartCard>
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md">
              {(
                [
                  ['Kind', byKind, 'breakdown-kind-table', 'byKind'],
                  ['Geography', byGeography, 'breakdown-geography-table', 'byGeography'],
                  ['Check size', byCheckSize, 'breakdown-check-table', 'byCheckSize'],
                ] as const
              ).map(([title, rows, testId, table]) => (
                <div key={title}>
                  <Group justify="space-between" mb="xs">
                    <Text fw={600} size="sm">
                      By {title.toLowerCase()}
                    </Text>
                    <CsvTableLink path={PATH} query={query} table={table} />
                  </Group>
                  <BreakdownTable title={title} rows={rows} currency={currency} testId={testId} />
                </div>
              ))}
            </SimpleGrid>
            {data.concentration.top.length > 0 && (
              <div>
                <Group justify="space-between" mb="xs">
                  <Text fw={600} size="sm">
                    Largest LPs
                  </Text>
                  <CsvTableLink path={PATH} query={query} table="top" />
                </Group>
                <ReportTable testId="breakdown-top-table" minWidth={320}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Investor</Table.Th>
                      <Table.Th ta="right">Committed</Table.Th>
                      <Table.Th ta="right">Share</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.concentration.top.map((t) => (
                      <Table.Tr key={t.organizationId}>
                        <Table.Td>
                          <Anchor component={Link} to={`/organizations/${t.organizationId}`} size="sm">
                            {t.name}
                          </Anchor>
                        </Table.Td>
                        <Table.Td ta="right" className="lp-num">
                          {formatMoneyFull(t.committedAmount, currency)}
                        </Table.Td>
                        <Table.Td ta="right" className="lp-num">
                          {formatShare(t.share)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </ReportTable>
              </div>
            )}
          </>
        )}
      </ReportState>
    </Stack>
  );
}
