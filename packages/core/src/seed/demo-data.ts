import type { CommunicationCreateInput, OrganizationKind, Stage } from '@lpdesk/contracts';

/** A small, realistic, fixed demo fund. Amounts are whole dollars here and stored in cents. */
export interface DemoOrganization {
  key: string;
  name: string;
  kind: OrganizationKind;
  website: string;
  domain: string;
  location: string;
  people: { first: string; last: string; title: string; phone?: string }[];
  fund1?: { committed: number; funded: number };
  fund2?: { stage: Stage; expected: number; committed?: number; reason?: string; priority: 'low' | 'medium' | 'high'; nextStep?: string };
}

export const DEMO_TAGS = [
  { name: 'Warm intro', color: '#16a34a' },
  { name: 'Re-up', color: '#2563eb' },
  { name: 'Anchor', color: '#9333ea' },
  { name: 'ESG focus', color: '#0d9488' },
  { name: 'Follow up', color: '#ea580c' },
];

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    key: 'harbor',
    name: 'Harborview Family Office',
    kind: 'family_office',
    website: 'https://harborview.example.com',
    domain: 'harborview.example.com',
    location: 'Boston, MA',
    people: [
      { first: 'Eleanor', last: 'Whitfield', title: 'Chief Investment Officer', phone: '+1 617 555 0142' },
      { first: 'Marcus', last: 'Ng', title: 'Investment Associate' },
    ],
    fund1: { committed: 5_000_000, funded: 4_250_000 },
    fund2: { stage: 'committed', expected: 7_500_000, committed: 7_500_000, priority: 'high', nextStep: 'Countersign subscription docs' },
  },
  {
    key: 'stanford',
    name: 'Cardinal University Endowment',
    kind: 'endowment',
    website: 'https://endowment.cardinal.example.edu',
    domain: 'cardinal.example.edu',
    location: 'Palo Alto, CA',
    people: [
      { first: 'Priya', last: 'Raman', title: 'Director, Private Markets' },
      { first: 'Tom', last: 'Becker', title: 'Analyst' },
    ],
    fund1: { committed: 10_000_000, funded: 8_500_000 },
    fund2: { stage: 'soft_circle', expected: 12_000_000, priority: 'high', nextStep: 'IC vote on the 12th' },
  },
  {
    key: 'redwood',
    name: 'Redwood Community Foundation',
    kind: 'foundation',
    website: 'https://redwoodcf.example.org',
    domain: 'redwoodcf.example.org',
    location: 'Portland, OR',
    people: [
      { first: 'Grace', last: 'Okafor', title: 'Treasurer' },
      { first: 'Samuel', last: 'Reyes', title: 'Investment Committee Chair' },
    ],
    fund1: { committed: 2_000_000, funded: 1_700_000 },
    fund2: { stage: 'due_diligence', expected: 3_000_000, priority: 'medium', nextStep: 'Send ESG policy and DDQ answers' },
  },
  {
    key: 'lakeshore',
    name: 'Lakeshore Teachers Pension',
    kind: 'pension',
    website: 'https://ltp.example.gov',
    domain: 'ltp.example.gov',
    location: 'Chicago, IL',
    people: [
      { first: 'Daniel', last: 'Kowalski', title: 'Senior Portfolio Manager' },
      { first: 'Rita', last: 'Alvarez', title: 'Consultant liaison' },
      { first: 'Helen', last: 'Park', title: 'Chief Investment Officer' },
    ],
    fund2: { stage: 'meeting', expected: 15_000_000, priority: 'high', nextStep: 'Second meeting with consultant' },
  },
  {
    key: 'summit',
    name: 'Summit Fund of Funds',
    kind: 'fund_of_funds',
    website: 'https://summitfof.example.com',
    domain: 'summitfof.example.com',
    location: 'New York, NY',
    people: [
      { first: 'Oliver', last: 'Brandt', title: 'Partner' },
      { first: 'Hana', last: 'Sato', title: 'Vice President' },
    ],
    fund1: { committed: 8_000_000, funded: 6_800_000 },
    fund2: { stage: 'closed', expected: 10_000_000, committed: 10_000_000, priority: 'high' },
  },
  {
    key: 'meridian',
    name: 'Meridian Wealth Partners',
    kind: 'ria_wealth_manager',
    website: 'https://meridianwp.example.com',
    domain: 'meridianwp.example.com',
    location: 'Denver, CO',
    people: [
      { first: 'Sofia', last: 'Lindqvist', title: 'Head of Alternatives' },
      { first: 'James', last: 'Porter', title: 'Advisor' },
    ],
    fund2: { stage: 'outreach', expected: 4_000_000, priority: 'medium', nextStep: 'Follow up on deck' },
  },
  {
    key: 'northstar',
    name: 'Northstar Industries',
    kind: 'corporate',
    website: 'https://northstar.example.com',
    domain: 'northstar.example.com',
    location: 'Minneapolis, MN',
    people: [
      { first: 'Ahmed', last: 'Haddad', title: 'Head of Corporate Development' },
      { first: 'Julia', last: 'Novak', title: 'Treasury Manager' },
    ],
    fund2: { stage: 'lead', expected: 5_000_000, priority: 'low', nextStep: 'Find a warm intro' },
  },
  {
    key: 'atlantic',
    name: 'Atlantic Mutual Insurance',
    kind: 'insurance',
    website: 'https://atlanticmutual.example.com',
    domain: 'atlanticmutual.example.com',
    location: 'Hartford, CT',
    people: [
      { first: 'Catherine', last: 'Doyle', title: 'Investment Officer' },
      { first: 'Ben', last: 'Adler', title: 'Risk Manager' },
    ],
    fund2: { stage: 'declined', expected: 6_000_000, reason: 'Solvency capital charge on venture too high this year', priority: 'low' },
  },
  {
    key: 'gulf',
    name: 'Gulf Sovereign Holdings',
    kind: 'sovereign',
    website: 'https://gsh.example.ae',
    domain: 'gsh.example.ae',
    location: 'Abu Dhabi, AE',
    people: [
      { first: 'Layla', last: 'Mansour', title: 'Director' },
      { first: 'Omar', last: 'Farouk', title: 'Senior Associate' },
    ],
    fund2: { stage: 'due_diligence', expected: 20_000_000, priority: 'high', nextStep: 'Site visit' },
  },
  {
    key: 'pacific',
    name: 'Pacific Private Bank',
    kind: 'bank',
    website: 'https://pacificpb.example.com',
    domain: 'pacificpb.example.com',
    location: 'San Francisco, CA',
    people: [
      { first: 'Kevin', last: 'Tran', title: 'Managing Director' },
      { first: 'Nora', last: 'Fischer', title: 'Associate' },
    ],
    fund1: { committed: 3_000_000, funded: 2_550_000 },
    fund2: { stage: 'outreach', expected: 3_000_000, priority: 'medium', nextStep: 'Re-up conversation' },
  },
  {
    key: 'chen',
    name: 'Chen Family Trust',
    kind: 'individual',
    website: 'https://chentrust.example.com',
    domain: 'chentrust.example.com',
    location: 'Seattle, WA',
    people: [
      { first: 'Michael', last: 'Chen', title: 'Trustee' },
      { first: 'Amy', last: 'Chen', title: 'Trustee' },
    ],
    fund1: { committed: 1_000_000, funded: 850_000 },
    fund2: { stage: 'committed', expected: 1_500_000, committed: 1_500_000, priority: 'medium' },
  },
  {
    key: 'vantage',
    name: 'Vantage Point Capital',
    kind: 'other',
    website: 'https://vantagepoint.example.com',
    domain: 'vantagepoint.example.com',
    location: 'Austin, TX',
    people: [
      { first: 'Isabel', last: 'Moreno', title: 'Principal' },
      { first: 'Ravi', last: 'Patel', title: 'Associate' },
    ],
    fund2: { stage: 'meeting', expected: 2_500_000, priority: 'medium', nextStep: 'Intro call with partners' },
  },
];

