import { newId } from '../../kernel/ids.js';
import type { WriteScope } from '../../kernel/write.js';
import { splitIntoChunks } from '../../kernel/chunks.js';

// Threads: a message joins the thread of any stored message it references (References, In-Reply-To) or
// that references it (a reply that arrived first), merging threads when it joins two; else the thread with
// the same provider thread id (Gmail); else a new thread.

export interface ThreadCandidate {
  messageId: string;
  refs: readonly string[];
  providerThreadId: string | null;
  subject: string | null;
  sentAt: string;
}

export interface ThreadAssignment {
  /** Thread id per candidate, in the order given. */
  threadIds: string[];
  /** Messages already stored whose thread changed (merged into another): they are relinked. */
  movedMessageRowIds: string[];
  /** Threads whose first/last dates and subject need recomputing once the messages are in. */
  touched: Set<string>;
}

const CHUNK = 400;

const chunks = <T>(items: readonly T[]): T[][] => splitIntoChunks(items, CHUNK);

export async function assignThreads(scope: WriteScope, candidates: readonly ThreadCandidate[]): Promise<ThreadAssignment> {
  const tx = scope.tx;
  const allRefs = [...new Set(candidates.flatMap((c) => c.refs))];
  const batchIds = candidates.map((c) => c.messageId);
  const threadOfStored = new Map<string, string>();
  for (const chunk of chunks(allRefs)) {
    const rows = await tx.selectFrom('emailMessages').select(['messageId', 'threadId']).where('messageId', 'in', chunk).execute();
    for (const row of rows) threadOfStored.set(row.messageId, row.threadId);
  }
  const referrers = new Map<string, string[]>();
  for (const chunk of chunks(batchIds)) {
    const rows = await tx
      .selectFrom('emailMessageRefs as r')
      .innerJoin('emailMessages as m', 'm.id', 'r.messageRowId')
      .select(['r.refMessageId', 'm.threadId'])
      .where('r.refMessageId', 'in', chunk)
      .execute();
    for (const row of rows) referrers.set(row.refMessageId, [...(referrers.get(row.refMessageId) ?? []), row.threadId]);
  }
  const providerIds = [...new Set(candidates.flatMap((c) => (c.providerThreadId ? [c.providerThreadId] : [])))];
  const byProvider = new Map<string, string>();
  for (const chunk of chunks(providerIds)) {
    const rows = await tx.selectFrom('emailThreads').select(['id', 'providerThreadId']).where('providerThreadId', 'in', chunk).orderBy('createdAt').execute();
    for (const row of rows) if (row.providerThreadId && !byProvider.has(row.providerThreadId)) byProvider.set(row.providerThreadId, row.id);
  }

  // Union-find over thread ids: a merge points the absorbed thread at the survivor.
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.has(root)) root = parent.get(root) as string;
    return root;
  };
  const created = new Map<string, { providerThreadId: string | null; subject: string | null; sentAt: string }>();
  const assignedByMessageId = new Map<string, string>();
  const earlierReferrers = new Map<string, string[]>();
  const threadIds: string[] = [];

  for (const candidate of candidates) {
    const found: string[] = [];
    for (const ref of candidate.refs) {
      const stored = threadOfStored.get(ref) ?? assignedByMessageId.get(ref);
      if (stored) found.push(stored);
    }
    found.push(...(referrers.get(candidate.messageId) ?? []), ...(earlierReferrers.get(candidate.messageId) ?? []));
    // Threads that already exist win over ones made in this batch, so stored messages move least.
    const roots = [...new Set(found.map(find))].sort((a, b) => Number(created.has(a)) - Number(created.has(b)));
    let thread = roots[0];
    for (const other of roots.slice(1)) parent.set(other, thread as string);
    if (!thread && candidate.providerThreadId) {
      const known = byProvider.get(candidate.providerThreadId);
      if (known) thread = find(known);
    }
    if (!thread) {
      thread = newId();
      created.set(thread, { providerThreadId: candidate.providerThreadId, subject: candidate.subject, sentAt: candidate.sentAt });
      if (candidate.providerThreadId) byProvider.set(candidate.providerThreadId, thread);
    }
    assignedByMessageId.set(candidate.messageId, thread);
    for (const ref of candidate.refs) earlierReferrers.set(ref, [...(earlierReferrers.get(ref) ?? []), thread]);
    threadIds.push(thread);
  }

  const touched = new Set<string>();
  const finalIds = threadIds.map(find);
  for (const id of finalIds) touched.add(id);
  const newRows = [...created.entries()]
    .filter(([id]) => !parent.has(id))
    .map(([id, info]) => ({ id, subject: info.subject, providerThreadId: info.providerThreadId, firstAt: info.sentAt, lastAt: info.sentAt, createdAt: scope.now, updatedAt: scope.now }));
  for (const chunk of chunks(newRows)) await tx.insertInto('emailThreads').values(chunk).execute();

  // Stored threads absorbed by another: their messages and manual decisions move to the survivor.
  const movedMessageRowIds: string[] = [];
  for (const [absorbed] of parent) {
    if (created.has(absorbed)) continue;
    const survivor = find(absorbed);
    const moved = await tx.selectFrom('emailMessages').select('id').where('threadId', '=', absorbed).execute();
    movedMessageRowIds.push(...moved.map((row) => row.id));
    await tx.updateTable('emailMessages').set({ threadId: survivor, updatedAt: scope.now }).where('threadId', '=', absorbed).execute();
    const overrides = await tx.selectFrom('emailThreadOverrides').selectAll().where('threadId', '=', absorbed).execute();
    if (overrides.length > 0) {
      await tx
        .insertInto('emailThreadOverrides')
        .values(overrides.map((o) => ({ ...o, threadId: survivor })))
        .onConflict((conflict) => conflict.columns(['threadId', 'entityType', 'entityId']).doNothing())
        .execute();
    }
    await tx.deleteFrom('emailThreadOverrides').where('threadId', '=', absorbed).execute();
    await tx.deleteFrom('emailThreads').where('id', '=', absorbed).execute();
    touched.add(survivor);
  }
  return { threadIds: finalIds, movedMessageRowIds, touched };
}

/** first_at, last_at and subject (the first message's) from the messages a thread holds now. */
export async function refreshThreads(scope: WriteScope, threadIds: Iterable<string>): Promise<void> {
  for (const chunk of chunks([...threadIds])) {
    const rows = await scope.tx.selectFrom('emailMessages').select(['threadId', 'sentAt', 'subject']).where('threadId', 'in', chunk).orderBy('sentAt').orderBy('id').execute();
    const stats = new Map<string, { firstAt: string; lastAt: string; subject: string | null }>();
    for (const row of rows) {
      const stat = stats.get(row.threadId);
      if (!stat) stats.set(row.threadId, { firstAt: row.sentAt, lastAt: row.sentAt, subject: row.subject });
      else stat.lastAt = row.sentAt;
    }
    for (const [id, stat] of stats) await scope.tx.updateTable('emailThreads').set({ ...stat, updatedAt: scope.now }).where('id', '=', id).execute();
  }
}
