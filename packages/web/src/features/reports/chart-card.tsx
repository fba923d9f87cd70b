import { Box, Card, Table, Text } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';
import { SectionTitle } from '../../ui/layout';

/** A titled card holding one chart that takes the card's width; `empty` replaces the chart when there is nothing to draw. */
export function ChartCard({
  title,
  height = 280,
  empty,
  testId,
  right,
  children,
}: {
  title: ReactNode;
  height?: number;
  empty?: string | null;
  testId?: string;
  right?: ReactNode;
  children: ReactElement;
}) {
  return (
    <Card data-testid={testId} className="lp-report-card">
      <SectionTitle right={right}>{title}</SectionTitle>
      {empty ? (
        <Text size="sm" c="dimmed" py="xl" ta="center" data-testid="chart-empty">
          {empty}
        </Text>
      ) : (
        <Box h={height} style={{ minWidth: 0 }}>
          <ResponsiveContainer width="100%" height="100%" minWidth={0}>
            {children}
          </ResponsiveContainer>
        </Box>
      )}
    </Card>
  );
}

/** A report table that scrolls inside its own box on narrow screens instead of widening the page. */
export function ReportTable({ minWidth = 520, testId, children }: { minWidth?: number; testId?: string; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native">
      <Table verticalSpacing="xs" horizontalSpacing="md" striped highlightOnHover data-testid={testId}>
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}

/** 0.4567 → "46%"; null (nothing to divide by) → "—". */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : `${Math.round(value * 100)}%`;
}

export function formatDays(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value * 10) / 10} d`;
}

/** "2031-04" → "Apr 2031"; null → "No date". */
export function monthLabel(month: string | null): string {
  if (!month) return 'No date';
  const [year, m] = month.split('-').map(Number);
  if (!year || !m) return month;
  return `${new Date(Date.UTC(year, m - 1, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${year}`;
}
