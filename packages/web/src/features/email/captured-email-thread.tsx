import { Alert, Skeleton } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useEmailThread } from './email-api';
import { EmailThread } from './email-thread';

/** A captured email's whole thread, open, where a communication of kind email is shown on its own (the drawer). */
export function CapturedEmailThread({ threadId }: { threadId: string }) {
  const thread = useEmailThread(threadId);
  const [expanded, setExpanded] = useState(true);
  if (thread.isPending) return <Skeleton height={120} />;
  if (thread.isError)
    return (
      <Alert color="gray" variant="light">
        {errorMessage(thread.error)}
      </Alert>
    );
  return <EmailThread thread={thread.data} expanded={expanded} onToggle={() => setExpanded((open) => !open)} />;
}
