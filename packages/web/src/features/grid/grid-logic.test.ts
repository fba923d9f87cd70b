import type { GridColumnView, GridRowView } from '@lpdesk/contracts';
import { describe, expect, it } from 'vitest';
import { editText, formatCell, parseCellText } from './cell-values';
import { formatTsv, parseTsv } from './clipboard';
import { filterValue } from './filter-bar';
import { groupRows } from './grouping';
import { moneyEditText, parseMoney } from './money';
import { bounds, extend, fillDownTargets, inRange, pasteTargets } from './range-selection';
import { computeTotals } from './totals';
import { inverse, toBatch, UndoStack } from './undo';
import { viewRows } from './view-rows';
import { keyFromLabel } from './add-column';

const F = '0190c0de-0000-7000-8000-00000000f001';
const columns: GridColumnView[] = [
  { field: 'name', label: 'Name', type: 'text', editable: true },
  { field: 'kind', label: 'Kind', type: 'select', editable: true, options: [{ value: 'family_office', label: 'Family office' }, { value: 'other', label: 'Other' }] },
  { field: `fund:${F}:committedAmount`, label: 'Fund II committed', type: 'money', editable: true, fundId: F, currency: 'USD' },
  { field: `fund:${F}:expectedAmount`, label: 'Fund II expected', type: 'money', editable: true, fundId: F, currency: 'USD' },
  { field: `fund:${F}:stage`, label: 'Fund II stage', type: 'stage', editable: true, fundId: F },
];
const row = (id: string, cells: Record<string, unknown>): GridRowView => ({ organizationId: id, version: 1, commitments: {}, cells });
const C = `fund:${F}:committedAmount`;
const E = `fund:${F}:expectedAmount`;
const S = `fund:${F}:stage`;

describe('money', () => {
  it('reads what people type and paste, into integer minor units', () => {
    expect(parseMoney('1.25M')).toBe(125_000_000);
    expect(parseMoney('$1,250,000')).toBe(125_000_000);
    expect(parseMoney('500k')).toBe(50_000_000);
    expect(parseMoney('€2.5m')).toBe(250_000_000);
    expect(parseMoney('USD 1,000.50')).toBe(100_050);
    expect(parseMoney('(1,000)')).toBe(-100_000);
    expect(parseMoney('-3bn')).toBe(-300_000_000_000);
    expect(parseMoney('0.1')).toBe(10);
    expect(parseMoney('')).toBeNull();
    expect(parseMoney('abc')).toBeUndefined();
    expect(parseMoney('12q')).toBeUndefined();
    expect(parseMoney(12.5)).toBe(1250);
  });
  it('edits in major units and round-trips', () => {
    expect(moneyEditText(125_000_000)).toBe('1250000');
    expect(moneyEditText(100_050)).toBe('1000.50');
    expect(parseMoney(moneyEditText(100_050))).toBe(100_050);
    expect(moneyEditText(null)).toBe('');
  });
});

describe('TSV', () => {
  it('parses rows, tabs, CRLF and quoted cells with tabs, newlines and quotes', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseTsv('"x\ty"\t"line1\nline2"\t"say ""hi"""\nz')).toEqual([['x\ty', 'line1\nline2', 'say "hi"'], ['z']]);
    expect(parseTsv('a\t\tc')).toEqual([['a', '', 'c']]);
    expect(parseTsv('5" screen\tok')).toEqual([['5" screen', 'ok']]);
    expect(parseTsv('')).toEqual([]);
  });
  it('formats what it parses back', () => {
    const rows = [
      ['plain', 'with\ttab'],
      ['multi\nline', 'q"uote'],
    ];
    expect(parseTsv(formatTsv(rows))).toEqual(rows);
    expect(formatTsv([['a', 'b']])).toBe('a\tb');
  });
});

