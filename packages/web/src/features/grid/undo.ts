/** One cell change as sent to POST /api/batch. */
export interface CellChange {
  entityId: string;
  field: string;
  /** What we wrote. */
  value: unknown;
  /** What we saw before writing (the batch's `expected`). */
  before: unknown;
}

/**
 * Undo and redo of your own edits: each batch you sent is one step. Undo sends the inverse batch
 * (value = before, expected = what you wrote); redo sends it again (expected = before). A new edit
 * clears the redo side, as in every editor.
 */
export class UndoStack {
  private done: CellChange[][] = [];
  private undone: CellChange[][] = [];

  constructor(private readonly limit = 100) {}

  push(step: CellChange[]) {
    if (step.length === 0) return;
    this.done.push(step);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
  }

  get canUndo() {
    return this.done.length > 0;
  }

  get canRedo() {
    return this.undone.length > 0;
  }

  /** The batch that undoes the last step; call `commitUndo` once the server took it. */
  peekUndo(): CellChange[] | null {
    const step = this.done.at(-1);
    return step ? inverse(step) : null;
  }

  commitUndo() {
    const step = this.done.pop();
    if (step) this.undone.push(step);
  }

  peekRedo(): CellChange[] | null {
    const step = this.undone.at(-1);
    return step ? step.map((change) => ({ ...change })) : null;
  }

  commitRedo() {
    const step = this.undone.pop();
    if (step) this.done.push(step);
  }

  clear() {
    this.done = [];
    this.undone = [];
  }
}

export function inverse(step: readonly CellChange[]): CellChange[] {
  return step.map((change) => ({ entityId: change.entityId, field: change.field, value: change.before, before: change.value }));
}

/** The batch body for a step. */
export function toBatch(step: readonly CellChange[]) {
  return {
    changes: step.map((change) => ({ entityType: 'organization' as const, entityId: change.entityId, field: change.field, value: change.value, expected: change.before ?? null })),
  };
}
