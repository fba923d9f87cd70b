import { describe, expect, it } from 'vitest';
import { detectSharedValues } from './shared-values.js';
import { compare, person, rules } from './testing.js';

const AUTO = 0.9;
const SUGGEST = 0.6;

describe('person rules', () => {
  it('same normalized personal email: 1.0, through Gmail dots, +tags, googlemail and display names', () => {
    const verdict = compare(
      person({ name: 'Jane Doe', emails: ['jane.doe@gmail.com'] }),
      person({ name: 'Doe, Jane', emails: ['"Jane" <JaneDoe+lp@googlemail.com>'] }),
    );
    expect(verdict).toMatchObject({ confidence: 1, rule: 'same_personal_email' });
    expect(verdict.evidence[0]?.reason).toBe('both use jane.doe@gmail.com (personal email)');
  });

  it('same LinkedIn: 1.0, whatever the URL form', () => {
    const verdict = compare(
      person({ name: 'Jane Doe', linkedin: 'https://www.linkedin.com/in/Jane-Doe/?trk=x' }),
      person({ name: 'J. Doe', linkedin: 'linkedin.com/in/jane-doe' }),
    );
    expect(verdict).toMatchObject({ confidence: 1, rule: 'same_linkedin' });
  });

  it('same direct phone: 0.95', () => {
    const verdict = compare(person({ name: 'Jane Doe', phones: ['(212) 555-0123'] }), person({ name: 'Jane Doe', phones: ['+1 212 555 0123'] }));
    expect(verdict).toMatchObject({ confidence: 0.95, rule: 'same_direct_phone' });
  });

  it('same surname (any form) + compatible first name + same organization: 0.9', () => {
    const cases: [string, string, string, string][] = [
      ['William Müller', 'Acme Capital, LLC', 'Bill Mueller', 'The Acme Capital'],
      ['Jane Smith', 'Acme Capital', 'J. Smith', 'Acme Cap.'],
      ['Pieter van der Berg', 'Acme', 'Berg, Pieter', 'Acme Inc.'],
      ['Jane Smith-Jones', 'Kleiner Perkins Caufield & Byers', 'Jane Jones', 'KPCB'],
      ['JosÃ© GarcÃ­a', 'Acme', 'Jose Garcia', 'Acme'],
    ];
    for (const [nameA, orgA, nameB, orgB] of cases) {
      const verdict = compare(person({ name: nameA, organization: orgA }), person({ name: nameB, organization: orgB }));
      expect(verdict, `${nameA} / ${nameB}`).toMatchObject({ confidence: 0.9, rule: 'same_name_same_organization' });
    }
    // The organization may be known from a work email domain only.
    expect(
      compare(person({ name: 'Jane Smith', organization: 'Harbor Capital' }), person({ name: 'Jane Smith', emails: ['jsmith@harborcapital.com'] })).confidence,
    ).toBe(0.9);
  });

  it('same full name + same non-free email domain: 0.85 (a suggestion)', () => {
    const verdict = compare(
      person({ name: 'Jane Smith', emails: ['jane@acme.com'] }),
      person({ name: 'Jane Smith', emails: ['info@acme.com'], website: null }),
    );
    expect(verdict.rule).toBe('same_name_same_organization');
    const domainOnly = compare(
      person({ name: 'Jane Smith', emails: ['jane@bigbank.com'] }),
      person({ name: 'Jane Smith', emails: ['assistant.to.jane@bigbank.com'] }),
    );
    expect(domainOnly.confidence).toBeLessThan(AUTO);
    expect(rules(domainOnly, 'for')).toContain('same_name_same_domain');
  });

  it('same name + same city only: 0.6, a suggestion', () => {
    const verdict = compare(person({ name: 'John Smith', city: 'Boston' }), person({ name: 'John Smith', city: 'boston' }));
    expect(verdict).toMatchObject({ confidence: SUGGEST, rule: 'same_name_same_city' });
    expect(compare(person({ name: 'John Smith' }), person({ name: 'John Smith' })).confidence).toBeLessThan(SUGGEST);
  });

  it('persons vs organizations never match', () => {
    const verdict = compare(person({ name: 'Acme Capital', emails: ['x@acme.com'] }), {
      ...person({ name: 'Acme Capital', emails: ['x@acme.com'] }),
      kind: 'organization',
    });
    expect(verdict.confidence).toBe(0);
    expect(rules(verdict, 'against')).toEqual(['different_kind']);
  });
});