describe('range maths', () => {
  const range = { anchor: { row: 3, col: 2 }, head: { row: 1, col: 4 } };
  it('normalises bounds and tests membership', () => {
    expect(bounds(range)).toEqual({ top: 1, bottom: 3, left: 2, right: 4 });
    expect(inRange(range, 2, 3)).toBe(true);
    expect(inRange(range, 0, 3)).toBe(false);
    expect(inRange(null, 0, 0)).toBe(false);
  });
  it('extends with shift+arrows and stays inside the grid', () => {
    const one = { anchor: { row: 0, col: 0 }, head: { row: 0, col: 0 } };
    expect(extend(one, 'ArrowDown', 10, 5).head).toEqual({ row: 1, col: 0 });
    expect(extend(one, 'ArrowUp', 10, 5).head).toEqual({ row: 0, col: 0 });
    expect(extend({ anchor: one.anchor, head: { row: 9, col: 4 } }, 'ArrowRight', 10, 5).head).toEqual({ row: 9, col: 4 });
  });
  it('clips a paste at the last row and column', () => {
    const at = { anchor: { row: 8, col: 3 }, head: { row: 8, col: 3 } };
    const targets = pasteTargets(at, 5, 5, 10, 5);
    expect(targets).toHaveLength(2 * 2);
    expect(targets.at(-1)).toEqual({ row: 9, col: 4, srcRow: 1, srcCol: 1 });
  });
  it('a 20×5 block lands on 100 cells', () => {
    expect(pasteTargets({ anchor: { row: 0, col: 1 }, head: { row: 0, col: 1 } }, 20, 5, 50, 10)).toHaveLength(100);
  });
  it('one value pasted over a range fills it', () => {
    const targets = pasteTargets(range, 1, 1, 10, 10);
    expect(targets).toHaveLength(9);
    expect(targets.every((t) => t.srcRow === 0 && t.srcCol === 0)).toBe(true);
  });
  it('fills down from the top row', () => {
    const targets = fillDownTargets(range);
    expect(targets).toHaveLength(6);
    expect(targets.every((t) => t.fromRow === 1 && t.row > 1)).toBe(true);
  });
});

describe('undo stack', () => {
  it('each batch is one step; undo inverts with expected = what was written; a new edit clears redo', () => {
    const stack = new UndoStack();
    stack.push([{ entityId: 'a', field: C, value: 100, before: null }]);
    stack.push([
      { entityId: 'a', field: 'name', value: 'B', before: 'A' },
      { entityId: 'b', field: 'name', value: 'C', before: 'D' },
    ]);
    const undo = stack.peekUndo();
    expect(undo).toEqual([
      { entityId: 'a', field: 'name', value: 'A', before: 'B' },
      { entityId: 'b', field: 'name', value: 'D', before: 'C' },
    ]);
    expect(toBatch(undo ?? []).changes[0]).toEqual({ entityType: 'organization', entityId: 'a', field: 'name', value: 'A', expected: 'B' });
    stack.commitUndo();
    expect(stack.canRedo).toBe(true);
    expect(stack.peekRedo()?.[0]).toEqual({ entityId: 'a', field: 'name', value: 'B', before: 'A' });
    stack.commitRedo();
    expect(stack.canRedo).toBe(false);
    stack.commitUndo();
    stack.push([{ entityId: 'c', field: 'name', value: 'x', before: 'y' }]);
    expect(stack.canRedo).toBe(false);
    expect(inverse(inverse([{ entityId: 'q', field: 'f', value: 1, before: 2 }]))).toEqual([{ entityId: 'q', field: 'f', value: 1, before: 2 }]);
    expect(toBatch([{ entityId: 'a', field: C, value: 5, before: undefined }]).changes[0]?.expected).toBeNull();
  });
});

