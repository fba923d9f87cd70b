import { Anchor, Box } from '@mantine/core';
import { useState } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkBreaks from 'remark-breaks';
import classes from './communication-body.module.css';

/** Links in a note open in a new tab and never hand the opener to the linked page. */
const COMPONENTS: Components = {
  a: ({ href, children }) => (
    <Anchor href={href} target="_blank" rel="noopener noreferrer nofollow" size="sm" onClick={(event) => event.stopPropagation()}>
      {children}
    </Anchor>
  ),
  img: ({ alt }) => <>{alt ?? ''}</>,
};

/**
 * A communication's text as typed: Markdown (lists, emphasis, links) with every line break kept.
 * Raw HTML in the text is dropped, never rendered (`skipHtml`), and react-markdown's default URL
 * filter removes `javascript:` and other unsafe links; images are shown as their alt text so a
 * note cannot load remote content.
 */
export function CommunicationBody({ body, className }: { body: string; className?: string }) {
  return (
    <Box className={className ? `${classes.body} ${className}` : classes.body} data-testid="communication-body">
      <Markdown remarkPlugins={[remarkBreaks]} skipHtml components={COMPONENTS}>
        {body}
      </Markdown>
    </Box>
  );
}

/** Lines or characters past which a feed shows a preview with "Show more" instead of the whole text. */
export const PREVIEW_LINES = 8;
export const PREVIEW_CHARACTERS = 700;

export function isLongBody(body: string): boolean {
  return body.split('\n').length > PREVIEW_LINES || body.length > PREVIEW_CHARACTERS;
}

/** The feed and timeline version: short notes in full, long ones cut with "Show more" (line breaks kept). */
export function CommunicationBodyPreview({ body }: { body: string }) {
  const [expanded, setExpanded] = useState(false);
  const long = isLongBody(body);
  return (
    <Box>
      <CommunicationBody body={body} className={long && !expanded ? classes.collapsed : undefined} />
      {long && (
        <Anchor
          component="button"
          type="button"
          size="xs"
          fw={500}
          onClick={(event) => {
            // The preview sits inside a clickable card: expanding must not also open the record.
            event.stopPropagation();
            setExpanded((v) => !v);
          }}
          data-testid="communication-show-more"
        >
          {expanded ? 'Show less' : 'Show more'}
        </Anchor>
      )}
    </Box>
  );
}
