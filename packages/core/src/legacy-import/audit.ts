import { newId } from '../kernel/ids.js';
import { instant, text } from './reader.js';
import { countState, type ImportRun, track, ledgerEntry } from './run.js';

/** Legacy entity types → LP Desk's, and where this run put each legacy id. */
function targetOf(run: ImportRun, legacyType: string, legacyId: string | null): { entityType: string; entityId: string | null } {
  const id = legacyId ?? '';
  switch (legacyType) {
    case 'contact':
    case 'contacts':
      return { entityType: 'contact', entityId: run.contacts.get(id) ?? null };
    case 'organization':
    case 'organizations':
      return { entityType: 'organization', entityId: run.organizations.get(id) ?? null };
    case 'opportunity':
    case 'opportunities':
      return { entityType: 'commitment', entityId: run.opportunities.get(id) ?? null };
    case 'lp_profile':
    case 'lp_profiles':
      return { entityType: 'commitment', entityId: run.lpProfiles.get(id) ?? null };
    case 'communication':
    case 'communications':
      return { entityType: 'communication', entityId: run.communications.get(id) ?? null };
    case 'user':
    case 'users':
      return { entityType: 'user', entityId: run.users.get(id)?.id ?? null };
    default:
      return { entityType: legacyType.slice(0, 60) || 'legacy', entityId: null };
  }
}

/**
 * The legacy audit log becomes historical activity: its own time, the legacy user as actor, the legacy
 * action name, door `import`, `historical` set. Written straight to the log (not the outbox): these are
 * past events, nothing should react to them now. The legacy ids stay in the entry's diff.
 */
export async function importAuditLog(run: ImportRun): Promise<void> {
  for (const row of run.legacy.rows('audit_log')) {
    const legacyId = String(row.id);
    const at = instant(row.created_at);
    const action = text(row.action);
    if (!at || !action) {
      run.report.skipped.push({ table: 'audit_log', id: legacyId, reason: at ? 'no action' : 'no valid time' });
      continue;
    }
    // Parsed every run: the report describes the file, whatever an earlier run already brought over.
    const changes = run.legacy.json('audit_log', row, 'changes');
    const known = await ledgerEntry(run, 'audit_log', legacyId);
    if (known) continue;
    const legacyType = text(row.entity_type) ?? 'legacy';
    const legacyEntityId = text(row.entity_id);
    const target = targetOf(run, legacyType, legacyEntityId);
    const user = run.users.get(String(row.user_id));
    const id = newId();
    await run.scope.tx
      .insertInto('activityLog')
      .values({
        id,
        at,
        actorKind: user ? 'user' : 'system',
        actorId: user?.id ?? null,
        actorName: user?.name ?? 'legacy system',
        door: 'import',
        requestId: null,
        action: action.slice(0, 60),
        entityType: target.entityType,
        entityId: target.entityId,
        diffJson: JSON.stringify({
          before: {},
          after: legacyChanges(changes, row.changes),
          legacy: { id: legacyId, entityType: legacyType, entityId: legacyEntityId, userId: text(row.user_id) },
        }),
        batchId: null,
        historical: 1,
      })
      .execute();
    const state = await track(run, 'audit_log', legacyId, 'activity', id, { at, action });
    countState(run, 'activity', state, true);
  }
}

/**
 * The legacy `changes` as the entry's "after" side, so the activity log reads them like LP Desk's own
 * ("… set First name of Jane Doe to Jane"); text that was not JSON stays as it was written.
 */
function legacyChanges(parsed: unknown, raw: unknown): Record<string, unknown> {
  if (parsed === undefined) return { legacyChanges: String(raw) };
  if (parsed === null) return {};
  if (typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  return { legacyChanges: JSON.stringify(parsed) };
}
