import { z } from 'zod';
import { ActorKind } from './activity.js';
import { Priority, Stage } from './commitments.js';
import { CalendarDate, CurrencyCode, Id, Instant, MinorUnits } from './common.js';
import { CommunicationKind, CommunicationSource } from './communications.js';
import { AccreditationMethod, AccreditationStatus, PhoneLabel, PreferredChannel } from './contacts.js';
import { CustomFieldType } from './custom-fields.js';
import { Exemption, FundStatus } from './funds.js';
import { OrganizationKind, Relationship } from './organizations.js';
import { TagColor } from './tags.js';
import { LinkableEntity, TaskStatus } from './tasks.js';

/**
 * Records as every door presents them (camelCase; money as integer minor units with a currency;
 * dates YYYY-MM-DD; instants UTC ISO-8601). The core's presenters produce these, operations declare
 * them as their output, the OpenAPI document shows them, and the web app reads the inferred types.
 * One definition, so the doors cannot drift; a contract test holds the presenters to it.
 *
 * `.meta({ id })` names a shape that OpenAPI lists once under components.schemas.
 */

export const Ref = z.object({ id: Id, name: z.string() }).meta({ id: 'Ref' });
export type Ref = z.infer<typeof Ref>;

export const TagRef = z.object({ id: Id, name: z.string(), color: TagColor }).meta({ id: 'TagRef' });
export type TagRef = z.infer<typeof TagRef>;

export const CustomFieldValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);
export type CustomFieldValue = z.infer<typeof CustomFieldValue>;
/** Custom field values by key; keys without a value are left out. */
export const CustomFieldMap = z.record(z.string(), CustomFieldValue);
export type CustomFieldMap = z.infer<typeof CustomFieldMap>;

/** The id of whoever made a change: a user or an API key, null for the system. */
const ActorId = z.string().nullable();

const recordBase = {
  id: Id,
  /** +1 per change; send it back as If-Match to refuse a stale edit. */
  version: z.int().min(1),
  createdAt: Instant,
  updatedAt: Instant,
  createdBy: ActorId.optional(),
  deletedAt: Instant.nullable(),
  deletedBy: ActorId,
};
export const RecordBase = z.object(recordBase);
export type RecordBase = z.infer<typeof RecordBase>;

export const OrganizationView = z
  .object({
    ...recordBase,
    name: z.string(),
    kind: OrganizationKind,
    website: z.string().nullable(),
    emailDomains: z.array(z.string()),
    description: z.string().nullable(),
    location: z.string().nullable(),
    leadSource: z.string().nullable(),
    ownerId: Id.nullable(),
    owner: Ref.nullable(),
    relationship: Relationship,
    tags: z.array(TagRef),
    customFields: CustomFieldMap,
  })
  .meta({ id: 'Organization' });
export type Organization = z.infer<typeof OrganizationView>;

export const ContactOrganizationLink = z
  .object({
    organizationId: Id,
    name: z.string(),
    kind: OrganizationKind,
    role: z.string().nullable(),
    isPrimary: z.boolean(),
    /** Works-at: the title held there, and the day it ended for a past employer (null while current). */
    title: z.string().nullable(),
    endedOn: z.string().nullable(),
  })
  .meta({ id: 'ContactOrganizationLink' });
export type ContactOrganizationLink = z.infer<typeof ContactOrganizationLink>;

