/**
 * The report answers as the screens read them. The shapes follow issue 16's contract
 * (packages/contracts/src/report-analytics.ts on the reports branch); amounts are integer minor units.
 */
export interface FundRef {
  id: string;
  name: string;
  currency: string;
}

export interface FundProgressPoint {
  date: string;
  committedAmount: number;
  closedAmount: number;
}

export interface FundProgress {
  fund?: FundRef | null;
  currency?: string;
  targetAmount: number | null;
  softCircledAmount: number;
  committedAmount: number;
  closedAmount: number;
  fundedAmount: number;
  series: FundProgressPoint[];
}

export interface PipelineStageRow {
  stage: string;
  count: number;
  amount: number;
  weightedAmount: number;
}

export interface PipelineGroupRow {
  key: string | null;
  label: string;
  count: number;
  amount: number;
  weightedAmount: number;
}

export interface ExpectedCloseRow {
  month: string;
  count: number;
  amount: number;
  weightedAmount: number;
}

export interface PipelineAnalysis {
  fund?: FundRef | null;
  currency?: string;
  weightedAmount: number;
  byStage: PipelineStageRow[];
  byOwner: PipelineGroupRow[];
  byPriority: PipelineGroupRow[];
  expectedCloses: ExpectedCloseRow[];
}

export interface ConversionStage {
  stage: string;
  entered: number;
  advanced: number;
  conversion: number | null;
  medianDays: number | null;
  p75Days: number | null;
}

export interface Conversion {
  stages: ConversionStage[];
  winRate?: number | null;
  declinedReasons?: { reason: string | null; count: number }[];
}

export interface BreakdownRow {
  key: string | null;
  label: string;
  count: number;
  amount: number;
}

export interface LpBreakdown {
  fund?: FundRef | null;
  currency?: string;
  totalAmount: number;
  byKind: BreakdownRow[];
  byGeography: BreakdownRow[];
  byCheckSize: BreakdownRow[];
  concentration: { top10Amount: number; top10Share: number | null; lpCount: number };
}

export type ReupStatus = 'committed' | 'in_progress' | 'declined' | 'not_approached';

export interface ReupRow {
  organizationId: string;
  name: string;
  priorCommittedAmount: number;
  status: ReupStatus;
  commitmentId?: string | null;
}

export interface CountRow {
  key: string | null;
  label: string;
  count: number;
}

export interface ColdInvestor {
  organizationId: string;
  name: string;
  ownerId: string | null;
  ownerName?: string | null;
  lastTouchAt: string | null;
}

export interface NextAction {
  id: string;
  title: string;
  dueOn: string | null;
  assigneeName?: string | null;
  entityName?: string | null;
  overdue: boolean;
}

export interface ActivityReport {
  byUser: CountRow[];
  byKind: CountRow[];
  byPeriod: { period: string; count: number }[];
  cold: ColdInvestor[];
  nextActions: NextAction[];
}

export interface TearSheet {
  organization: {
    id: string;
    name: string;
    kind: string;
    location: string | null;
    website: string | null;
    description: string | null;
    ownerName?: string | null;
  };
  commitments: {
    id: string;
    fundName: string;
    stage: string;
    currency: string;
    expectedAmount: number | null;
    committedAmount: number | null;
    fundedAmount: number | null;
  }[];
  contacts: { id: string; name: string; title: string | null; email: string | null; phone: string | null; isPrimary: boolean }[];
  lastTouches: { id: string; kind: string; subject: string | null; occurredAt: string; summary?: string | null }[];
  openTasks: { id: string; title: string; dueOn: string | null; assigneeName?: string | null }[];
}
