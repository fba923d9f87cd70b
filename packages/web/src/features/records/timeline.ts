import type { Communication, StageChange, Task } from '../../api/types';

export type TimelineItem =
  | { kind: 'communication'; id: string; at: string; communication: Communication }
  | { kind: 'stage'; id: string; at: string; change: StageChange }
  | { kind: 'task'; id: string; at: string; task: Task };

/**
 * One history for a record: communications by when they happened, stage changes by when they were
 * made, open tasks by their due date (or creation when undated). Newest first.
 */
export function buildTimeline(input: { communications: Communication[]; stageChanges: StageChange[]; tasks: Task[] }): TimelineItem[] {
  const items: TimelineItem[] = [
    ...input.communications.map((c) => ({ kind: 'communication' as const, id: `c:${c.id}`, at: c.occurredAt, communication: c })),
    ...input.stageChanges.map((s) => ({ kind: 'stage' as const, id: `s:${s.id}`, at: s.changedAt, change: s })),
    ...input.tasks.map((t) => ({ kind: 'task' as const, id: `t:${t.id}`, at: t.dueOn ? `${t.dueOn}T23:59:59Z` : t.createdAt, task: t })),
  ];
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
