import { describe, expect, it } from 'vitest';
import { detectSharedValues } from './shared-values.js';
import { compare, organization, rules } from './testing.js';

const AUTO = 0.9;
const SUGGEST = 0.6;

describe('organization rules', () => {
  it('same normalized name: 0.95', () => {
    const verdict = compare(organization({ name: 'The Acme Capital Mgmt., L.L.C.' }), organization({ name: 'Acme Capital Management' }));
    expect(verdict).toMatchObject({ confidence: 0.95, rule: 'same_organization_name' });
    expect(compare(organization({ name: 'University of Oxford' }), organization({ name: 'Oxford University' })).confidence).toBe(0.95);
  });

  it('name variants (acronym, generic words) + same domain: 0.95; without the domain only a suggestion', () => {
    const acronym = compare(
      organization({ name: 'Kleiner Perkins Caufield & Byers', website: 'https://www.kpcb.com' }),
      organization({ name: 'KPCB', website: 'kpcb.com' }),
    );
    expect(acronym).toMatchObject({ confidence: 0.95, rule: 'name_variant_same_domain' });
    const generic = compare(
      organization({ name: 'Blackstone', website: 'blackstone.com' }),
      organization({ name: 'Blackstone Group', emails: ['ir@blackstone.com'] }),
    );
    expect(generic.confidence).toBe(0.95);
    expect(compare(organization({ name: 'Kleiner Perkins Caufield & Byers' }), organization({ name: 'KPCB' }))).toMatchObject({
      confidence: SUGGEST,
      rule: 'name_variant',
    });
  });

  it('same website domain: 0.9', () => {
    const verdict = compare(organization({ name: 'Acme', website: 'http://www.acme.com/about' }), organization({ website: 'acme.com' }));
    expect(verdict).toMatchObject({ confidence: 0.9, rule: 'same_website_domain' });
  });

  it('same name + same main line: 0.95, with the main line as evidence', () => {
    const verdict = compare(
      organization({ name: 'Acme Capital', phones: ['Main: +1 212 555 0100'] }),
      organization({ name: 'Acme Capital LLC', phones: ['(212) 555-0100'] }),
    );
    expect(verdict.confidence).toBe(0.95);
    expect(rules(verdict, 'for')).toContain('same_name_same_main_line');
  });

  it('a main line shared by several organizations (a serviced office) is not evidence on its own', () => {
    const a = organization({ name: 'Acme Capital', phones: ['+1 212 555 0100'] });
    const b = organization({ name: 'Summit Partners', phones: ['+1 212 555 0100'] });
    const sharedValues = detectSharedValues([a, b]);
    expect(sharedValues).toContain('+12125550100');
    const verdict = compare(
      organization({ name: 'Acme Capital', phones: ['+1 212 555 0100'] }, sharedValues),
      organization({ name: 'Summit Partners', phones: ['+1 212 555 0100'] }, sharedValues),
    );
    expect(verdict.confidence).toBe(0);
    expect(rules(verdict, 'shared')).toEqual(['shared_phone']);
    expect(verdict.evidence[0]?.reason).toMatch(/\+1 212 555 0100 is shared by several organizations: not evidence on its own/);
  });

  it('a firm and its foundation stay apart, even on one domain', () => {
    for (const foundation of ['Acme Capital Foundation', 'Acme Foundation']) {
      const verdict = compare(organization({ name: 'Acme Capital', website: 'acme.com' }), organization({ name: foundation, website: 'acme.com' }));
      expect(verdict.confidence, foundation).toBeLessThan(SUGGEST);
      expect(rules(verdict, 'against')).toContain('distinct_entity');
    }
  });

  it('parent and subsidiary are never above 0.6', () => {
    const verdict = compare(
      organization({ name: 'Blackstone', website: 'blackstone.com' }),
      organization({ name: 'Blackstone Real Estate', website: 'blackstone.com' }),
    );
    expect(verdict.confidence).toBe(SUGGEST);
    expect(rules(verdict, 'against')).toContain('parent_subsidiary');
    expect(compare(organization({ name: 'Blackstone' }), organization({ name: 'Blackstone Real Estate' })).confidence).toBeLessThanOrEqual(SUGGEST);
  });

  it('Fund II and Fund III are different, even on one domain', () => {
    const verdict = compare(organization({ name: 'Acme Fund II, L.P.', website: 'acme.com' }), organization({ name: 'Acme Fund III', website: 'acme.com' }));
    expect(verdict.confidence).toBeLessThan(SUGGEST);
    expect(rules(verdict, 'against')).toContain('different_fund_number');
    expect(compare(organization({ name: 'Acme Fund II' }), organization({ name: 'Acme Fund 2' })).confidence).toBe(0.95);
  });

  it('the same name on different websites, or different names on one domain, is at most a suggestion', () => {
    expect(
      compare(organization({ name: 'Summit Partners', website: 'summit.com' }), organization({ name: 'Summit Partners', website: 'summitpartners.co.uk' }))
        .confidence,
    ).toBe(SUGGEST);
    expect(compare(organization({ name: 'Acme', website: 'acme.com' }), organization({ name: 'Zenith Labs', website: 'acme.com' })).confidence).toBeLessThan(
      AUTO,
    );
  });

  it('role mailboxes give the domain but free mail does not', () => {
    expect(organization({ name: 'Acme', emails: ['info@acme.com'] }).domains).toEqual(['acme.com']);
    expect(organization({ name: 'Acme', emails: ['acmefund@gmail.com'] }).domains).toEqual([]);
  });
});
