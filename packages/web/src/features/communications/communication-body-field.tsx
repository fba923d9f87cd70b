import { MentionTextarea } from '../notifications/mention-textarea';

/**
 * The notes field of the communication form, on its own so a richer editor (e.g. one that completes
 * @mentions) can replace it without touching the form.
 */
export function CommunicationBodyField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string | undefined }) {
  return (
    <MentionTextarea
      label="Notes"
      description="Line breaks are kept; Markdown works (1. numbered lists, - bullets, **bold**, links); @username notifies a teammate."
      autosize
      minRows={4}
      maxRows={16}
      value={value}
      error={error}
      onChange={(e) => onChange(e.currentTarget.value)}
      data-testid="comm-body"
    />
  );
}
