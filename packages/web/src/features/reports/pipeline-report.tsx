import { SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoneyFull, formatMoneyShort } from '../../ui/format';
import { stageLabel } from '../../ui/stages';
import { KpiCard } from '../dashboard/kpi-card';
import { IconChartFunnel, IconCoin } from '@tabler/icons-react';
import { ChartCard, ReportTable } from './chart-card';
import { useChartTheme } from './chart-theme';
import { ReportState } from './report-state';
import { ReportToolbar } from './report-toolbar';
import type { PipelineAnalysis, PipelineGroupRow } from './types';
import { useReport, useReportFilters } from './use-report';

const PATH = '/api/reports/pipeline-analysis';

/** "2031-04" → "Apr 2031". */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-').map(Number);
  if (!year || !m) return month;
  return `${new Date(Date.UTC(year, m - 1, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${year}`;
}

function GroupTable({ title, rows, currency, testId }: { title: string; rows: PipelineGroupRow[]; currency: string; testId: string }) {
  return (
    <ReportTable testId={testId} minWidth={420}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{title}</Table.Th>
          <Table.Th ta="right">Investors</Table.Th>
          <Table.Th ta="right">Amount</Table.Th>
          <Table.Th ta="right">Weighted</Table.Th>
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
              {formatMoneyFull(r.weightedAmount, currency)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ReportTable>
  );
}

export function PipelineReport() {
  const { filters, update } = useReportFilters();
  const query = { fundId: filters.fundId ?? undefined, from: filters.from ?? undefined, to: filters.to ?? undefined };
  const report = useReport<PipelineAnalysis>('pipeline-analysis', query);
  const chart = useChartTheme();
  const data = report.data;
  const currency = data?.fund?.currency ?? data?.currency ?? 'USD';
  const money = (v: number) => formatMoneyShort(v, currency);
  const stages = (data?.byStage ?? []).map((s) => ({ ...s, label: stageLabel(s.stage) }));
  const closes = (data?.expectedCloses ?? []).map((m) => ({ ...m, label: monthLabel(m.month) }));
  const total = stages.reduce((sum, s) => sum + s.amount, 0);
  return (
    <Stack gap="md">
      <ReportToolbar fields={['fund', 'dates']} filters={filters} update={update} fundId={data?.fund?.id} csvPath={PATH} csvQuery={query} />
      <ReportState query={report}>
        {data && (
          <>
            <SimpleGrid cols={{ base: 2, lg: 4 }} spacing={{ base: 'sm', sm: 'md' }}>
              <KpiCard label="Pipeline" value={money(total)} icon={<IconChartFunnel size={20} />} color="indigo" testId="pipeline-total" />
              <KpiCard label="Weighted" value={money(data.weightedAmount)} icon={<IconCoin size={20} />} color="violet" testId="pipeline-weighted" />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
              <ChartCard title="Pipeline by stage" testId="pipeline-stage-chart" empty={stages.length === 0 ? 'No open commitments in this fund.' : null}>
                <BarChart data={stages} margin={{ left: 8, right: 8, top: 8, bottom: 4 }}>
                  <CartesianGrid stroke={chart.grid} vertical={false} />
                  <XAxis dataKey="label" tick={chart.tick} stroke={chart.grid} interval={0} angle={-30} textAnchor="end" height={56} />
                  <YAxis tickFormatter={money} tick={chart.tick} stroke={chart.grid} width={64} />
                  <Tooltip {...chart.tooltip} formatter={(v) => formatMoneyFull(Number(v), currency)} />
                  <Legend wrapperStyle={{ fontSize: 12, color: chart.axis }} />
                  <Bar dataKey="amount" name="Amount" fill={chart.color('indigo')} radius={[4, 4, 0, 0]} isAnimationActive={false} />
                  <Bar dataKey="weightedAmount" name="Weighted" fill={chart.color('violet')} radius={[4, 4, 0, 0]} isAnimationActive={false} />
                </BarChart>
              </ChartCard>
              <ChartCard
                title="Expected closes by month"
                testId="pipeline-closes-chart"
                empty={closes.length === 0 ? 'No open commitment has an expected close date.' : null}
              >
                <BarChart data={closes} margin={{ left: 8, right: 8, top: 8, bottom: 4 }}>
                  <CartesianGrid stroke={chart.grid} vertical={false} />
                  <XAxis dataKey="label" tick={chart.tick} stroke={chart.grid} minTickGap={8} />
                  <YAxis tickFormatter={money} tick={chart.tick} stroke={chart.grid} width={64} />
                  <Tooltip {...chart.tooltip} formatter={(v) => formatMoneyFull(Number(v), currency)} />
                  <Legend wrapperStyle={{ fontSize: 12, color: chart.axis }} />
                  <Bar dataKey="amount" name="Amount" fill={chart.color('teal')} radius={[4, 4, 0, 0]} isAnimationActive={false} />
                  <Bar dataKey="weightedAmount" name="Weighted" fill={chart.color('cyan')} radius={[4, 4, 0, 0]} isAnimationActive={false} />
                </BarChart>
              </ChartCard>
            </SimpleGrid>
            <ReportTable testId="pipeline-stage-table" minWidth={420}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Stage</Table.Th>
                  <Table.Th ta="right">Investors</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th ta="right">Weighted</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {stages.map((s) => (
                  <Table.Tr key={s.stage} data-testid="pipeline-stage-row">
                    <Table.Td>{s.label}</Table.Td>
                    <Table.Td ta="right" className="lp-num">
                      {s.count}
                    </Table.Td>
                    <Table.Td ta="right" className="lp-num">
                      {formatMoneyFull(s.amount, currency)}
                    </Table.Td>
                    <Table.Td ta="right" className="lp-num">
                      {formatMoneyFull(s.weightedAmount, currency)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ReportTable>
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
              <div>
                <Text fw={600} size="sm" mb="xs">
                  By owner
                </Text>
                <GroupTable title="Owner" rows={data.byOwner} currency={currency} testId="pipeline-owner-table" />
              </div>
              <div>
                <Text fw={600} size="sm" mb="xs">
                  By priority
                </Text>
                <GroupTable title="Priority" rows={data.byPriority} currency={currency} testId="pipeline-priority-table" />
              </div>
            </SimpleGrid>
          </>
        )}
      </ReportState>
    </Stack>
  );
}
