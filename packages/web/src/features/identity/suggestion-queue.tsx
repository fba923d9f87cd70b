import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { KeyboardEvent } from 'react';
import { type IdentitySuggestionView, percent, topReasons } from './identity-api';

interface QueueProps {
  suggestions: IdentitySuggestionView[];
  selectedId: string | null;
  onSelect(id: string): void;
}

function confidenceColor(confidence: number): string {
  if (confidence >= 0.85) return 'teal';
  if (confidence >= 0.7) return 'yellow';
  return 'gray';
}

/** The open suggestions, one focusable row each; ↑/↓ (or j/k) move through them. */
export function SuggestionQueue({ suggestions, selectedId, onSelect }: QueueProps) {
  const index = suggestions.findIndex((s) => s.id === selectedId);
  const move = (delta: number) => {
    const next = suggestions[Math.min(suggestions.length - 1, Math.max(0, (index < 0 ? -1 : index) + delta))];
    if (next) {
      onSelect(next.id);
      document.querySelector<HTMLElement>(`[data-suggestion-id="${next.id}"]`)?.focus();
    }
  };
  useHotkeys([
    ['j', () => move(1)],
    ['k', () => move(-1)],
  ]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      move(1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      move(-1);
    }
  };
  return (
    <Stack gap={0} role="listbox" aria-label="Possible duplicates" data-testid="suggestion-queue" onKeyDown={onKeyDown}>
      {suggestions.map((suggestion) => (
        <UnstyledButton
          key={suggestion.id}
          role="option"
          aria-selected={suggestion.id === selectedId}
          data-selected={suggestion.id === selectedId}
          data-suggestion-id={suggestion.id}
          data-testid="suggestion-row"
          className="lp-row"
          px="sm"
          py={10}
          onClick={() => onSelect(suggestion.id)}
        >
          <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} truncate>
                {suggestion.a.label}
              </Text>
              <Text size="sm" fw={600} truncate>
                {suggestion.b.label}
              </Text>
            </Stack>
            <Badge color={confidenceColor(suggestion.confidence)} variant="light" size="md" className="lp-num" style={{ flexShrink: 0 }}>
              {percent(suggestion.confidence)}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed" mt={4} lineClamp={2}>
            {topReasons(suggestion.evidence)
              .map((e) => e.reason)
              .join(' · ') || 'Similar records'}
          </Text>
        </UnstyledButton>
      ))}
    </Stack>
  );
}
