import { Stack, Tabs } from '@mantine/core';
import type { ComponentType } from 'react';
import { Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../ui/layout';
import { ActivityReport } from './activity-report';
import { ConversionReport } from './conversion-report';
import { FundProgressReport } from './fund-progress-report';
import { LpBreakdownReport } from './lp-breakdown-report';
import { PipelineReport } from './pipeline-report';
import { ReupsReport } from './reups-report';

/** One entry per report; the slug is the URL segment under /reports. */
export const REPORTS: { slug: string; label: string; description: string; Screen: ComponentType }[] = [
  {
    slug: 'fund-progress',
    label: 'Fund progress',
    description: 'Target against soft-circled, committed, closed and funded, and how it grew',
    Screen: FundProgressReport,
  },
  {
    slug: 'pipeline',
    label: 'Pipeline',
    description: 'Open commitments by stage, owner and priority, and when they are expected to close',
    Screen: PipelineReport,
  },
  {
    slug: 'conversion',
    label: 'Conversion & velocity',
    description: 'How many investors move on from each stage, and how long they stay',
    Screen: ConversionReport,
  },
  { slug: 'lp-breakdown', label: 'LP breakdown', description: 'Who the LPs are: kind, geography, check size and concentration', Screen: LpBreakdownReport },
  { slug: 'reups', label: 'Re-ups', description: 'Every LP of the prior fund and where it stands in the new one', Screen: ReupsReport },
  { slug: 'activity', label: 'Activity', description: 'Outreach by person and kind, investors gone cold, next actions', Screen: ActivityReport },
];

export function ReportsScreen() {
  const { report: slug } = useParams();
  const { search } = useLocation();
  const navigate = useNavigate();
  const current = REPORTS.find((r) => r.slug === slug);
  if (!current) return <Navigate to={`/reports/${REPORTS[0]?.slug}${search}`} replace />;
  return (
    <Stack gap="md">
      <PageHeader title="Reports" description={current.description} />
      {/* Switching reports keeps the fund and dates chosen, so the same slice reads across reports. */}
      <Tabs value={current.slug} onChange={(value) => value && navigate(`/reports/${value}${search}`)} keepMounted={false}>
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {REPORTS.map((r) => (
            <Tabs.Tab key={r.slug} value={r.slug} data-testid={`report-tab-${r.slug}`}>
              {r.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <current.Screen key={current.slug} />
    </Stack>
  );
}
