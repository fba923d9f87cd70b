import { Button, Card, ColorInput, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { TagCreateInput } from '@lpdesk/contracts';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useCreate, useTags, useTrash, useUpdate } from '../../api/hooks';
import type { Tag } from '../../api/types';
import { TagPill } from '../../ui/badges';
import { errorsFromApi, type FieldErrors, validate } from '../../ui/forms';
import { ListSkeleton, SectionTitle } from '../../ui/layout';
import { DeleteCell } from '../../ui/form-actions';

const SWATCHES = ['#64748b', '#ef4444', '#f97316', '#eab308', '#22c55e', '#14b8a6', '#3b82f6', '#6366f1', '#a855f7', '#ec4899'];

export function TagsSettings() {
  const tags = useTags();
  const create = useCreate<Tag>('tags');
  const update = useUpdate<Tag>('tags');
  const trash = useTrash('tags');
  const [name, setName] = useState('');
  const [color, setColor] = useState('#6366f1');
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = validate(TagCreateInput, { name, color });
    if (result.errors) return setErrors(result.errors);
    create.mutate(
      { name: name.trim(), color },
      {
        onSuccess: () => {
          setName('');
          setErrors({});
        },
        onError: (error) => setErrors(errorsFromApi(error)),
      },
    );
  };
  return (
    <Card>
      <SectionTitle>Tags</SectionTitle>
      <form onSubmit={submit} noValidate>
        <Group align="flex-start" mb="md">
          <TextInput
            placeholder="New tag name"
            aria-label="Tag name"
            value={name}
            error={errors.name ?? errors._form}
            onChange={(e) => setName(e.currentTarget.value)}
            data-testid="tag-name"
          />
          <ColorInput
            w={150}
            aria-label="Tag colour"
            value={color}
            onChange={setColor}
            swatches={SWATCHES}
            swatchesPerRow={5}
            format="hex"
            error={errors.color}
          />
          <Button type="submit" loading={create.isPending}>
            Add tag
          </Button>
        </Group>
      </form>
      {tags.isPending ? (
        <ListSkeleton rows={4} />
      ) : (tags.data?.data ?? []).length === 0 ? (
        <Text size="sm" c="dimmed">
          No tags yet. Tags group contacts, organizations and commitments (e.g. “Warm intro”, “Re-up”).
        </Text>
      ) : (
        <Table verticalSpacing="xs">
          <Table.Tbody>
            {(tags.data?.data ?? []).map((tag) => (
              <Table.Tr key={tag.id}>
                <Table.Td>
                  <TagPill tag={tag} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {tag.usageCount} {tag.usageCount === 1 ? 'use' : 'uses'}
                  </Text>
                </Table.Td>
                <Table.Td w={170}>
                  <ColorInput
                    size="xs"
                    aria-label={`Colour of ${tag.name}`}
                    defaultValue={tag.color}
                    swatches={SWATCHES}
                    swatchesPerRow={5}
                    format="hex"
                    onChangeEnd={(c) =>
                      update.mutate({ id: tag.id, changes: { color: c } }, { onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }) })
                    }
                  />
                </Table.Td>
                <DeleteCell
                  label={`Delete ${tag.name}`}
                  onDelete={() => trash.mutate([tag.id], { onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }) })}
                />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Stack />
    </Card>
  );
}
