import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';

/** Query parameters with empty values left out, as the report routes expect. */
function queryString(query: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * "Export CSV" on a report screen: a plain download link to the report's `/export` route with the
 * screen's filters (the session cookie goes with it), so the file is what the screen shows, every row.
 */
export function ExportCsvButton({
  path,
  query = {},
  testId,
  label = 'Export CSV',
}: {
  path: string;
  query?: Record<string, string | number | null | undefined>;
  testId?: string;
  label?: string;
}) {
  return (
    <Button
      component="a"
      href={`${path}${queryString(query)}`}
      download
      variant="default"
      leftSection={<IconDownload size={16} />}
      data-testid={testId ?? 'export-report-csv'}
    >
      {label}
    </Button>
  );
}
