import { Text, type TextProps } from '@mantine/core';
import classes from './search.module.css';

export interface SnippetPart {
  text: string;
  marked: boolean;
}

const MARKED = /«([^«»]*)»/g;

/**
 * The API marks matched terms in a snippet with «…». Split into plain and marked runs; a stray « or »
 * without its partner stays as text. The parts are rendered as React text, never as HTML, so a snippet
 * holding `<script>` shows those characters and nothing else.
 */
export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let last = 0;
  for (const match of snippet.matchAll(MARKED)) {
    if (match.index > last) parts.push({ text: snippet.slice(last, match.index), marked: false });
    if (match[1]) parts.push({ text: match[1], marked: true });
    last = match.index + match[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), marked: false });
  return parts;
}

/** A result's passage with its matched terms highlighted (<mark>). */
export function HighlightedSnippet({ snippet, ...props }: { snippet: string } & TextProps) {
  return (
    <Text size="sm" className={classes.snippet} data-testid="search-snippet" {...props}>
      {splitSnippet(snippet).map((part, index) =>
        part.marked ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string, never reordered
          <mark key={index} className={classes.mark}>
            {part.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string, never reordered
          <span key={index}>{part.text}</span>
        ),
      )}
    </Text>
  );
}
