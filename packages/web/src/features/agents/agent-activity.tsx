import { Badge, Button, Card, Code, Collapse, Group, Select, Stack, Table, Text } from '@mantine/core';
import { AGENT_TOOLS, type AgentCallOutcome } from '@lpdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { api } from '../../api/client';
import { keys as queryKeys } from '../../api/hooks';
import type { ApiKey } from '../../api/types';
import { formatDateTime } from '../../ui/format';
import { Empty, ListSkeleton, SectionTitle } from '../../ui/layout';
import { useAgentCalls } from './agents-api';

const OUTCOME_COLORS: Record<AgentCallOutcome, string> = { ok: 'teal', error: 'red', dry_run: 'blue', proposed: 'orange', replayed: 'gray' };

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Every MCP tool call agent keys made (Settings → Agent activity, admins): what the model asked and saw. */
export function AgentActivitySettings() {
  const [apiKeyId, setApiKeyId] = useState<string | null>(null);
  const [tool, setTool] = useState<string | null>(null);
  const [limit, setLimit] = useState(50);
  const [open, setOpen] = useState<string | null>(null);
  const keys = useQuery({ queryKey: queryKeys.list('api-keys'), queryFn: () => api.get<{ data: ApiKey[] }>('/api/api-keys').then((r) => r.data) });
  const agentKeys = (keys.data ?? []).filter((k) => k.role === 'agent').map((k) => ({ value: k.id, label: k.name }));
  const calls = useAgentCalls({ apiKeyId: apiKeyId ?? undefined, tool: tool ?? undefined, limit });
  const rows = calls.data?.data ?? [];
  return (
    <Card>
      <SectionTitle>Agent activity</SectionTitle>
      <Text size="sm" c="dimmed" mb="md">
        Every tool call an agent key made over MCP, reads included. Arguments are shown as the model sent them: with placeholders for keys that redact.
      </Text>
      <Group mb="md" gap="xs">
        <Select
          w={200}
          placeholder="Any key"
          aria-label="Key"
          data-testid="agent-calls-key"
          clearable
          data={agentKeys}
          value={apiKeyId}
          onChange={setApiKeyId}
        />
        <Select
          w={200}
          placeholder="Any tool"
          aria-label="Tool"
          data-testid="agent-calls-tool"
          clearable
          data={[...AGENT_TOOLS]}
          value={tool}
          onChange={setTool}
        />
      </Group>
      {calls.isPending ? (
        <ListSkeleton rows={6} />
      ) : rows.length === 0 ? (
        <Empty title="No agent calls yet" description="Calls appear here as soon as an agent key uses the MCP server." />
      ) : (
        <Stack gap="sm">
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" highlightOnHover data-testid="agent-calls-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Key</Table.Th>
                  <Table.Th>Tool</Table.Th>
                  <Table.Th>Arguments</Table.Th>
                  <Table.Th ta="right">Result</Table.Th>
                  <Table.Th>Outcome</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((call) => {
                  const args = JSON.stringify(call.arguments ?? {});
                  const expanded = open === call.id;
                  return (
                    <Fragment key={call.id}>
                      <Table.Tr onClick={() => setOpen(expanded ? null : call.id)} style={{ cursor: 'pointer' }} data-testid="agent-call-row">
                        <Table.Td>
                          <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
                            {formatDateTime(call.at)}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{call.apiKeyName ?? call.apiKeyId}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Code>{call.tool}</Code>
                        </Table.Td>
                        <Table.Td>
                          <Text size="xs" ff="monospace" truncate="end" maw={140} title={args}>
                            {args}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right">
                          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                            {formatBytes(call.resultBytes)}
                          </Text>
                          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                            {Math.round(call.durationMs)} ms
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Badge size="sm" variant="light" color={OUTCOME_COLORS[call.outcome]}>
                            {call.outcome.replace('_', ' ')}
                          </Badge>
                        </Table.Td>
                      </Table.Tr>
                      <Table.Tr style={{ borderBottom: expanded ? undefined : 'none' }}>
                        <Table.Td colSpan={6} p={0}>
                          <Collapse expanded={expanded}>
                            <Stack gap={4} p="xs">
                              <Code block>{JSON.stringify(call.arguments ?? {}, null, 2)}</Code>
                              {call.error && (
                                <Text size="xs" c="red">
                                  {call.error}
                                </Text>
                              )}
                              {call.sessionId && (
                                <Text size="xs" c="dimmed">
                                  Session {call.sessionId}
                                </Text>
                              )}
                            </Stack>
                          </Collapse>
                        </Table.Td>
                      </Table.Tr>
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {calls.data && calls.data.total > rows.length && (
            <Button variant="default" onClick={() => setLimit((l) => Math.min(l + 100, 500))}>
              Show more ({calls.data.total - rows.length} older)
            </Button>
          )}
        </Stack>
      )}
    </Card>
  );
}
