import { IdentitySourceRecordInput } from '@lpdesk/contracts';
import { describe, expect, it } from 'vitest';
import { extractFeatures, normalizeLinkedin } from './features.js';
import { applySharedValues } from './shared-values.js';

describe('extractFeatures', () => {
  it('reads a contract source record into normalized features', () => {
    const record = IdentitySourceRecordInput.parse({
      source: 'csv',
      externalId: 'row-1',
      kind: 'person',
      name: 'Dr. Jürgen MÜLLER, CFA',
      emails: ['"Müller, Jürgen" <Juergen.Mueller+lp@GoogleMail.com>', 'j.mueller@acme-capital.de', 'info@acme-capital.de', 'not an email'],
      phones: ['+49 89 1234567', 'Zentrale: +49 89 1234500', 'garbage'],
      organization: 'Acme Capital GmbH',
      linkedin: 'https://de.linkedin.com/in/juergen-mueller/',
      city: 'München',
      observedAt: '2025-01-02T03:04:05.000Z',
    });
    const features = extractFeatures(record, { defaultPhoneRegion: 'DE' });
    expect(features.kind).toBe('person');
    expect(features.names[0]).toMatchObject({ key: 'jurgen muller', first: 'jurgen', suffix: null });
    expect(features.names[0]?.lastForms).toEqual(expect.arrayContaining(['muller', 'mueller']));
    expect(features.emails.map((e) => [e.matchKey, e.freeMail, e.shared])).toEqual([
      ['juergenmueller@gmail.com', true, false],
      ['j.mueller@acme-capital.de', false, false],
      ['info@acme-capital.de', false, true],
    ]);
    expect(features.phones).toEqual([
      { e164: '+49891234567', extension: null, shared: false, observedShared: false },
      { e164: '+49891234500', extension: null, shared: true, observedShared: false },
    ]);
    expect(features.linkedins).toEqual(['in/juergen-mueller']);
    expect(features.domains).toEqual(['acme-capital.de']);
    expect(features.organizations).toEqual([{ key: 'acme capital', acronym: null, raw: 'Acme Capital GmbH', observedAt: '2025-01-02T03:04:05.000Z' }]);
    expect(features.cities).toEqual(['munchen']);
  });

  it('takes a person name from an email display name when the record has none', () => {
    const features = extractFeatures({ kind: 'person', emails: ['"Doe, Jane" <jane@acme.com>'] }, { defaultPhoneRegion: 'US' });
    expect(features.names[0]).toMatchObject({ first: 'jane', last: 'doe' });
  });

  it('reads organizations with their website domain and acronym', () => {
    const features = extractFeatures(
      { kind: 'organization', name: 'Kleiner Perkins Caufield & Byers', website: 'https://www.kpcb.com/team', emails: [] },
      { defaultPhoneRegion: 'US' },
    );
    expect(features.names[0]).toMatchObject({ key: 'kleiner perkins caufield and byers', acronym: 'kpcb', isAcronym: false });
    expect(features.domains).toEqual(['kpcb.com']);
  });

  it('marks shared values passed as options, or afterwards without normalizing again', () => {
    const record = { kind: 'person' as const, name: 'Tom Jones', emails: ['jonesfamily@gmail.com'], phones: ['+1 212 555 0123'] };
    const shared = new Set(['jonesfamily@gmail.com', '+12125550123']);
    const direct = extractFeatures(record, { defaultPhoneRegion: 'US', sharedValues: shared });
    expect(direct.emails[0]?.shared).toBe(true);
    expect(direct.phones[0]).toMatchObject({ shared: true, observedShared: true });
    expect(applySharedValues(extractFeatures(record, { defaultPhoneRegion: 'US' }), shared)).toEqual(direct);
  });
});

describe('normalizeLinkedin', () => {
  it('keeps the kind and slug of a profile or company page', () => {
    expect(normalizeLinkedin('https://www.linkedin.com/in/Jane-Doe/?trk=x')).toBe('in/jane-doe');
    expect(normalizeLinkedin('linkedin.com/pub/jane-doe')).toBe('in/jane-doe');
    expect(normalizeLinkedin('https://www.linkedin.com/company/acme-capital/about')).toBe('company/acme-capital');
    expect(normalizeLinkedin('in/jane-doe')).toBe('in/jane-doe');
    expect(normalizeLinkedin('jane-doe')).toBe('in/jane-doe');
    expect(normalizeLinkedin('https://example.com/jane')).toBeNull();
    expect(normalizeLinkedin('')).toBeNull();
  });
});
