import { Checkbox, MultiSelect, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { CustomFieldDefinition, CustomFieldMap, CustomFieldValue } from '../../api/types';
import { formatDate, formatMoneyFull, toMajorUnits, toMinorUnits } from '../../ui/format';
import type { FieldErrors } from '../../ui/forms';

export function formatCustomValue(definition: CustomFieldDefinition, value: CustomFieldValue | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (definition.type) {
    case 'money':
      return typeof value === 'number' ? formatMoneyFull(value) : String(value);
    case 'boolean':
      return value ? 'Yes' : 'No';
    case 'date':
      return formatDate(String(value));
    case 'multi_select':
      return Array.isArray(value) ? value.join(', ') || '—' : String(value);
    case 'number':
      return typeof value === 'number' ? value.toLocaleString('en-US') : String(value);
    default:
      return String(value);
  }
}

/**
 * Only changed keys are sent: a blank input becomes null (clears the value) on edit and is left out
 * on create, so optional fields never fail validation for being empty.
 */
export function customFieldsPayload(values: CustomFieldMap, initial: CustomFieldMap, mode: 'create' | 'update'): CustomFieldMap {
  const out: CustomFieldMap = {};
  for (const [key, value] of Object.entries(values)) {
    const empty = value === '' || value === null || (Array.isArray(value) && value.length === 0);
    if (mode === 'create' && empty) continue;
    if (mode === 'update' && JSON.stringify(value ?? null) === JSON.stringify(initial[key] ?? null)) continue;
    out[key] = empty ? null : value;
  }
  return out;
}

interface InputsProps {
  definitions: CustomFieldDefinition[];
  values: CustomFieldMap;
  onChange: (values: CustomFieldMap) => void;
  errors: FieldErrors;
}

export function CustomFieldInputs({ definitions, values, onChange, errors }: InputsProps) {
  const set = (key: string, value: CustomFieldValue) => onChange({ ...values, [key]: value });
  return (
    <>
      {definitions.map((definition) => {
        const key = definition.key;
        const value = values[key];
        const common = { label: definition.label, required: definition.required, error: errors[`customFields.${key}`], 'data-testid': `cf-${key}` };
        switch (definition.type) {
          case 'long_text':
            return (
              <Textarea
                key={key}
                {...common}
                autosize
                minRows={2}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => set(key, e.currentTarget.value)}
              />
            );
          case 'number':
            return (
              <NumberInput key={key} {...common} value={typeof value === 'number' ? value : ''} onChange={(v) => set(key, typeof v === 'number' ? v : null)} />
            );
          case 'money':
            return (
              <NumberInput
                key={key}
                {...common}
                prefix="$"
                thousandSeparator=","
                decimalScale={2}
                value={toMajorUnits(typeof value === 'number' ? value : null)}
                onChange={(v) => set(key, toMinorUnits(v))}
              />
            );
          case 'boolean':
            return <Checkbox key={key} {...common} mt="xs" checked={value === true} onChange={(e) => set(key, e.currentTarget.checked)} />;
          case 'date':
            return (
              <DateInput
                key={key}
                {...common}
                clearable
                valueFormat="MMM D, YYYY"
                value={typeof value === 'string' ? value : null}
                onChange={(v) => set(key, v)}
              />
            );
          case 'select':
            return (
              <Select
                key={key}
                {...common}
                clearable
                data={definition.options}
                value={typeof value === 'string' ? value : null}
                onChange={(v) => set(key, v)}
              />
            );
          case 'multi_select':
            return (
              <MultiSelect key={key} {...common} clearable data={definition.options} value={Array.isArray(value) ? value : []} onChange={(v) => set(key, v)} />
            );
          default:
            return (
              <TextInput
                key={key}
                {...common}
                type={definition.type === 'email' ? 'email' : definition.type === 'url' ? 'url' : 'text'}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => set(key, e.currentTarget.value)}
              />
            );
        }
      })}
    </>
  );
}
