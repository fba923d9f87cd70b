import { Button, Checkbox, Group, Popover, Stack, Text } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { useState } from 'react';
import { formatDate, todayIso } from '../../ui/format';

interface Props {
  /** What the date records, e.g. "Wire received". */
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  testId: string;
}

/**
 * A paperwork date (sub docs signed, wire received): the checkbox opens a date picker set to the
 * team's today (the server's clock and time zone, not the browser's), so a late entry gets its real
 * date; clearing a recorded date asks first, because one stray click used to erase it.
 */
export function PaperworkDate({ label, value, onChange, testId }: Props) {
  const [opened, setOpened] = useState(false);
  const [date, setDate] = useState<string | null>(value ?? todayIso());
  const [confirmingClear, setConfirmingClear] = useState(false);
  const open = () => {
    setDate(value ?? todayIso());
    setConfirmingClear(false);
    setOpened(true);
  };
  const close = () => setOpened(false);
  return (
    <Popover opened={opened} onChange={setOpened} trapFocus position="bottom-start" withArrow shadow="md">
      <Popover.Target>
        <Group gap={6} wrap="nowrap">
          <Checkbox size="xs" aria-label={label} checked={Boolean(value)} onChange={open} data-testid={testId} />
          <Text size="xs" c={value ? undefined : 'dimmed'}>
            {value ? formatDate(value) : '—'}
          </Text>
        </Group>
      </Popover.Target>
      <Popover.Dropdown data-testid={`${testId}-popover`}>
        {confirmingClear ? (
          <Stack gap="xs" maw={240}>
            <Text size="sm">
              Clear “{label.toLowerCase()}” ({formatDate(value)})? The LP shows as missing it again.
            </Text>
            <Group justify="flex-end" gap="xs">
              <Button size="xs" variant="default" onClick={() => setConfirmingClear(false)}>
                Keep
              </Button>
              <Button
                size="xs"
                color="red"
                data-testid="paperwork-confirm-clear"
                onClick={() => {
                  onChange(null);
                  close();
                }}
              >
                Clear date
              </Button>
            </Group>
          </Stack>
        ) : (
          <Stack gap="xs">
            <Text size="xs" fw={600}>
              {label} on
            </Text>
            <DatePicker size="xs" value={date} defaultDate={date ?? todayIso()} maxDate={todayIso()} onChange={setDate} />
            <Group justify="space-between" gap="xs">
              {value ? (
                <Button size="xs" variant="subtle" color="red" onClick={() => setConfirmingClear(true)} data-testid="paperwork-clear">
                  Clear…
                </Button>
              ) : (
                <Button size="xs" variant="subtle" onClick={close}>
                  Cancel
                </Button>
              )}
              <Button
                size="xs"
                disabled={!date}
                data-testid="paperwork-save"
                onClick={() => {
                  if (date && date !== value) onChange(date);
                  close();
                }}
              >
                Save
              </Button>
            </Group>
          </Stack>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
