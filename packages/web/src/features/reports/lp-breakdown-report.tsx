import { SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconBuildingBank, IconChartPie } from '@tabler/icons-react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Pie, PieChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoneyFull, formatMoneyShort } from '../../ui/format';
import { KpiCard } from '../dashboard/kpi-card';
import { ChartCard, formatShare, ReportTable } from './chart-card';
import { useChartTheme } from './chart-theme';
import { ReportState } from './report-state';
import { ReportToolbar } from './report-toolbar';
import type { BreakdownRow } from './types';
import type { LpBreakdown } from './types';
import { useReport, useReportFilters } from './use-report';

const PATH = '/api/reports/lp-breakdown';
const PALETTE = ['indigo', 'teal', 'orange', 'grape', 'cyan', 'lime', 'pink', 'yellow', 'blue', 'red'];

function BreakdownTable({ title, rows, total, currency, testId }: { title: string; rows: BreakdownRow[]; total: number; currency: string; testId: string }) {
  return (
    <ReportTable testId={testId} minWidth={380}>
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
          <Table.Tr key={r.key ?? 'none'}>
            <Table.Td>{r.label}</Table.Td>
            <Table.Td ta="right" className="lp-num">
              {r.count}
            </Table.Td>
            <Table.Td ta="right" className="lp-num">
              {formatMoneyFull(r.amount, currency)}
            </Table.Td>
            <Table.Td ta="right" className="lp-num">
              {total ? formatShare(r.amount / total) : '—'}
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
  const currency = data?.fund?.currency ?? data?.currency ?? 'USD';
  const money = (v: number) => formatMoneyShort(v, currency);
  const empty = data && data.byKind.length === 0 ? 'No committed LPs in this fund yet.' : null;
  const barChart = (rows: BreakdownRow[], color: string) => (
    <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16, top: 4, bottom: 4 }}>
      <CartesianGrid stroke={chart.grid} horizontal={false} />
      <XAxis type="number" tickFormatter={money} tick={chart.tick} stroke={chart.grid} />
      <YAxis type="category" dataKey="label" width={110} tick={chart.tick} stroke={chart.grid} />
      <Tooltip {...chart.tooltip} formatter={(v) => formatMoneyFull(Number(v), currency)} />
      <Bar dataKey="amount" name="Committed" fill={chart.color(color)} radius={[0, 4, 4, 0]} isAnimationActive={false} />
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
                value={money(data.totalAmount)}
                hint={`${data.concentration.lpCount} LPs`}
                icon={<IconBuildingBank size={20} />}
                color="teal"
                testId="breakdown-total"
              />
              <KpiCard
                label="Top-10 share"
                value={formatShare(data.concentration.top10Share)}
                hint={`${money(data.concentration.top10Amount)} from the ten largest`}
                icon={<IconChartPie size={20} />}
                color="orange"
                testId="breakdown-top10"
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md">
              <ChartCard title="By investor kind" testId="breakdown-kind-chart" empty={empty} height={300}>
                <PieChart>
                  <Pie
                    data={data.byKind}
                    dataKey="amount"
                    nameKey="label"
                    innerRadius="50%"
                    outerRadius="80%"
                    paddingAngle={2}
                    isAnimationActive={false}
                    stroke="none"
                  >
                    {data.byKind.map((row, i) => (
                      <Cell key={row.key ?? 'none'} fill={chart.color(PALETTE[i % PALETTE.length] as string)} />
                    ))}
                  </Pie>
                  <Tooltip {...chart.tooltip} formatter={(v) => formatMoneyFull(Number(v), currency)} />
                  <Legend wrapperStyle={{ fontSize: 12, color: chart.axis }} />
                </PieChart>
              </ChartCard>
              <ChartCard title="By geography" testId="breakdown-geography-chart" empty={empty} height={300}>
                {barChart(data.byGeography, 'cyan')}
              </ChartCard>
              <ChartCard title="By check size" testId="breakdown-check-chart" empty={empty} height={300}>
                {barChart(data.byCheckSize, 'grape')}
              </ChartCard>
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md">
              {(
                [
                  ['Kind', data.byKind, 'breakdown-kind-table'],
                  ['Geography', data.byGeography, 'breakdown-geography-table'],
                  ['Check size', data.byCheckSize, 'breakdown-check-table'],
                ] as const
              ).map(([title, rows, testId]) => (
                <div key={title}>
                  <Text fw={600} size="sm" mb="xs">
                    By {title.toLowerCase()}
                  </Text>
                  <BreakdownTable title={title} rows={rows} total={data.totalAmount} currency={currency} testId={testId} />
                </div>
              ))}
            </SimpleGrid>
          </>
        )}
      </ReportState>
    </Stack>
  );
}
