import type { ImportView } from '@lpdesk/contracts';
import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../api/client';
import { ENTITY_LABELS } from './import-labels';
import { useUndoImport } from './imports-api';

function plural(count: number, singular: string, pluralWord: string) {
  return `${count.toLocaleString()} ${count === 1 ? singular : pluralWord}`;
}

/** Says exactly what undoing will do before it happens: created records to the trash, updated ones reverted. */
export function UndoImportDialog({ target, onClose }: { target: ImportView; onClose: () => void }) {
  const undo = useUndoImport();
  const noun = target.entity ? ENTITY_LABELS[target.entity] : { singular: 'record', plural: 'records' };
  const created = target.totals?.create ?? 0;
  const updated = target.totals?.update ?? 0;
  const confirm = () =>
    undo.mutate(target, {
      onSuccess: (result) => {
        notifications.show({
          color: 'teal',
          title: `Import of ${target.fileName} undone`,
          message: [
            `${plural(result.trashed, 'record', 'records')} moved to the trash`,
            `${plural(result.reverted, 'record', 'records')} put back`,
            result.kept.length > 0 ? `${plural(result.kept.length, 'field', 'fields')} changed since the import kept as they are` : null,
          ]
            .filter(Boolean)
            .join(', '),
        });
        onClose();
      },
    });
  return (
    <Modal opened onClose={onClose} title="Undo this import?" size="md" data-testid="undo-import-dialog">
      <Stack gap="md">
        <Text size="sm">
          The import of <b>{target.fileName}</b> will be undone:
        </Text>
        <List size="sm" spacing={4}>
          <List.Item>
            {created > 0
              ? `The ${plural(created, noun.singular, noun.plural)} it created move to the trash (Settings → Trash can restore them).`
              : 'It created no records.'}
          </List.Item>
          <List.Item>
            {updated > 0
              ? `The ${plural(updated, noun.singular, noun.plural)} it updated get their earlier values back. A field someone changed since the import keeps its newer value.`
              : 'It updated no existing records.'}
          </List.Item>
          <List.Item>Organizations and tags it created along the way go to the trash too; a new tag someone has put on other records since stays.</List.Item>
        </List>
        {Boolean(undo.error) && (
          <Alert color="red" title="The import was not undone" data-testid="undo-import-error">
            {errorMessage(undo.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={undo.isPending} onClick={confirm} data-testid="confirm-undo-import">
            Undo import
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