describe('shared evidence never merges on its own', () => {
  it('a role mailbox', () => {
    const verdict = compare(person({ name: 'Jane Doe', emails: ['info@acme.com'] }), person({ name: 'Mark Lee', emails: ['info@acme.com'] }));
    expect(verdict.confidence).toBe(0);
    expect(rules(verdict, 'shared')).toContain('shared_email');
    expect(verdict.evidence[0]?.reason).toMatch(/role mailbox/);
    // With the same name it is the name-at-the-same-organization rule that decides, not the mailbox.
    const sameName = compare(person({ name: 'Jane Doe', emails: ['info@acme.com'] }), person({ name: 'Jane Doe', emails: ['ir@acme.com', 'info@acme.com'] }));
    expect(sameName.rule).toBe('same_name_same_organization');
    expect(rules(sameName, 'for')).not.toContain('same_personal_email');
  });

  it('a main line or extension', () => {
    const verdict = compare(person({ name: 'Jane Doe', phones: ['Main: +1 212 555 0100'] }), person({ name: 'Mark Lee', phones: ['212-555-0100 x12'] }));
    expect(verdict.confidence).toBe(0);
    expect(rules(verdict, 'shared')).toEqual(['shared_phone']);
  });

  it('a number seen on several people is shared once detected', () => {
    const a = { name: 'Jane Doe', phones: ['+1 212 555 0177'] };
    const b = { name: 'Mark Lee', phones: ['(212) 555-0177'] };
    const sharedValues = detectSharedValues([person(a), person(b)]);
    expect(sharedValues).toEqual(new Set(['+12125550177']));
    expect(
      compare(person({ name: 'Jane Doe', phones: ['+1 212 555 0177'] }, sharedValues), person({ name: 'J. Doe', phones: ['+12125550177'] }, sharedValues))
        .confidence,
    ).toBe(0);
  });

  it('a joint email seen with two different first names', () => {
    const tom = person({ name: 'Tom Jones', emails: ['jonesfamily@gmail.com'] });
    const mary = person({ name: 'Mary Jones', emails: ['JonesFamily@gmail.com'] });
    const verdict = compare(tom, mary);
    expect(verdict.confidence).toBeLessThan(SUGGEST);
    expect(rules(verdict, 'for')).not.toContain('same_personal_email');
    expect(rules(verdict, 'against')).toContain('different_first_name');
    expect(detectSharedValues([tom, mary])).toContain('jonesfamily@gmail.com');
  });

  it('a family-office domain shared by several people', () => {
    const verdict = compare(
      person({ name: 'Tom Jones', emails: ['tom@jonesfo.com'], organization: 'Jones Family Office' }),
      person({ name: 'Mary Jones', emails: ['mary@jonesfo.com'], organization: 'Jones FO' }),
    );
    expect(verdict.confidence).toBeLessThan(SUGGEST);
    expect(rules(verdict, 'shared')).toContain('shared_domain');
  });
});

describe('evidence against', () => {
  it('different first names cap the verdict below the suggestion threshold, even with a shared email', () => {
    const verdict = compare(
      person({ name: 'Jane Doe', emails: ['doe@gmail.com'], organization: 'Acme' }),
      person({ name: 'John Doe', emails: ['doe@gmail.com'], organization: 'Acme' }),
    );
    expect(verdict.confidence).toBeLessThan(SUGGEST);
  });

  it('same-name different people stay apart: other firms, other emails', () => {
    const verdict = compare(
      person({ name: 'John Smith', emails: ['john.smith@acme.com'], organization: 'Acme Capital', city: 'Boston' }),
      person({ name: 'John Smith', emails: ['jsmith@summit.com'], organization: 'Summit Partners', city: 'Boston' }),
    );
    expect(verdict.confidence).toBeLessThan(AUTO);
  });

  it('different individual work emails at one domain: name rules may only suggest', () => {
    const verdict = compare(
      person({ name: 'John Smith', emails: ['john.smith@acme.com'], organization: 'Acme' }),
      person({ name: 'John Smith', emails: ['john.smith2@acme.com'], organization: 'Acme' }),
    );
    expect(verdict.confidence).toBe(0.85);
    expect(rules(verdict, 'against')).toContain('different_work_email');
  });

  it('conflicting LinkedIn profiles', () => {
    const verdict = compare(
      person({ name: 'John Smith', organization: 'Acme', linkedin: 'in/john-smith-1' }),
      person({ name: 'John Smith', organization: 'Acme', linkedin: 'in/john-smith-2' }),
    );
    expect(verdict.confidence).toBeLessThan(SUGGEST);
    expect(rules(verdict, 'against')).toContain('different_linkedin');
  });

  it('different generational suffixes are different people', () => {
    const verdict = compare(
      person({ name: 'John Smith Sr.', organization: 'Smith Family Office' }),
      person({ name: 'John Smith Jr.', organization: 'Smith FO' }),
    );
    expect(verdict.confidence).toBeLessThan(SUGGEST);
    expect(rules(verdict, 'against')).toContain('different_generation');
  });
});

describe('movers and married names', () => {
  it('a mover matches on a personal email or LinkedIn despite a new organization', () => {
    expect(
      compare(
        person({ name: 'Jane Doe', emails: ['jane.doe@gmail.com', 'jane@acme.com'], organization: 'Acme' }),
        person({ name: 'Jane Doe', emails: ['janedoe@gmail.com', 'jane@summit.com'], organization: 'Summit' }),
      ).confidence,
    ).toBe(1);
    expect(
      compare(
        person({ name: 'Jane Doe', organization: 'Acme', linkedin: 'in/janedoe' }),
        person({ name: 'Jane Doe', organization: 'Summit', linkedin: 'https://linkedin.com/in/janedoe' }),
      ).confidence,
    ).toBe(1);
  });

  it('a maiden and a married name match on a personal email, and "née" gives both surnames', () => {
    expect(compare(person({ name: 'Jane Doe', emails: ['jd@gmail.com'] }), person({ name: 'Jane Smith', emails: ['jd@gmail.com'] })).confidence).toBe(1);
    expect(compare(person({ name: 'Jane Doe', organization: 'Acme' }), person({ name: 'Jane Smith (née Doe)', organization: 'Acme' })).confidence).toBe(0.9);
  });
});
