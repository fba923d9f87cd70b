// What LPs talk about with a fund's IR team, as sentences the corpus generator draws from. Each topic has
// sentences in the words a team member would use for it (`plain`) and sentences saying the same thing in
// other words (`reworded`): real notes are written both ways, and a keyword search misses the second
// kind. Queries come in two sets per topic: `topicQueries` use the topic's usual terms; `paraphraseQueries`
// use words that appear in none of the topic's sentences (checked by the eval test), so BM25 can only reach
// a relevant note through incidental words, while a word-vector model may connect related words.
//
// Topic queries are what a team member types: the usual terms, alone or in a question ("who raised concerns
// about the GP commitment?", the question this feature exists for).
//
// Slots: {first} a person's first name, {firm} the LP's name, {pct} a percentage, {amount} a sum, {fund}
// the fund, {month} a month.

export interface Topic {
  id: string;
  plain: readonly string[];
  reworded: readonly string[];
  topicQueries: readonly string[];
  paraphraseQueries: readonly string[];
}

export const TOPICS: readonly Topic[] = [
  {
    id: 'gp-commitment',
    plain: [
      '{first} asked how large the GP commitment is for {fund} and whether it is funded in cash.',
      'Concern about the GP commitment: {pct} feels light to their committee.',
      '{first} wants the GP commitment raised before they go to their board.',
      'They compared our GP commitment with other managers they back.',
    ],
    reworded: [
      '{first} wanted to know how much of their own money the partners are putting into {fund}.',
      'Their committee worries the managers do not have enough skin in the game.',
      '{first} pushed on whether the founders invest personally alongside investors, and how much.',
      'They like it when the team has a large personal stake riding on the same deals.',
    ],
    topicQueries: ['GP commitment', 'concerns about the size of the GP commitment', 'who raised concerns about the GP commitment?'],
    paraphraseQueries: ['sponsors contributing capital themselves', "alignment through principals' wealth"],
  },
  {
    id: 'fees',
    plain: [
      '{first} pushed back on the management fee of {pct} and asked for a step-down after the investment period.',
      'Fee discussion: they want a management fee break for a first close commitment.',
      'They asked whether the management fee is charged on committed or invested capital.',
      '{first} said their consultant benchmarks management fees and ours is at the high end.',
    ],
    reworded: [
      '{first} thinks the annual charge for running the fund is too high for a vehicle of this size.',
      'They would like a cheaper rate in exchange for coming in early.',
      'Their consultant says what we take each year to cover salaries and overhead is above market.',
      '{first} asked if the yearly percentage drops once we stop making new investments.',
    ],
    topicQueries: ['management fee discount', 'management fee step-down', 'which LPs pushed back on the management fee?'],
    paraphraseQueries: ['pricing too expensive', 'costs levied on clients'],
  },
  {
    id: 'ddq',
    plain: [
      'Sent the completed DDQ to {first}; they will come back with follow-up questions.',
      '{first} needs the DDQ and the ILPA template before their investment committee in {month}.',
      'DDQ follow-ups: cybersecurity policy, valuation policy and business continuity plan.',
      'Their operational due diligence team is reviewing the DDQ answers this week.',
    ],
    reworded: [
      '{first} sent over a long questionnaire about our operations, compliance and controls.',
      'Their ops team asked for our policies on cyber, valuations and disaster recovery in writing.',
      'Filled in the investor questionnaire and returned it with the supporting documents.',
      'They are checking our back office, administrator and audit firm before they can approve.',
    ],
    topicQueries: ['DDQ', 'due diligence questionnaire follow-up', 'who is still waiting on DDQ answers?'],
    paraphraseQueries: ['survey paperwork', 'vetting forms submitted'],
  },
  {
    id: 'co-invest',
    plain: [
      '{first} asked about co-investment rights alongside {fund}.',
      'They want co-invest allocation on larger rounds, fee-free and carry-free.',
      'Co-investment appetite is high: {amount} set aside for direct deals next year.',
      '{first} asked how we allocate co-invest opportunities among LPs.',
    ],
    reworded: [
      '{first} would like to put extra money directly into some of our portfolio companies.',
      'They hope to be offered a slice of the bigger rounds outside the fund, without paying fees on it.',
      'They have a separate pot for direct stakes in startups next to their fund program.',
      'They asked who gets first look when a company raises more than the fund can take.',
    ],
    topicQueries: ['co-investment rights', 'co-invest allocation', 'which investors want co-investment alongside the fund?'],
    paraphraseQueries: ['sidecar participation beyond the main vehicle', 'syndicated minority positions'],
  },
  {
    id: 're-up',
    plain: [
      '{first} confirmed they intend to re-up in {fund} at {amount}.',
      'Re-up is likely but the size depends on their denominator effect.',
      'They will re-up if the first close is before {month}.',
      '{first} said the re-up decision goes to committee after our annual meeting.',
    ],
    reworded: [
      '{first} expects to come back for the next vehicle, probably at the same size as last time.',
      'They are likely to invest again with us but their private markets bucket is overweight.',
      'Returning investor: they want to stay in the program for the successor fund.',
      'They plan to renew their relationship with the firm in the new fund.',
    ],
    topicQueries: ['re-up in the next fund', 're-up decision', 'who said they will re-up in the next fund?'],
    paraphraseQueries: ['recommitment to a later vintage', 'repeat backing from loyal clients'],
  },
  {
    id: 'side-letter',
    plain: [
      '{first} sent their side letter requests: MFN, reporting and an excuse right.',
      'Side letter: they need an MFN clause and a sanctions representation.',
      'Their counsel is marking up the side letter; {first} expects comments by {month}.',
      'They asked whether the MFN in the side letter covers fee terms.',
    ],
    reworded: [
      '{first} listed special terms they need in a separate agreement with the fund.',
      'Their lawyers want most favoured nation treatment so nobody gets better terms than they do.',
      'They need a bespoke contract granting them the right to sit out certain investments.',
      'Their attorneys sent a redline of the bilateral agreement with extra reporting obligations.',
    ],
    topicQueries: ['side letter requests', 'side letter MFN clause', 'who sent us side letter requests?'],
    paraphraseQueries: ['negotiated legal carve-outs', 'preferential contractual provisions'],
  },
  {
    id: 'key-person',
    plain: [
      '{first} asked about the key person clause and who is named in it.',
      'Key person provisions: they want both founding partners named and a suspension of the investment period.',
      'Concern about key person risk after the departure of a partner.',
      'They asked what happens under the key person clause if one partner steps back.',
    ],
    reworded: [
      '{first} worried about what happens if one of the founders leaves the firm.',
      'They want the investment period paused automatically should a senior partner depart.',
      'Succession came up: who runs the portfolio if the lead investor retires.',
      'They asked how dependent the strategy is on one or two individuals.',
    ],
    topicQueries: ['key person clause', 'key person risk', 'who asked about the key person clause?'],
    paraphraseQueries: ['founder exit contingency', 'if the chief principal resigns'],
  },
  {
    id: 'esg',
    plain: [
      '{first} asked for our ESG policy and the annual ESG report.',
      'ESG: they need SFDR classification and carbon reporting for their own disclosures.',
      'Their ESG team sent a questionnaire on diversity and climate metrics.',
      'They screen managers on ESG integration and want a named ESG lead.',
    ],
    reworded: [
      '{first} asked how we think about sustainability and climate when we pick companies.',
      'They have to report emissions of their holdings and need numbers from our portfolio.',
      'Their board cares about responsible investing and diversity in our team.',
      'They want to see how environmental and social risks shape our investment decisions.',
    ],
    topicQueries: ['ESG policy', 'ESG reporting requirements', 'which LPs need ESG reporting from us?'],
    paraphraseQueries: ['green ethical standards', 'ethical footprint of startups'],
  },
  {
    id: 'capital-call',
    plain: [
      '{first} asked for more notice before each capital call.',
      'Capital call schedule: they want an estimate of calls for the next four quarters.',
      'Their treasury team missed the last capital call notice; resend to the ops mailbox.',
      'They asked whether we use a subscription line to delay capital calls.',
    ],
    reworded: [
      '{first} wants more warning before we ask them to wire money for new investments.',
      'Their treasury needs a forecast of how much cash we will draw down each quarter.',
      'The last drawdown notice went to the wrong person; their ops desk never saw it.',
      'They asked if we borrow short term against commitments before pulling their money in.',
    ],
    topicQueries: ['capital call notice', 'capital call schedule', 'who complained about capital call notice?'],
    paraphraseQueries: ['funding requests timing', 'when will contributions be requested'],
  },
  {
    id: 'distributions',
    plain: [
      '{first} asked about distributions to date and DPI for the previous fund.',
      'They focus on DPI: the committee wants realised distributions, not paper marks.',
      'Discussed the distribution waterfall and when carry starts.',
      'They asked when we expect the next distribution from the secondary sale.',
    ],
    reworded: [
      '{first} wants to know how much cash we have actually returned to investors so far.',
      'Their committee only believes exits that turned into money sent back.',
      'They asked in what order proceeds go back to investors and when the team gets its share.',
      'They are waiting for money back from the sale of our stake in a portfolio company.',
    ],
    topicQueries: ['distributions and DPI', 'distribution waterfall', 'who asked about DPI and distributions so far?'],
    paraphraseQueries: ['liquidity paid out to limited partners', 'realized payouts from acquisitions'],
  },
  {
    id: 'valuation',
    plain: [
      '{first} questioned the valuation marks on our two largest positions.',
      'Valuation policy: they want to know if marks follow the IPEV guidelines.',
      'They asked why the Q3 valuation of one company went up without a new round.',
      'Their auditor asked how we value the portfolio between financing rounds.',
    ],
    reworded: [
      '{first} doubts the prices we put on our biggest holdings in the quarterly report.',
      'They want the method behind how we decide what each company is worth on paper.',
      'They asked why one startup was written up when nobody new invested.',
      'Their accountants asked about our approach to pricing private companies.',
    ],
    topicQueries: ['valuation marks', 'valuation policy', 'who questioned our valuation marks?'],
    paraphraseQueries: ['how are stakes appraised', 'NAV methodology and appraisal'],
  },
  {
    id: 'fund-size',
    plain: [
      '{first} asked about the target fund size and the hard cap for {fund}.',
      'Fund size concern: a larger fund may dilute the strategy.',
      'They asked what happens if we hit the hard cap before their committee meets.',
      'They prefer managers who keep fund size disciplined.',
    ],
    reworded: [
      '{first} asked how much money we plan to raise in total this time.',
      'They fear that raising much more than last time will change how we invest.',
      'They asked if the vehicle could fill up and close before their approval comes through.',
      'They like teams that do not grow assets just to earn more.',
    ],
    topicQueries: ['fund size and hard cap', 'target fund size', 'who is worried about the fund size?'],
    paraphraseQueries: ['overall capital targeted', 'maximum capacity ceiling'],
  },
  {
    id: 'reporting',
    plain: [
      '{first} asked for quarterly reporting in the ILPA format.',
      'Reporting: they need the quarterly report within 45 days of quarter end.',
      'They want portfolio company KPIs added to the quarterly report.',
      'Their team asked for reporting through the investor portal instead of email.',
    ],
    reworded: [
      '{first} wants the updates we send every three months in a standard template.',
      'Their team needs our numbers sooner after each period closes.',
      'They asked for more detail on how each company in the portfolio is doing.',
      'They would rather download statements from a website than get attachments.',
    ],
    topicQueries: ['quarterly reporting', 'quarterly report format', 'who wants changes to our quarterly reporting?'],
    paraphraseQueries: ['periodic communications to shareholders', 'disclosures timing and frequency'],
  },
  {
    id: 'lpac',
    plain: [
      '{first} would like a seat on the LPAC for {fund}.',
      'LPAC: they asked which conflicts go to the advisory committee.',
      'They want to know who else sits on the LPAC and how often it meets.',
      'Their counsel asked for LPAC consent rights on cross-fund investments.',
    ],
    reworded: [
      '{first} hopes to join the small group of investors who approve conflicts.',
      'They asked which decisions need sign-off from a panel of the larger investors.',
      'They want a voice in governance, for instance when one fund buys from another.',
      'They asked how often the investor board meets and who is on it.',
    ],
    topicQueries: ['LPAC seat', 'LPAC consent rights', 'who wants an LPAC seat?'],
    paraphraseQueries: ['oversight council membership', 'supervisory council of limited partners'],
  },
  {
    id: 'track-record',
    plain: [
      '{first} asked for the track record with gross and net IRR by fund.',
      'Track record: they want attribution by partner and loss ratio.',
      'They asked for TVPI and IRR versus the Cambridge benchmark.',
      'Their analyst is rebuilding our track record from the deal-level data.',
    ],
    reworded: [
      '{first} wants to see how our earlier funds performed after fees.',
      'They asked which partner sourced the winners and how many companies failed.',
      'They compare our past results with peers from the same vintage years.',
      'Their analyst is redoing the numbers company by company from our history.',
    ],
    topicQueries: ['track record IRR', 'track record attribution', 'who asked for our track record and IRR?'],
    paraphraseQueries: ['historical performance against competitors', 'prior returns of older vintages'],
  },
];

