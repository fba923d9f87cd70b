import {
  ContactIntroducerParams,
  ContactOrganizationParams,
  IdParams,
  IntroductionBody,
  IntroPathQuery,
  RelationshipList,
  WorksAtUpdateInput,
} from '@lpdesk/contracts';
import { operations } from '@lpdesk/core';
import type { z } from 'zod';
import { expectedVersionFrom } from '../http/preconditions.js';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';

const tag = 'Relationships';
const ops = operations.relationships;
/** A relationship list carries the strength formula beside its data, so it is sent as is. */
const asList = { respond: (result: unknown) => result, response: RelationshipList };

/** Works-at history, introductions, met-together and "knows" strengths, and warm-introduction paths. */
export const relationshipRoutes: RouteSpec[] = [
  operationRoute({
    method: 'GET',
    url: '/api/contacts/:id/relationships',
    tag,
    operation: ops.forContact,
    params: IdParams,
    input: ({ params }) => ({ id: params.id as string }),
    ...asList,
  }),
  operationRoute({
    method: 'GET',
    url: '/api/organizations/:id/relationships',
    tag,
    operation: ops.forOrganization,
    params: IdParams,
    input: ({ params }) => ({ id: params.id as string }),
    ...asList,
  }),
  operationRoute({
    method: 'PATCH',
    url: '/api/contacts/:id/organizations/:organizationId',
    tag,
    operation: ops.updateWorksAt,
    params: ContactOrganizationParams,
    body: WorksAtUpdateInput,
    input: ({ params, body, headers }) => ({
      id: params.id as string,
      organizationId: params.organizationId as string,
      changes: body as WorksAtUpdateInput,
      expectedVersion: expectedVersionFrom(headers['if-match']),
    }),
    ...asList,
  }),
  operationRoute({
    method: 'POST',
    url: '/api/contacts/:id/introductions',
    tag,
    operation: ops.addIntroduction,
    params: IdParams,
    body: IntroductionBody,
    status: 201,
    input: ({ params, body }) => ({ id: params.id as string, introduction: body as IntroductionBody }),
    ...asList,
  }),
  operationRoute({
    method: 'DELETE',
    url: '/api/contacts/:id/introductions/:introducedById',
    tag,
    operation: ops.removeIntroduction,
    params: ContactIntroducerParams,
    status: 204,
    input: ({ params }) => ({ id: params.id as string, introducedById: params.introducedById as string }),
  }),
  operationRoute({
    method: 'GET',
    url: '/api/relationships/intro-path',
    tag,
    operation: ops.introPath,
    query: IntroPathQuery,
    input: ({ query }) => query as z.output<typeof IntroPathQuery>,
  }),
  operationRoute({
    method: 'POST',
    url: '/api/relationships/rebuild',
    tag,
    operation: ops.rebuild,
    input: () => ({}),
  }),
];
