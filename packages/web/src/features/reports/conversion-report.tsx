import { Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconTrophy } from '@tabler/icons-react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { stageLabel } from '../../ui/stages';
import { KpiCard } from '../dashboard/kpi-card';
import { ChartCard, formatDays, formatShare, monthLabel, ReportTable } from './chart-card';
import { useChartTheme } from './chart-theme';
import { ReportState } from './report-state';
import { CsvTableLink, ReportToolbar } from './report-toolbar';
import type { ConversionReport as Conversion } from '@lpdesk/contracts';
import { useReport, useReportFilters } from './use-report';

const PATH = '/api/reports/conversion';

export function ConversionReport() {
  const { filters, update } = useReportFilters();
  const query = { fundId: filters.fundId ?? undefined, from: filters.from ?? undefined, to: filters.to ?? undefined };
  const report = useReport<Conversion>('conversion', query);
  const chart = useChartTheme();
  const data = report.data;
  const stages = (data?.stages ?? []).map((s) => ({ ...s, label: stageLabel(s.stage) }));
  const nothing = stages.every((s) => s.entered === 0);
  return (
    <Stack gap="md">
      <ReportToolbar fields={['fund', 'dates']} filters={filters} update={update} fundId={data?.fund?.id} csvPath={PATH} csvQuery={query} />
      <ReportState query={report}>
        {data && (
          <>
            <SimpleGrid cols={{ base: 2, lg: 4 }} spacing={{ base: 'sm', sm: 'md' }}>
              <KpiCard
                label="Win rate"
                value={formatShare(data.winRate.rate)}
                hint={`${data.winRate.won} won · ${data.winRate.lost} lost`}
                icon={<IconTrophy size={20} />}
                color="teal"
                testId="win-rate"
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
              {/* A funnel as horizontal bars: each stage's width is how many investors reached it. */}
              <ChartCard
                title="Funnel: investors entering each stage"
                testId="conversion-funnel-chart"
                empty={nothing ? 'No investor entered the pipeline in this period.' : null}
              >
                <BarChart data={stages} layout="vertical" margin={{ left: 8, right: 24, top: 4, bottom: 4 }}>
                  <CartesianGrid stroke={chart.grid} horizontal={false} />
                  <XAxis type="number" allowDecimals={false} tick={chart.tick} stroke={chart.grid} />
                  <YAxis type="category" dataKey="label" width={96} tick={chart.tick} stroke={chart.grid} />
                  <Tooltip {...chart.tooltip} />
                  <Legend wrapperStyle={{ fontSize: 12, color: chart.axis }} />
                  <Bar dataKey="entered" name="Entered" fill={chart.color('indigo')} radius={[0, 4, 4, 0]} isAnimationActive={false} />
                  <Bar dataKey="advanced" name="Advanced" fill={chart.color('teal')} radius={[0, 4, 4, 0]} isAnimationActive={false} />
                </BarChart>
              </ChartCard>
              <ChartCard
                title="Days in stage (median and 75th percentile)"
                testId="conversion-days-chart"
                empty={stages.every((s) => s.medianDays === null) ? 'No finished stay in any stage yet: days show once investors move on.' : null}
              >
                <BarChart data={stages} margin={{ left: 8, right: 8, top: 8, bottom: 4 }}>
                  <CartesianGrid stroke={chart.grid} vertical={false} />
                  <XAxis dataKey="label" tick={chart.tick} stroke={chart.grid} interval={0} angle={-30} textAnchor="end" height={56} />
                  <YAxis tick={chart.tick} stroke={chart.grid} width={40} />
                  <Tooltip {...chart.tooltip} formatter={(v) => formatDays(Number(v))} />
                  <Legend wrapperStyle={{ fontSize: 12, color: chart.axis }} />
                  <Bar dataKey="medianDays" name="Median days" fill={chart.color('blue')} radius={[4, 4, 0, 0]} isAnimationActive={false} />
                  <Bar dataKey="p75Days" name="75th percentile" fill={chart.color('orange')} radius={[4, 4, 0, 0]} isAnimationActive={false} />
                </BarChart>
              </ChartCard>
            </SimpleGrid>
            <ReportTable testId="conversion-table" minWidth={560}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Stage</Table.Th>
                  <Table.Th ta="right">Entered</Table.Th>
                  <Table.Th ta="right">Advanced</Table.Th>
                  <Table.Th ta="right">Conversion</Table.Th>
                  <Table.Th ta="right">Median days</Table.Th>
                  <Table.Th ta="right">p75 days</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {stages.map((s) => (
                  <Table.Tr key={s.stage} data-testid="conversion-row">
                    <Table.Td>{s.label}</Table.Td>
                    <Table.Td ta="right" className="lp-num">
                      {s.entered}
                    </Table.Td>
                    <Table.Td ta="right" className="lp-num">
                      {s.advanced}
                    </Table.Td>
                    <Table.Td ta="right" className="lp-num" data-testid="conversion-rate">
                      {formatShare(s.conversion)}
                    </Table.Td>
                    <Table.Td ta="right" className="lp-num">
                      {formatDays(s.medianDays)}
                    </Table.Td>
                    <Table.Td ta="right" className="lp-num">
                      {formatDays(s.p75Days)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ReportTable>
            {data.cohorts.length > 0 && (
              <div>
                <Group justify="space-between" mb="xs">
                  <Text fw={600} size="sm">
                    Cohorts by month of entering the pipeline
                  </Text>
                  <CsvTableLink path={PATH} query={query} table="cohorts" />
                </Group>
                <ReportTable testId="cohorts-table" minWidth={640}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Cohort</Table.Th>
                      <Table.Th ta="right">Size</Table.Th>
                      {data.stages.map((s) => (
                        <Table.Th key={s.stage} ta="right">
                          {stageLabel(s.stage)}
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.cohorts.map((c) => (
                      <Table.Tr key={c.month}>
                        <Table.Td>{monthLabel(c.month)}</Table.Td>
                        <Table.Td ta="right" className="lp-num">
                          {c.size}
                        </Table.Td>
                        {data.stages.map((s) => (
                          <Table.Td key={s.stage} ta="right" className="lp-num">
                            {formatShare(c.stages.find((cs) => cs.stage === s.stage)?.conversion)}
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </ReportTable>
              </div>
            )}
            {data.declinedReasons.length > 0 && (
              <div>
                <Group justify="space-between" mb="xs">
                  <Text fw={600} size="sm">
                    Declined reasons
                  </Text>
                  <CsvTableLink path={PATH} query={query} table="declinedReasons" />
                </Group>
                <ReportTable testId="declined-reasons-table" minWidth={300}>
                  <Table.Tbody>
                    {data.declinedReasons.map((r) => (
                      <Table.Tr key={r.reason}>
                        <Table.Td>{r.reason || 'No reason given'}</Table.Td>
                        <Table.Td ta="right" className="lp-num">
                          {r.count}
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
