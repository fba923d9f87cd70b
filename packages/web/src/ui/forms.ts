import { useState } from 'react';
import { ApiError, errorMessage } from '../api/client';

export type FieldErrors = Record<string, string>;

interface Issue {
  path: PropertyKey[];
  message: string;
}

/** Structural view of a zod schema, so the web package needs no direct zod import. */
export interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: Issue[] } };
}

/**
 * Issues carry a path such as ['emails', 1] or ['customFields', 'region']; the form shows them under
 * the field named by the first segment, and under the full dotted key for nested fields.
 */
export function issuesToErrors(issues: Issue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).filter((p) => p !== 'body');
    const full = path.join('.') || '_form';
    errors[full] ??= issue.message;
    if (path.length > 1) {
      const head = path[0] === 'customFields' ? `customFields.${path[1]}` : (path[0] as string);
      errors[head] ??= issue.message;
    }
  }
  return errors;
}

export function validate<T>(schema: Schema<T>, value: unknown): { data: T; errors: null } | { data: null; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return { data: result.data, errors: null };
  return { data: null, errors: issuesToErrors(result.error.issues) };
}

/** Map a failed request onto field errors, or a form-level message when no field matches. */
export function errorsFromApi(error: unknown): FieldErrors {
  if (error instanceof ApiError && error.issues.length > 0) return issuesToErrors(error.issues);
  return { _form: errorMessage(error) };
}

export function useFormState<T extends object>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = <K extends keyof T>(field: K, value: T[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => {
      if (!current[field as string]) return current;
      const { [field as string]: _removed, ...rest } = current;
      return rest;
    });
  };
  return { values, setValues, set, errors, setErrors, reset: () => setValues(initial) };
}

/** Blank strings from inputs mean "no value" to the API. */
export function blankToNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
