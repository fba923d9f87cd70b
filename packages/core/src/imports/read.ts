import type { ImportOptions, ImportRowError } from '@lpdesk/contracts';
import { parseCheckbox, splitMultiSelect } from './cells.js';
import { parseDateTime } from './dates.js';
import { headerWords, type TargetField } from './fields.js';
import { type ParsedMoney, parseMoney } from './money.js';
import type { SourceRow } from './parse.js';

export type CellValue = string | string[] | number | boolean | ParsedMoney;

/** A row's cells read into typed values by field key; blank cells are absent (they never erase). */
export interface RowValues {
  line: number;
  values: Map<string, CellValue>;
  /** The column each field was read from (for error messages). */
  columns: Map<string, string>;
  errors: ImportRowError[];
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** A choice cell to one of the field's options: by value, label words (`Due Diligence`, `Family Office`) or a unique prefix. */
export function matchChoice(cell: string, options: string[]): string | null {
  const words = headerWords(cell);
  const exact = options.find((option) => option === cell.trim() || headerWords(option) === words);
  if (exact) return exact;
  const aliases: Record<string, string> = { dd: 'due_diligence', diligence: 'due_diligence', soft: 'soft_circle', softcircled: 'soft_circle', passed: 'declined', lost: 'declined', won: 'closed', ria: 'ria_wealth_manager', wealthmanager: 'ria_wealth_manager', fof: 'fund_of_funds', familyoffice: 'family_office', sovereignwealth: 'sovereign', swf: 'sovereign', pensionfund: 'pension', corporation: 'corporate', person: 'individual', hnw: 'individual', hnwi: 'individual', angel: 'individual', phonecall: 'call', zoom: 'meeting', video: 'meeting', sms: 'text', whatsapp: 'text', inperson: 'in_person', emailed: 'email', accredited: 'verified', checked: 'verified', yes: 'verified', y: 'verified', x: 'verified', true: 'verified', no: 'not_accredited', false: 'not_accredited' };
  const alias = aliases[words];
  if (alias && options.includes(alias)) return alias;
  const prefixed = options.filter((option) => words.length >= 3 && headerWords(option).startsWith(words));
  return prefixed.length === 1 ? (prefixed[0] ?? null) : null;
}

function splitList(cell: string, pattern: RegExp): string[] {
  return cell
    .split(pattern)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function readCell(target: TargetField, cell: string, options: ImportOptions): { value: CellValue } | { error: string } {
  const text = cell.trim();
  switch (target.type) {
    case 'text':
      return target.multiple ? { value: splitList(text, /[,;\n]+/) } : { value: text };
    case 'email': {
      const emails = splitList(text, /[,;\s]+/).map((email) => email.replace(/^mailto:/i, '').replace(/^<|>$/g, ''));
      const bad = emails.find((email) => !EMAIL.test(email));
      return bad ? { error: `"${bad}" is not an email address` } : { value: emails };
    }
    case 'phone':
      return { value: splitList(text, /[;\n]+|,(?=\s*\+)|\s\/\s/) };
    case 'url':
      return { value: /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}` };
    case 'money': {
      const money = parseMoney(text, options.defaultCurrency);
      return money.ok ? { value: money.value } : { error: money.error };
    }
    case 'date':
    case 'datetime': {
      const parsed = parseDateTime(text, options);
      if (!parsed.ok) return { error: parsed.error };
      return { value: target.type === 'date' ? parsed.value.date : parsed.value.instant };
    }
    case 'number': {
      const number = Number(text.replace(/[,%\s]/g, ''));
      return Number.isFinite(number) ? { value: number } : { error: `"${text}" is not a number` };
    }
    case 'checkbox': {
      const checked = parseCheckbox(text);
      return checked.ok ? { value: checked.value } : { error: checked.error };
    }
    case 'tags':
      return { value: splitMultiSelect(text) };
    case 'choice': {
      const choice = matchChoice(text, target.options ?? []);
      return choice ? { value: choice } : { error: `"${text}" is not one of: ${(target.options ?? []).join(', ')}` };
    }
    case 'link':
      return { value: target.multiple ? splitMultiSelect(text) : [text] };
  }
}

/** Read a row's mapped cells into typed values; several columns of a multi-valued field combine. */
export function readRow(row: SourceRow, columns: Map<string, TargetField>, options: ImportOptions): RowValues {
  const result: RowValues = { line: row.line, values: new Map(), columns: new Map(), errors: [] };
  for (const [column, target] of columns) {
    const cell = row.cells[column] ?? '';
    if (cell.trim() === '') continue;
    const read = readCell(target, cell, options);
    if ('error' in read) {
      result.errors.push({ column, message: `${target.label}: ${read.error}` });
      continue;
    }
    const previous = result.values.get(target.key);
    const value = Array.isArray(previous) && Array.isArray(read.value) ? [...previous, ...read.value] : read.value;
    result.values.set(target.key, value);
    if (!result.columns.has(target.key)) result.columns.set(target.key, column);
  }
  return result;
}
