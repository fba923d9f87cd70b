import { AccreditationStatus, type LinkableEntity, CommunicationKind, type ImportEntity, type ImportField, type ImportFieldType, OrganizationKind, PreferredChannel, Priority, Stage } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';
import type { Tx } from '../kernel/write.js';
import { liveDefinitions } from '../custom-fields/queries.js';

/** The entity type custom fields and tags are defined for (communications have neither). */
export const CUSTOM_FIELD_ENTITY: Record<ImportEntity, LinkableEntity | null> = { organizations: 'organization', contacts: 'contact', commitments: 'commitment', communications: null };

/** A field the importer can fill, with the header words that suggest it. */
export interface TargetField extends ImportField {
  /** Header spellings (normalized: lower case, letters and digits) that map here. */
  synonyms: string[];
  /** Several columns may map here (emails, phones, tags): their values are combined. */
  multiple?: boolean;
  /** Custom fields: the definition's key and type. */
  custom?: { key: string; type: string; options: string[] };
}

const field = (key: string, label: string, type: ImportFieldType, synonyms: string[], extra: Partial<TargetField> = {}): TargetField => ({
  key,
  label,
  type,
  required: false,
  synonyms,
  ...extra,
});

const TAGS = field('tags', 'Tags', 'tags', ['tags', 'tag', 'labels', 'label', 'categories', 'segments', 'lists'], { multiple: true });

const ORGANIZATION_FIELDS: TargetField[] = [
  field('name', 'Name', 'text', ['name', 'organization', 'organisation', 'organizationname', 'company', 'companyname', 'firm', 'firmname', 'investor', 'investorname', 'account', 'accountname', 'lp', 'lpname', 'entity'], { required: true }),
  field('kind', 'Kind', 'choice', ['kind', 'type', 'investortype', 'lptype', 'organizationtype', 'category', 'segment'], { options: [...OrganizationKind.options] }),
  field('website', 'Website', 'url', ['website', 'web', 'url', 'site', 'homepage', 'domain', 'websiteurl']),
  field('emailDomains', 'Email domains', 'text', ['emaildomains', 'emaildomain', 'domains'], { multiple: true }),
  field('location', 'Location', 'text', ['location', 'city', 'hq', 'headquarters', 'address', 'country', 'region']),
  field('description', 'Description', 'text', ['description', 'notes', 'note', 'about', 'summary', 'comments', 'bio']),
  field('leadSource', 'Lead source', 'text', ['leadsource', 'source', 'referral', 'referredby', 'introducedby', 'origin']),
  TAGS,
];

const CONTACT_FIELDS: TargetField[] = [
  field('fullName', 'Full name', 'text', ['name', 'fullname', 'contact', 'contactname', 'person', 'primarycontact']),
  field('firstName', 'First name', 'text', ['firstname', 'first', 'givenname', 'forename']),
  field('lastName', 'Last name', 'text', ['lastname', 'last', 'surname', 'familyname']),
  field('email', 'Email', 'email', ['email', 'emails', 'emailaddress', 'mail', 'workemail', 'personalemail', 'email1', 'email2', 'secondaryemail', 'primaryemail'], { multiple: true }),
  field('phone', 'Phone', 'phone', ['phone', 'phones', 'phonenumber', 'mobile', 'cell', 'cellphone', 'telephone', 'tel', 'workphone', 'mobilephone'], { multiple: true }),
  field('title', 'Title', 'text', ['title', 'jobtitle', 'position', 'role', 'designation']),
  field('organization', 'Organization', 'link', ['organization', 'organisation', 'company', 'companyname', 'firm', 'employer', 'account', 'investor', 'fund', 'organizationname'], {
    description: 'An organization by name: an existing one, else a new one',
  }),
  field('linkedinUrl', 'LinkedIn', 'url', ['linkedin', 'linkedinurl', 'linkedinprofile', 'li']),
  field('location', 'Location', 'text', ['location', 'city', 'address', 'country', 'region', 'based']),
  field('preferredChannel', 'Preferred channel', 'choice', ['preferredchannel', 'channel', 'contactpreference', 'preferredcontactmethod'], { options: [...PreferredChannel.options] }),
  field('source', 'Source', 'text', ['source', 'leadsource', 'referral', 'referredby', 'introducedby', 'origin']),
  field('notes', 'Notes', 'text', ['notes', 'note', 'comments', 'comment', 'description', 'about', 'bio']),
  field('accreditationStatus', 'Accreditation', 'choice', ['accreditation', 'accreditationstatus', 'accredited'], { options: [...AccreditationStatus.options] }),
  field('qualifiedPurchaser', 'Qualified purchaser', 'checkbox', ['qualifiedpurchaser', 'qp']),
  TAGS,
];