/** Sentences with no topic: the logistics and small talk notes are full of. Some share words with topics on purpose (a "call" that is not a capital call, a "key" that is not a key person). */
export const FILLER: readonly string[] = [
  'Scheduled a follow-up call for {month}.',
  'Sent the updated deck and the latest portfolio update.',
  'Good call overall; {first} was friendly and engaged.',
  'Key takeaway: keep them warm and send news when there is news.',
  '{first} is travelling next week; will reconnect after.',
  'Introduced {first} to our new head of platform.',
  'They are hiring a new analyst to cover venture.',
  'Lunch near their office; talked mostly about the market.',
  'Will send the data room link after the call.',
  'They mentioned a conference in {month} where we might meet.',
  'Asked for a reference call with another investor.',
  '{first} moved to a new role inside {firm}.',
  'Reminder to update the CRM with the new address.',
  'The meeting ran long; we will pick it up next time.',
];

export const FIRST_NAMES = [
  'Julia',
  'Marcus',
  'Priya',
  'Tomás',
  'Ingrid',
  'Kwame',
  'Mei',
  'Oliver',
  'Fatima',
  'Lars',
  'Sofia',
  'Daniel',
  'Aiko',
  'Rafael',
  'Hannah',
  'Nikhil',
  'Chloe',
  'Emeka',
  'Beatriz',
  'Stefan',
  'Amara',
  'Jonas',
  'Leila',
  'Victor',
  'Naomi',
  'Hugo',
  'Zara',
  'Mateo',
  'Elena',
  'Samuel',
] as const;

