import { Anchor, Button, Divider, Group, Modal, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import type { Stage } from '@lpdesk/contracts';
import { IconExternalLink, IconPencil, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Commitment } from '../../api/types';
import { StageBadge } from '../../ui/badges';
import { formatDate, formatMoneyFull, formatRelative, humanize } from '../../ui/format';
import { STAGE_OPTIONS } from '../../ui/stages';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text size="sm" component="div" mt={2}>
        {children}
      </Text>
    </div>
  );
}

export function CommitmentQuickView({
  commitment: c,
  onClose,
  onEdit,
  onMove,
  onTrash,
}: {
  commitment: Commitment;
  onClose: () => void;
  onEdit: () => void;
  onMove: (to: Stage) => void;
  onTrash: () => void;
}) {
  return (
    <Modal opened onClose={onClose} size="lg" title={<Text fw={650}>{c.organization?.name ?? 'Commitment'}</Text>}>
      <Stack gap="md" data-testid="quick-view">
        <Group justify="space-between">
          <Group gap="xs">
            <StageBadge stage={c.stage} size="md" />
            <Text size="xs" c="dimmed">
              since {formatRelative(c.stageChangedAt)}
            </Text>
          </Group>
          <Select
            size="xs"
            w={180}
            aria-label="Move to stage"
            data-testid="quick-view-stage"
            data={STAGE_OPTIONS}
            value={c.stage}
            onChange={(s) => s && s !== c.stage && onMove(s as Stage)}
            allowDeselect={false}
          />
        </Group>
        <SimpleGrid cols={3}>
          <Field label="Expected">{formatMoneyFull(c.expectedAmount, c.currency)}</Field>
          <Field label="Committed">{formatMoneyFull(c.committedAmount, c.currency)}</Field>
          <Field label="Funded">{formatMoneyFull(c.fundedAmount, c.currency)}</Field>
          <Field label="Probability">
            {c.effectiveProbability}%{c.probability === null ? ' (stage default)' : ''}
          </Field>
          <Field label="Expected close">{formatDate(c.expectedCloseOn)}</Field>
          <Field label="Priority">{humanize(c.priority)}</Field>
          <Field label="Primary contact">
            {c.primaryContact ? (
              <Anchor component={Link} to={`/contacts/${c.primaryContact.id}`} size="sm">
                {c.primaryContact.name}
              </Anchor>
            ) : (
              '—'
            )}
          </Field>
          <Field label="Owner">{c.owner?.name ?? '—'}</Field>
          <Field label="Fund">{c.fund?.name ?? '—'}</Field>
        </SimpleGrid>
        {c.nextStep && <Field label="Next step">{c.nextStep}</Field>}
        {c.stage === 'declined' && c.declinedReason && <Field label="Declined because">{c.declinedReason}</Field>}
        <Divider />
        <Group justify="space-between">
          <Button component={Link} to={`/organizations/${c.organizationId}`} variant="subtle" leftSection={<IconExternalLink size={16} />}>
            Open investor
          </Button>
          <Group gap="xs">
            <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={onTrash} data-testid="trash-commitment-button">
              Move to trash
            </Button>
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit} data-testid="edit-commitment">
              Edit
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
