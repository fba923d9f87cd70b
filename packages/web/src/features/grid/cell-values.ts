import type { GridColumnView } from '@lpdesk/contracts';
import { formatMoneyFull } from '../../ui/format';
import { STAGE_META } from '../../ui/stages';
import { moneyEditText, parseMoney } from './money';

export type Parsed = { ok: true; value: unknown } | { ok: false };

const TRUE = new Set(['true', 'yes', 'y', '1', 'x', '✓', 'checked']);
const FALSE = new Set(['false', 'no', 'n', '0', '', 'unchecked']);

function option(column: GridColumnView, text: string): string | undefined {
  const options = column.options ?? [];
  const needle = text.trim().toLocaleLowerCase();
  return options.find((o) => o.value.toLocaleLowerCase() === needle || o.label.toLocaleLowerCase() === needle)?.value;
}

/** Text a person typed or pasted into a cell, as the value the API stores; `ok: false` when it does not fit the column. */
export function parseCellText(column: GridColumnView, raw: string): Parsed {
  const text = raw.trim();
  switch (column.type) {
    case 'money': {
      const value = parseMoney(text);
      return value === undefined ? { ok: false } : { ok: true, value };
    }
    case 'number': {
      if (text === '') return { ok: true, value: null };
      const value = Number(text.replace(/[,\s]/g, ''));
      return Number.isFinite(value) ? { ok: true, value } : { ok: false };
    }
    case 'boolean': {
      const lower = text.toLocaleLowerCase();
      if (TRUE.has(lower)) return { ok: true, value: true };
      if (FALSE.has(lower)) return { ok: true, value: false };
      return { ok: false };
    }
    case 'date': {
      if (text === '') return { ok: true, value: null };
      if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { ok: true, value: text };
      const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
      if (us) return { ok: true, value: `${us[3]}-${us[1]?.padStart(2, '0')}-${us[2]?.padStart(2, '0')}` };
      return { ok: false };
    }
    case 'stage': {
      if (text === '') return { ok: false };
      const lower = text.toLocaleLowerCase();
      const stage = Object.entries(STAGE_META).find(([value, meta]) => value === lower || meta.label.toLocaleLowerCase() === lower)?.[0];
      return stage ? { ok: true, value: stage } : { ok: false };
    }
    case 'select':
    case 'user': {
      if (text === '') return { ok: true, value: null };
      const value = option(column, text);
      return value === undefined ? { ok: false } : { ok: true, value };
    }
    case 'multi_select':
    case 'tags': {
      if (text === '') return { ok: true, value: [] };
      const parts = text.split(/[,;]/).map((part) => part.trim()).filter(Boolean);
      if (column.type === 'tags') return { ok: true, value: parts };
      const values = parts.map((part) => option(column, part));
      return values.every((v) => v !== undefined) ? { ok: true, value: values } : { ok: false };
    }
    case 'contacts':
    case 'notes_log':
      return { ok: false };
    default:
      return { ok: true, value: text === '' ? null : raw };
  }
}

function labelOf(column: GridColumnView, value: unknown): string {
  return column.options?.find((o) => o.value === value)?.label ?? String(value);
}

/** What a cell shows, also what copy puts on the clipboard (so a copy pastes back to the same value). */
export function formatCell(column: GridColumnView, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  switch (column.type) {
    case 'money':
      return typeof value === 'number' ? formatMoneyFull(value, column.currency ?? 'USD') : String(value);
    case 'boolean':
      return value ? 'Yes' : 'No';
    case 'stage':
      return STAGE_META[value as keyof typeof STAGE_META]?.label ?? String(value);
    case 'select':
    case 'user':
      return labelOf(column, value);
    case 'multi_select':
    case 'tags':
      return Array.isArray(value) ? value.map((v) => (v && typeof v === 'object' ? String((v as { name?: unknown }).name ?? '') : labelOf(column, v))).join(', ') : String(value);
    case 'contacts':
      return Array.isArray(value) ? value.map((c) => String((c as { name?: unknown }).name ?? '')).join(', ') : '';
    case 'notes_log': {
      // Lines ("YYYY-MM-DD Name: text") from the grid, or note objects.
      const first: unknown = Array.isArray(value) ? value[0] : undefined;
      if (typeof first === 'string') return first;
      return first && typeof first === 'object' ? String((first as { body?: unknown }).body ?? '') : '';
    }
    default:
      return String(value);
  }
}

/** The editor's starting text. */
export function editText(column: GridColumnView, value: unknown): string {
  if (column.type === 'money') return moneyEditText(value);
  if (column.type === 'select' || column.type === 'user' || column.type === 'stage') return value == null ? '' : String(value);
  return formatCell(column, value);
}

/** Equality of cell values for "did anything change" (arrays by items). */
export function sameValue(a: unknown, b: unknown): boolean {
  if ((a === null || a === undefined || a === '') && (b === null || b === undefined || b === '')) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}
