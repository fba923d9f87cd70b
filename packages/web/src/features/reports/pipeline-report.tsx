import { Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoneyFull, formatMoneyShort } from '../../ui/format';
import { stageLabel } from '../../ui/stages';
import { KpiCard } from '../dashboard/kpi-card';
import { IconChartFunnel, IconCoin } from '@tabler/icons-react';
import { ChartCard, monthLabel, ReportTable } from './chart-card';
import { useChartTheme } from './chart-theme';
import { ReportState } from './report-state';
import { CsvTableLink, ReportToolbar } from './report-toolbar';
import type { PipelineAnalysisReport as PipelineAnalysis } from '@lpdesk/contracts';
import { humanize } from '../../ui/format';
import { useReport, useReportFilters } from './use-report';

const PATH = '/api/reports/pipeline-analysis';

interface GroupRow {
  key: string;
  label: string;
  count: number;
  amount: number;
  weightedAmount: number;
}

function GroupTable({ title, rows, currency, testId }: { title: string; rows: GroupRow[]; currency: string; testId: string }) {
  return (
    <ReportTable testId={testId} minWidth={340}>
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
          <Table.Tr key={r.key}>
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
  const query = { fundId: filters.fundId ?? undefined };
  const report = useReport<PipelineAnalysis>('pipeline-analysis', query);
  const chart = useChartTheme();
  const data = report.data;
  const currency = data?.fund?.currency ?? 'USD';
  const money = (v: number) => formatMoneyShort(v, currency);
  const stages = (data?.byStage ?? []).map((s) => ({ ...s, label: stageLabel(s.stage) }));
  // Declined is not pipeline: it stays in the table, out of the chart.
  const openStages = stages.filter((s) => s.stage !== 'declined');
  const closes = (data?.expectedCloses ?? []).map((m) => ({ ...m, label: monthLabel(m.month) }));
  const owners: GroupRow[] = (data?.byOwner ?? []).map((o) => ({ ...o, key: o.ownerId ?? 'none', label: o.ownerName ?? 'Unassigned' }));
  const priorities: GroupRow[] = (data?.byPriority ?? []).map((p) => ({
    ...p,
    key: p.priority ?? 'none',
    label: p.priority ? humanize(p.priority) : 'No priority',
  }));
  return (
    <Stack gap="md">
      <ReportToolbar fields={['fund']} filters={filters} update={update} fundId={data?.fund?.id} csvPath={PATH} csvQuery={query} />
      <ReportState query={report}>
        {data && (
          <>
            <SimpleGrid cols={{ base: 2, lg: 4 }} spacing={{ base: 'sm', sm: 'md' }}>
              <KpiCard
                label="Open pipeline"
                value={money(data.open.amount)}
                hint={`${data.open.count} open commitments`}
                icon={<IconChartFunnel size={20} />}
                color="indigo"
                testId="pipeline-total"
              />
              <KpiCard
                label="Weighted"
                value={money(data.open.weightedAmount)}
                hint="Expected value"
                icon={<IconCoin size={20} />}
                color="violet"
                testId="pipeline-weighted"
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
              <ChartCard
                title="Pipeline by stage"
                testId="pipeline-stage-chart"
                empty={openStages.every((s) => s.count === 0) ? 'No commitments in this fund yet.' : null}
              >
                <BarChart data={openStages} margin={{ left: 8, right: 8, top: 8, bottom: 4 }}>
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
            <ReportTable testId="pipeline-stage-table" minWidth={340}>
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
                <Group justify="space-between" mb="xs">
                  <Text fw={600} size="sm">
                    By owner (open stages)
                  </Text>
                  <CsvTableLink path={PATH} query={query} table="byOwner" />
                </Group>
                <GroupTable title="Owner" rows={owners} currency={currency} testId="pipeline-owner-table" />
              </div>
              <div>
                <Group justify="space-between" mb="xs">
                  <Text fw={600} size="sm">
                    By priority (open stages)
                  </Text>
                  <CsvTableLink path={PATH} query={query} table="byPriority" />
                </Group>
                <GroupTable title="Priority" rows={priorities} currency={currency} testId="pipeline-priority-table" />
              </div>
            </SimpleGrid>
          </>
        )}
      </ReportState>
    </Stack>
  );
}
