import { Alert } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { errorMessage } from '../../api/client';
import { ListSkeleton } from '../../ui/layout';

/** Loading and failure for a report body; the filters above it stay usable either way. */
export function ReportState({ query, children }: { query: UseQueryResult<unknown>; children: ReactNode }) {
  if (query.isPending) return <ListSkeleton rows={6} height={40} />;
  if (query.isError) return <Alert color="red">{errorMessage(query.error)}</Alert>;
  return <>{children}</>;
}
