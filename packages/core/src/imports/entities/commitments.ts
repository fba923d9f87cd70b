import { CommitmentCreateInput, type CommitmentUpdateInput, type ImportRowError, type Stage, stageMoveProblem } from '@lpdesk/contracts';
import { createCommitmentIn, presentCommitment, updateCommitmentIn } from '../../commitments/index.js';
import { findRow } from '../../kernel/records.js';
import type { Tx, WriteScope } from '../../kernel/write.js';
import { fundNameKey, type Known, organizationNameKey, type RunContext } from '../context.js';
import { customFieldValues, linkContact, linkNotes, linkOrganization, linkTags, type OrganizationLink, settleOrganization, settleTags } from '../links.js';
import type { ParsedMoney } from '../money.js';
import type { RowValues } from '../read.js';
import { changedFields, type EntityAdapter, type FlatFields, flattenCustom, PLACEHOLDER_ID, pick, type RowPlan, schemaErrors, union, unflatten } from './types.js';

const SCALARS = [
  'stage',
  'declinedReason',
  'expectedAmount',
  'committedAmount',
  'fundedAmount',
  'probability',
  'expectedCloseOn',
  'priority',
  'nextStep',
  'source',
  'primaryContactId',
  'subscriptionDocsSentOn',
  'subscriptionDocsSignedOn',
  'sideLetter',
  'wireReceivedOn',
] as const;
const AMOUNTS = ['expectedAmount', 'committedAmount', 'fundedAmount'] as const;

const STAGE_PROBLEMS: Record<string, string> = {
  reason_required: 'a declined commitment needs a declined reason (map a column to "Declined reason")',
  committed_amount_required: 'committed and closed commitments need a committed amount',
};

async function snapshot(tx: Tx, id: string, keys: string[]): Promise<FlatFields> {
  const view = await presentCommitment(tx, await findRow(tx, 'commitments', id, 'Commitment'));
  const all: FlatFields = { ...Object.fromEntries(SCALARS.map((key) => [key, view[key]])), tagIds: view.tags.map((tag) => tag.id), ...flattenCustom(view.customFields, keys) };
  return pick(all, keys);
}

async function apply(scope: WriteScope, id: string, fields: FlatFields): Promise<void> {
  await updateCommitmentIn(scope, id, unflatten(fields) as CommitmentUpdateInput);
}

/** "50%", "50" and "0.5" are all fifty percent. */
function probabilityOf(value: number): number {
  return value > 0 && value < 1 ? Math.round(value * 100) : Math.round(value);
}

