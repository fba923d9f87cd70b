import type { ImportField, ImportMapping, ImportOptionsInput, ImportUploadResult } from '@lpdesk/contracts';
import { Alert, Badge, Button, Checkbox, Group, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconHistory } from '@tabler/icons-react';
import { errorMessage } from '../../api/client';
import { ListSkeleton } from '../../ui/layout';
import { useCompactLayout } from '../../ui/responsive';
import { ENTITY_LABELS } from './import-labels';
import classes from './imports.module.css';
import { useImportFields } from './imports-api';

const SKIP = '__skip__';
const CURRENCIES = ['USD', 'EUR', 'GBP', 'CHF', 'CAD', 'JPY', 'AUD', 'SGD', 'HKD', 'SEK', 'NOK', 'DKK'];

/** Up to three non-blank values of a column from the preview rows, to recognise what it holds. */
export function sampleValues(upload: ImportUploadResult, column: string): string[] {
  const values: string[] = [];
  for (const row of upload.preview.rows) {
    const value = row[column]?.trim();
    if (value && !values.includes(value)) values.push(value);
    if (values.length === 3) break;
  }
  return values;
}

/** Emails, phones and tags combine several columns; other fields take one value. */
const COMBINING_TYPES = new Set(['email', 'phone', 'tags']);

/**
 * What to check before the dry run. A required field nobody maps blocks it; a single-value field chosen
 * for two columns is only a warning (the server decides whether it combines them, and the dry run says).
 */
export function mappingProblems(fields: ImportField[], mapping: ImportMapping): { blocking: string[]; warnings: string[] } {
  const blocking: string[] = [];
  const warnings: string[] = [];
  const used = new Map<string, string[]>();
  for (const [column, key] of Object.entries(mapping)) if (key) used.set(key, [...(used.get(key) ?? []), column]);
  for (const field of fields) if (field.required && !used.has(field.key)) blocking.push(`No column is imported as “${field.label}”, which every row needs.`);
  for (const [key, columns] of used) {
    const field = fields.find((f) => f.key === key);
    if (columns.length > 1 && !COMBINING_TYPES.has(field?.type ?? ''))
      warnings.push(`“${field?.label ?? key}” is chosen for ${columns.map((c) => `“${c}”`).join(' and ')}: usually one column is enough.`);
  }
  return { blocking, warnings };
}

function FieldSelect({ column, fields, value, onChange }: { column: string; fields: ImportField[]; value: string | null; onChange: (key: string | null) => void }) {
  const builtIn = fields.filter((f) => !f.key.startsWith('custom.'));
  const custom = fields.filter((f) => f.key.startsWith('custom.'));
  const option = (f: ImportField) => ({ value: f.key, label: f.required ? `${f.label} (required)` : f.label });
  const data = [
    { value: SKIP, label: 'Don’t import' },
    { group: 'Fields', items: builtIn.map(option) },
    ...(custom.length ? [{ group: 'Custom fields', items: custom.map(option) }] : []),
  ];
  return (
    <Select
      aria-label={`Import “${column}” as`}
      data={data}
      value={value ?? SKIP}
      onChange={(next) => onChange(typeof next === 'string' && next !== SKIP ? next : null)}
      allowDeselect={false}
      searchable
      comboboxProps={{ withinPortal: true }}
      data-testid={`map-${column}`}
      styles={{ input: { fontStyle: value ? undefined : 'italic' } }}
    />
  );
}

