import { isCommittedStage, isOpenStage, stageAmount } from '@lpdesk/contracts';
import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../api/client';
import { useRestore, useTrash } from '../../api/hooks';
import type { Commitment } from '../../api/types';
import { formatMoneyShort } from '../../ui/format';
import { stageLabel } from '../../ui/stages';

/** Where a trashed commitment stops showing, in the words of the screens (docs/metrics.md). */
export function trashConsequences(c: Commitment): string[] {
  const amount = formatMoneyShort(stageAmount(c), c.currency);
  const fund = c.fund?.name ?? 'the fund';
  const lines = [`Pipeline: the card leaves the ${stageLabel(c.stage)} column of ${fund}, whose total drops by ${amount}.`];
  if (isCommittedStage(c.stage)) {
    lines.push(`LP Tracker: the investor is no longer an LP of ${fund}; committed falls by ${amount}.`);
    lines.push(`Dashboard: committed falls by ${amount}${c.fundedAmount ? `, funded by ${formatMoneyShort(c.fundedAmount, c.currency)}` : ''}.`);
  } else if (isOpenStage(c.stage)) {
    lines.push(`Dashboard: the open pipeline falls by ${amount} and loses one opportunity.`);
  } else {
    lines.push('Dashboard: one fewer declined investor.');
  }
  lines.push(`${c.organization?.name ?? 'The investor'}: the commitment leaves its page and totals.`);
  return lines;
}

/** Moving a commitment to the trash says what disappears where, and can be undone from the toast or Trash. */
export function TrashCommitmentModal({ commitment, onCancel, onTrashed }: { commitment: Commitment; onCancel: () => void; onTrashed: () => void }) {
  const trash = useTrash('commitments');
  const restore = useRestore('commitments');
  const name = commitment.organization?.name ?? 'this investor';
  const confirm = () =>
    trash.mutate([commitment.id], {
      onSuccess: () => {
        onTrashed();
        const id = notifications.show({
          color: 'gray',
          message: (
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm">{name}'s commitment is in the trash.</Text>
              <Button
                size="compact-xs"
                variant="light"
                data-testid="undo-trash-commitment"
                onClick={() => restore.mutate(commitment.id, { onSuccess: () => notifications.hide(id) })}
              >
                Undo
              </Button>
            </Group>
          ),
        });
      },
    });
  return (
    <Modal opened onClose={onCancel} title={`Move ${name}'s commitment to the trash?`} size="md">
      <Stack data-testid="trash-commitment">
        <Text size="sm">It disappears from:</Text>
        <List size="sm" spacing={4}>
          {trashConsequences(commitment).map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
        <Text size="sm" c="dimmed">
          The investor and its people stay. An admin can restore the commitment from Trash.
        </Text>
        {trash.isError && <Alert color="red">{errorMessage(trash.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button color="red" onClick={confirm} loading={trash.isPending} data-testid="confirm-trash-commitment">
            Move to trash
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
