import type { EmailDirection } from '@lpdesk/contracts';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { useEntityThreads } from './email-api';

/** What the timeline needs to draw a captured email: which thread it is in and whether the team sent it. */
export interface EmailTimelineEntry {
  threadId: string;
  direction: EmailDirection;
  messageCount: number;
}

interface EmailTimelineContextValue {
  /** The captured email behind a communication of kind email, when it is on this record's threads. */
  entryFor(communicationId: string): EmailTimelineEntry | undefined;
  /** Whether the Email panel on this page lists the thread (it shows the first page of threads). */
  hasThread(threadId: string): boolean;
  /** Expand the thread in the Email panel and bring it into view. */
  openThread(threadId: string): void;
  /** The thread asked for last; `nonce` changes on every ask, so asking twice scrolls twice. */
  focus: { threadId: string; nonce: number } | null;
}

const EmailTimelineContext = createContext<EmailTimelineContextValue | null>(null);

/**
 * On a contact or organization page: the record's email threads (one query, shared with the Email panel)
 * made available to the timeline, so an email entry shows its direction and opens its thread in place.
 */
export function EmailTimelineProvider({ entityId, children }: { entityId: string; children: ReactNode }) {
  const threads = useEntityThreads(entityId);
  const [focus, setFocus] = useState<EmailTimelineContextValue['focus']>(null);
  const { entries, threadIds } = useMemo(() => {
    const entries = new Map<string, EmailTimelineEntry>();
    const threadIds = new Set<string>();
    for (const thread of threads.data?.threads ?? []) {
      threadIds.add(thread.id);
      for (const message of thread.messages)
        if (message.communicationId)
          entries.set(message.communicationId, { threadId: thread.id, direction: message.direction, messageCount: thread.messages.length });
    }
    return { entries, threadIds };
  }, [threads.data]);
  const openThread = useCallback((threadId: string) => setFocus((current) => ({ threadId, nonce: (current?.nonce ?? 0) + 1 })), []);
  const value = useMemo<EmailTimelineContextValue>(
    () => ({ entryFor: (id) => entries.get(id), hasThread: (id) => threadIds.has(id), openThread, focus }),
    [entries, threadIds, openThread, focus],
  );
  return <EmailTimelineContext.Provider value={value}>{children}</EmailTimelineContext.Provider>;
}

/** Null outside a record page (the communications feed, the dashboard): email entries open as communications there. */
export function useEmailTimeline(): EmailTimelineContextValue | null {
  return useContext(EmailTimelineContext);
}
