import {
  ContactIntroducerParams,
  ContactOrganizationParams,
  IdParams,
  IntroductionBody,
  IntroPathQuery,
  IntroPathView,
  NoContent,
  RELATIONSHIP_FORMULA,
  RelationshipList,
  RelationshipRebuildResult,
  WorksAtUpdateInput,
} from '@lpdesk/contracts';
import { z } from 'zod';
import { defineOperation } from '../kernel/operations.js';
import { addIntroduction, removeIntroduction, updateWorksAt } from './commands.js';
import { rebuildRelationships } from './derive.js';
import { introPaths } from './intro-path.js';
import { contactRelationships, organizationRelationships } from './queries.js';

export { refreshRelationshipsFor, rebuildRelationships } from './derive.js';
export { bestIntroPaths, introPaths, loadRelationshipGraph } from './intro-path.js';
export { contactRelationships, organizationRelationships } from './queries.js';
export { decayedWeight, knowsEvidence, metTogetherEvidence, reciprocatedEmailIds, strengthAt } from './strength.js';
export { RELATIONSHIPS_SUBSCRIBER, relationshipsSubscriber } from './subscriber.js';

const WorksAtOperationInput = ContactOrganizationParams.extend({ changes: WorksAtUpdateInput, expectedVersion: z.number().int().positive().optional() });
const IntroductionOperationInput = IdParams.extend({ introduction: IntroductionBody });

export const relationshipOperations = {
  forContact: defineOperation({
    name: 'relationships.forContact',
    summary: 'Relationships of a contact: works-at history, who on the team knows them (strength and evidence), introductions, met together',
    permission: 'crm.read',
    input: IdParams,
    output: RelationshipList,
    run: async ({ core }, { id }) => ({ data: await contactRelationships(core, id), formula: RELATIONSHIP_FORMULA }),
  }),
  forOrganization: defineOperation({
    name: 'relationships.forOrganization',
    summary: 'People of an organization (current and past) and how well the team knows each current one',
    permission: 'crm.read',
    input: IdParams,
    output: RelationshipList,
    run: async ({ core }, { id }) => ({ data: await organizationRelationships(core, id), formula: RELATIONSHIP_FORMULA }),
  }),
  updateWorksAt: defineOperation({
    name: 'relationships.updateWorksAt',
    summary: 'Edit (or add) a contact’s works-at link: title, start and end dates, role, primary',
    permission: 'crm.write',
    input: WorksAtOperationInput,
    output: RelationshipList,
    run: async ({ core, actor }, { id, organizationId, changes, expectedVersion }) => {
      await updateWorksAt(core, actor, id, organizationId, changes, expectedVersion);
      return { data: await contactRelationships(core, id), formula: RELATIONSHIP_FORMULA };
    },
  }),
  addIntroduction: defineOperation({
    name: 'relationships.addIntroduction',
    summary: 'Record who introduced a contact (another contact or a team member)',
    permission: 'crm.write',
    input: IntroductionOperationInput,
    output: RelationshipList,
    run: async ({ core, actor }, { id, introduction }) => {
      await addIntroduction(core, actor, id, introduction);
      return { data: await contactRelationships(core, id), formula: RELATIONSHIP_FORMULA };
    },
  }),
  removeIntroduction: defineOperation({
    name: 'relationships.removeIntroduction',
    summary: 'Remove a recorded introduction',
    permission: 'crm.write',
    input: ContactIntroducerParams,
    output: NoContent,
    run: ({ core, actor }, { id, introducedById }) => removeIntroduction(core, actor, id, introducedById),
  }),
  introPath: defineOperation({
    name: 'relationships.introPath',
    summary: 'Best warm-introduction paths from the team (or one member) to a contact or organization, scored by the product of hop strengths',
    permission: 'crm.read',
    input: IntroPathQuery,
    output: IntroPathView,
    run: ({ core }, query) => introPaths(core, query),
  }),
  rebuild: defineOperation({
    name: 'relationships.rebuild',
    summary: 'Recompute every knows and met-together relationship from the communications',
    permission: 'identity.scan',
    input: z.object({}),
    output: RelationshipRebuildResult,
    run: ({ core }) => rebuildRelationships(core),
  }),
};