export const ContactView = z
  .object({
    ...recordBase,
    firstName: z.string(),
    lastName: z.string(),
    fullName: z.string(),
    title: z.string().nullable(),
    emails: z.array(z.string()),
    /** E.164 numbers; the first primary one is the number to call. */
    phones: z.array(z.object({ number: z.string(), label: PhoneLabel, isPrimary: z.boolean() })),
    organizations: z.array(ContactOrganizationLink),
    primaryOrganization: Ref.nullable(),
    linkedinUrl: z.string().nullable(),
    location: z.string().nullable(),
    preferredChannel: PreferredChannel.nullable(),
    source: z.string().nullable(),
    notes: z.string().nullable(),
    ownerId: Id.nullable(),
    owner: Ref.nullable(),
    accreditationStatus: AccreditationStatus,
    accreditationMethod: AccreditationMethod.nullable(),
    accreditationVerifiedOn: CalendarDate.nullable(),
    accreditationExpiresOn: CalendarDate.nullable(),
    qualifiedPurchaser: z.boolean().nullable(),
    /** Derived from the commitments of the contact's organizations; never stored. */
    relationship: Relationship,
    tags: z.array(TagRef),
    customFields: CustomFieldMap,
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof ContactView>;

export const FundView = z
  .object({
    ...recordBase,
    createdBy: ActorId,
    name: z.string(),
    vintage: z.int().nullable(),
    currency: CurrencyCode,
    targetAmount: MinorUnits.nullable(),
    hardCapAmount: MinorUnits.nullable(),
    status: FundStatus,
    exemption: Exemption.nullable(),
    firstCloseOn: CalendarDate.nullable(),
    finalCloseOn: CalendarDate.nullable(),
    description: z.string().nullable(),
  })
  .meta({ id: 'Fund' });
export type Fund = z.infer<typeof FundView>;

export const CommitmentView = z
  .object({
    ...recordBase,
    organizationId: Id,
    organization: z.object({ id: Id, name: z.string(), kind: OrganizationKind }).nullable(),
    fundId: Id,
    fund: Ref.nullable(),
    stage: Stage,
    stageChangedAt: Instant,
    declinedReason: z.string().nullable(),
    /** The fund's currency: every amount below is in its minor units. */
    currency: CurrencyCode,
    expectedAmount: MinorUnits.nullable(),
    committedAmount: MinorUnits.nullable(),
    fundedAmount: MinorUnits.nullable(),
    probability: z.int().min(0).max(100).nullable(),
    /** `probability` when set, else the stage default. */
    effectiveProbability: z.int().min(0).max(100),
    expectedCloseOn: CalendarDate.nullable(),
    ownerId: Id.nullable(),
    owner: Ref.nullable(),
    primaryContactId: Id.nullable(),
    primaryContact: Ref.nullable(),
    priority: Priority.nullable(),
    nextStep: z.string().nullable(),
    source: z.string().nullable(),
    subscriptionDocsSentOn: CalendarDate.nullable(),
    subscriptionDocsSignedOn: CalendarDate.nullable(),
    sideLetter: z.boolean(),
    wireReceivedOn: CalendarDate.nullable(),
    k1SentTaxYears: z.array(z.int()),
    tags: z.array(TagRef),
    customFields: CustomFieldMap,
  })
  .meta({ id: 'Commitment' });
export type Commitment = z.infer<typeof CommitmentView>;

export const CommunicationView = z
  .object({
    ...recordBase,
    kind: CommunicationKind,
    /** Event time: when it happened. `createdAt` is when it was typed in. */
    occurredAt: Instant,
    subject: z.string().nullable(),
    body: z.string().nullable(),
    outcome: z.string().nullable(),
    nextAction: z.string().nullable(),
    nextActionDueOn: CalendarDate.nullable(),
    durationMinutes: z.int().nullable(),
    source: CommunicationSource,
    authorId: Id.nullable(),
    author: Ref.nullable(),
    contacts: z.array(Ref),
    organizations: z.array(Ref),
    commitmentIds: z.array(Id),
    /** Team members who took part. */
    users: z.array(Ref),
    /** Captured email (kind email): from the team's side, inbound or outbound. */
    direction: z.enum(['inbound', 'outbound']).nullable().optional(),
    /** Captured email: the message (GET /api/email/messages/:id) and its thread (GET /api/email/threads/:id). */
    emailMessageId: Id.nullable().optional(),
    emailThreadId: Id.nullable().optional(),
  })
  .meta({ id: 'Communication' });
export type Communication = z.infer<typeof CommunicationView>;

export const TaskView = z
  .object({
    ...recordBase,
    title: z.string(),
    notes: z.string().nullable(),
    dueOn: CalendarDate.nullable(),
    assigneeId: Id.nullable(),
    assignee: Ref.nullable(),
    status: TaskStatus,
    completedAt: Instant.nullable(),
    entityType: LinkableEntity.nullable(),
    entityId: Id.nullable(),
    entityName: z.string().nullable(),
    /** The communication whose next action created the task. */
    communicationId: Id.nullable(),
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof TaskView>;

export const TagView = z
  .object({
    ...recordBase,
    name: z.string(),
    color: TagColor,
    /** Records carrying the tag. */
    usageCount: z.int().min(0),
  })
  .meta({ id: 'Tag' });
export type Tag = z.infer<typeof TagView>;

export type EntityType = LinkableEntity;

export const CustomFieldDefinitionView = z
  .object({
    ...recordBase,
    entityType: LinkableEntity,
    key: z.string(),
    label: z.string(),
    type: CustomFieldType,
    options: z.array(z.string()),
    required: z.boolean(),
    position: z.int(),
  })
  .meta({ id: 'CustomFieldDefinition' });
export type CustomFieldDefinition = z.infer<typeof CustomFieldDefinitionView>;

export const StageChangeView = z
  .object({
    id: Id,
    commitmentId: Id,
    organizationId: Id,
    organizationName: z.string(),
    fundName: z.string(),
    /** Null for the stage a commitment was opened in. */
    fromStage: Stage.nullable(),
    toStage: Stage,
    reason: z.string().nullable(),
    changedAt: Instant,
    actorKind: ActorKind,
    actorName: z.string().nullable(),
  })
  .meta({ id: 'StageChange' });
export type StageChange = z.infer<typeof StageChangeView>;

/** A commitment with its stage history, newest first (GET /api/commitments/:id). */
export const CommitmentDetailView = CommitmentView.extend({ stageChanges: z.array(StageChangeView) }).meta({ id: 'CommitmentDetail' });
export type CommitmentDetail = z.infer<typeof CommitmentDetailView>;

/** A person at an organization, as its dossier lists them. */
export const LinkedPerson = z
  .object({
    id: Id,
    firstName: z.string(),
    lastName: z.string(),
    fullName: z.string(),
    title: z.string().nullable(),
    role: z.string().nullable(),
    isPrimary: z.boolean(),
    emails: z.array(z.string()),
  })
  .meta({ id: 'LinkedPerson' });
export type LinkedPerson = z.infer<typeof LinkedPerson>;

/** What a partner needs before a call, added to a contact or organization record. */
const dossier = {
  commitments: z.array(CommitmentView),
  recentCommunications: z.array(CommunicationView),
  openTasks: z.array(TaskView),
  stageChanges: z.array(StageChangeView),
};

export const ContactDetailView = ContactView.extend(dossier).meta({ id: 'ContactDetail' });
export type ContactDetail = z.infer<typeof ContactDetailView>;

export const OrganizationDetailView = OrganizationView.extend({ ...dossier, contacts: z.array(LinkedPerson) }).meta({ id: 'OrganizationDetail' });
export type OrganizationDetail = z.infer<typeof OrganizationDetailView>;

export const FundSummary = z
  .object({
    id: Id,
    name: z.string(),
    currency: CurrencyCode,
    targetAmount: MinorUnits.nullable(),
    status: FundStatus,
  })
  .meta({ id: 'FundSummary' });
export type FundSummary = z.infer<typeof FundSummary>;

const Amount = z.int().min(0);

/** One stage of one fund: live commitments of live investors, `amount` in the stage's amount column (docs/metrics.md). */
export const StageMetricView = z.object({ stage: Stage, count: z.int().min(0), amount: Amount }).meta({ id: 'StageMetric' });
export type StageMetric = z.infer<typeof StageMetricView>;

/** The money metrics of docs/metrics.md for one fund, in its currency's minor units. */
export const MetricTotalsView = z
  .object({
    expected: Amount,
    softCircled: Amount,
    committed: Amount,
    closed: Amount,
    funded: Amount,
    /** Σ expected × effective probability over the open stages, rounded once. */
    weighted: Amount,
    /** Commitments in open stages. */
    openCount: z.int().min(0),
    /** Commitments in committed stages: the fund's LPs. */
    lpCount: z.int().min(0),
    declinedCount: z.int().min(0),
  })
  .meta({ id: 'MetricTotals' });
export type MetricTotals = z.infer<typeof MetricTotalsView>;

export const FundMetricsView = z
  .object({ fund: FundSummary, totals: MetricTotalsView, stages: z.array(StageMetricView) })
  .meta({ id: 'FundMetrics' });
export type FundMetrics = z.infer<typeof FundMetricsView>;

export const MetricsView = z.object({ funds: z.array(FundMetricsView) }).meta({ id: 'Metrics' });
export type Metrics = z.infer<typeof MetricsView>;

export const DashboardView = z
  .object({
    /** The fund being raised: the one asked for, else the newest raising fund, else the newest. */
    fund: FundSummary.nullable(),
    kpis: z.object({
      lpCount: z.int().min(0),
      committedAmount: Amount,
      fundedAmount: Amount,
      pipelineAmount: Amount,
      weightedPipelineAmount: Amount,
      activeOpportunities: z.int().min(0),
      prospectCount: z.int().min(0),
      communicationsThisMonth: z.int().min(0),
    }),
    /** Pipeline by stage: lead to closed, in board order. Declined is not pipeline; see `declined`. */
    stages: z.array(StageMetricView),
    declined: StageMetricView,
    metrics: MetricTotalsView,
    recentCommunications: z.array(CommunicationView),
    upcomingTasks: z.array(TaskView),
    overdueTasks: z.array(TaskView),
    recentStageChanges: z.array(StageChangeView),
    /** The user the dashboard was computed for; null for an API key. */
    viewer: Id.nullable(),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof DashboardView>;

/** An LP of the fund: the commitment plus the primary contact's accreditation. */
export const LpTrackerRowView = CommitmentView.extend({
  accreditationStatus: AccreditationStatus.nullable(),
  qualifiedPurchaser: z.boolean().nullable(),
}).meta({ id: 'LpTrackerRow' });
export type LpTrackerRow = z.infer<typeof LpTrackerRowView>;

export const LpTrackerView = z
  .object({
    fund: FundSummary.nullable(),
    /** Totals over every LP matching the filters, not just this page. */
    summary: z.object({ committedAmount: Amount, fundedAmount: Amount, averageCommitment: Amount, lpCount: z.int().min(0) }),
    /** One page, largest commitment first unless another sort was asked for. */
    rows: z.array(LpTrackerRowView),
    /** LPs matching the filters, across all pages (equals `summary.lpCount`). */
    total: z.int().min(0),
    limit: z.int().min(1),
    offset: z.int().min(0),
  })
  .meta({ id: 'LpTracker' });
export type LpTracker = z.infer<typeof LpTrackerView>;

/** The kanban of one fund: counts and amounts over every matching commitment, the first cards of each stage. */
export const PipelineBoardView = z
  .object({
    fund: FundSummary.nullable(),
    totals: MetricTotalsView,
    stages: z.array(StageMetricView.extend({ cards: z.array(CommitmentView) })),
  })
  .meta({ id: 'PipelineBoard' });
export type PipelineBoard = z.infer<typeof PipelineBoardView>;