export const LAST_NAMES = [
  'Chen',
  'Okafor',
  'Lindqvist',
  'Moreau',
  'Kowalski',
  'Haddad',
  'Nakamura',
  'Fischer',
  'Abernathy',
  'Castellanos',
  'Van der Berg',
  "O'Neill",
  'Rahman',
  'Petrov',
  'Achterberg',
  'Delacroix',
  'Mbeki',
  'Sørensen',
  'Whitcombe',
  'Kaur',
  'Yamamoto',
  'Brennan',
  'Oyelaran',
  'Quintero',
] as const;

export const FIRM_PLACES = [
  'Harbor Point',
  'Kestrel',
  'Northgate',
  'Bluewater',
  'Ashford',
  'Meridian',
  'Copperleaf',
  'Stonebridge',
  'Larchmont',
  'Pinecrest',
  'Redwood Valley',
  'Silverline',
  'Eastbrook',
  'Foxhollow',
  'Granite Peak',
  'Halcyon',
  'Ironwood',
  'Juniper',
  'Lakeshore',
  'Maplewood',
] as const;

export const FIRM_TYPES = ['Endowment', 'Family Office', 'Pension Fund', 'Foundation', 'Capital', 'Partners', 'Insurance', 'Fund of Funds'] as const;

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
export const FUNDS = ['Fund III', 'Fund IV', 'Opportunity Fund II'] as const;
