import type { ImportEntity } from '@lpdesk/contracts';
import { Button, type ButtonProps } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCanImport } from './imports-api';

/** The lists' way into Settings → Import data, with what the file holds already chosen; hidden from agents. */
export function ImportLink({ entity, label = 'Import', ...props }: { entity: ImportEntity; label?: string } & ButtonProps) {
  if (!useCanImport()) return null;
  return (
    <Button
      component={Link}
      to={`/settings/import?entity=${entity}`}
      variant="default"
      leftSection={<IconFileImport size={16} />}
      data-testid={`import-${entity}`}
      {...props}
    >
      {label}
    </Button>
  );
}
