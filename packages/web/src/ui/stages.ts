import { Stage } from '@lpdesk/contracts';

/** Every stage in board order, declined last (the order contracts defines). */
export const ALL_STAGES: readonly Stage[] = Stage.options;

/** One colour per stage, used by badges, kanban columns and the dashboard stage bar. */
export const STAGE_META: Record<Stage, { label: string; color: string }> = {
  lead: { label: 'Lead', color: 'gray' },
  outreach: { label: 'Outreach', color: 'blue' },
  meeting: { label: 'Meeting', color: 'cyan' },
  due_diligence: { label: 'Due diligence', color: 'violet' },
  soft_circle: { label: 'Soft circle', color: 'orange' },
  committed: { label: 'Committed', color: 'teal' },
  closed: { label: 'Closed', color: 'green' },
  declined: { label: 'Declined', color: 'red' },
};

export const stageLabel = (stage: string | null | undefined) => (stage ? (STAGE_META[stage as Stage]?.label ?? stage) : '—');
export const stageColor = (stage: string | null | undefined) => (stage ? (STAGE_META[stage as Stage]?.color ?? 'gray') : 'gray');

export const STAGE_OPTIONS = ALL_STAGES.map((stage) => ({ value: stage, label: STAGE_META[stage].label }));
