import type { Role } from './access.js';
import type { Stage } from './commitments.js';
import type { CommunicationKind } from './communications.js';
import type { Relationship } from './organizations.js';
import type { CustomFieldType } from './custom-fields.js';
import type { UserView } from './access.js';

/**
 * Records as every door presents them (camelCase; money as integer minor units with a currency;
 * dates YYYY-MM-DD; instants UTC ISO-8601). The core's presenters produce these; the web app and
 * API clients consume them. One definition, so the two cannot drift.
 */

export interface Ref {
  id: string;
  name: string;
}

export interface TagRef {
  id: string;
  name: string;
  color: string;
}

export type CustomFieldValue = string | number | boolean | string[] | null;
export type CustomFieldMap = Record<string, CustomFieldValue>;

export interface RecordBase {
  id: string;
  /** +1 per change; send it back as If-Match to refuse a stale edit. */
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy?: string | null;
  deletedAt: string | null;
  deletedBy: string | null;
}



/** A row of GET /api/team: enough to pick an owner or assignee. */
export interface TeamMember {
  id: string;
  username: string;
  fullName: string | null;
  name: string;
  role: Role;
}

export interface Session {
  user: UserView;
  csrfToken: string;
  team: { timeZone: string; now: string };
}

export interface Organization extends RecordBase {
  name: string;
  kind: string;
  website: string | null;
  emailDomains: string[];
  description: string | null;
  location: string | null;
  ownerId: string | null;
  owner: Ref | null;
  relationship: Relationship;
  tags: TagRef[];
  customFields: CustomFieldMap;
}

export interface ContactOrganizationLink {
  organizationId: string;
  name: string;
  kind: string;
  role: string | null;
  isPrimary: boolean;
}

export interface Contact extends RecordBase {
  firstName: string;
  lastName: string;
  fullName: string;
  title: string | null;
  emails: string[];
  phones: { number: string; label: string; isPrimary: boolean }[];
  organizations: ContactOrganizationLink[];
  primaryOrganization: Ref | null;
  linkedinUrl: string | null;
  location: string | null;
  preferredChannel: string | null;
  source: string | null;
  notes: string | null;
  ownerId: string | null;
  owner: Ref | null;
  accreditationStatus: string;
  accreditationMethod: string | null;
  accreditationVerifiedOn: string | null;
  accreditationExpiresOn: string | null;
  qualifiedPurchaser: boolean | null;
  relationship: Relationship;
  tags: TagRef[];
  customFields: CustomFieldMap;
}

export interface Fund extends RecordBase {
  createdBy: string | null;
  name: string;
  vintage: number | null;
  currency: string;
  targetAmount: number | null;
  hardCapAmount: number | null;
  status: 'planning' | 'raising' | 'closed';
  exemption: '506b' | '506c' | null;
  firstCloseOn: string | null;
  finalCloseOn: string | null;
  description: string | null;
}

export interface Commitment extends RecordBase {
  organizationId: string;
  organization: { id: string; name: string; kind: string } | null;
  fundId: string;
  fund: Ref | null;
  stage: Stage;
  stageChangedAt: string;
  declinedReason: string | null;
  currency: string;
  expectedAmount: number | null;
  committedAmount: number | null;
  fundedAmount: number | null;
  probability: number | null;
  effectiveProbability: number;
  expectedCloseOn: string | null;
  ownerId: string | null;
  owner: Ref | null;
  primaryContactId: string | null;
  primaryContact: Ref | null;
  priority: string | null;
  nextStep: string | null;
  source: string | null;
  subscriptionDocsSentOn: string | null;
  subscriptionDocsSignedOn: string | null;
  sideLetter: boolean;
  wireReceivedOn: string | null;
  k1SentTaxYears: number[];
  tags: TagRef[];
  customFields: CustomFieldMap;
}

export interface Communication extends RecordBase {
  kind: CommunicationKind;
  occurredAt: string;
  subject: string | null;
  body: string | null;
  outcome: string | null;
  nextAction: string | null;
  nextActionDueOn: string | null;
  durationMinutes: number | null;
  source: string;
  authorId: string | null;
  author: Ref | null;
  contacts: Ref[];
  organizations: Ref[];
  commitmentIds: string[];
  /** Team members who took part. */
  users: Ref[];
}

export interface Task extends RecordBase {
  title: string;
  notes: string | null;
  dueOn: string | null;
  assigneeId: string | null;
  assignee: Ref | null;
  status: 'open' | 'done' | 'cancelled';
  completedAt: string | null;
  entityType: 'contact' | 'organization' | 'commitment' | null;
  entityId: string | null;
  entityName: string | null;
  communicationId: string | null;
}

export interface Tag extends RecordBase {
  name: string;
  color: string;
  usageCount: number;
}

export type EntityType = 'contact' | 'organization' | 'commitment';

export interface CustomFieldDefinition extends RecordBase {
  entityType: EntityType;
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  required: boolean;
  position: number;
}

export interface StageChange {
  id: string;
  commitmentId: string;
  organizationId: string;
  organizationName: string;
  fundName: string;
  fromStage: Stage | null;
  toStage: Stage;
  reason: string | null;
  changedAt: string;
  actorKind: string;
  actorName: string | null;
}

export interface LinkedPerson {
  id: string;
  firstName: string;
  lastName: string;
  fullName?: string;
  title: string | null;
  role: string | null;
  isPrimary: boolean;
  emails: string[];
}

interface Dossier {
  commitments: Commitment[];
  recentCommunications: Communication[];
  openTasks: Task[];
  stageChanges: StageChange[];
}

export type ContactDetail = Contact & Dossier;
export type OrganizationDetail = Organization & Dossier & { contacts: LinkedPerson[] };

export interface FundSummary {
  id: string;
  name: string;
  currency: string;
  targetAmount: number | null;
  status?: string;
}

export interface Dashboard {
  fund: FundSummary | null;
  kpis: {
    lpCount: number;
    committedAmount: number;
    fundedAmount: number;
    pipelineAmount: number;
    weightedPipelineAmount: number;
    activeOpportunities: number;
    prospectCount: number;
    communicationsThisMonth: number;
  };
  stages: { stage: Stage; count: number; amount: number }[];
  recentCommunications: Communication[];
  upcomingTasks: Task[];
  overdueTasks: Task[];
  recentStageChanges: StageChange[];
}

export type LpTrackerRow = Commitment & { accreditationStatus: string | null; qualifiedPurchaser: boolean | null };

export interface LpTracker {
  fund: FundSummary | null;
  summary: { committedAmount: number; fundedAmount: number; averageCommitment: number; lpCount: number };
  rows: LpTrackerRow[];
}