const COMMITMENT_FIELDS: TargetField[] = [
  field('organization', 'Investor', 'link', ['investor', 'investorname', 'organization', 'organisation', 'lp', 'lpname', 'company', 'firm', 'account', 'name'], {
    required: true,
    description: 'The investor organization by name: an existing one, else a new one',
  }),
  field('fund', 'Fund', 'link', ['fund', 'fundname', 'vehicle', 'program'], { required: true, description: 'An existing fund by name' }),
  field('stage', 'Stage', 'choice', ['stage', 'status', 'pipelinestage', 'dealstage'], { options: [...Stage.options] }),
  field('expectedAmount', 'Expected amount', 'money', ['expectedamount', 'expected', 'target', 'targetamount', 'ticket', 'ticketsize', 'amount', 'indication', 'potential']),
  field('committedAmount', 'Committed amount', 'money', ['committedamount', 'committed', 'commitment', 'commitmentamount', 'hardcommit']),
  field('fundedAmount', 'Funded amount', 'money', ['fundedamount', 'funded', 'called', 'paidin', 'wired']),
  field('probability', 'Probability', 'number', ['probability', 'likelihood', 'chance', 'confidence']),
  field('expectedCloseOn', 'Expected close', 'date', ['expectedclose', 'expectedcloseon', 'closedate', 'expectedclosedate', 'targetclose']),
  field('priority', 'Priority', 'choice', ['priority'], { options: [...Priority.options] }),
  field('nextStep', 'Next step', 'text', ['nextstep', 'nextsteps', 'nextaction', 'todo']),
  field('source', 'Source', 'text', ['source', 'leadsource', 'referral', 'referredby', 'introducedby']),
  field('primaryContact', 'Primary contact', 'link', ['primarycontact', 'contact', 'contactemail', 'contactname'], { description: 'A contact by email or name' }),
  field('declinedReason', 'Declined reason', 'text', ['declinedreason', 'reason', 'passreason', 'lostreason']),
  field('subscriptionDocsSentOn', 'Subscription docs sent', 'date', ['subdocssent', 'subscriptiondocssent', 'subscriptiondocssenton', 'docssent']),
  field('subscriptionDocsSignedOn', 'Subscription docs signed', 'date', ['subdocssigned', 'subscriptiondocssigned', 'subscriptiondocssignedon', 'docssigned', 'signed']),
  field('sideLetter', 'Side letter', 'checkbox', ['sideletter']),
  field('wireReceivedOn', 'Wire received', 'date', ['wirereceived', 'wirereceivedon', 'wiredate', 'fundedon']),
  TAGS,
];

const COMMUNICATION_FIELDS: TargetField[] = [
  field('kind', 'Kind', 'choice', ['kind', 'type', 'activitytype', 'interactiontype', 'channel', 'medium'], { required: true, options: [...CommunicationKind.options] }),
  field('occurredAt', 'When', 'datetime', ['date', 'when', 'occurredat', 'datetime', 'time', 'meetingdate', 'calldate', 'activitydate', 'timestamp', 'createdtime'], { required: true }),
  field('subject', 'Subject', 'text', ['subject', 'title', 'topic', 'summary', 'name']),
  field('body', 'Body', 'text', ['body', 'notes', 'note', 'details', 'description', 'content', 'text', 'comments']),
  field('outcome', 'Outcome', 'text', ['outcome', 'result']),
  field('nextAction', 'Next action', 'text', ['nextaction', 'nextstep', 'nextsteps', 'followup']),
  field('nextActionDueOn', 'Next action due', 'date', ['nextactiondue', 'nextactiondueon', 'followupdate', 'followupdue', 'due', 'duedate']),
  field('durationMinutes', 'Duration (minutes)', 'number', ['duration', 'durationminutes', 'minutes', 'length']),
  field('contacts', 'Contacts', 'link', ['contact', 'contacts', 'with', 'attendees', 'participants', 'person', 'people', 'contactemail', 'email'], {
    multiple: true,
    description: 'Existing contacts by email or name (several separated by commas)',
  }),
  field('organizations', 'Organizations', 'link', ['organization', 'organizations', 'organisation', 'company', 'investor', 'firm', 'account'], {
    multiple: true,
    description: 'Existing organizations by name',
  }),
];

export const BUILT_IN_FIELDS: Record<ImportEntity, TargetField[]> = {
  organizations: ORGANIZATION_FIELDS,
  contacts: CONTACT_FIELDS,
  commitments: COMMITMENT_FIELDS,
  communications: COMMUNICATION_FIELDS,
};

const CUSTOM_TYPES: Record<string, ImportFieldType> = {
  text: 'text',
  long_text: 'text',
  number: 'number',
  money: 'money',
  date: 'date',
  boolean: 'checkbox',
  select: 'choice',
  multi_select: 'tags',
  url: 'url',
  email: 'text',
};

/** Header text reduced to letters and digits: "E-mail Address" → "emailaddress". */
export function headerWords(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\(.*?\)/g, ' ')
    .replace(/[^a-z0-9]+/g, '');
}

/** Built-in fields plus the entity's live custom fields (`custom.<key>`), which a column of the same label suggests. */
export async function targetFields(db: Db | Tx, entity: ImportEntity): Promise<TargetField[]> {
  const customEntity = CUSTOM_FIELD_ENTITY[entity];
  const definitions = customEntity ? await liveDefinitions(db, customEntity) : [];
  const custom = definitions.map((definition): TargetField => {
    const options = JSON.parse(definition.optionsJson) as string[];
    return {
      key: `custom.${definition.key}`,
      label: definition.label,
      type: CUSTOM_TYPES[definition.type] ?? 'text',
      required: definition.required === 1,
      synonyms: [headerWords(definition.label), headerWords(definition.key)],
      ...(options.length > 0 ? { options } : {}),
      custom: { key: definition.key, type: definition.type, options },
    };
  });
  return [...BUILT_IN_FIELDS[entity], ...custom];
}

export function presentField(target: TargetField): ImportField {
  const { synonyms: _s, multiple: _m, custom: _c, ...view } = target;
  return view;
}
