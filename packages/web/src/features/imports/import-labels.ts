import type { ImportEntity, ImportRowAction, ImportStatus } from '@lpdesk/contracts';

/** How each importable entity is named on screen, and where its records live in the app (if they have a page). */
export const ENTITY_LABELS: Record<ImportEntity, { label: string; singular: string; plural: string; listPath: string; recordPath: ((id: string) => string) | null }> = {
  organizations: { label: 'Organizations', singular: 'organization', plural: 'organizations', listPath: '/organizations', recordPath: (id) => `/organizations/${id}` },
  contacts: { label: 'Contacts', singular: 'contact', plural: 'contacts', listPath: '/contacts', recordPath: (id) => `/contacts/${id}` },
  commitments: { label: 'Commitments', singular: 'commitment', plural: 'commitments', listPath: '/lp-tracker', recordPath: null },
  communications: { label: 'Communications', singular: 'communication', plural: 'communications', listPath: '/communications', recordPath: null },
};

export const ACTION_COLORS: Record<ImportRowAction, string> = { create: 'teal', update: 'blue', skip: 'gray', error: 'red' };
export const ACTION_LABELS: Record<ImportRowAction, string> = { create: 'Create', update: 'Update', skip: 'Skip', error: 'Error' };

export const STATUS_COLORS: Record<ImportStatus, string> = { uploaded: 'gray', running: 'violet', completed: 'teal', failed: 'red', undone: 'orange' };

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}
