import { IMPORT_ENTITIES, type ImportEntity } from '@lpdesk/contracts';
import { Stack } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { ImportHistory } from './import-history';
import { ImportWizard } from './import-wizard';

/** Settings → Import data: the wizard, then every earlier import. `?entity=contacts` preselects what the file holds (the lists link here). */
export function ImportSettings() {
  const [params] = useSearchParams();
  const asked = params.get('entity');
  const entity = (IMPORT_ENTITIES as readonly string[]).includes(asked ?? '') ? (asked as ImportEntity) : null;
  return (
    <Stack>
      <ImportWizard key={entity ?? 'any'} initialEntity={entity} />
      <ImportHistory />
    </Stack>
  );
}
