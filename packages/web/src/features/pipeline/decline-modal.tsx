import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';

/** The server refuses a move to declined without a reason; ask for it before moving the card. */
export function DeclineReasonModal({ name, onCancel, onConfirm }: { name: string; onCancel: () => void; onConfirm: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (!reason.trim()) return setError('Say why the investor declined');
    onConfirm(reason.trim());
  };
  return (
    <Modal opened onClose={onCancel} title={`Mark ${name} as declined`} size="md">
      <Stack>
        <Text size="sm" c="dimmed">
          The reason is kept in the stage history and helps the team learn from passes.
        </Text>
        <Textarea
          label="Reason"
          required
          autosize
          minRows={3}
          data-autofocus
          value={reason}
          error={error}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-testid="decline-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button color="red" onClick={submit} data-testid="confirm-decline">
            Mark declined
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
