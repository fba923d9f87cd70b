import { Alert, Anchor, Card, Grid, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import {
  IconArrowRight,
  IconBuildingBank,
  IconCash,
  IconChartFunnel,
  IconCoin,
  IconMessages,
  IconTarget,
  IconUserSearch,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import { keys, useFunds } from '../../api/hooks';
import type { Dashboard } from '../../api/types';
import { StageBadge } from '../../ui/badges';
import { formatMoneyShort, formatRelative } from '../../ui/format';
import { ExportCsvButton } from '../../ui/export-csv-button';
import { Empty, PageHeader, PageSkeleton, SectionTitle } from '../../ui/layout';
import { CommunicationItem } from '../communications/communication-item';
import { TaskRow } from '../tasks/task-row';
import { KpiCard } from './kpi-card';
import { StageBar } from './stage-bar';

export function DashboardScreen() {
  const [params, setParams] = useSearchParams();
  const fundId = params.get('fund');
  const funds = useFunds();
  const dashboard = useQuery({
    queryKey: keys.dashboard(fundId),
    queryFn: ({ signal }) => api.get<{ data: Dashboard }>('/api/reports/dashboard', { fundId: fundId ?? undefined }, signal).then((r) => r.data),
  });
  if (dashboard.isPending) return <PageSkeleton />;
  if (dashboard.isError) return <Alert color="red">{errorMessage(dashboard.error)}</Alert>;
  const d = dashboard.data;
  const currency = d.fund?.currency ?? 'USD';
  const k = d.kpis;
  const progress = d.fund?.targetAmount ? Math.round((k.committedAmount / d.fund.targetAmount) * 100) : null;
  return (
    <Stack gap="lg">
      <PageHeader
        title="Dashboard"
        description={
          d.fund
            ? `Raising ${d.fund.name}${d.fund.targetAmount ? ` · target ${formatMoneyShort(d.fund.targetAmount, currency)}` : ''}`
            : 'Create a fund to start tracking a raise'
        }
        actions={
          <>
            <Select
              w={220}
              aria-label="Fund"
              data={(funds.data?.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
              value={d.fund?.id ?? null}
              onChange={(id) => id && setParams({ fund: id }, { replace: true })}
              allowDeselect={false}
              placeholder="Fund"
            />
            <ExportCsvButton path="/api/reports/dashboard/export" query={{ fundId: d.fund?.id }} />
          </>
        }
      />
      <SimpleGrid cols={{ base: 2, lg: 4 }} spacing={{ base: 'sm', sm: 'md' }}>
        <KpiCard
          label="Committed"
          value={formatMoneyShort(k.committedAmount, currency)}
          hint={[progress !== null ? `${progress}% of target` : null, d.metrics.closed ? `${formatMoneyShort(d.metrics.closed, currency)} closed` : null].filter(Boolean).join(' · ') || undefined}
          icon={<IconTarget size={20} />}
          color="teal"
          testId="kpi-committed"
        />
        <KpiCard
          label="Funded"
          value={formatMoneyShort(k.fundedAmount, currency)}
          hint={k.committedAmount ? `${Math.round((k.fundedAmount / k.committedAmount) * 100)}% of committed` : undefined}
          icon={<IconCash size={20} />}
          color="green"
          testId="kpi-funded"
        />
        <KpiCard
          label="Pipeline"
          value={formatMoneyShort(k.pipelineAmount, currency)}
          hint={`${k.activeOpportunities} open · ${formatMoneyShort(d.metrics.softCircled, currency)} soft-circled`}
          icon={<IconChartFunnel size={20} />}
          color="indigo"
          testId="kpi-pipeline"
        />
        <KpiCard
          label="Weighted pipeline"
          value={formatMoneyShort(k.weightedPipelineAmount, currency)}
          hint="Expected value of open deals"
          icon={<IconCoin size={20} />}
          color="violet"
        />
        <KpiCard label="LPs" value={String(k.lpCount)} hint="Committed to any fund" icon={<IconBuildingBank size={20} />} color="blue" />
        <KpiCard
          label="Active opportunities"
          value={String(k.activeOpportunities)}
          hint="Open in this fund"
          icon={<IconUsersGroup size={20} />}
          color="orange"
        />
        <KpiCard label="Prospects" value={String(k.prospectCount)} hint="Not yet LPs" icon={<IconUserSearch size={20} />} color="cyan" />
        <KpiCard label="Communications" value={String(k.communicationsThisMonth)} hint="This month" icon={<IconMessages size={20} />} color="grape" />
      </SimpleGrid>
      <Card>
        <SectionTitle
          right={
            <Anchor component={Link} to="/pipeline" size="xs">
              Open pipeline
            </Anchor>
          }
        >
          Pipeline by stage
        </SectionTitle>
        <StageBar stages={d.stages} declined={d.declined} currency={currency} />
      </Card>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Card h="100%">
            <SectionTitle
              right={
                <Anchor component={Link} to="/communications" size="xs">
                  View all
                </Anchor>
              }
            >
              Recent communications
            </SectionTitle>
            {d.recentCommunications.length === 0 ? (
              <Empty icon={<IconMessages size={20} />} title="Nothing logged yet" />
            ) : (
              <Stack gap="xs" data-testid="recent-communications">
                {d.recentCommunications.slice(0, 6).map((c) => (
                  <CommunicationItem key={c.id} communication={c} withDate />
                ))}
              </Stack>
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <Card>
              <SectionTitle
                right={
                  <Anchor component={Link} to="/tasks" size="xs">
                    All tasks
                  </Anchor>
                }
              >
                Tasks
              </SectionTitle>
              {d.overdueTasks.length === 0 && d.upcomingTasks.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No open tasks with a due date.
                </Text>
              ) : (
                <Stack gap={0} data-testid="dashboard-tasks">
                  {d.overdueTasks.map((t) => (
                    <TaskRow key={t.id} task={t} compact />
                  ))}
                  {d.upcomingTasks.map((t) => (
                    <TaskRow key={t.id} task={t} compact />
                  ))}
                </Stack>
              )}
            </Card>
            <Card>
              <SectionTitle>Recent stage changes</SectionTitle>
              {d.recentStageChanges.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No stage changes yet.
                </Text>
              ) : (
                <Stack gap="sm" data-testid="stage-changes">
                  {d.recentStageChanges.map((s) => (
                    <Group key={s.id} justify="space-between" wrap="nowrap">
                      <div style={{ minWidth: 0 }}>
                        <Text size="sm" fw={500} truncate>
                          {s.organizationName}
                        </Text>
                        <Group gap={4} mt={2} wrap="nowrap">
                          {s.fromStage && <StageBadge stage={s.fromStage} size="xs" />}
                          {s.fromStage && <IconArrowRight size={11} />}
                          <StageBadge stage={s.toStage} size="xs" />
                        </Group>
                      </div>
                      <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                        {formatRelative(s.changedAt)}
                      </Text>
                    </Group>
                  ))}
                </Stack>
              )}
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
