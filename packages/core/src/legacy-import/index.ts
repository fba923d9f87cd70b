import type { Actor } from '../kernel/actor.js';
import { type CoreContext, identitySettings } from '../kernel/context.js';
import { write } from '../kernel/write.js';
import { applyBridgeMerges, type BridgeMerge } from '../identity/resolver.js';
import { importAuditLog } from './audit.js';
import { importClassicContacts, importClassicOrganizations } from './classic.js';
import { importCommitments } from './commitments.js';
import { importCommunications } from './communications.js';
import { importEmail } from './email.js';
import { importGrid, importGridContacts, importGridViews } from './grid.js';
import { LegacyDatabase } from './reader.js';
import { emptyReport, type LegacyEntityRef, type LegacyImportReport } from './report.js';
import type { ImportRun } from './run.js';
import type { LegacyTable } from './schema.js';
import { importTagPalette } from './tags.js';
import { importUsers } from './users.js';

export type { LegacyImportReport, LegacyMerge, LegacyMergeSuggestion, LegacyMoneyProblem } from './report.js';
export { LEGACY_SCHEMA, LEGACY_TABLES } from './schema.js';

export interface LegacyImportOptions {
  dryRun?: boolean;
  /** Called as each area starts (the CLI prints it). */
  onArea?: (area: string) => void;
}

/** Thrown inside the transaction to undo a dry run after its report is complete. */
class DryRunRollback extends Error {}

/** Areas in dependency order: users before anything they authored, investors before their commitments. */
const AREAS: [string, (run: ImportRun) => Promise<void>][] = [
  ['users', importUsers],
  ['tags', importTagPalette],
  ['organizations', importClassicOrganizations],
  ['grid', importGrid],
  ['contacts', importClassicContacts],
  ['grid contacts', importGridContacts],
  ['grid views', importGridViews],
  ['commitments', importCommitments],
  ['communications', importCommunications],
  ['email', importEmail],
  ['audit log', importAuditLog],
  ['not carried over', reportUnmapped],
];

/** Legacy tables LP Desk has no home for, row by row, with the reason (nothing is dropped silently). */
const UNMAPPED: [LegacyTable, string][] = [
  ['custom_fields', 'the legacy EAV custom fields were never wired into the legacy product'],
  ['custom_field_values', 'the legacy EAV custom fields were never wired into the legacy product'],
  ['feature_requests', 'LP Desk has no feature-request tracker'],
  ['app_settings', 'legacy settings; LP Desk is configured through its own config'],
  ['fundraising_automation_rules', 'the legacy engine never interpreted these rules; its hard-coded flags are imported as graveyard / follow up'],
  ['fundraising_automation_runs', 'run history of the legacy flag engine'],
  ['fundraising_backups', 'grid snapshots; the current grid state is imported'],
];

async function reportUnmapped(run: ImportRun): Promise<void> {
  for (const [table, reason] of UNMAPPED) {
    for (const row of run.legacy.rows(table)) run.report.skipped.push({ table, id: String(row.id ?? row.key ?? ''), reason });
  }
}

/**
 * Import the legacy tool's crm.db (opened read-only) in one transaction: everything lands or nothing
 * does. A dry run does the same work and rolls it back, so its report is exactly what a run would do.
 * Re-running is idempotent: every legacy row is filed in legacy_import_rows and as a source record.
 */
export async function importLegacyDatabase(core: CoreContext, actor: Actor, path: string, options: LegacyImportOptions = {}): Promise<LegacyImportReport> {
  const started = performance.now();
  const dryRun = options.dryRun ?? false;
  const report = emptyReport(path, dryRun);
  const legacy = new LegacyDatabase(path, report);
  const bridges: BridgeMerge[] = [];
  try {
    legacy.countAll();
    await write(core, actor, async (scope) => {
      const run: ImportRun = {
        scope,
        legacy,
        report,
        thresholds: identitySettings(core),
        bridges,
        createdIds: new Set(),
        refsByEntity: new Map(),
        users: new Map(),
        organizations: new Map(),
        contacts: new Map(),
        investorOfContact: new Map(),
        gridInvestors: new Map(),
        gridContacts: new Map(),
        fundsByName: new Map(),
        gridFunds: new Map(),
        opportunities: new Map(),
        lpProfiles: new Map(),
        communications: new Map(),
        tagsByName: new Map(),
      };
      for (const [area, body] of AREAS) {
        options.onArea?.(area);
        await body(run);
      }
      await reportMerges(run);
      await reportSuggestions(run);
      if (dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  } finally {
    legacy.close();
  }
  if (!dryRun && bridges.length > 0) await applyBridgeMerges(core, actor, bridges);
  report.durationMs = Math.round(performance.now() - started);
  return report;
}

/** Entities that gathered two or more legacy rows, and the clear matches between two entities (merged after commit). */
async function reportMerges(run: ImportRun): Promise<void> {
  for (const [entityId, entry] of run.refsByEntity) {
    if (entry.refs.length < 2) continue;
    run.report.merges.push({ entityType: entry.entityType, entityId, records: entry.refs, reason: [...entry.reasons].join('; ') || 'same entity' });
  }
  for (const bridge of run.bridges) {
    const refs = [...(run.refsByEntity.get(bridge.survivorId)?.refs ?? []), ...(run.refsByEntity.get(bridge.mergedId)?.refs ?? [])];
    run.report.merges.push({
      entityType: bridge.entityType,
      entityId: bridge.survivorId,
      records: refs,
      reason: `${bridge.rule} (${bridge.confidence}): merges ${bridge.mergedId} into ${bridge.survivorId}`,
    });
  }
}

/** Open merge suggestions that involve an imported entity: the conflicts a person must decide. */
async function reportSuggestions(run: ImportRun): Promise<void> {
  const ids = [...run.refsByEntity.keys()];
  if (ids.length === 0) return;
  const rows = [];
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    rows.push(
      ...(await run.scope.tx
        .selectFrom('identitySuggestions')
        .selectAll()
        .where('status', '=', 'open')
        .where((eb) => eb.or([eb('entityA', 'in', chunk), eb('entityB', 'in', chunk)]))
        .orderBy('id')
        .execute()),
    );
  }
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    const legacyOf = (entityId: string): LegacyEntityRef[] => run.refsByEntity.get(entityId)?.refs ?? [];
    const evidence = JSON.parse(row.evidenceJson) as { reason?: string }[];
    run.report.mergeSuggestions.push({
      entityType: row.entityType,
      records: [
        { entityId: row.entityA, legacy: legacyOf(row.entityA) },
        { entityId: row.entityB, legacy: legacyOf(row.entityB) },
      ],
      confidence: Number(row.confidence),
      reason:
        evidence
          .map((item) => item.reason)
          .filter(Boolean)
          .join('; ') || 'similar records',
    });
  }
}
