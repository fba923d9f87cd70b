import { Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FundCreateInput } from '@lpdesk/contracts';
import type { FormEvent } from 'react';
import { useCreate } from '../../api/hooks';
import type { Fund } from '../../api/types';
import { toMinorUnits } from '../../ui/format';
import { errorsFromApi, useFormState, validate } from '../../ui/forms';
import { todayIso } from '../../ui/team-time';

export function FundFormModal({ onClose, onSaved }: { onClose: () => void; onSaved?: (fund: Fund) => void }) {
  const form = useFormState({
    name: '',
    vintage: Number(todayIso().slice(0, 4)) as number | '',
    currency: 'USD',
    targetAmount: '' as number | '',
    status: 'raising',
  });
  const create = useCreate<Fund>('funds');
  const v = form.values;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name: v.name.trim(),
      vintage: v.vintage === '' ? null : v.vintage,
      currency: v.currency.trim().toUpperCase(),
      targetAmount: toMinorUnits(v.targetAmount),
      status: v.status,
    };
    const result = validate(FundCreateInput, body);
    if (result.errors) return form.setErrors(result.errors);
    create.mutate(body, {
      onSuccess: (fund) => {
        notifications.show({ message: `${fund.name} created`, color: 'teal' });
        onSaved?.(fund);
        onClose();
      },
      onError: (error) => form.setErrors(errorsFromApi(error)),
    });
  };
  return (
    <Modal opened onClose={onClose} title="New fund">
      <form onSubmit={submit} noValidate data-testid="fund-form">
        <Stack gap="sm">
          {form.errors._form && (
            <Alert color="red" variant="light">
              {form.errors._form}
            </Alert>
          )}
          <TextInput
            label="Name"
            required
            data-autofocus
            placeholder="Fund III"
            value={v.name}
            error={form.errors.name}
            onChange={(e) => form.set('name', e.currentTarget.value)}
            data-testid="fund-name"
          />
          <SimpleGrid cols={2}>
            <NumberInput
              label="Vintage"
              allowDecimal={false}
              value={v.vintage}
              error={form.errors.vintage}
              onChange={(n) => form.set('vintage', typeof n === 'number' ? n : '')}
            />
            <TextInput
              label="Currency"
              maxLength={3}
              value={v.currency}
              error={form.errors.currency}
              onChange={(e) => form.set('currency', e.currentTarget.value)}
            />
          </SimpleGrid>
          <SimpleGrid cols={2}>
            <NumberInput
              label="Target"
              prefix="$"
              thousandSeparator=","
              min={0}
              value={v.targetAmount}
              error={form.errors.targetAmount}
              onChange={(n) => form.set('targetAmount', typeof n === 'number' ? n : '')}
            />
            <Select
              label="Status"
              data={[
                { value: 'planning', label: 'Planning' },
                { value: 'raising', label: 'Raising' },
                { value: 'closed', label: 'Closed' },
              ]}
              value={v.status}
              allowDeselect={false}
              onChange={(s) => form.set('status', s ?? 'raising')}
            />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="save-fund">
              Create fund
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
