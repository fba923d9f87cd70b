import { sql } from 'kysely';
import type { CoreContext } from '../kernel/context.js';

/*
 * The grid's two biggest reads, one row per organization instead of one per value: 1,000 investors
 * × 30 custom fields is 30,000 value rows and × 6 funds 6,000 commitment rows, and turning database
 * rows into JavaScript objects is most of the cost. The database packs each organization's values into
 * one JSON text (json_group_array / json_agg), which JSON.parse unpacks far faster than the driver
 * builds row objects. Same data, same filters as the plain queries they replace.
 */

/** [definitionId, valueText, valueNumber, valueJson] per value. */
export type PackedValue = [string, string | null, number | null, string | null];
/** [commitmentId, version, fundId, stage, committedAmount, expectedAmount] per live commitment. */
export type PackedCommitment = [string, number, string, string, number | string | null, number | string | null];

interface PackedRow {
  entityId: string;
  packed: string;
}

function unpack<T>(rows: PackedRow[]): Map<string, T[]> {
  return new Map(rows.map((row) => [row.entityId, JSON.parse(row.packed) as T[]]));
}

/** Every organization custom field value, by organization id. */
export async function loadPackedValues(core: CoreContext): Promise<Map<string, PackedValue[]>> {
  const result =
    core.dialect === 'sqlite'
      ? await sql<PackedRow>`select entity_id, json_group_array(json_array(definition_id, value_text, value_number, value_json)) as packed
          from custom_field_values where entity_type = 'organization' group by entity_id`.execute(core.db)
      : await sql<PackedRow>`select entity_id, json_agg(json_build_array(definition_id, value_text, value_number, value_json))::text as packed
          from custom_field_values where entity_type = 'organization' group by entity_id`.execute(core.db);
  return unpack<PackedValue>(result.rows);
}

/** Every live commitment, by organization id (all funds: the relationship needs them). */
export async function loadPackedCommitments(core: CoreContext): Promise<Map<string, PackedCommitment[]>> {
  const result =
    core.dialect === 'sqlite'
      ? await sql<PackedRow>`select organization_id as entity_id,
            json_group_array(json_array(id, version, fund_id, stage, committed_amount, expected_amount)) as packed
          from commitments where deleted_at is null group by organization_id`.execute(core.db)
      : await sql<PackedRow>`select organization_id as entity_id,
            json_agg(json_build_array(id, version, fund_id, stage, committed_amount, expected_amount))::text as packed
          from commitments where deleted_at is null group by organization_id`.execute(core.db);
  return unpack<PackedCommitment>(result.rows);
}
