import { Badge, Button } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { Link } from 'react-router';
import { type IdentityEntityType, useOpenSuggestionCount } from './identity-api';

/** The list pages' header link to the duplicates queue, with how many pairs wait for a decision. */
export function DuplicatesButton({ entityType }: { entityType: IdentityEntityType }) {
  const count = useOpenSuggestionCount(entityType);
  const open = count.data ?? 0;
  return (
    <Button
      component={Link}
      to={`/duplicates?entityType=${entityType}`}
      variant="default"
      leftSection={<IconCopy size={16} />}
      rightSection={
        open > 0 ? (
          <Badge size="sm" circle={open < 10} color="orange" data-testid="duplicates-count">
            {open}
          </Badge>
        ) : undefined
      }
      data-testid={`duplicates-${entityType}`}
    >
      Duplicates
    </Button>
  );
}
