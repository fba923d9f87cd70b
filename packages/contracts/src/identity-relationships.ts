import { z } from 'zod';
import { CalendarDate, Id } from './common.js';
import { IntroductionInput, type IntroPathView, RelationshipView } from './identity.js';

/**
 * Relationships (issue 11, part 6): request shapes of the works-at, introduction and rebuild doors, and
 * the weights of the "knows" / "met together" strength formula (docs/relationships.md), shared by the
 * core, which computes strengths, and the web app, which explains them.
 */

/** Base weight of one communication of each kind (before decay). Notes are what the team wrote, not contact. */
export const RELATIONSHIP_WEIGHTS = {
  reciprocatedEmail: 1,
  oneWayEmail: 0.3,
  meeting: 2,
  call: 1.5,
  text: 0.5,
  note: 0,
} as const;

/** A contribution halves every 180 days: w·2^(−age/180 days). */
export const RELATIONSHIP_HALF_LIFE_DAYS = 180;
/** An email counts as reciprocated when the other side wrote within this many days (same thread). */
export const RECIPROCITY_WINDOW_DAYS = 30;
/** Colleagues (both current at one organization) as one hop of a warm-introduction path. */
export const COLLEAGUE_HOP_STRENGTH = 0.5;

export const RELATIONSHIP_FORMULA =
  'strength = 1 − exp(−Σ wᵢ·2^(−ageᵢ/180 days)); w: reciprocated email 1, one-way email 0.3, meeting 2, call 1.5, text 0.5, note 0 (evidence weights are the decayed terms)';

/** PATCH /api/contacts/:id/organizations/:organizationId — edits (or adds) one works-at link. */
export const WorksAtUpdateInput = z
  .strictObject({
    title: z.string().trim().max(200).nullable().optional(),
    startedOn: CalendarDate.nullable().optional(),
    endedOn: CalendarDate.nullable().optional(),
    isPrimary: z.boolean().optional(),
    role: z.string().trim().max(100).nullable().optional(),
  })
  .meta({ id: 'WorksAtUpdateInput' });
export type WorksAtUpdateInput = z.infer<typeof WorksAtUpdateInput>;

export const ContactOrganizationParams = z.object({ id: Id, organizationId: Id });
export const ContactIntroducerParams = z.object({ id: Id, introducedById: Id });

/** POST /api/contacts/:id/introductions — the contact comes from the path. */
export const IntroductionBody = IntroductionInput.omit({ contactId: true }).meta({ id: 'IntroductionBody' });
export type IntroductionBody = z.infer<typeof IntroductionBody>;

/** Not a named schema: the OpenAPI document shows the {data} envelope inline, like every list. */
export const RelationshipList = z.object({ data: z.array(RelationshipView), formula: z.string() });
export type RelationshipList = z.infer<typeof RelationshipList>;

export const RelationshipRebuildResult = z
  .object({ contacts: z.number().int(), knows: z.number().int(), metTogether: z.number().int() })
  .meta({ id: 'RelationshipRebuildResult' });
export type RelationshipRebuildResult = z.infer<typeof RelationshipRebuildResult>;

export type IntroPath = z.infer<typeof IntroPathView>;
