import type { ImportDuplicateChoice, ImportEntity, ImportMapping, ImportOptionsInput, ImportReport, ImportUploadResult } from '@lpdesk/contracts';
import { Alert, Button, Card, Group, Progress, Stack, Stepper, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useInvalidate } from '../../api/hooks';
import { useCompactLayout } from '../../ui/responsive';
import { ENTITY_LABELS } from './import-labels';
import { ImportReportTable, TotalsCards } from './import-report';
import { COLLECTION_OF, useDryRun, useRunImport, useUploadImport } from './imports-api';
import { MappingStep } from './mapping-step';
import { RunStep } from './run-step';
import { UploadStep } from './upload-step';

const STEPS = [
  { label: 'File', description: 'CSV or TSV' },
  { label: 'Columns', description: 'Map to fields' },
  { label: 'Dry run', description: 'Check every row' },
  { label: 'Import', description: 'Write and review' },
];

/** The step's caption has room for a short name only. */
function shortName(fileName: string): string {
  return fileName.length > 28 ? `${fileName.slice(0, 18)}…${fileName.slice(-8)}` : fileName;
}

/** Only the columns given a field travel; the server treats absent columns as not imported. */
function chosenMapping(mapping: ImportMapping): ImportMapping {
  return Object.fromEntries(Object.entries(mapping).filter(([, key]) => key));
}

/** Upload → map → dry run → run. The dry run and the run send the same mapping and options, so what the dry run said is what the run does. */
export function ImportWizard({ initialEntity }: { initialEntity: ImportEntity | null }) {
  const compact = useCompactLayout();
  const invalidate = useInvalidate();
  const [entity, setEntity] = useState<ImportEntity | null>(initialEntity);
  const [upload, setUpload] = useState<ImportUploadResult | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [options, setOptions] = useState<ImportOptionsInput>({});
  const [dryRun, setDryRun] = useState<ImportReport | null>(null);
  const [started, setStarted] = useState<ImportReport | null>(null);
  const uploading = useUploadImport();
  const checking = useDryRun(upload?.id ?? '');
  const running = useRunImport(upload?.id ?? '');
  const step = started ? 3 : dryRun ? 2 : upload ? 1 : 0;

  const reset = () => {
    setUpload(null);
    setDryRun(null);
    setStarted(null);
    setMapping({});
    setOptions({});
    uploading.reset();
    checking.reset();
    running.reset();
  };
  const input = () => (upload ? { entity: upload.entity, mapping: chosenMapping(mapping), options } : null);
  const runDry = () => {
    const body = input();
    if (body) checking.mutate(body, { onSuccess: setDryRun });
  };
  const runForReal = () => {
    const body = input();
    if (!body || !upload) return;
    running.mutate(body, {
      onSuccess: (report) => {
        setStarted(report);
        void invalidate(...COLLECTION_OF[upload.entity]);
      },
    });
  };
  const setRowChoice = (line: number, choice: ImportDuplicateChoice) => setOptions((o) => ({ ...o, rowChoices: { ...o.rowChoices, [String(line)]: choice } }));
  const choicesChangedSinceDryRun = Boolean(dryRun) && JSON.stringify(options) !== JSON.stringify(checking.variables?.options ?? {});

  return (
    <Card data-testid="import-wizard">
      {compact ? (
        // Four vertical steps would push the step itself below the fold on a phone: say where we are instead.
        <Stack gap={6} mb="md" data-testid="import-step-compact">
          <Text size="sm" fw={600}>
            Step {step + 1} of {STEPS.length}: {STEPS[step]?.label}
          </Text>
          <Progress value={((step + 1) / STEPS.length) * 100} size="sm" aria-label="Wizard progress" />
        </Stack>
      ) : (
        <Stepper active={step} size="sm" allowNextStepsSelect={false} mb="md">
          {STEPS.map((s, index) => (
            <Stepper.Step key={s.label} label={s.label} description={index === 0 && upload ? shortName(upload.fileName) : s.description} />
          ))}
        </Stepper>
      )}
      {step === 0 && (
        <UploadStep
          entity={entity}
          onEntityChange={setEntity}
          uploading={uploading.isPending}
          error={uploading.error}
          onUpload={(file) =>
            uploading.mutate(
              { file, entity },
              {
                onSuccess: (result) => {
                  setUpload(result);
                  setEntity(result.entity);
                  setMapping(Object.fromEntries(result.columns.map((column) => [column, result.suggestedMapping[column] ?? null])));
                },
              },
            )
          }
        />
      )}
      {step === 1 && upload && (
        <MappingStep
          upload={upload}
          mapping={mapping}
          onMappingChange={setMapping}
          options={options}
          onOptionsChange={setOptions}
          checking={checking.isPending}
          error={checking.error}
          onBack={reset}
          onDryRun={runDry}
        />
      )}
      {step === 2 && upload && dryRun && (
        <Stack gap="md" data-testid="import-dry-run-report">
          <Text size="sm">
            Nothing has been written yet. This is what importing <b>{upload.fileName}</b> would do to your {ENTITY_LABELS[upload.entity].plural}:
          </Text>
          <TotalsCards totals={dryRun.totals} dryRun />
          <ImportReportTable report={dryRun} entity={upload.entity} rowChoices={options.rowChoices ?? {}} onRowChoice={setRowChoice} />
          {dryRun.totals.error > 0 && (
            <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
              Rows with errors are left out of the import. Fix them in the file and import it again, or go back and change the mapping.
            </Alert>
          )}
          {Boolean(running.error) && (
            <Alert color="red" title="The import did not start" data-testid="import-run-error">
              {errorMessage(running.error)}
            </Alert>
          )}
          <Group justify="space-between">
            <Button variant="default" onClick={() => setDryRun(null)}>
              Back to columns
            </Button>
            <Group gap="xs">
              {choicesChangedSinceDryRun && (
                <Button variant="default" loading={checking.isPending} onClick={runDry} data-testid="import-recheck">
                  Dry run again
                </Button>
              )}
              <Button
                onClick={runForReal}
                loading={running.isPending}
                disabled={dryRun.totals.create + dryRun.totals.update === 0 && !choicesChangedSinceDryRun}
                data-testid="import-run"
              >
                Import {ENTITY_LABELS[upload.entity].plural}
              </Button>
            </Group>
          </Group>
        </Stack>
      )}
      {step === 3 && upload && started && <RunStep id={upload.id} entity={upload.entity} started={started} onAnother={reset} />}
    </Card>
  );
}