async function plan(context: RunContext, values: RowValues): Promise<RowPlan> {
  const errors: ImportRowError[] = [...values.errors];
  const notes: string[] = [];
  const columnOf = (key: string) => values.columns.get(key) ?? null;
  const organizationName = ((values.values.get('organization') as string[] | undefined) ?? [])[0];
  const fundName = ((values.values.get('fund') as string[] | undefined) ?? [])[0];
  let organization: OrganizationLink | null = null;
  if (!organizationName) errors.push({ column: columnOf('organization'), message: 'Investor: a commitment needs an investor' });
  else {
    organization = linkOrganization(context, organizationName, context.options.createMissingOrganizations);
    if ('error' in organization) errors.push({ column: columnOf('organization'), message: `Investor: ${organization.error}` });
  }
  const fund = fundName ? context.index.fundsByName.get(fundNameKey(fundName)) : undefined;
  if (!fundName) errors.push({ column: columnOf('fund'), message: 'Fund: a commitment needs a fund' });
  else if (!fund) errors.push({ column: columnOf('fund'), message: `Fund: no fund named "${fundName}"` });

  const scalars: FlatFields = {};
  for (const key of SCALARS) {
    const value = values.values.get(key === 'primaryContactId' ? 'primaryContact' : key);
    if (value === undefined) continue;
    if ((AMOUNTS as readonly string[]).includes(key)) {
      const money = value as ParsedMoney;
      if (fund && money.currency !== fund.currency) errors.push({ column: columnOf(key), message: `${money.currency} amount for a fund in ${fund.currency}` });
      else if (money.minorUnits < 0) errors.push({ column: columnOf(key), message: 'amounts must not be negative' });
      else scalars[key] = money.minorUnits;
    } else if (key === 'probability') scalars[key] = probabilityOf(value as number);
    else if (key === 'primaryContactId') {
      const contact = linkContact(context, (value as string[])[0] ?? '');
      if ('error' in contact) errors.push({ column: columnOf('primaryContact'), message: `Primary contact: ${contact.error}` });
      else scalars[key] = contact.known.entityId ?? PLACEHOLDER_ID;
    } else scalars[key] = value;
  }
  const tags = linkTags(context, (values.values.get('tags') as string[] | undefined) ?? [], columnOf('tags'));
  errors.push(...tags.errors);
  const custom = customFieldValues(context, values);
  errors.push(...custom.errors);
  const draft = { organizationId: PLACEHOLDER_ID, fundId: PLACEHOLDER_ID, ...scalars, tagIds: [...tags.known, ...tags.restore, ...tags.create].map(() => PLACEHOLDER_ID), customFields: custom.values };
  errors.push(...schemaErrors(CommitmentCreateInput.safeParse(draft), (path) => columnOf(String(path[0] ?? ''))));

  const organizationKey = organization && !('error' in organization) ? (organization.create ? `name:${organizationNameKey(organization.name)}` : (organization.known.entityId ?? `name:${organizationNameKey(organization.known.label)}`)) : null;
  const pairKey = organizationKey && fund ? `${organizationKey}|${fund.id}` : null;
  let duplicate: RowPlan['duplicate'] = null;
  const known = pairKey ? context.index.commitmentsByPair.get(pairKey) : undefined;
  if (known?.trashed) errors.push({ column: columnOf('organization'), message: `${organizationName} has a commitment to ${fund?.name} in the trash; restore it first` });
  else if (known) duplicate = { known, reason: `${organizationName} already has a commitment to ${fund?.name}` };

  const stage = scalars.stage as Stage | undefined;
  const createErrors: ImportRowError[] = [];
  if (stage && stage !== 'lead') {
    const problem = stageMoveProblem('lead', stage, scalars.declinedReason as string | undefined, scalars.committedAmount as number | undefined);
    if (problem && STAGE_PROBLEMS[problem]) createErrors.push({ column: columnOf('stage'), message: `Stage: ${STAGE_PROBLEMS[problem]}` });
  }
  const updateErrors: ImportRowError[] = [];
  if (stage && known?.entityId) {
    const current = await context.db.selectFrom('commitments').select(['stage', 'committedAmount']).where('id', '=', known.entityId).executeTakeFirst();
    if (current && current.stage !== stage) {
      const problem = stageMoveProblem(current.stage as Stage, stage, scalars.declinedReason as string | undefined, (scalars.committedAmount as number | undefined) ?? current.committedAmount);
      if (problem && STAGE_PROBLEMS[problem]) updateErrors.push({ column: columnOf('stage'), message: `Stage: ${STAGE_PROBLEMS[problem]}` });
    }
  }
  const register = (entityId: string | null, line: number, organizationId: string | null) => {
    const entry: Known = { entityId, line, label: `${organizationName} in ${fund?.name}` };
    if (pairKey && !context.index.commitmentsByPair.has(pairKey)) context.index.commitmentsByPair.set(pairKey, entry);
    if (organizationId && fund) context.index.commitmentsByPair.set(`${organizationId}|${fund.id}`, entry);
  };
  return {
    errors,
    notes,
    linkNotes: linkNotes(organization, tags),
    duplicate,
    createBlocked: `${organizationName} already has a commitment to ${fund?.name} (one per investor and fund); choose update or skip`,
    createErrors: [...createErrors, ...custom.missingRequired],
    updateErrors,
    sourceRecord: null,
    async create(scope) {
      const organizationId = organization ? await settleOrganization(scope, context, organization, values.line) : null;
      const tagIds = await settleTags(scope, context, tags, values.line);
      let entityId: string | null = null;
      if (scope && organizationId && fund) {
        const input = CommitmentCreateInput.parse({ ...draft, organizationId, fundId: fund.id, tagIds });
        entityId = (await createCommitmentIn(scope, input)).id;
      }
      register(entityId, values.line, organizationId);
      return entityId;
    },
    async update(scope, id) {
      const tagIds = await settleTags(scope, context, tags, values.line);
      if (!scope || !id) return null;
      const wanted: FlatFields = { ...scalars, ...flattenCustom(custom.values, Object.keys(custom.values).map((key) => `customFields.${key}`)) };
      const keys = [...Object.keys(wanted), ...(tagIds.length ? ['tagIds'] : [])];
      const before = await snapshot(scope.tx, id, keys);
      if (tagIds.length) wanted.tagIds = union(before.tagIds as string[], tagIds);
      const changes = changedFields(before, wanted);
      if (Object.keys(changes).length > 0) await apply(scope, id, changes);
      const after = await snapshot(scope.tx, id, Object.keys(changes));
      return { before: pick(before, Object.keys(changes)), after };
    },
  };
}

export const commitmentAdapter: EntityAdapter = { entityType: 'commitment', table: 'commitments', plan, snapshot, apply };
