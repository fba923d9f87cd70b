import { Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { formatMoneyFull, toMajorUnits, toMinorUnits } from '../../ui/format';
import { stageLabel } from '../../ui/stages';

interface Props {
  name: string;
  stage: 'committed' | 'closed';
  currency: string;
  /** What to prefill, in minor units: the committed amount when known, else the expected one. */
  suggested: number | null;
  expected: number | null;
  onCancel: () => void;
  onConfirm: (committedAmount: number) => void;
}

/**
 * Entering committed or closed records how much the investor committed: every total (pipeline,
 * dashboard, LP tracker) counts that amount there, never the expected one (docs/metrics.md).
 */
export function CommittedAmountModal({ name, stage, currency, suggested, expected, onCancel, onConfirm }: Props) {
  const [amount, setAmount] = useState<number | ''>(toMajorUnits(suggested));
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const minor = toMinorUnits(amount);
    if (minor === null) return setError('Enter the amount committed (0 if none)');
    onConfirm(minor);
  };
  return (
    <Modal opened onClose={onCancel} title={`Move ${name} to ${stageLabel(stage)}`} size="md">
      <form onSubmit={submit} noValidate data-testid="committed-amount-form">
        <Stack>
          <Text size="sm" c="dimmed">
            How much did the investor commit? Pipeline, Dashboard and LP Tracker count this amount from now on.
            {expected !== null ? ` Expected was ${formatMoneyFull(expected, currency)}.` : ''}
          </Text>
          <NumberInput
            label="Committed amount"
            required
            prefix={currency === 'USD' ? '$' : `${currency} `}
            thousandSeparator=","
            min={0}
            decimalScale={2}
            data-autofocus
            value={amount}
            error={error}
            onChange={(n) => {
              setError(null);
              setAmount(typeof n === 'number' ? n : '');
            }}
            data-testid="committed-amount"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel} data-testid="cancel-committed-amount">
              Cancel
            </Button>
            <Button type="submit" data-testid="confirm-committed-amount">
              Move to {stageLabel(stage)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
