import type { ReportFund } from '@lpdesk/contracts';
import type { Row } from '../../db/schema.js';

/** The fund a report is about, as reports show it. */
export const reportFund = (fund: Row<'funds'>): ReportFund => ({ id: fund.id, name: fund.name, currency: fund.currency, targetAmount: fund.targetAmount });

/** A user's display name: full name, else username. */
export const userName = (user: { fullName: string | null; username: string | null } | undefined | null): string | null =>
  user?.fullName ?? user?.username ?? null;
