import type { ImportEntity, ImportReport } from '@lpdesk/contracts';
import { Alert, Anchor, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { ListSkeleton } from '../../ui/layout';
import { canUndo } from './import-history';
import { ENTITY_LABELS } from './import-labels';
import { ImportReportTable, TotalsCards } from './import-report';
import { useImport, useImportReport } from './imports-api';
import { UndoImportDialog } from './undo-import-dialog';

/**
 * Step 4: the run. A small file answers with its whole report; a large one answers `running` at once,
 * so the progress comes from polling the import and the rows from its report when it is done.
 */
export function RunStep({ id, entity, started, onAnother }: { id: string; entity: ImportEntity; started: ImportReport; onAnother: () => void }) {
  const finishedAtOnce = started.status !== 'running';
  const view = useImport(id, { poll: !finishedAtOnce });
  const status = view.data?.status ?? started.status;
  const done = status !== 'running';
  const fetched = useImportReport(id, done && !finishedAtOnce);
  const report = finishedAtOnce ? started : fetched.data;
  const [undoing, setUndoing] = useState(false);
  const noun = ENTITY_LABELS[entity];

  if (!done) {
    const processed = view.data?.processedRows ?? started.rows.length;
    const total = view.data?.rowCount ?? started.totals.rows;
    const percent = Math.round((view.data?.progress ?? (total ? processed / total : 0)) * 100);
    return (
      <Stack gap="sm" data-testid="import-progress">
        <Text fw={600}>Importing…</Text>
        {/* A sliver at 0 % so the moving stripes show that the job has started. */}
        <Progress value={Math.max(percent, 4)} size="lg" animated striped aria-label="Import progress" />
        <Text size="sm" c="dimmed">
          {processed.toLocaleString()} of {total.toLocaleString()} rows ({percent}%). You can leave this screen: the import goes on, and its history below shows
          where it is.
        </Text>
      </Stack>
    );
  }
  if (status === 'failed')
    return (
      <Stack gap="sm">
        <Alert color="red" title="The import stopped" data-testid="import-failed">
          {view.data?.error ?? 'The server stopped the import. Rows already written are listed in the history and can be undone.'}
        </Alert>
        <Group>
          <Button variant="default" onClick={onAnother}>
            Start over
          </Button>
        </Group>
      </Stack>
    );
  if (fetched.isError) return <Alert color="red">{errorMessage(fetched.error)}</Alert>;
  if (!report) return <ListSkeleton rows={4} />;
  const written = report.totals.create + report.totals.update;
  return (
    <Stack gap="md" data-testid="import-summary">
      <Alert color="teal" icon={<IconCircleCheck size={18} />} title={`Import finished: ${written.toLocaleString()} ${written === 1 ? noun.singular : noun.plural} written`}>
        <Text size="sm">
          {report.totals.create.toLocaleString()} created, {report.totals.update.toLocaleString()} updated, {report.totals.skip.toLocaleString()} skipped
          {report.totals.error === 1 ? ', 1 row with errors was left out' : report.totals.error > 1 ? `, ${report.totals.error.toLocaleString()} rows with errors were left out` : ''}.{' '}
          <Anchor component={Link} to={noun.listPath} data-testid="import-view-records">
            See them in {noun.label}
          </Anchor>
        </Text>
      </Alert>
      <TotalsCards totals={report.totals} dryRun={false} />
      <ImportReportTable report={report} entity={entity} />
      <Group justify="space-between">
        {view.data && canUndo(view.data) ? (
          <Button variant="light" color="red" onClick={() => setUndoing(true)} data-testid="undo-this-import">
            Undo this import
          </Button>
        ) : (
          <span />
        )}
        <Button onClick={onAnother} data-testid="import-another">
          Import another file
        </Button>
      </Group>
      {undoing && view.data && <UndoImportDialog target={view.data} onClose={() => setUndoing(false)} />}
    </Stack>
  );
}
