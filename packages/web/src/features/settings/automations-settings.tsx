import { Anchor, Badge, Button, Card, Group, List, Modal, Stack, Switch, Table, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Automation, AutomationDryRun, AutomationRun, ListEnvelope } from '@lpdesk/contracts';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../../api/client';
import { formatDateTime, humanize } from '../../ui/format';
import { Empty, ListSkeleton, SectionTitle } from '../../ui/layout';
import { stageLabel } from '../../ui/stages';
import { useCurrentUser } from '../auth/session';
import { AutomationForm } from './automation-form';

const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

const STATUS_COLORS: Record<AutomationRun['status'], string> = { applied: 'teal', skipped: 'gray', failed: 'red' };

/** "When a commitment changes stage to Declined", as a person reads a trigger. */
export function describeTrigger(rule: Pick<Automation, 'trigger'>): string {
  const { type, entityType, field, to, cron } = rule.trigger;
  switch (type) {
    case 'created':
      return `When ${article(entityType)} is created`;
    case 'updated':
      return `When ${article(entityType)} is changed`;
    case 'field_changed':
      return `When ${article(entityType)}'s ${field} changes${to !== undefined ? ` to ${JSON.stringify(to)}` : ''}`;
    case 'stage_changed':
      return `When a commitment moves${to ? ` to ${stageLabel(String(to))}` : ' stage'}`;
    case 'schedule':
      return `On schedule “${cron}” (all ${entityType}s)`;
  }
}

export function describeAction(action: Automation['actions'][number]): string {
  switch (action.type) {
    case 'set_field':
      return `set ${action.field} to ${JSON.stringify(action.value)}`;
    case 'add_tag':
      return `add tag “${action.tag}”`;
    case 'remove_tag':
      return `remove tag “${action.tag}”`;
    case 'create_task':
      return `create task “${action.title}”${action.dueInDays ? ` due in ${action.dueInDays} d` : ''}`;
    case 'move_stage':
      return `move to ${stageLabel(action.stage)}`;
  }
}

/** "2 conditions hold", "any of 3 conditions holds", "1 condition holds". */
export function conditionWords(condition: NonNullable<Automation['condition']>): string {
  const count = condition.conditions.length;
  if (count === 1) return '1 condition holds';
  return condition.match === 'all' ? `${count} conditions hold` : `any of ${count} conditions holds`;
}

/** Where a run's record opens. */
export function recordLink(entityType: string, id: string): string {
  if (entityType === 'organization') return `/organizations/${id}`;
  if (entityType === 'contact') return `/contacts/${id}`;
  if (entityType === 'task') return `/tasks?task=${id}`;
  return '/pipeline';
}

