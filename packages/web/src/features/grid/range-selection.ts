/** A cell by its position in the displayed rows and the displayed (visible, ordered) columns. */
export interface CellPos {
  row: number;
  col: number;
}

/** A rectangle of cells: the anchor stays where the selection started, the head moves with shift. */
export interface CellRange {
  anchor: CellPos;
  head: CellPos;
}

export interface RangeBounds {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function bounds(range: CellRange): RangeBounds {
  return {
    top: Math.min(range.anchor.row, range.head.row),
    bottom: Math.max(range.anchor.row, range.head.row),
    left: Math.min(range.anchor.col, range.head.col),
    right: Math.max(range.anchor.col, range.head.col),
  };
}

export function inRange(range: CellRange | null, row: number, col: number): boolean {
  if (!range) return false;
  const b = bounds(range);
  return row >= b.top && row <= b.bottom && col >= b.left && col <= b.right;
}

export function isSingleCell(range: CellRange): boolean {
  return range.anchor.row === range.head.row && range.anchor.col === range.head.col;
}

/** Shift+arrow: move the head one step, kept inside the grid. */
export function extend(range: CellRange, key: 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight', rowCount: number, colCount: number): CellRange {
  const { row, col } = range.head;
  const head = {
    row: clamp(row + (key === 'ArrowDown' ? 1 : key === 'ArrowUp' ? -1 : 0), 0, rowCount - 1),
    col: clamp(col + (key === 'ArrowRight' ? 1 : key === 'ArrowLeft' ? -1 : 0), 0, colCount - 1),
  };
  return { anchor: range.anchor, head };
}

function clamp(value: number, min: number, max: number) {
  return Math.max(min, Math.min(max, value));
}

/**
 * Where a pasted block lands: from the range's top-left, as many rows and columns as the block has,
 * clipped at the grid's last row and column. A single value pasted over a larger range fills all of it.
 */
export function pasteTargets(range: CellRange, blockRows: number, blockCols: number, rowCount: number, colCount: number): { row: number; col: number; srcRow: number; srcCol: number }[] {
  const b = bounds(range);
  const fillsRange = blockRows === 1 && blockCols === 1 && !isSingleCell(range);
  const height = fillsRange ? b.bottom - b.top + 1 : blockRows;
  const width = fillsRange ? b.right - b.left + 1 : blockCols;
  const out: { row: number; col: number; srcRow: number; srcCol: number }[] = [];
  for (let r = 0; r < height; r += 1) {
    const row = b.top + r;
    if (row >= rowCount) break;
    for (let c = 0; c < width; c += 1) {
      const col = b.left + c;
      if (col >= colCount) break;
      out.push({ row, col, srcRow: fillsRange ? 0 : r, srcCol: fillsRange ? 0 : c });
    }
  }
  return out;
}

/** Fill down: every cell below the range's top row takes the top cell of its column. */
export function fillDownTargets(range: CellRange): { row: number; col: number; fromRow: number }[] {
  const b = bounds(range);
  const out: { row: number; col: number; fromRow: number }[] = [];
  for (let row = b.top + 1; row <= b.bottom; row += 1) for (let col = b.left; col <= b.right; col += 1) out.push({ row, col, fromRow: b.top });
  return out;
}
