export * from './domains.js';
export * from './emails.js';
export * from './nicknames.js';
export * from './organization-names.js';
export * from './person-names.js';
export * from './phones.js';
export * from './text.js';