describe('cell values', () => {
  const byField = new Map(columns.map((c) => [c.field, c]));
  const money = byField.get(C) as GridColumnView;
  const kind = byField.get('kind') as GridColumnView;
  const stage = byField.get(S) as GridColumnView;
  it('parses by column type', () => {
    expect(parseCellText(money, '1.5M')).toEqual({ ok: true, value: 150_000_000 });
    expect(parseCellText(money, 'lots')).toEqual({ ok: false });
    expect(parseCellText(kind, 'Family office')).toEqual({ ok: true, value: 'family_office' });
    expect(parseCellText(kind, 'other')).toEqual({ ok: true, value: 'other' });
    expect(parseCellText(kind, 'nope')).toEqual({ ok: false });
    expect(parseCellText(stage, 'Soft circle')).toEqual({ ok: true, value: 'soft_circle' });
    expect(parseCellText({ field: 'x', label: 'x', type: 'boolean', editable: true }, 'Yes')).toEqual({ ok: true, value: true });
    expect(parseCellText({ field: 'x', label: 'x', type: 'date', editable: true }, '3/7/2026')).toEqual({ ok: true, value: '2026-03-07' });
    expect(parseCellText({ field: 'x', label: 'x', type: 'multi_select', editable: true, options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] }, 'A, b')).toEqual({ ok: true, value: ['a', 'b'] });
  });
  it('copies what it shows, and pastes it back to the same value', () => {
    expect(formatCell(money, 125_000_000)).toBe('$1,250,000');
    expect(parseCellText(money, formatCell(money, 125_000_000))).toEqual({ ok: true, value: 125_000_000 });
    expect(parseCellText(kind, formatCell(kind, 'family_office'))).toEqual({ ok: true, value: 'family_office' });
    expect(parseCellText(stage, formatCell(stage, 'due_diligence'))).toEqual({ ok: true, value: 'due_diligence' });
    expect(editText(money, 125_000_000)).toBe('1250000');
  });
  it('filter values take the column type', () => {
    expect(filterValue(money, '1M')).toBe(100_000_000);
    expect(filterValue(kind, 'Family office')).toBe('family_office');
  });
  it('custom field keys from labels', () => {
    expect(keyFromLabel('LP Tier (2026)')).toBe('lp_tier_2026');
    expect(keyFromLabel('2026 target')).toBe('f_2026_target');
  });
});

describe('rows the view shows, groups and totals', () => {
  const rows = [
    row('1', { name: 'Acme', kind: 'other', [C]: 500_00, [E]: 900_00, [S]: 'committed' }),
    row('2', { name: 'Birch', kind: 'family_office', [C]: null, [E]: 300_00, [S]: 'meeting' }),
    row('3', { name: 'Cedar', kind: 'family_office', [C]: 200_00, [E]: 100_00, [S]: 'closed' }),
    row('4', { name: 'Dune', kind: 'other', [E]: 700_00, [S]: 'declined' }),
    row('5', { name: 'Elm', kind: null }),
  ];
  it('totals follow docs/metrics.md: committed + closed for committed, open stages for expected, declined never', () => {
    expect(computeTotals(columns, rows)).toEqual({ [C]: 700_00, [E]: 300_00 });
  });
  it('filters with matchesFilter and sorts with empty values last', () => {
    const shown = viewRows(rows, columns, { filters: { match: 'all', conditions: [{ field: E, op: 'gte', value: 300_00 }] }, sort: [{ field: E, direction: 'desc' }], groupBy: null });
    expect(shown.map((r) => r.cells.name)).toEqual(['Acme', 'Dune', 'Birch']);
    const byStage = viewRows(rows, columns, { sort: [{ field: S, direction: 'asc' }], groupBy: null });
    expect(byStage.map((r) => r.cells.name)).toEqual(['Birch', 'Acme', 'Cedar', 'Dune', 'Elm']);
  });
  it('groups with headers, counts and subtotals; a collapsed group keeps its header', () => {
    const sorted = viewRows(rows, columns, { sort: [], groupBy: 'kind' });
    const grouped = groupRows(sorted, columns, 'kind', new Set(['other']));
    expect(grouped.map((r) => (r.kind === 'group' ? `[${r.label} ${r.count}]` : r.row.cells.name))).toEqual(['[family_office 2]', 'Birch', 'Cedar', '[other 2]', '[(empty) 1]', 'Elm']);
    const first = grouped[0];
    expect(first?.kind === 'group' && first.totals).toEqual({ [C]: 200_00, [E]: 300_00 });
    expect(groupRows(sorted, columns, null, new Set())).toHaveLength(5);
  });
});
