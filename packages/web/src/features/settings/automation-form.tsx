import { ActionIcon, Button, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { type Automation, type AutomationAction, FilterOperator } from '@lpdesk/contracts';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { humanize } from '../../ui/format';
import { ALL_STAGES, stageLabel } from '../../ui/stages';

const TRIGGERS = [
  { value: 'created', label: 'A record is created' },
  { value: 'updated', label: 'A record is changed' },
  { value: 'field_changed', label: 'A field changes' },
  { value: 'stage_changed', label: 'A commitment changes stage' },
  { value: 'schedule', label: 'On a schedule' },
];
const ENTITIES = [
  { value: 'organization', label: 'Organizations' },
  { value: 'contact', label: 'Contacts' },
  { value: 'commitment', label: 'Commitments' },
  { value: 'task', label: 'Tasks' },
];
const ACTIONS = [
  { value: 'set_field', label: 'Set a field' },
  { value: 'add_tag', label: 'Add a tag' },
  { value: 'remove_tag', label: 'Remove a tag' },
  { value: 'create_task', label: 'Create a task' },
  { value: 'move_stage', label: 'Move to stage' },
];
const OPERATORS = FilterOperator.options.map((op) => ({ value: op, label: humanize(op) }));
const STAGES = ALL_STAGES.map((stage) => ({ value: stage, label: stageLabel(stage) }));
const NO_VALUE = new Set(['is_empty', 'is_not_empty']);

interface ConditionRow {
  field: string;
  op: string;
  value: string;
}
interface ActionRow {
  type: string;
  field: string;
  value: string;
  tag: string;
  title: string;
  dueInDays: number;
  stage: string;
}

/** What a typed value means: empty is "no value", true/false are booleans, numbers are numbers, the rest text. */
export function parseTyped(text: string): string | number | boolean | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  return text;
}
const typedText = (value: unknown) => (value === null || value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value));

const blankAction = (): ActionRow => ({ type: 'add_tag', field: '', value: '', tag: '', title: '', dueInDays: 0, stage: 'declined' });

function actionRowOf(action: AutomationAction): ActionRow {
  const row = blankAction();
  row.type = action.type;
  if (action.type === 'set_field') Object.assign(row, { field: action.field, value: typedText(action.value) });
  if (action.type === 'add_tag' || action.type === 'remove_tag') row.tag = action.tag;
  if (action.type === 'create_task') Object.assign(row, { title: action.title, dueInDays: action.dueInDays });
  if (action.type === 'move_stage') row.stage = action.stage;
  return row;
}

function actionOf(row: ActionRow): Record<string, unknown> {
  switch (row.type) {
    case 'set_field':
      return { type: row.type, field: row.field.trim(), value: parseTyped(row.value) };
    case 'create_task':
      return { type: row.type, title: row.title, dueInDays: row.dueInDays };
    case 'move_stage':
      return { type: row.type, stage: row.stage };
    default:
      return { type: row.type, tag: row.tag };
  }
}

