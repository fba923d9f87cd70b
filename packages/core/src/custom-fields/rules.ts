import type { CustomFieldType, CustomFieldValue } from '@lpdesk/contracts';
import type { Row } from '../db/schema.js';
import { Invalid } from '../kernel/errors.js';

export interface StoredValue {
  valueText: string | null;
  valueNumber: number | null;
  valueJson: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Check one value against its definition and turn it into typed columns (sortable, filterable). */
export function encodeValue(definition: Row<'customFieldDefinitions'>, value: CustomFieldValue): StoredValue | string {
  const type = definition.type as CustomFieldType;
  const options = JSON.parse(definition.optionsJson) as string[];
  const none = { valueText: null, valueNumber: null, valueJson: null };
  switch (type) {
    case 'text':
    case 'long_text':
      if (typeof value !== 'string') return 'must be text';
      if (value.length > (type === 'text' ? 500 : 20000)) return 'is too long';
      return { ...none, valueText: value };
    case 'url':
      if (typeof value !== 'string' || !/^https?:\/\/\S+$/.test(value)) return 'must be an http(s) URL';
      return { ...none, valueText: value };
    case 'email':
      if (typeof value !== 'string' || !EMAIL.test(value)) return 'must be an email address';
      return { ...none, valueText: value.trim().toLowerCase() };
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      return { ...none, valueNumber: value };
    case 'money':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return 'must be an integer amount in minor units (e.g. cents)';
      return { ...none, valueNumber: value };
    case 'boolean':
      if (typeof value !== 'boolean') return 'must be true or false';
      return { ...none, valueNumber: value ? 1 : 0 };
    case 'date':
      if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))) return 'must be a date in YYYY-MM-DD form';
      return { ...none, valueText: value };
    case 'select':
      if (typeof value !== 'string' || !options.includes(value)) return `must be one of: ${options.join(', ')}`;
      return { ...none, valueText: value };
    case 'multi_select': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !options.includes(v))) {
        return `must be a list drawn from: ${options.join(', ')}`;
      }
      const unique = [...new Set(value)];
      return { ...none, valueJson: JSON.stringify(unique), valueText: unique.join(', ') };
    }
  }
}

export function decodeValue(definition: Pick<Row<'customFieldDefinitions'>, 'type'>, stored: StoredValue): CustomFieldValue {
  switch (definition.type as CustomFieldType) {
    case 'number':
    case 'money':
      return stored.valueNumber === null ? null : Number(stored.valueNumber);
    case 'boolean':
      return stored.valueNumber === null ? null : Number(stored.valueNumber) === 1;
    case 'multi_select':
      return stored.valueJson ? (JSON.parse(stored.valueJson) as string[]) : [];
    default:
      return stored.valueText;
  }
}

/** A new option list must be unique, and only select fields (which need at least one) have options. */
export function checkDefinitionOptions(type: string, options: string[]): void {
  if (new Set(options).size !== options.length) throw new Invalid('options: options must be unique');
  const isSelect = type === 'select' || type === 'multi_select';
  if (!isSelect && options.length > 0) throw new Invalid(`options: only select fields have options (this is ${type})`);
  if (isSelect && options.length === 0) throw new Invalid('options: select fields need at least one option');
}
