import type { Role } from '@lpdesk/contracts';
import type { Actor } from './actor.js';
import { Forbidden } from './errors.js';

/**
 * The permission matrix. docs/permissions.md mirrors this table; a test checks they agree.
 * Core operations each name one permission and are refused here, whatever door they came through.
 */
export const PERMISSIONS = {
  'crm.read': 'Read organizations, contacts, funds, commitments, communications, tasks, tags, custom fields',
  'crm.write': 'Create and edit organizations, contacts and commitments (including stage moves)',
  'crm.delete': 'Move organizations, contacts, commitments, communications and tasks to the trash and restore them',
  'communications.write': 'Log and edit communications',
  'tasks.write': 'Create, edit and complete tasks',
  'tags.apply': 'Create tags and apply them to records',
  'tags.manage': 'Rename, recolour and delete tags',
  'funds.write': 'Create, edit, delete and restore funds',
  'customFields.manage': 'Define, change and delete custom fields',
  'automations.manage': 'Create, change, enable, run and delete automation rules',
  'identity.merge': 'Merge duplicate contacts and organizations, reject suggestions, undo merges',
  'identity.scan': 'Run a full identity resolution pass over every source record',
  'email.manage': 'Enrol team mailboxes for email capture, change their settings, sync and import mail files',
  'email.read': 'Read captured email linked to contacts and organizations, download attachments',
  'email.link': 'Link or unlink captured email threads by hand; mark a contact or organization "do not capture"',
  'activity.read': 'Read the activity log',
  'users.manage': 'Create users, change roles, disable users, reset passwords',
  'apiKeys.manage': 'Create, list and revoke API keys',
  'trash.purge': 'Permanently purge trashed records past a retention period (CLI only)',
  'demo.seed': 'Load the demo fund into an empty database (CLI only)',
  'data.export': 'Download a JSON dump of the whole database (the CLI writes one with lpdesk export json)',
  'jobs.manage': 'See background jobs and event subscribers; retry failed jobs',
  'backups.manage': 'Make, verify and restore backups of the whole database; change the backup schedule and retention',
  'data.import': 'Import CSV/TSV files (dry run, run, undo) and see the import history',
  'identity.suggest': 'Suggest that two contacts or organizations are duplicates (a merge suggestion; never merges)',
  'agents.review': 'Approve or reject the writes agent keys propose (approval mode) and see them',
  'agents.calls': 'Read the log of every MCP tool call agent keys made',
  'agents.writeRecords':
    'MCP only: move commitment stages (no amounts) and change the allow-listed fields of records (move_stage, update_record); no HTTP route checks it',
} as const;

export type Permission = keyof typeof PERMISSIONS;

const member: Permission[] = ['crm.read', 'crm.write', 'crm.delete', 'communications.write', 'tasks.write', 'tags.apply', 'identity.merge', 'email.read', 'email.link', 'data.import', 'identity.suggest'];
const manager: Permission[] = [...member, 'tags.manage', 'funds.write', 'customFields.manage', 'automations.manage', 'activity.read', 'agents.review'];
const admin: Permission[] = Object.keys(PERMISSIONS) as Permission[];
/**
 * Agents read everything and may log communications and tasks and suggest duplicates; they cannot change
 * money or delete, and over HTTP cannot edit records or stages. Through the MCP tools move_stage and
 * update_record only (`agents.writeRecords`), a direct key may move stages and change allow-listed fields:
 * that one write runs with a lent role (core/agents/lent-role.ts). An approval-mode agent key may propose
 * more: the person who approves lends their own role to that one write (core/agents/proposals.ts).
 */
const agent: Permission[] = ['crm.read', 'communications.write', 'tasks.write', 'email.read', 'identity.suggest', 'agents.writeRecords'];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(admin),
  manager: new Set(manager),
  member: new Set(member),
  agent: new Set(agent),
};

export function can(actor: Pick<Actor, 'role'>, permission: Permission): boolean {
  return ROLE_PERMISSIONS[actor.role].has(permission);
}

export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new Forbidden(`Your role (${actor.role}) does not allow this: ${PERMISSIONS[permission].toLowerCase()}`);
  }
}