/** Create or edit a rule: trigger, condition rows (one filter group) and actions. */
export function AutomationForm({ rule, onClose }: { rule: Automation | null; onClose(): void }) {
  const client = useQueryClient();
  const [name, setName] = useState(rule?.name ?? '');
  const [description, setDescription] = useState(rule?.description ?? '');
  const [enabled, setEnabled] = useState(rule?.enabled ?? false);
  const [triggerType, setTriggerType] = useState<string>(rule?.trigger.type ?? 'created');
  const [entityType, setEntityType] = useState<string>(rule?.trigger.entityType ?? 'organization');
  const [field, setField] = useState(rule?.trigger.field ?? '');
  const [to, setTo] = useState(typedText(rule?.trigger.to));
  const [cron, setCron] = useState(rule?.trigger.cron ?? '0 8 * * *');
  const [match, setMatch] = useState<string>(rule?.condition?.match ?? 'all');
  const [conditions, setConditions] = useState<ConditionRow[]>(
    (rule?.condition?.conditions ?? []).map((c) => ({ field: c.field, op: c.op, value: typedText(c.value) })),
  );
  const [actions, setActions] = useState<ActionRow[]>(rule ? rule.actions.map(actionRowOf) : [blankAction()]);
  const [error, setError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => (rule ? api.patch(`/api/automations/${rule.id}`, body) : api.post('/api/automations', body)),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['automations'] });
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const trigger: Record<string, unknown> = { type: triggerType, entityType };
    if (triggerType === 'field_changed') trigger.field = field.trim();
    if ((triggerType === 'field_changed' || triggerType === 'stage_changed') && to.trim() !== '')
      trigger.to = triggerType === 'stage_changed' ? to : parseTyped(to);
    if (triggerType === 'schedule') trigger.cron = cron.trim();
    const condition = conditions.length
      ? { match, conditions: conditions.map((c) => ({ field: c.field.trim(), op: c.op, ...(NO_VALUE.has(c.op) ? {} : { value: parseTyped(c.value) }) })) }
      : null;
    save.mutate({ name: name.trim(), description: description.trim() || null, enabled, trigger, condition, actions: actions.map(actionOf) });
  };

  const setCondition = (index: number, patch: Partial<ConditionRow>) =>
    setConditions((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const setAction = (index: number, patch: Partial<ActionRow>) => setActions((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <Modal opened onClose={onClose} title={rule ? `Edit “${rule.name}”` : 'New automation'} size="lg">
      <form onSubmit={submit} noValidate data-testid="automation-form">
        <Stack gap="sm">
          <TextInput label="Name" required data-autofocus value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="automation-name" />
          <Textarea label="Description" autosize minRows={1} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
          <Switch label="Enabled" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} data-testid="automation-enabled" />

          <Text fw={600} size="sm" mt="xs">
            When
          </Text>
          <Group grow align="flex-start">
            <Select
              label="Trigger"
              data={TRIGGERS}
              value={triggerType}
              allowDeselect={false}
              onChange={(v) => setTriggerType(v ?? 'created')}
              data-testid="automation-trigger"
            />
            <Select
              label="Records"
              data={ENTITIES}
              value={entityType}
              allowDeselect={false}
              onChange={(v) => setEntityType(v ?? 'organization')}
              data-testid="automation-entity"
            />
          </Group>
          {triggerType === 'field_changed' && (
            <Group grow align="flex-start">
              <TextInput label="Field" placeholder="location or customFields.region" value={field} onChange={(e) => setField(e.currentTarget.value)} />
              <TextInput label="Changed to (optional)" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
            </Group>
          )}
          {triggerType === 'stage_changed' && (
            <Select label="Into stage (optional)" data={STAGES} value={to || null} clearable onChange={(v) => setTo(v ?? '')} />
          )}
          {triggerType === 'schedule' && (
            <TextInput
              label="Cron (team time zone)"
              description="minute hour day month weekday, e.g. 0 8 * * 1-5 for 08:00 on weekdays"
              value={cron}
              onChange={(e) => setCron(e.currentTarget.value)}
              data-testid="automation-cron"
            />
          )}

          <Group justify="space-between" mt="xs">
            <Text fw={600} size="sm">
              Only if
            </Text>
            <SegmentedControl
              size="xs"
              value={match}
              onChange={setMatch}
              data={[
                { value: 'all', label: 'All match' },
                { value: 'any', label: 'Any matches' },
              ]}
            />
          </Group>
          {conditions.length === 0 && (
            <Text size="xs" c="dimmed">
              No conditions: every record the trigger sees. Fields are as the API shows them (name, location, stage, tags, customFields.key) plus lastTouchedOn
              and openTaskTitles; dates may be relative, e.g. @today-30d.
            </Text>
          )}
          {conditions.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
            <Group key={index} gap="xs" align="flex-end" wrap="nowrap" data-testid="automation-condition">
              <TextInput
                label={index === 0 ? 'Field' : undefined}
                placeholder="field"
                value={row.field}
                onChange={(e) => setCondition(index, { field: e.currentTarget.value })}
                style={{ flex: 2 }}
              />
              <Select
                label={index === 0 ? 'Is' : undefined}
                data={OPERATORS}
                value={row.op}
                allowDeselect={false}
                onChange={(v) => setCondition(index, { op: v ?? 'eq' })}
                style={{ flex: 1.3 }}
              />
              <TextInput
                label={index === 0 ? 'Value' : undefined}
                placeholder="value"
                disabled={NO_VALUE.has(row.op)}
                value={row.value}
                onChange={(e) => setCondition(index, { value: e.currentTarget.value })}
                style={{ flex: 2 }}
              />
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label="Remove condition"
                onClick={() => setConditions((rows) => rows.filter((_, i) => i !== index))}
                mb={4}
              >
                <IconX size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setConditions((rows) => [...rows, { field: '', op: 'eq', value: '' }])}
            w="fit-content"
            data-testid="add-condition"
          >
            Add condition
          </Button>

          <Text fw={600} size="sm" mt="xs">
            Then
          </Text>
          {actions.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
            <Group key={index} gap="xs" align="flex-end" wrap="nowrap" data-testid="automation-action">
              <Select
                label={index === 0 ? 'Action' : undefined}
                data={ACTIONS}
                value={row.type}
                allowDeselect={false}
                onChange={(v) => setAction(index, { type: v ?? 'add_tag' })}
                style={{ flex: 1.3 }}
              />
              {row.type === 'set_field' && (
                <>
                  <TextInput
                    label={index === 0 ? 'Field' : undefined}
                    placeholder="field"
                    value={row.field}
                    onChange={(e) => setAction(index, { field: e.currentTarget.value })}
                    style={{ flex: 1.5 }}
                  />
                  <TextInput
                    label={index === 0 ? 'Value' : undefined}
                    placeholder="value"
                    value={row.value}
                    onChange={(e) => setAction(index, { value: e.currentTarget.value })}
                    style={{ flex: 1.5 }}
                  />
                </>
              )}
              {(row.type === 'add_tag' || row.type === 'remove_tag') && (
                <TextInput
                  label={index === 0 ? 'Tag' : undefined}
                  placeholder="tag name"
                  value={row.tag}
                  onChange={(e) => setAction(index, { tag: e.currentTarget.value })}
                  style={{ flex: 3 }}
                  data-testid="action-tag"
                />
              )}
              {row.type === 'create_task' && (
                <>
                  <TextInput
                    label={index === 0 ? 'Task title' : undefined}
                    placeholder="title"
                    value={row.title}
                    onChange={(e) => setAction(index, { title: e.currentTarget.value })}
                    style={{ flex: 2 }}
                  />
                  <NumberInput
                    label={index === 0 ? 'Due in days' : undefined}
                    min={0}
                    max={3650}
                    value={row.dueInDays}
                    onChange={(v) => setAction(index, { dueInDays: Number(v) || 0 })}
                    style={{ flex: 1 }}
                  />
                </>
              )}
              {row.type === 'move_stage' && (
                <Select
                  label={index === 0 ? 'Stage' : undefined}
                  data={STAGES}
                  value={row.stage}
                  allowDeselect={false}
                  onChange={(v) => setAction(index, { stage: v ?? 'declined' })}
                  style={{ flex: 3 }}
                />
              )}
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label="Remove action"
                disabled={actions.length === 1}
                onClick={() => setActions((rows) => rows.filter((_, i) => i !== index))}
                mb={4}
              >
                <IconX size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setActions((rows) => [...rows, blankAction()])}
            w="fit-content"
          >
            Add action
          </Button>

          {error && (
            <Text c="red" size="sm" data-testid="automation-error">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="save-automation">
              {rule ? 'Save rule' : 'Create rule'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
