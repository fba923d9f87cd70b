import { ActionIcon, Button, Group, Table, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';

interface FormActionsProps {
  /** Form-level error (no matching field), shown just above the buttons. */
  error?: string;
  submitLabel: string;
  loading: boolean;
  onCancel(): void;
  submitTestId?: string;
}

/** Footer of the small settings dialogs: a form-level error, then Cancel and the submit button. */
export function FormActions({ error, submitLabel, loading, onCancel, submitTestId }: FormActionsProps) {
  return (
    <>
      {error && (
        <Text c="red" size="sm">
          {error}
        </Text>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={loading} data-testid={submitTestId}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}

/** Trailing table cell with a red trash icon; `label` is the accessible name tests and screen readers use. */
export function DeleteCell({ label, onDelete }: { label: string; onDelete(): void }) {
  return (
    <Table.Td w={40}>
      <ActionIcon variant="subtle" color="red" aria-label={label} onClick={onDelete}>
        <IconTrash size={16} />
      </ActionIcon>
    </Table.Td>
  );
}
