import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { type Collection, useRecord } from '../../api/hooks';

interface RecordPageProps<T> {
  collection: Extract<Collection, 'contacts' | 'organizations'>;
  label: string;
  nameOf(record: T): string;
  children(id: string, close: () => void): ReactNode;
}

/** The full-page form of a record: a breadcrumb back to its list, then the same detail view as the drawer. */
export function RecordPage<T>({ collection, label, nameOf, children }: RecordPageProps<T>) {
  const { id } = useParams();
  const navigate = useNavigate();
  // Shares the detail view's query (same key), so this costs no extra request.
  const record = useRecord<T>(collection, id);
  const listPath = `/${collection}`;
  return (
    <>
      <Breadcrumbs mb="md" fz="sm">
        <Anchor component={Link} to={listPath} size="sm">
          {label}
        </Anchor>
        {record.data && (
          <Text size="sm" c="dimmed">
            {nameOf(record.data)}
          </Text>
        )}
      </Breadcrumbs>
      {id && children(id, () => navigate(listPath))}
    </>
  );
}
