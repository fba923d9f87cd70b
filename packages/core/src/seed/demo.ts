import { refreshStatistics } from '../db/statistics.js';
import { createCommitmentIn } from '../commitments/index.js';
import { createCommunicationIn } from '../communications/index.js';
import { createContactIn } from '../contacts/index.js';
import { createFundIn } from '../funds/index.js';
import type { Actor } from '../kernel/actor.js';
import { addDays, calendarDate } from '../kernel/clock.js';
import type { CoreContext } from '../kernel/context.js';
import { z } from 'zod';
import { Conflict } from '../kernel/errors.js';
import { defineOperation } from '../kernel/operations.js';
import { write } from '../kernel/write.js';
import { createOrganizationIn } from '../organizations/index.js';
import { createTagIn } from '../tags/index.js';
import { createTaskIn } from '../tasks/index.js';
import { replicateDemoInvestors } from './replicate.js';
import { DEMO_COMMUNICATIONS, DEMO_ORGANIZATIONS, DEMO_TAGS, DEMO_TASKS } from './demo-data.js';
import { demoStagePath, writeDemoStageHistory } from './stage-history.js';

const cents = (dollars: number) => dollars * 100;

const SeedSummary = z.object({
  funds: z.int(),
  organizations: z.int(),
  contacts: z.int(),
  commitments: z.int(),
  communications: z.int(),
  tasks: z.int(),
  tags: z.int(),
});
export type SeedSummary = z.infer<typeof SeedSummary>;

/**
 * A deterministic demo fund: Fund I closed, Fund II raising, commitments in every stage.
 * Content is fixed; dates are relative to today so the dashboard has recent activity.
 * Refuses to run on a database that already holds organizations. One transaction: a failure
 * anywhere leaves the database as it was.
 */
