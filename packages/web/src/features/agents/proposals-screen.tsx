import { Anchor, Badge, Button, Card, Code, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { AgentProposalStatus } from '@lpdesk/contracts';
import { IconCheck, IconRobot, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { formatDateTime, formatRelative, humanize } from '../../ui/format';
import { Empty, ListSkeleton, PageHeader } from '../../ui/layout';
import { type AgentProposalView, recordPath, useDecideProposal, useProposals } from './agents-api';
import { ProposalDiff } from './proposal-diff';

const STATUS_COLORS: Record<AgentProposalStatus, string> = { pending: 'orange', approved: 'teal', rejected: 'gray' };

/** Writes that approval-mode agent keys asked for, reviewed here: the diff side by side, approve or reject. */
export function ProposalsScreen() {
  const [status, setStatus] = useState<AgentProposalStatus>('pending');
  const [limit, setLimit] = useState(50);
  const proposals = useProposals(status, limit);
  const list = proposals.data?.data ?? [];
  return (
    <>
      <PageHeader title="Proposals" description="Writes that agents with approval-mode keys asked for. Nothing has changed until you approve." />
      <SegmentedControl
        mb="md"
        aria-label="Status"
        data-testid="proposal-status"
        value={status}
        onChange={(value) => setStatus(value as AgentProposalStatus)}
        data={[
          { value: 'pending', label: 'Pending' },
          { value: 'approved', label: 'Approved' },
          { value: 'rejected', label: 'Rejected' },
        ]}
      />
      {proposals.isPending ? (
        <ListSkeleton rows={4} height={120} />
      ) : list.length === 0 ? (
        <Empty icon={<IconRobot size={20} />} title={status === 'pending' ? 'Nothing waits for review' : `No ${status} proposals`} />
      ) : (
        <Stack gap="md">
          {list.map((proposal) => (
            <ProposalCard key={proposal.id} proposal={proposal} />
          ))}
          {proposals.data && proposals.data.total > list.length && (
            <Button variant="default" onClick={() => setLimit((l) => Math.min(l + 50, 500))}>
              Show more ({proposals.data.total - list.length})
            </Button>
          )}
        </Stack>
      )}
    </>
  );
}

function ProposalCard({ proposal }: { proposal: AgentProposalView }) {
  const decide = useDecideProposal();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const path = recordPath(proposal.diff);
  const target = proposal.diff.label ?? proposal.diff.entityId ?? `new ${humanize(proposal.diff.entityType).toLowerCase()}`;
  const run = (decision: 'approve' | 'reject') =>
    decide.mutate(
      { id: proposal.id, decision, ...(decision === 'reject' && reason.trim() ? { reason: reason.trim() } : {}) },
      {
        onSuccess: () =>
          notifications.show({
            color: decision === 'approve' ? 'teal' : 'gray',
            message: decision === 'approve' ? 'Approved: the change is made' : 'Rejected',
          }),
        onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
      },
    );
  return (
    <Card withBorder data-testid="proposal-card" data-proposal-id={proposal.id}>
      <Group justify="space-between" align="flex-start" mb="xs" wrap="wrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={6} wrap="wrap">
            <Code>{proposal.tool}</Code>
            <Text size="sm" data-testid="proposal-target" style={{ wordBreak: 'break-word' }}>
              {humanize(proposal.diff.action)} {humanize(proposal.diff.entityType).toLowerCase()}{' '}
              {path ? (
                <Anchor component={Link} to={path} fw={600}>
                  {target}
                </Anchor>
              ) : (
                <Text span fw={600}>
                  {target}
                </Text>
              )}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            by {proposal.apiKeyName ?? proposal.apiKeyId} · {formatRelative(proposal.createdAt)}
          </Text>
        </Stack>
        <Badge color={STATUS_COLORS[proposal.status]} variant="light">
          {proposal.status}
        </Badge>
      </Group>
      <ProposalDiff diff={proposal.diff} />
      {proposal.status === 'pending' ? (
        <Stack gap="xs" mt="sm">
          {rejecting && (
            <Textarea
              label="Reason (shown in the log)"
              placeholder="Why this should not happen"
              autosize
              minRows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-testid="reject-reason"
            />
          )}
          <Group justify="flex-end" gap="xs">
            {rejecting ? (
              <>
                <Button variant="default" onClick={() => setRejecting(false)}>
                  Cancel
                </Button>
                <Button color="red" leftSection={<IconX size={14} />} loading={decide.isPending} onClick={() => run('reject')} data-testid="confirm-reject">
                  Reject
                </Button>
              </>
            ) : (
              <>
                <Button variant="default" color="red" leftSection={<IconX size={14} />} onClick={() => setRejecting(true)} data-testid="reject-proposal">
                  Reject…
                </Button>
                <Button
                  color="teal"
                  leftSection={<IconCheck size={14} />}
                  loading={decide.isPending}
                  onClick={() => run('approve')}
                  data-testid="approve-proposal"
                >
                  Approve
                </Button>
              </>
            )}
          </Group>
        </Stack>
      ) : (
        <Text size="xs" c="dimmed" mt="sm" data-testid="proposal-decision">
          {humanize(proposal.status)} by {proposal.decidedByName ?? proposal.decidedBy ?? 'someone'}
          {proposal.decidedAt ? ` on ${formatDateTime(proposal.decidedAt)}` : ''}
          {proposal.reason ? ` — “${proposal.reason}”` : ''}
        </Text>
      )}
    </Card>
  );
}
