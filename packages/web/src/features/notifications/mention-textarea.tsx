import { Combobox, Group, Text, Textarea, type TextareaProps, useCombobox } from '@mantine/core';
import { type ChangeEvent, type KeyboardEvent, type SyntheticEvent, useRef, useState } from 'react';
import { useTeam } from '../../api/hooks';
import { insertMention, matchTeamMembers, type MentionQuery, mentionQueryAt } from './mention-query';

export type MentionTextareaProps = TextareaProps & { value: string; onChange: (event: ChangeEvent<HTMLTextAreaElement>) => void };

/**
 * Sets a textarea's value the way typing does, so React calls the form's own onChange with a real
 * event: the component stays a drop-in for Mantine's Textarea (same props, same onChange).
 */
function typeInto(textarea: HTMLTextAreaElement, text: string, caret: number) {
  const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
  setValue?.call(textarea, text);
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
  textarea.setSelectionRange(caret, caret);
}

/**
 * A textarea that offers the team's usernames after `@` (arrow keys and Enter or Tab pick one,
 * Escape closes). The server notifies whoever is mentioned as `@username` when the text is saved.
 */
export function MentionTextarea({ value, onChange, onKeyDown, description, ...props }: MentionTextareaProps) {
  const team = useTeam();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const ref = useRef<HTMLTextAreaElement>(null);
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const matches = mention ? matchTeamMembers(team.data ?? [], mention.query) : [];

  const follow = (textarea: HTMLTextAreaElement) => {
    const next = textarea.selectionStart === textarea.selectionEnd ? mentionQueryAt(textarea.value, textarea.selectionStart) : null;
    setMention(next);
    if (next && matchTeamMembers(team.data ?? [], next.query).length > 0) {
      combobox.openDropdown();
      combobox.selectFirstOption();
    } else combobox.closeDropdown();
  };

  const choose = (username: string) => {
    const textarea = ref.current;
    if (!textarea || !mention) return;
    const next = insertMention(textarea.value, mention, username);
    combobox.closeDropdown();
    setMention(null);
    typeInto(textarea, next.text, next.caret);
    textarea.focus();
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (combobox.dropdownOpened && event.key === 'Tab' && matches.length > 0) {
      event.preventDefault();
      combobox.clickSelectedOption();
    }
    onKeyDown?.(event);
  };

  return (
    <Combobox store={combobox} onOptionSubmit={choose} position="bottom-start">
      <Combobox.Target targetType="input">
        <Textarea
          {...props}
          ref={ref}
          value={value}
          description={description ?? 'Type @ to mention a teammate; they are notified when you save.'}
          onChange={(event) => {
            onChange(event);
            follow(event.currentTarget);
          }}
          onKeyDown={handleKeyDown}
          onClick={(event: SyntheticEvent<HTMLTextAreaElement>) => follow(event.currentTarget)}
          onBlur={(event) => {
            combobox.closeDropdown();
            props.onBlur?.(event);
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={matches.length === 0} data-testid="mention-suggestions">
        <Combobox.Options aria-label="Teammates to mention">
          {matches.map((member) => (
            <Combobox.Option value={member.username} key={member.id}>
              <Group gap={6} wrap="nowrap">
                <Text size="sm" fw={500}>
                  @{member.username}
                </Text>
                {member.fullName && (
                  <Text size="xs" c="dimmed" truncate>
                    {member.fullName}
                  </Text>
                )}
              </Group>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
