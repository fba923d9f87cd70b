import { describe, expect, it } from 'vitest';
import { parseEmail } from './emails.js';

describe('parseEmail', () => {
  it('reads display names, angle brackets, mailto:, case, whitespace and trailing dots', () => {
    expect(parseEmail('"Doe, Jane" <Jane.Doe@X.com>')).toMatchObject({ address: 'jane.doe@x.com', displayName: 'Doe, Jane', local: 'jane.doe', domain: 'x.com' });
    expect(parseEmail('  mailto:Jane@Example.COM?subject=hi ')).toMatchObject({ address: 'jane@example.com', displayName: null });
    expect(parseEmail('<jane@example.com>')?.address).toBe('jane@example.com');
    expect(parseEmail(' jane@example.com. ')?.address).toBe('jane@example.com');
    expect(parseEmail('jane@example.com.')?.domain).toBe('example.com');
  });

  it('applies Gmail rules only to the match key: dots, +tags, googlemail.com', () => {
    const parsed = parseEmail('J.a.n.e.Doe+deals@GoogleMail.com');
    expect(parsed?.address).toBe('j.a.n.e.doe+deals@googlemail.com');
    expect(parsed?.matchKey).toBe('janedoe@gmail.com');
    expect(parseEmail('janedoe@gmail.com')?.matchKey).toBe('janedoe@gmail.com');
  });

  it('strips +tags for plus-addressing providers but keeps dots outside Gmail', () => {
    expect(parseEmail('jane.doe+crm@outlook.com')?.matchKey).toBe('jane.doe@outlook.com');
    expect(parseEmail('jane.doe+x@fastmail.com')?.matchKey).toBe('jane.doe@fastmail.com');
    expect(parseEmail('jane.doe+x@icloud.com')?.matchKey).toBe('jane.doe@icloud.com');
    // A company domain may route +tags to another mailbox: kept.
    expect(parseEmail('jane+ir@acme.com')?.matchKey).toBe('jane+ir@acme.com');
  });

  it('flags free mail and role mailboxes', () => {
    expect(parseEmail('jane@gmail.com')).toMatchObject({ freeMail: true, roleMailbox: false });
    expect(parseEmail('info@acme.com')).toMatchObject({ freeMail: false, roleMailbox: true });
    expect(parseEmail('Investor.Relations@acme.com')?.roleMailbox).toBe(true);
  });

  it('rejects what is not an address', () => {
    for (const bad of ['', 'jane', 'jane@', '@acme.com', 'jane doe@acme.com', 'jane@acme', null, undefined]) expect(parseEmail(bad)).toBeNull();
  });
});
