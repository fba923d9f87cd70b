import type { GridColumnView, GridRowView } from '@lpdesk/contracts';
import { parseGridFundField } from '@lpdesk/contracts';

const COMMITTED_STAGES = new Set(['committed', 'closed']);
const OPEN_STAGES = new Set(['lead', 'outreach', 'meeting', 'due_diligence', 'soft_circle']);

/**
 * Per fund money column, the sum over the given rows by docs/metrics.md: the committed column sums
 * committed amounts of commitments in committed or closed; the expected column sums expected amounts of
 * open-stage commitments (declined never counts). The same definitions the server uses for `totals`.
 */
export function computeTotals(columns: readonly GridColumnView[], rows: readonly Pick<GridRowView, 'cells'>[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const column of columns) {
    const parsed = parseGridFundField(column.field);
    if (!parsed || parsed.field === 'stage') continue;
    const stageField = `fund:${parsed.fundId}:stage`;
    const stages = parsed.field === 'committedAmount' ? COMMITTED_STAGES : OPEN_STAGES;
    let sum = 0;
    for (const row of rows) {
      const amount = row.cells[column.field];
      const stage = row.cells[stageField];
      if (typeof amount === 'number' && typeof stage === 'string' && stages.has(stage)) sum += amount;
    }
    totals[column.field] = sum;
  }
  return totals;
}
