import type { CoreContext } from '../kernel/context.js';
import { formatPlaceholder, type PlaceholderKind } from './placeholders.js';

/**
 * The placeholders of one session, kept in memory and in `redaction_placeholders` (so every process serving
 * the session, and a restarted one, numbers the same). Two processes that issue a number at the same moment
 * collide on the table's keys; the loser reloads and tries again.
 */
export interface Issued {
  kind: PlaceholderKind;
  value: unknown;
}

interface Pending {
  placeholder: string;
  kind: PlaceholderKind;
  key: string;
  value: unknown;
}

export class SessionMap {
  private byKey = new Map<string, string>();
  private byPlaceholder = new Map<string, Issued>();
  private next = new Map<PlaceholderKind, number>();
  private pending: Pending[] = [];

  constructor(
    private readonly core: CoreContext,
    readonly sessionId: string,
  ) {}

  async load(): Promise<void> {
    const rows = await this.core.db
      .selectFrom('redactionPlaceholders')
      .select(['placeholder', 'kind', 'valueKey', 'valueJson'])
      .where('sessionId', '=', this.sessionId)
      .execute();
    this.byKey = new Map();
    this.byPlaceholder = new Map();
    this.next = new Map();
    this.pending = [];
    for (const row of rows) {
      const kind = row.kind as PlaceholderKind;
      this.byKey.set(row.valueKey, row.placeholder);
      this.byPlaceholder.set(row.placeholder, { kind, value: JSON.parse(row.valueJson) as unknown });
      const number = Number(/_(\d+)\]$/.exec(row.placeholder)?.[1] ?? 0);
      this.next.set(kind, Math.max(this.next.get(kind) ?? 0, number));
    }
  }

  /** The placeholder of a value, issuing the next number of its kind the first time (saved by `commit`). */
  placeholderFor(kind: PlaceholderKind, key: string, value: unknown): string {
    const known = this.byKey.get(key);
    if (known) return known;
    const number = (this.next.get(kind) ?? 0) + 1;
    this.next.set(kind, number);
    const placeholder = formatPlaceholder(kind, number);
    this.byKey.set(key, placeholder);
    this.byPlaceholder.set(placeholder, { kind, value });
    this.pending.push({ placeholder, kind, key, value });
    return placeholder;
  }

  lookup(placeholder: string): Issued | undefined {
    return this.byPlaceholder.get(placeholder);
  }

  /** Saves the placeholders issued since the last commit; false when another process took a number or a value first. */
  async commit(): Promise<boolean> {
    const pending = this.pending;
    this.pending = [];
    if (pending.length === 0) return true;
    const createdAt = this.core.clock.now().toISOString();
    let inserted = 0;
    for (let i = 0; i < pending.length; i += 200) {
      const rows = pending.slice(i, i + 200).map((p) => ({
        sessionId: this.sessionId,
        placeholder: p.placeholder,
        kind: p.kind,
        valueKey: p.key,
        valueJson: JSON.stringify(p.value),
        createdAt,
      }));
      const result = await this.core.db
        .insertInto('redactionPlaceholders')
        .values(rows)
        .onConflict((conflict) => conflict.doNothing())
        .returning('placeholder')
        .execute();
      inserted += result.length;
    }
    return inserted === pending.length;
  }
}

/** Forgets a session's placeholders (its MCP session ended): what it issued can no longer be rehydrated. */
export async function forgetRedactionSession(core: CoreContext, sessionId: string): Promise<void> {
  await core.db.deleteFrom('redactionPlaceholders').where('sessionId', '=', sessionId).execute();
}

/** Deletes the placeholders issued before `before` (ISO timestamp); answers how many. */
export async function purgeRedactionPlaceholders(core: CoreContext, before: string): Promise<number> {
  const result = await core.db.deleteFrom('redactionPlaceholders').where('createdAt', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
