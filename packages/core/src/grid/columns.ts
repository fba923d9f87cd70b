import {
  type CustomFieldType,
  type GridColumnType,
  type GridColumnView,
  gridFundField,
  ORGANIZATION_KIND_LABELS,
  Stage,
  type ViewState,
} from '@lpdesk/contracts';

type Option = { value: string; label: string };

const STAGE_LABELS: Record<Stage, string> = {
  lead: 'Lead',
  outreach: 'Outreach',
  meeting: 'Meeting',
  due_diligence: 'Due diligence',
  soft_circle: 'Soft circle',
  committed: 'Committed',
  closed: 'Closed',
  declined: 'Declined',
};

export const STAGE_OPTIONS: Option[] = Stage.options.map((stage) => ({ value: stage, label: STAGE_LABELS[stage] }));
const KIND_OPTIONS: Option[] = Object.entries(ORGANIZATION_KIND_LABELS).map(([value, label]) => ({ value, label }));
const RELATIONSHIP_OPTIONS: Option[] = [
  { value: 'investor', label: 'Investor' },
  { value: 'prospect', label: 'Prospect' },
  { value: 'none', label: 'None' },
];

export interface GridFund {
  id: string;
  name: string;
  currency: string;
}

export interface GridCustomField {
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
}

/**
 * Every column the grid can show, in its default order: the name, then per fund committed, stage and
 * expected (the reason the partners open the grid), then the investor's people and outreach log, its
 * own fields, and its custom fields in their definitions' order.
 * `tags`, `contacts`, `notesLog` and `relationship` are read-only here: tags change by id on the
 * record, people on the contact, the log by appending, the relationship follows the commitments.
 */
export function gridColumns(funds: GridFund[], customFields: GridCustomField[], owners: Option[]): GridColumnView[] {
  const column = (field: string, label: string, type: GridColumnType, editable: boolean, extra: Partial<GridColumnView> = {}): GridColumnView => ({
    field,
    label,
    type,
    editable,
    ...extra,
  });
  const columns: GridColumnView[] = [column('name', 'Name', 'text', true)];
  for (const fund of funds) {
    const extra = { fundId: fund.id, currency: fund.currency };
    columns.push(column(gridFundField(fund.id, 'committedAmount'), `${fund.name} · Committed (${fund.currency})`, 'money', true, extra));
    columns.push(column(gridFundField(fund.id, 'stage'), `${fund.name} · Stage`, 'stage', true, { ...extra, options: STAGE_OPTIONS }));
    columns.push(column(gridFundField(fund.id, 'expectedAmount'), `${fund.name} · Expected (${fund.currency})`, 'money', true, extra));
  }
  columns.push(
    column('contacts', 'Contacts', 'contacts', false),
    column('notesLog', 'Notes log', 'notes_log', false),
    column('kind', 'Kind', 'select', true, { options: KIND_OPTIONS }),
    column('relationship', 'Relationship', 'select', false, { options: RELATIONSHIP_OPTIONS }),
    column('ownerId', 'Owner', 'user', true, { options: owners }),
    column('leadSource', 'Lead source', 'text', true),
    column('tags', 'Tags', 'tags', false),
    column('location', 'Location', 'text', true),
    column('website', 'Website', 'url', true),
    column('description', 'Description', 'long_text', true),
  );
  for (const definition of customFields) {
    const options =
      definition.type === 'select' || definition.type === 'multi_select' ? definition.options.map((value) => ({ value, label: value })) : undefined;
    columns.push(column(`customFields.${definition.key}`, definition.label, definition.type, true, options ? { options } : {}));
  }
  return columns;
}

/**
 * The columns in the view's order. Columns the view names take the slots of the named columns, in the
 * view's order; columns it does not name keep their default place (ViewState: "columns not named keep
 * their default place and visibility"). Names of columns that no longer exist are skipped.
 */
export function orderColumns(columns: GridColumnView[], state: Pick<ViewState, 'columns'> | null): GridColumnView[] {
  const seen = new Set<string>();
  const named = (state?.columns ?? []).filter((c) => {
    if (seen.has(c.field) || !columns.some((column) => column.field === c.field)) return false;
    seen.add(c.field);
    return true;
  });
  if (named.length === 0) return columns;
  const namedFields = new Set(named.map((c) => c.field));
  const byField = new Map(columns.map((column) => [column.field, column]));
  const queue = named.map((c) => byField.get(c.field) as GridColumnView);
  return columns.map((column) => (namedFields.has(column.field) ? (queue.shift() as GridColumnView) : column));
}

/** What an export (and the screen) shows: the view's order, without the columns it hides. */
export function visibleColumns(columns: GridColumnView[], state: Pick<ViewState, 'columns'> | null): GridColumnView[] {
  const hidden = new Set((state?.columns ?? []).filter((c) => c.hidden).map((c) => c.field));
  return orderColumns(columns, state).filter((column) => !hidden.has(column.field));
}
