import { type RawBuilder, sql, type SqlBool } from 'kysely';
import type { Db } from '../db/connect.js';

/**
 * "The commitment's investor is not in the trash", for reports over many commitments. Trashed
 * organizations are few, so the database collects them once (organizations_trashed_idx) and checks
 * each commitment against that small set, instead of looking up every commitment's organization.
 * Equivalent to joining live organizations: commitments.organization_id is a non-null foreign key.
 */
export function investorIsLive(db: Db, alias: string): RawBuilder<SqlBool> {
  const trashed = db.selectFrom('organizations').select('id').where('deletedAt', 'is not', null);
  return sql<SqlBool>`${sql.ref(`${alias}.organizationId`)} not in (${trashed})`;
}