export async function seedDemo(core: CoreContext, actor: Actor, options: { copies?: number } = {}): Promise<SeedSummary> {
  const copies = Math.max(1, Math.floor(options.copies ?? 1));
  const seededAt = core.clock.now();
  const daysFrom = (days: number) => addDays(seededAt, days);
  const isoDate = (date: Date) => calendarDate(date, core.settings.timeZone);

  return write(core, actor, async (scope) => {
    const existing = await scope.tx.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
    if (existing) throw new Conflict('The database already has organizations; the demo seed only runs on an empty database');
    const users = await scope.tx.selectFrom('users').select('id').where('deletedAt', 'is', null).orderBy('createdAt').execute();
    const ownerFor = (index: number) => (users.length ? (users[index % users.length]?.id ?? null) : null);
    const tagIds: Record<string, string> = {};
    for (const tag of DEMO_TAGS) tagIds[tag.name] = (await createTagIn(scope, tag)).id;
    const summary: SeedSummary = { funds: 2, organizations: 0, contacts: 0, commitments: 0, communications: 0, tasks: 0, tags: DEMO_TAGS.length };
    const fund1 = await createFundIn(scope, {
      name: 'Fund I',
      vintage: 2021,
      currency: 'USD',
      targetAmount: cents(50_000_000),
      hardCapAmount: cents(60_000_000),
      status: 'closed',
      exemption: '506b',
      firstCloseOn: '2021-03-31',
      finalCloseOn: '2021-12-15',
    });
    const fund2 = await createFundIn(scope, {
      name: 'Fund II',
      vintage: 2026,
      currency: 'USD',
      targetAmount: cents(100_000_000),
      hardCapAmount: cents(125_000_000),
      status: 'raising',
      exemption: '506c',
      firstCloseOn: isoDate(daysFrom(45)),
    });
    const orgIds: Record<string, string> = {};
    const peopleIds: Record<string, string[]> = {};
    for (const [index, demo] of DEMO_ORGANIZATIONS.entries()) {
      const tags = [
        demo.fund1 ? tagIds['Re-up'] : tagIds['Warm intro'],
        demo.fund2?.expected && demo.fund2.expected >= 10_000_000 ? tagIds.Anchor : undefined,
        demo.kind === 'foundation' ? tagIds['ESG focus'] : undefined,
      ].filter((t): t is string => Boolean(t));
      const org = await createOrganizationIn(scope, {
        name: demo.name,
        kind: demo.kind,
        website: demo.website,
        emailDomains: [demo.domain],
        location: demo.location,
        ownerId: ownerFor(index),
        tagIds: tags,
      });
      orgIds[demo.key] = org.id;
      summary.organizations += 1;
      peopleIds[demo.key] = [];
      for (const [position, person] of demo.people.entries()) {
        const contact = await createContactIn(
          scope,
          {
            firstName: person.first,
            lastName: person.last,
            title: person.title,
            emails: [`${person.first}.${person.last}@${demo.domain}`.toLowerCase()],
            phones: person.phone ? [person.phone] : [],
            organizations: [{ organizationId: org.id, role: person.title, isPrimary: true }],
            location: demo.location,
            ownerId: ownerFor(index),
            accreditationStatus: demo.fund1 || demo.fund2?.stage === 'committed' ? 'verified' : position === 0 ? 'pending' : 'unknown',
            qualifiedPurchaser: demo.kind === 'individual' ? true : null,
          },
          core.settings.defaultPhoneRegion,
        );
        peopleIds[demo.key]?.push(contact.id);
        summary.contacts += 1;
      }
      const primaryContactId = peopleIds[demo.key]?.[0] ?? null;
      if (demo.fund1) {
        await createCommitmentIn(scope, {
          organizationId: org.id,
          fundId: fund1.id,
          stage: 'closed',
          expectedAmount: cents(demo.fund1.committed),
          committedAmount: cents(demo.fund1.committed),
          fundedAmount: cents(demo.fund1.funded),
          primaryContactId,
          subscriptionDocsSentOn: '2021-02-01',
          subscriptionDocsSignedOn: '2021-03-01',
          wireReceivedOn: '2021-03-25',
          k1SentTaxYears: [2022, 2023, 2024, 2025],
          sideLetter: demo.fund1.committed >= 8_000_000,
        });
        summary.commitments += 1;
      }
      if (demo.fund2) {
        const f = demo.fund2;
        const committed = f.stage === 'committed' || f.stage === 'closed';
        const fund2Commitment = await createCommitmentIn(scope, {
          organizationId: org.id,
          fundId: fund2.id,
          stage: f.stage,
          declinedReason: f.reason ?? null,
          expectedAmount: cents(f.expected),
          committedAmount: f.committed ? cents(f.committed) : null,
          fundedAmount: f.stage === 'closed' && f.committed ? cents(Math.round(f.committed * 0.2)) : null,
          priority: f.priority,
          nextStep: f.nextStep ?? null,
          primaryContactId,
          ownerId: ownerFor(index),
          expectedCloseOn: committed ? null : isoDate(daysFrom(30 + index * 7)),
          subscriptionDocsSentOn: committed ? isoDate(daysFrom(-20)) : null,
          subscriptionDocsSignedOn: f.stage === 'closed' ? isoDate(daysFrom(-10)) : null,
          wireReceivedOn: f.stage === 'closed' ? isoDate(daysFrom(-5)) : null,
        });
        // A stage history spread over past weeks (lead onwards, ending in the current stage) so ages,
        // conversion and days in stage look like a real raise.
        const movedAt = daysFrom(-(3 + ((index * 5) % 40)));
        await scope.tx.updateTable('commitments').set({ stageChangedAt: movedAt.toISOString() }).where('id', '=', fund2Commitment.id).execute();
        await writeDemoStageHistory(scope, fund2Commitment.id, demoStagePath(f.stage, index), movedAt, 6 + ((index * 3) % 10));
        summary.commitments += 1;
      }
    }
    // Copies (for benchmarks) repeat the investors with numbered names and domains, in bulk.
    const replicas = await replicateDemoInvestors(scope, Object.values(orgIds), copies);
    summary.organizations += replicas.organizations;
    summary.contacts += replicas.contacts;
    summary.commitments += replicas.commitments;
    const ownerOf = (org: string) => ownerFor(DEMO_ORGANIZATIONS.findIndex((demo) => demo.key === org));
    for (const comm of DEMO_COMMUNICATIONS) {
      const { org, person, daysAgo, ...fields } = comm;
      const contactId = peopleIds[org]?.[person];
      const created = await createCommunicationIn(scope, {
        ...fields,
        occurredAt: daysFrom(-daysAgo).toISOString(),
        contactIds: contactId ? [contactId] : [],
        organizationIds: [orgIds[org] as string],
        commitmentIds: [],
        source: 'manual',
      });
      // The seed runs as the system; each touch is the work of the investor's owner, as in a real team.
      await scope.tx
        .updateTable('communications')
        .set({ authorId: ownerOf(org) })
        .where('id', '=', created.id)
        .execute();
      summary.communications += 1;
    }
    for (const [index, task] of DEMO_TASKS.entries()) {
      await createTaskIn(scope, {
        title: task.title,
        dueOn: isoDate(daysFrom(task.dueInDays)),
        status: 'open',
        assigneeId: ownerFor(index),
        entityType: 'organization',
        entityId: orgIds[task.org] as string,
      });
      summary.tasks += 1;
    }
    return summary;
  });
}

export const seedOperations = {
  demo: defineOperation({
    name: 'seed.demo',
    summary: 'Load the demo fund into an empty database (CLI only)',
    permission: 'demo.seed',
    doors: ['cli'],
    input: z.object({ copies: z.int().min(1).max(1000).default(1) }),
    output: SeedSummary,
    async run({ core, actor }, { copies }) {
      const summary = await seedDemo(core, actor, { copies });
      // Thousands of rows at once: the planner's statistics should know before the first list.
      await refreshStatistics(core.db, core.dialect);
      return summary;
    },
  }),
};
