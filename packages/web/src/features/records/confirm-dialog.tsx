import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

/** A yes/no question before something leaves the screens, e.g. moving a record to the trash. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  loading = false,
  onConfirm,
  onCancel,
  testId = 'confirm-dialog',
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  loading?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}) {
  return (
    <Modal opened onClose={onCancel} title={title} size="md" data-testid={testId}>
      <Stack gap="md">
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button color="red" loading={loading} onClick={onConfirm} data-testid="confirm-trash">
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