/** Step 2: each column of the file, what it looks like, and which field it fills. */
export function MappingStep({
  upload,
  mapping,
  onMappingChange,
  options,
  onOptionsChange,
  checking,
  error,
  onBack,
  onDryRun,
}: {
  upload: ImportUploadResult;
  mapping: ImportMapping;
  onMappingChange: (mapping: ImportMapping) => void;
  options: ImportOptionsInput;
  onOptionsChange: (options: ImportOptionsInput) => void;
  checking: boolean;
  error: unknown;
  onBack: () => void;
  onDryRun: () => void;
}) {
  const compact = useCompactLayout();
  const fields = useImportFields(upload.entity);
  const fieldList = fields.data ?? [];
  const problems = fields.data ? mappingProblems(fieldList, mapping) : { blocking: [], warnings: [] };
  const listed = [...problems.blocking, ...problems.warnings];
  const mappedCount = Object.values(mapping).filter(Boolean).length;
  const hasField = (type: string) => Object.values(mapping).some((key) => key && fieldList.find((f) => f.key === key)?.type === type);
  const set = (column: string, key: string | null) => onMappingChange({ ...mapping, [column]: key });
  const noun = ENTITY_LABELS[upload.entity];

  return (
    <Stack gap="md">
      <Group gap="xs">
        <Text size="sm">
          <b>{upload.fileName}</b>: {upload.preview.rowCount.toLocaleString()} rows, {upload.columns.length} columns, as {noun.plural}
        </Text>
        <Badge variant="light" color="gray" size="sm">
          {upload.preview.delimiter === '\t' ? 'tab-separated' : `“${upload.preview.delimiter}” separated`}
        </Badge>
        <Badge variant="light" color="gray" size="sm">
          {upload.preview.encoding}
        </Badge>
        {upload.remembered && (
          <Badge
            variant="light"
            color="violet"
            size="sm"
            leftSection={<IconHistory size={12} />}
            title="The mapping of the last import with these columns"
            data-testid="mapping-remembered"
          >
            remembered mapping
          </Badge>
        )}
      </Group>
      {fields.isError ? (
        <Alert color="red" title="The fields could not be loaded">
          {errorMessage(fields.error)}
        </Alert>
      ) : fields.isPending ? (
        <ListSkeleton rows={Math.min(upload.columns.length, 6)} />
      ) : compact ? (
        <Stack gap="xs" data-testid="mapping-table">
          {upload.columns.map((column) => (
            <div key={column} className={classes.mappingCard}>
              <Text size="sm" fw={600}>
                {column}
              </Text>
              <Text className={classes.sample} mb={6} style={{ maxWidth: '100%' }}>
                {sampleValues(upload, column).join(' · ') || 'empty in the first rows'}
              </Text>
              <FieldSelect column={column} fields={fieldList} value={mapping[column] ?? null} onChange={(key) => set(column, key)} />
            </div>
          ))}
        </Stack>
      ) : (
        <Table verticalSpacing={6} data-testid="mapping-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Column in the file</Table.Th>
              <Table.Th>Sample values</Table.Th>
              <Table.Th w={280}>Import as</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {upload.columns.map((column) => (
              <Table.Tr key={column}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {column}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    {sampleValues(upload, column).map((value) => (
                      <Text key={value} className={classes.sample} title={value}>
                        {value}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <FieldSelect column={column} fields={fieldList} value={mapping[column] ?? null} onChange={(key) => set(column, key)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Select
          label="When a row matches an existing record"
          description="Matched by email, then by name and organization. You can change single rows after the dry run."
          data={[
            { value: 'skip', label: 'Skip it (keep what is there)' },
            { value: 'update', label: 'Update the existing record' },
            { value: 'create', label: 'Create a new record anyway' },
          ]}
          value={options.onDuplicate ?? 'skip'}
          onChange={(value) => onOptionsChange({ ...options, onDuplicate: (value ?? 'skip') as 'skip' | 'update' | 'create' })}
          allowDeselect={false}
          data-testid="import-on-duplicate"
        />
        {hasField('date') || hasField('datetime') ? (
          <Select
            label="Dates like 3/4/2024 are"
            description="Dates with a month name or in 2024-04-03 form are read either way."
            data={[
              { value: 'us', label: 'Month first: 3/4/2024 is March 4' },
              { value: 'day', label: 'Day first: 3/4/2024 is 3 April' },
            ]}
            value={options.dayFirst ? 'day' : 'us'}
            onChange={(value) => onOptionsChange({ ...options, dayFirst: value === 'day' })}
            allowDeselect={false}
            data-testid="import-date-order"
          />
        ) : null}
        {hasField('money') ? (
          <Select
            label="Currency of amounts without a symbol"
            description="$, €, £ and codes like EUR in a cell win over this."
            data={CURRENCIES}
            value={options.defaultCurrency ?? 'USD'}
            onChange={(value) => onOptionsChange({ ...options, defaultCurrency: value ?? 'USD' })}
            allowDeselect={false}
            searchable
            data-testid="import-currency"
          />
        ) : null}
      </SimpleGrid>
      <Stack gap={6}>
        {hasField('tags') && (
          <Checkbox
            label="Create tags that do not exist yet (else such rows are errors)"
            checked={options.createMissingTags ?? true}
            onChange={(e) => onOptionsChange({ ...options, createMissingTags: e.currentTarget.checked })}
          />
        )}
        {hasField('link') && (
          <Checkbox
            label="Create organizations named in the file that do not exist yet"
            checked={options.createMissingOrganizations ?? true}
            onChange={(e) => onOptionsChange({ ...options, createMissingOrganizations: e.currentTarget.checked })}
          />
        )}
        <Checkbox
          label="Remember this mapping for the next file with the same columns"
          checked={options.rememberMapping ?? true}
          onChange={(e) => onOptionsChange({ ...options, rememberMapping: e.currentTarget.checked })}
        />
      </Stack>

      {listed.length > 0 && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="Before the dry run" data-testid="mapping-problems">
          <Stack gap={2}>
            {listed.map((p) => (
              <Text key={p} size="sm">
                {p}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {Boolean(error) && (
        <Alert color="red" title="The dry run did not start" data-testid="import-dry-run-error">
          {errorMessage(error)}
        </Alert>
      )}
      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>
          Back
        </Button>
        <Group gap="sm">
          <Text size="sm" c="dimmed">
            {mappedCount} of {upload.columns.length} columns imported
          </Text>
          <Button onClick={onDryRun} loading={checking} disabled={!fields.data || problems.blocking.length > 0 || mappedCount === 0} data-testid="import-dry-run">
            Dry run
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
