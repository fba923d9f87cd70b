import dayjs from 'dayjs';
import { SimpleGrid, Stack, Table } from '@mantine/core';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, formatMoneyFull, formatMoneyShort } from '../../ui/format';
import { ChartCard, formatShare, ReportTable } from './chart-card';
import { useChartTheme } from './chart-theme';
import { ReportState } from './report-state';
import { CsvTableLink, ReportToolbar } from './report-toolbar';
import type { FundProgressReport as FundProgress } from '@lpdesk/contracts';
import { useReport, useReportFilters } from './use-report';

const PATH = '/api/reports/fund-progress';

export function FundProgressReport() {
  const { filters, update } = useReportFilters();
  const query = { fundId: filters.fundId ?? undefined, from: filters.from ?? undefined, to: filters.to ?? undefined };
  const report = useReport<FundProgress>('fund-progress', query);
  const chart = useChartTheme();
  const data = report.data;
  const currency = data?.fund?.currency ?? 'USD';
  const money = (v: number) => formatMoneyShort(v, currency);
  // The line starts one bucket before the first commitment of the range: months of zeros say nothing.
  const firstMoved = data ? data.series.findIndex((p) => p.committedAmount > 0 || p.closedAmount > 0) : -1;
  const series = data && firstMoved > 0 ? data.series.slice(firstMoved - 1) : (data?.series ?? []);
  const totals = data
    ? [
        { name: 'Target', amount: data.targetAmount ?? 0, color: chart.color('gray') },
        { name: 'Soft-circled', amount: data.softCircledAmount, color: chart.color('orange') },
        { name: 'Committed', amount: data.committedAmount, color: chart.color('teal') },
        { name: 'Closed', amount: data.closedAmount, color: chart.color('green') },
        { name: 'Funded', amount: data.fundedAmount, color: chart.color('indigo') },
      ]
    : [];
  return (
    <Stack gap="md">
      <ReportToolbar fields={['fund', 'dates']} filters={filters} update={update} fundId={data?.fund?.id} csvPath={PATH} csvQuery={query} />
      <ReportState query={report}>
        {data && (
          <>
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
              <ChartCard title="Target, soft-circled, committed, closed, funded" testId="fund-progress-totals-chart">
                <BarChart data={totals} layout="vertical" margin={{ left: 8, right: 16, top: 4, bottom: 4 }}>
                  <CartesianGrid stroke={chart.grid} horizontal={false} />
                  <XAxis type="number" tickFormatter={money} tick={chart.tick} stroke={chart.grid} />
                  <YAxis type="category" dataKey="name" width={92} tick={chart.tick} stroke={chart.grid} />
                  <Tooltip {...chart.tooltip} formatter={(v) => formatMoneyFull(Number(v), currency)} />
                  <Bar dataKey="amount" name="Amount" radius={[0, 4, 4, 0]} maxBarSize={36} isAnimationActive={false}>
                    {totals.map((t) => (
                      <Cell key={t.name} fill={t.color} />
                    ))}
                  </Bar>
                </BarChart>
              </ChartCard>
              <ChartCard
                title={`Committed and closed over time (by ${data.bucket})`}
                testId="fund-progress-series-chart"
                empty={series.every((p) => p.committedAmount === 0 && p.closedAmount === 0) ? 'Nothing committed in this period yet.' : null}
                right={<CsvTableLink path={PATH} query={query} table="series" />}
              >
                <AreaChart data={series} margin={{ left: 8, right: 16, top: 12, bottom: 4 }}>
                  <CartesianGrid stroke={chart.grid} vertical={false} />
                  <XAxis
                    dataKey="date"
                    tickFormatter={(d: string) => dayjs(d).format(data.bucket === 'month' ? 'MMM YYYY' : 'MMM D')}
                    tick={chart.tick}
                    stroke={chart.grid}
                    minTickGap={24}
                  />
                  <YAxis tickFormatter={money} tick={chart.tick} stroke={chart.grid} width={64} />
                  <Tooltip {...chart.tooltip} labelFormatter={(d) => formatDate(String(d))} formatter={(v) => formatMoneyFull(Number(v), currency)} />
                  <Legend wrapperStyle={{ fontSize: 12, color: chart.axis }} />
                  {data.targetAmount ? (
                    <ReferenceLine
                      y={data.targetAmount}
                      stroke={chart.color('red')}
                      strokeDasharray="6 4"
                      label={{ value: `Target ${money(data.targetAmount)}`, fill: chart.axis, fontSize: 11, position: 'insideTopLeft' }}
                      ifOverflow="extendDomain"
                    />
                  ) : null}
                  <Area
                    type="linear"
                    dataKey="committedAmount"
                    name="Committed"
                    stroke={chart.color('teal')}
                    fill={chart.color('teal')}
                    fillOpacity={0.25}
                    isAnimationActive={false}
                  />
                  <Area
                    type="linear"
                    dataKey="closedAmount"
                    name="Closed"
                    stroke={chart.color('green')}
                    fill={chart.color('green')}
                    fillOpacity={0.35}
                    isAnimationActive={false}
                  />
                </AreaChart>
              </ChartCard>
            </SimpleGrid>
            <ReportTable testId="fund-progress-table" minWidth={360}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Measure</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th ta="right">Of target</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {totals.map((t) => (
                  <Table.Tr key={t.name} data-testid="fund-progress-row">
                    <Table.Td>{t.name}</Table.Td>
                    <Table.Td ta="right" className="lp-num">
                      {t.name === 'Target' && !data.targetAmount ? 'No target set' : formatMoneyFull(t.amount, currency)}
                    </Table.Td>
                    <Table.Td ta="right" className="lp-num">
                      {data.targetAmount ? formatShare(t.amount / data.targetAmount) : '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ReportTable>
            {data.byClose.length > 0 && (
              <ReportTable testId="fund-progress-closes" minWidth={360}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Close</Table.Th>
                    <Table.Th>Date</Table.Th>
                    <Table.Th ta="right">Committed by then</Table.Th>
                    <Table.Th ta="right">Closed by then</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.byClose.map((c) => (
                    <Table.Tr key={c.close}>
                      <Table.Td>{c.close === 'first' ? 'First close' : 'Final close'}</Table.Td>
                      <Table.Td>{formatDate(c.date)}</Table.Td>
                      <Table.Td ta="right" className="lp-num">
                        {formatMoneyFull(c.committedAmount, currency)}
                      </Table.Td>
                      <Table.Td ta="right" className="lp-num">
                        {formatMoneyFull(c.closedAmount, currency)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </ReportTable>
            )}
          </>
        )}
      </ReportState>
    </Stack>
  );
}