export function AutomationsSettings() {
  const me = useCurrentUser();
  const canManage = me.role === 'admin' || me.role === 'manager';
  const client = useQueryClient();
  const [editing, setEditing] = useState<Automation | 'new' | null>(null);
  const [open, setOpen] = useState<{ rule: Automation; tab: string } | null>(null);
  const rules = useQuery({
    queryKey: ['automations', 'list'],
    queryFn: ({ signal }) => api.get<ListEnvelope<Automation>>('/api/automations', { limit: 500 }, signal),
  });
  const toggle = useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) => api.patch(`/api/automations/${id}`, { enabled }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['automations'] }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/automations/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['automations'] }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const list = rules.data?.data ?? [];
  return (
    <Card>
      <SectionTitle
        right={
          canManage && (
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')} data-testid="new-automation">
              New rule
            </Button>
          )
        }
      >
        Automations
      </SectionTitle>
      <Text size="sm" c="dimmed" mb="md">
        Rules that act on their own: when something happens (or on a schedule) and a condition holds, they tag, set fields, create tasks or move stages. Every
        change they make is in the activity log under the rule's name.
      </Text>
      {rules.isPending ? (
        <ListSkeleton rows={3} />
      ) : list.length === 0 ? (
        <Empty title="No automation rules" description="Create one, e.g. tag every declined commitment." />
      ) : (
        <Table verticalSpacing="xs" data-testid="automations-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>On</Table.Th>
              <Table.Th>Rule</Table.Th>
              <Table.Th style={{ whiteSpace: 'nowrap' }}>Last run</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((rule) => (
              <Table.Tr key={rule.id} data-testid={`automation-row-${rule.name}`}>
                <Table.Td>
                  <Switch
                    aria-label={`Enable ${rule.name}`}
                    checked={rule.enabled}
                    disabled={!canManage}
                    onChange={(e) => toggle.mutate({ id: rule.id, enabled: e.currentTarget.checked })}
                    data-testid="automation-switch"
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {rule.name}{' '}
                    {rule.example && (
                      <Badge size="xs" variant="light" color="gray">
                        example
                      </Badge>
                    )}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {describeTrigger(rule)}
                    {rule.condition?.conditions.length ? `, if ${conditionWords(rule.condition)}` : ''}: {rule.actions.map(describeAction).join(', ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {rule.lastRunAt ? formatDateTime(rule.lastRunAt) : 'never'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {canManage && (
                      <Button size="compact-xs" variant="subtle" onClick={() => setEditing(rule)}>
                        Edit
                      </Button>
                    )}
                    <Button size="compact-xs" variant="subtle" onClick={() => setOpen({ rule, tab: 'dry-run' })} data-testid="automation-dry-run">
                      Dry run
                    </Button>
                    <Button size="compact-xs" variant="subtle" onClick={() => setOpen({ rule, tab: 'runs' })} data-testid="automation-runs">
                      Runs
                    </Button>
                    {canManage && (
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate(rule.id)} aria-label={`Delete ${rule.name}`}>
                        Delete
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <AutomationForm rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {open && (
        <Modal opened onClose={() => setOpen(null)} title={open.rule.name} size="xl">
          <Tabs value={open.tab} onChange={(tab) => setOpen({ ...open, tab: tab ?? 'runs' })}>
            <Tabs.List mb="md">
              <Tabs.Tab value="dry-run">Dry run</Tabs.Tab>
              <Tabs.Tab value="runs">Runs</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="dry-run">{open.tab === 'dry-run' && <DryRun rule={open.rule} />}</Tabs.Panel>
            <Tabs.Panel value="runs">{open.tab === 'runs' && <Runs rule={open.rule} />}</Tabs.Panel>
          </Tabs>
        </Modal>
      )}
    </Card>
  );
}

function DryRun({ rule }: { rule: Automation }) {
  const result = useQuery({
    queryKey: ['automations', 'dry-run', rule.id, rule.version],
    queryFn: () => api.post<{ data: AutomationDryRun }>(`/api/automations/${rule.id}/dry-run`),
  });
  if (result.isPending) return <ListSkeleton rows={3} />;
  if (result.error) return <Text c="red">{errorMessage(result.error)}</Text>;
  const { matches, preview } = result.data.data;
  return (
    <Stack gap="sm" data-testid="dry-run-result">
      <Text size="sm">
        <b>{matches.length}</b> {rule.trigger.entityType}
        {matches.length === 1 ? ' matches' : 's match'} the condition now. Nothing was changed.
        {matches.length > preview.length && ` The first ${preview.length} are shown.`}
      </Text>
      {preview.length > 0 && (
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Record</Table.Th>
              <Table.Th>Would change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.map((item) => (
              <Table.Tr key={item.entityId}>
                <Table.Td>
                  <Anchor component={Link} to={recordLink(rule.trigger.entityType, item.entityId)} size="sm">
                    {item.name ?? item.entityId}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {item.changes.length ? (
                    <List size="xs" spacing={0}>
                      {item.changes.map((change) => (
                        <List.Item key={change}>{change}</List.Item>
                      ))}
                    </List>
                  ) : (
                    <Text size="xs" c="dimmed">
                      nothing to change
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function Runs({ rule }: { rule: Automation }) {
  const runs = useQuery({
    queryKey: ['automations', 'runs', rule.id],
    queryFn: ({ signal }) => api.get<ListEnvelope<AutomationRun>>(`/api/automations/${rule.id}/runs`, { limit: 100 }, signal),
    refetchInterval: 5_000,
  });
  if (runs.isPending) return <ListSkeleton rows={3} />;
  const rows = runs.data?.data ?? [];
  if (rows.length === 0) return <Empty title="No runs yet" description={rule.enabled ? 'It runs when its trigger fires.' : 'Enable the rule to let it run.'} />;
  return (
    <Table verticalSpacing={4} data-testid="runs-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>When</Table.Th>
          <Table.Th>Record</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>What changed</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((run) => (
          <Table.Tr key={run.id}>
            <Table.Td>
              <Text size="xs">{formatDateTime(run.at)}</Text>
              {run.depth > 0 && (
                <Text size="xs" c="dimmed">
                  set off by another rule (depth {run.depth})
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {run.entityId ? (
                <Anchor component={Link} to={recordLink(run.entityType, run.entityId)} size="xs">
                  {humanize(run.entityType)}
                </Anchor>
              ) : (
                '—'
              )}
            </Table.Td>
            <Table.Td>
              <Badge size="sm" variant="light" color={STATUS_COLORS[run.status]}>
                {run.status}
              </Badge>
            </Table.Td>
            <Table.Td>
              {run.changes.length ? (
                <Text size="xs">{run.changes.map((c) => c.summary).join('; ')}</Text>
              ) : (
                <Text size="xs" c={run.status === 'failed' ? 'red.7' : 'dimmed'}>
                  {run.reason ?? '—'}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
