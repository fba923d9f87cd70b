import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { noRedaction, openRedactor, RedactionError } from './index.js';

let serial = 0;
const nextSession = () => {
  serial += 1;
  return `session-${serial}-${Math.random().toString(36).slice(2)}`;
};

describe.each(testDialects())('redaction on %s', (dialect) => {
  let core: TestCore;
  const ctx = () => ({ core, actor: testActor() });
  const organization = (name: string) => invoke(operations.organizations.create, ctx(), { name, kind: 'family_office' });
  const contact = (input: { firstName: string; lastName: string; emails?: string[]; phones?: string[]; organizationId?: string; notes?: string }) =>
    invoke(operations.contacts.create, ctx(), { ...input, emails: input.emails ?? [] });

  beforeAll(async () => {
    core = await openTestCore(dialect);
    const org = await organization('Redwood Endowment Partners LLC');
    await organization('Kestrel & Finch Capital');
    await contact({
      firstName: 'Amélie',
      lastName: 'Brannigan',
      emails: ['amelie.brannigan@redwood-endow.org'],
      phones: ['+44 20 7946 0958'],
      organizationId: org.id,
    });
    await contact({ firstName: 'Søren', lastName: 'Lindqvist', emails: ['soren@kestrelfinch.com'], phones: ['(415) 555-0171'] });
    await contact({ firstName: 'Mark', lastName: 'Thistlewood' });
  });
  afterAll(() => core.dispose());

  it('replaces PII fields whole and leaves ids, dates, stages and kinds alone', async () => {
    const redactor = await openRedactor(core, { sessionId: nextSession(), amounts: false });
    const id = '0b9c1f5e-3a5d-4d6e-9a43-2f0f5c1e8a77';
    const out = await redactor.redact({
      id,
      firstName: 'Amélie',
      lastName: 'Brannigan',
      emails: ['amelie.brannigan@redwood-endow.org'],
      phones: [{ number: '+442079460958', label: 'mobile', phoneE164: '+442079460958' }],
      organizationName: 'Redwood Endowment Partners LLC',
      stage: 'soft_circle',
      kind: 'family_office',
      createdAt: '2031-03-14T15:00:00.000Z',
      dueOn: '2031-04-01',
      committedAmount: 250_000_00,
    });
    expect(out).toEqual({
      id,
      firstName: '[PERSON_1]',
      lastName: '[PERSON_2]',
      emails: ['[EMAIL_1]'],
      phones: [{ number: '[PHONE_1]', label: 'mobile', phoneE164: '[PHONE_1]' }],
      organizationName: '[ORG_1]',
      stage: 'soft_circle',
      kind: 'family_office',
      createdAt: '2031-03-14T15:00:00.000Z',
      dueOn: '2031-04-01',
      committedAmount: 250_000_00,
    });
  });

  it('finds names, emails and phones inside free text: accents, "Last, First", possessives, angle brackets, any phone format', async () => {
    const redactor = await openRedactor(core, { sessionId: nextSession(), amounts: false });
    const text = [
      'Met Amelie Brannigan (Redwood Endowment Partners) today.',
      "Brannigan, Amélie <amelie.brannigan@redwood-endow.org> asked about Brannigan's allocation.",
      'Call her on 020 7946 0958 or +44 (0)20 7946 0958; Søren on 415.555.0171, 0033 1 42 68 53 00 for Paris.',
      'Kestrel and Finch Capital passes; Lindqvist will follow up. We will mark the date.',
    ].join('\n');
    const out = await redactor.redact({ body: text });
    for (const raw of ['Amelie', 'Amélie', 'Brannigan', 'amelie.brannigan', 'Redwood', '7946', '555', 'Søren', 'Lindqvist', 'Kestrel', '42 68 53'])
      expect(out.body, raw).not.toContain(raw);
    // Ordinary words that are also (first) names stay: "will", "mark".
    expect(out.body).toContain('We will mark the date.');
    expect(out.body).toContain("[PERSON_2]'s allocation");
    // The same value is the same placeholder, whichever way it is written.
    const phones = out.body.match(/\[PHONE_\d+\]/g) ?? [];
    expect(new Set(phones.slice(0, 2)).size).toBe(1);
    const back = await redactor.rehydrate(out.body);
    expect(back).toContain('amelie.brannigan@redwood-endow.org');
    expect(back).toContain('Redwood Endowment Partners');
  });

  it('detects IBANs and account numbers, and amounts only when asked', async () => {
    const plain = await openRedactor(core, { sessionId: nextSession(), amounts: false });
    const text = 'Wire to GB82 WEST 1234 5698 7654 32, account no. 12345678, for $2.5m (EUR 400,000 hold-back).';
    const out = await plain.redact(text);
    expect(out).toBe('Wire to [ACCOUNT_1], account no. [ACCOUNT_2], for $2.5m (EUR 400,000 hold-back).');
    // An IBAN-shaped string whose checksum fails is not an account.
    expect(await plain.redact('Ref GB00 WEST 1234 5698 7654 32')).toBe('Ref GB00 WEST 1234 5698 7654 32');

    const withAmounts = await openRedactor(core, { sessionId: nextSession(), amounts: true });
    const amounts = await withAmounts.redact({ note: 'for $2.5m (EUR 400,000 hold-back)', committedAmount: 250_000_00, count: 3 });
    expect(amounts).toEqual({ note: 'for [AMOUNT_1] ([AMOUNT_2] hold-back)', committedAmount: '[AMOUNT_3]', count: 3 });
    expect(await withAmounts.unredact({ committedAmount: '[AMOUNT_3]' })).toEqual({ committedAmount: 250_000_00 });
  });

  it('round-trips: redact → the model writes with placeholders → unredact and rehydrate give the real values', async () => {
    const redactor = await openRedactor(core, { sessionId: nextSession(), amounts: false });
    const shown = await redactor.redact({
      firstName: 'Søren',
      lastName: 'Lindqvist',
      email: 'soren@kestrelfinch.com',
      note: 'Søren Lindqvist at Kestrel & Finch Capital',
    });
    expect(shown).toEqual({ firstName: '[PERSON_1]', lastName: '[PERSON_2]', email: '[EMAIL_1]', note: '[PERSON_3] at [ORG_1]' });
    const toolInput = { subject: `Call with ${shown.note}`, to: shown.email, contact: { lastName: shown.lastName } };
    expect(await redactor.unredact(toolInput)).toEqual({
      subject: 'Call with Søren Lindqvist at Kestrel & Finch Capital',
      to: 'soren@kestrelfinch.com',
      contact: { lastName: 'Lindqvist' },
    });
    expect(await redactor.rehydrate(`${shown.firstName} (${shown.email}) is in; [PERSON_99] is unknown.`)).toBe(
      'Søren (soren@kestrelfinch.com) is in; [PERSON_99] is unknown.',
    );
    await expect(redactor.unredact({ contactName: '[PERSON_99]' })).rejects.toBeInstanceOf(RedactionError);
    await expect(redactor.unredact('note for [ORG_7] and [PERSON_1]')).rejects.toMatchObject({ code: 'invalid', placeholders: ['[ORG_7]'] });
  });

  it('keeps placeholders stable for a session, across redactors (processes), and independent between sessions', async () => {
    const sessionA = nextSession();
    const a1 = await openRedactor(core, { sessionId: sessionA, amounts: false });
    expect(await a1.redact('Kestrel & Finch Capital and Thistlewood')).toBe('[ORG_1] and [PERSON_1]');
    expect(await a1.redact('Mark Thistlewood, Thistlewood')).toBe('[PERSON_2], [PERSON_1]');

    // A second process opening the same session sees the same numbering and continues it.
    const a2 = await openRedactor(core, { sessionId: sessionA, amounts: false });
    expect(await a2.redact('Thistlewood of Kestrel & Finch Capital; Redwood Endowment Partners')).toBe('[PERSON_1] of [ORG_1]; [ORG_2]');
    expect(await a1.rehydrate('[ORG_2]')).toBe('Redwood Endowment Partners');

    const b = await openRedactor(core, { sessionId: nextSession(), amounts: false });
    expect(await b.redact('Redwood Endowment Partners')).toBe('[ORG_1]');
    expect(await b.rehydrate('[ORG_1] and [ORG_2]')).toBe('Redwood Endowment Partners and [ORG_2]');
    await expect(b.unredact('[PERSON_2]')).rejects.toBeInstanceOf(RedactionError);
    expect(await a2.unredact('[PERSON_2]')).toBe('Mark Thistlewood');
  });

  it('picks up a contact created after the session opened', async () => {
    const redactor = await openRedactor(core, { sessionId: nextSession(), amounts: false });
    expect(await redactor.redact('Quennell Okafor-Hartley called')).toBe('Quennell Okafor-Hartley called');
    await contact({ firstName: 'Quennell', lastName: 'Okafor-Hartley' });
    expect(await redactor.redact('Quennell Okafor-Hartley called')).toBe('[PERSON_1] called');
  });

  it('passes everything through when redaction is off', async () => {
    const value = { firstName: 'Amélie', note: 'amelie.brannigan@redwood-endow.org' };
    expect(await noRedaction.redact(value)).toEqual(value);
    expect(await noRedaction.unredact('[PERSON_1]')).toBe('[PERSON_1]');
    expect(await noRedaction.rehydrate('[PERSON_1]')).toBe('[PERSON_1]');
  });
});
