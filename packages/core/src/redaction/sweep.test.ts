import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePhoneNumberWithError } from 'libphonenumber-js';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { foldWord } from './fold.js';
import { openRedactor } from './index.js';

/**
 * The sweep: a synthetic corpus (people, firms, emails, phones, notes and emails that mention them in the
 * ways people write) read back through every read operation an agent reaches, redacted; no seeded email,
 * phone or name may survive anywhere in what the model would see.
 */
const FIRST = ['Amélie', 'Søren', 'Ngozi', 'Thibault', 'Zofia', 'Kwabena', 'Leilani', 'Hamish', 'Ottilie', 'Dragoș'];
const LAST = ['Brannigan', 'Lindqvist', 'Okonkwo', 'Castellanos', 'Kowalczyk', 'Fairweather', 'Moreau-Villiers', 'Thistlewood', 'Abernathy', 'Ishikawa'];
const FIRMS = ['Redwood Endowment Partners LLC', 'Kestrel & Finch Capital', 'Stichting Pensioenfonds Zuidlanden', 'Harborview Familienbüro GmbH'];
const PHONES = [
  '+44 20 7946 0958',
  '(415) 555-0171',
  '+33 1 42 68 53 00',
  '+49 30 901820',
  '+1 212 555 0142',
  '+61 2 9374 4000',
  '+81 3-3224-9999',
  '+1 646 555 0199',
  '+31 20 624 1111',
  '+353 1 677 0095',
];

interface Seeded {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

describe.each(testDialects())('redaction sweep on %s', (dialect) => {
  let core: TestCore;
  const ctx = () => ({ core, actor: testActor() });
  const people: Seeded[] = [];
  const contactIds: string[] = [];
  const organizationIds: string[] = [];

  beforeAll(async () => {
    core = await openTestCore(dialect);
    for (const name of FIRMS)
      organizationIds.push((await invoke(operations.organizations.create, ctx(), { name, kind: 'pension', description: `${name} invests in seed funds.` })).id);
    for (const [index, firstName] of FIRST.entries()) {
      const lastName = LAST[index] as string;
      const email = `${foldWord(firstName)}.${foldWord(lastName).replace(/[^a-z]/g, '')}@${['redwood-endow.org', 'kestrelfinch.com', 'pfzuid.nl', 'harborview.de'][index % 4]}`;
      const phone = PHONES[index] as string;
      people.push({ firstName, lastName, email, phone });
      const other = FIRST[(index + 1) % FIRST.length] as string;
      const otherLast = LAST[(index + 1) % LAST.length] as string;
      const created = await invoke(operations.contacts.create, ctx(), {
        firstName,
        lastName,
        emails: [email],
        phones: [phone],
        organizationId: organizationIds[index % FIRMS.length],
        title: 'Investment Director',
        notes: `Introduced by ${otherLast}, ${other}. ${firstName}'s assistant prefers ${email.toUpperCase()}; mobile ${phone.replace(/\s/g, '.')}.`,
        linkedinUrl: `https://www.linkedin.com/in/${foldWord(firstName)}-${foldWord(lastName)}`,
      });
      contactIds.push(created.id);
    }
    for (const [index, person] of people.entries()) {
      const next = people[(index + 3) % people.length] as Seeded;
      const national = parsePhoneNumberWithError(next.phone, 'US').formatNational();
      await invoke(operations.communications.create, ctx(), {
        kind: index % 2 === 0 ? 'email' : 'call',
        occurredAt: new Date(Date.parse(core.clock.now().toISOString()) - (index + 1) * 86_400_000).toISOString(),
        subject: `Re: ${FIRMS[index % FIRMS.length]} and Fund II — ${person.lastName}`,
        body: [
          `From: ${person.firstName} ${person.lastName} <${person.email}>`,
          `Hi ${person.firstName}, thanks for the call. ${next.lastName.toUpperCase()} at ${FIRMS[(index + 1) % FIRMS.length]?.replace(/ (LLC|GmbH)$/, '')} asked that we reach ${next.firstName} on ${national}.`,
          `cc ${next.firstName} ${next.lastName}'s office, ${next.email}`,
        ].join('\n'),
        outcome: `${person.lastName} wants the deck`,
        contactIds: [contactIds[index] as string, contactIds[(index + 3) % people.length] as string],
        organizationIds: [organizationIds[index % FIRMS.length] as string],
      });
    }
  });
  afterAll(() => core.dispose());

  it('lets no seeded email, phone or name through any read', async () => {
    const redactor = await openRedactor(core, { sessionId: `sweep-${dialect}`, amounts: false });
    const reads: unknown[] = [
      await invoke(operations.contacts.list, ctx(), { limit: 100 }),
      await invoke(operations.organizations.list, ctx(), { limit: 100 }),
      await invoke(operations.communications.list, ctx(), { limit: 100 }),
    ];
    for (const id of contactIds) reads.push(await invoke(operations.contacts.get, ctx(), { id }));
    for (const id of organizationIds) reads.push(await invoke(operations.organizations.get, ctx(), { id }));
    const raw = JSON.stringify(reads);
    const shown = JSON.stringify(await redactor.redact(reads));

    const leaks: string[] = [];
    const foldedShown = foldWord(shown);
    const digitsShown = shown.replace(/[\s().\-/]/g, '');
    for (const person of people) {
      // The corpus really holds each value (the check below would pass on an empty read otherwise).
      expect(raw).toContain(person.email);
      if (foldedShown.includes(person.email.toLowerCase())) leaks.push(person.email);
      const national = String(parsePhoneNumberWithError(person.phone, 'US').nationalNumber);
      if (digitsShown.includes(national)) leaks.push(person.phone);
      for (const name of [person.firstName, person.lastName, ...person.lastName.split('-')]) {
        const word = new RegExp(`(^|[^\\p{L}])${foldWord(name)}([^\\p{L}]|$)`, 'u');
        expect(word.test(foldWord(raw)), name).toBe(true);
        if (word.test(foldedShown)) leaks.push(name);
      }
    }
    for (const firm of FIRMS) if (foldedShown.includes(foldWord(firm.split(' ')[0] as string))) leaks.push(firm);
    expect(leaks).toEqual([]);
    // What the model sees still says something: placeholders, and the words around them.
    expect(shown).toMatch(/\[PERSON_\d+\]/);
    expect(shown).toContain('Investment Director');
    // And the placeholders map back to the corpus.
    const back = await redactor.rehydrate(shown);
    for (const person of people) expect(back).toContain(person.email);
  });
});
