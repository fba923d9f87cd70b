import type { TrashImpact } from '@lpdesk/contracts';
import { formatMoneyShort } from '../../ui/format';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What else leaves which screen when a record goes to the trash, in sentences: the confirmation reads
 * them out so nothing disappears silently. Nothing listed is trashed with the record; restoring it
 * brings every screen back.
 */
export function trashImpactSentences(impact: TrashImpact): string[] {
  const lines: string[] = [];
  if (impact.commitments > 0) {
    lines.push(`${count(impact.commitments, 'commitment leaves', 'commitments leave')} the Pipeline, the LP Tracker and the Dashboard.`);
  }
  for (const fund of impact.funds) {
    if (fund.committedAmount > 0) lines.push(`${formatMoneyShort(fund.committedAmount, fund.currency)} committed leaves ${fund.fundName} totals.`);
    if (fund.expectedAmount > 0) lines.push(`${formatMoneyShort(fund.expectedAmount, fund.currency)} expected leaves the ${fund.fundName} pipeline.`);
  }
  if (impact.primaryContactOf > 0) {
    lines.push(
      `${count(impact.primaryContactOf, 'commitment names', 'commitments name')} ${impact.name} as primary contact; pick another there, or they keep pointing at a trashed contact.`,
    );
  }
  if (impact.linkedRecords > 0) {
    lines.push(
      impact.entityType === 'organization'
        ? `${count(impact.linkedRecords, 'person stays', 'people stay')} in Contacts, shown without ${impact.name}.`
        : `${impact.name} leaves the People list of ${count(impact.linkedRecords, 'organization', 'organizations')}.`,
    );
  }
  if (impact.openTasks > 0) lines.push(`${count(impact.openTasks, 'open task stays', 'open tasks stay')} in Tasks, linked to a record in the trash.`);
  if (impact.communications > 0) lines.push(`${count(impact.communications, 'communication stays', 'communications stay')} in the Communications feed.`);
  return lines;
}