export interface DemoCommunication extends Omit<CommunicationCreateInput, 'contactIds' | 'organizationIds' | 'commitmentIds' | 'occurredAt' | 'source'> {
  org: string;
  person: number;
  daysAgo: number;
}

export const DEMO_COMMUNICATIONS: DemoCommunication[] = [
  {
    org: 'harbor',
    person: 0,
    daysAgo: 2,
    kind: 'call',
    subject: 'Fund II allocation',
    body: 'Eleanor confirmed the $7.5M allocation; wants the side letter on MFN.',
    outcome: 'Committed',
    nextAction: 'Send side letter draft',
    nextActionDueOn: null,
  },
  {
    org: 'stanford',
    person: 0,
    daysAgo: 5,
    kind: 'meeting',
    subject: 'IC prep',
    body: 'Walked Priya through Fund I marks and the Fund II pacing.',
    outcome: 'Positive',
    nextAction: 'Share updated track record',
    nextActionDueOn: null,
  },
  {
    org: 'redwood',
    person: 0,
    daysAgo: 9,
    kind: 'email',
    subject: 'DDQ',
    body: 'Grace sent the DDQ; ESG section needs detail on portfolio monitoring.',
    outcome: null,
    nextAction: 'Answer the DDQ',
    nextActionDueOn: null,
  },
  {
    org: 'lakeshore',
    person: 0,
    daysAgo: 12,
    kind: 'meeting',
    subject: 'First meeting',
    body: 'Good fit with their emerging manager program. Consultant will run the process.',
    outcome: 'Moving to second meeting',
    nextAction: null,
    nextActionDueOn: null,
  },
  {
    org: 'meridian',
    person: 0,
    daysAgo: 15,
    kind: 'email',
    subject: 'Fund II deck',
    body: 'Sent the deck and the one-pager.',
    outcome: null,
    nextAction: null,
    nextActionDueOn: null,
  },
  {
    org: 'gulf',
    person: 0,
    daysAgo: 20,
    kind: 'call',
    subject: 'Diligence kickoff',
    body: 'Layla outlined the diligence list; site visit in the next month.',
    outcome: 'In diligence',
    nextAction: null,
    nextActionDueOn: null,
  },
  {
    org: 'atlantic',
    person: 0,
    daysAgo: 30,
    kind: 'call',
    subject: 'Pass',
    body: 'Catherine says capital charges make venture hard this year. Revisit for Fund III.',
    outcome: 'Declined',
    nextAction: null,
    nextActionDueOn: null,
  },
  {
    org: 'chen',
    person: 0,
    daysAgo: 1,
    kind: 'note',
    subject: 'Wire instructions',
    body: 'Michael asked for wire instructions again; sent via secure portal.',
    outcome: null,
    nextAction: null,
    nextActionDueOn: null,
  },
  {
    org: 'vantage',
    person: 0,
    daysAgo: 4,
    kind: 'text',
    subject: 'Scheduling',
    body: 'Isabel proposed Tuesday for the partner intro.',
    outcome: null,
    nextAction: null,
    nextActionDueOn: null,
  },
  {
    org: 'summit',
    person: 1,
    daysAgo: 45,
    kind: 'meeting',
    subject: 'Annual meeting',
    body: 'Hana attended the AGM; asked about co-invest rights.',
    outcome: null,
    nextAction: null,
    nextActionDueOn: null,
  },
];

/** Open follow-ups: positive numbers are days from today, negative ones are overdue. */
export const DEMO_TASKS = [
  { org: 'harbor', title: 'Send side letter draft to Harborview', dueInDays: 2 },
  { org: 'stanford', title: 'Share updated track record with Priya', dueInDays: -3 },
  { org: 'redwood', title: 'Answer the Redwood DDQ', dueInDays: 5 },
  { org: 'lakeshore', title: 'Book second meeting with Lakeshore consultant', dueInDays: 7 },
  { org: 'meridian', title: 'Follow up with Sofia on the deck', dueInDays: -1 },
  { org: 'gulf', title: 'Plan Abu Dhabi site visit', dueInDays: 14 },
];
