import { stageAmount } from '@lpdesk/contracts';
import { ActionIcon, Anchor, Badge, Button, Card, Group, Menu, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPlus, IconRestore, IconTrash } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useCustomFields, useRestore } from '../../api/hooks';
import type { Commitment, CustomFieldMap, EntityType } from '../../api/types';
import { StageBadge } from '../../ui/badges';
import { formatMoneyFull } from '../../ui/format';
import { SectionTitle } from '../../ui/layout';
import { CommitmentFormModal } from '../pipeline/commitment-form-modal';
import { formatCustomValue } from './custom-fields';
import { TrashImpactDialog } from './trash-impact-dialog';
import { useTrashWithUndo } from './use-trash-with-undo';

export function PropertyList({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <Stack gap={10}>
      {items.map((item) => (
        <Group key={item.label} justify="space-between" align="flex-start" wrap="nowrap" gap="md">
          <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
            {item.label}
          </Text>
          <Text size="sm" ta="right" component="div" style={{ minWidth: 0, wordBreak: 'break-word' }}>
            {item.value ?? '—'}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

export function CustomFieldsCard({ entityType, values }: { entityType: EntityType; values: CustomFieldMap }) {
  const { fields } = useCustomFields(entityType);
  if (fields.length === 0) return null;
  return (
    <Card padding="md" data-testid="custom-fields-card">
      <SectionTitle>Custom fields</SectionTitle>
      <PropertyList items={fields.map((f) => ({ label: f.label, value: formatCustomValue(f, values[f.key]) }))} />
    </Card>
  );
}

export function CommitmentsCard({ commitments, organization }: { commitments: Commitment[]; organization: { id: string; name: string } | null }) {
  const [adding, setAdding] = useState(false);
  return (
    <Card padding="md" data-testid="commitments-card">
      <SectionTitle
        right={
          organization && (
            <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => setAdding(true)} data-testid="add-commitment">
              Add
            </Button>
          )
        }
      >
        Commitments
      </SectionTitle>
      {commitments.length === 0 ? (
        <Text size="sm" c="dimmed">
          Not in any fund's pipeline yet.
        </Text>
      ) : (
        <Table verticalSpacing={6} horizontalSpacing={4}>
          <Table.Tbody>
            {commitments.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {c.fund?.name ?? 'Fund'}
                  </Text>
                  {c.stage === 'declined' && c.declinedReason && (
                    <Text size="xs" c="dimmed">
                      {c.declinedReason}
                    </Text>
                  )}
                </Table.Td>
                {/* The stage name must stay whole; the fund column gives way instead. */}
                <Table.Td style={{ width: 120, whiteSpace: 'nowrap' }}>
                  <StageBadge stage={c.stage} size="xs" />
                </Table.Td>
                <Table.Td ta="right" className="lp-num">
                  <Text size="sm">{formatMoneyFull(stageAmount(c), c.currency)}</Text>
                  {c.fundedAmount ? (
                    <Text size="xs" c="dimmed">
                      {formatMoneyFull(c.fundedAmount, c.currency)} funded
                    </Text>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {adding && organization && <CommitmentFormModal organization={organization} onClose={() => setAdding(false)} />}
    </Card>
  );
}

/** Trash / restore for a record, in the header's overflow menu; trashing first says what else leaves which screen. */
export function RecordMenu({
  collection,
  id,
  deleted,
  onTrashed,
}: {
  collection: 'contacts' | 'organizations';
  id: string;
  deleted: boolean;
  onTrashed?: () => void;
}) {
  const trash = useTrashWithUndo(collection);
  const restore = useRestore(collection);
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <Menu position="bottom-end">
        <Menu.Target>
          <ActionIcon variant="default" size="lg" aria-label="More actions" data-testid="record-menu">
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {deleted ? (
            <Menu.Item
              leftSection={<IconRestore size={16} />}
              onClick={() =>
                restore.mutate(id, {
                  onSuccess: () => notifications.show({ message: 'Restored', color: 'teal' }),
                  onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
                })
              }
            >
              Restore
            </Menu.Item>
          ) : (
            <Menu.Item color="red" leftSection={<IconTrash size={16} />} data-testid="trash-record" onClick={() => setConfirming(true)}>
              Move to trash
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      {confirming && (
        <TrashImpactDialog
          collection={collection}
          id={id}
          loading={trash.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            trash.run(id, collection === 'organizations' ? 'The organization' : 'The contact', () => {
              setConfirming(false);
              onTrashed?.();
            })
          }
        />
      )}
    </>
  );
}

export function TrashedBanner({ deletedAt }: { deletedAt: string | null }) {
  if (!deletedAt) return null;
  return (
    <Badge color="red" variant="light" size="lg" radius="sm">
      In trash
    </Badge>
  );
}

export function EmailLinks({ emails }: { emails: string[] }) {
  if (emails.length === 0) return <>—</>;
  return (
    <Stack gap={2} align="flex-end">
      {emails.map((email) => (
        <Anchor key={email} href={`mailto:${email}`} size="sm">
          {email}
        </Anchor>
      ))}
    </Stack>
  );
}
