/** Word lists for the synthetic identity dataset (bench/identity/generator.ts). */

/** Given names with the nickname variants people use for them (first entry is the formal name). */
export const GIVEN_NAMES: readonly (readonly string[])[] = [
  ['William', 'Bill', 'Will'], ['Robert', 'Bob', 'Rob'], ['Elizabeth', 'Liz', 'Beth'], ['Katherine', 'Kate', 'Katie'], ['Margaret', 'Maggie', 'Peggy'],
  ['James', 'Jim', 'Jamie'], ['Richard', 'Rick', 'Rich'], ['Michael', 'Mike'], ['Alexander', 'Alex'], ['Jonathan', 'Jon'], ['Charles', 'Charlie'],
  ['Edward', 'Ed', 'Ted'], ['Thomas', 'Tom'], ['Christopher', 'Chris'], ['Daniel', 'Dan'], ['Matthew', 'Matt'], ['Nicholas', 'Nick'], ['Anthony', 'Tony'],
  ['Joseph', 'Joe'], ['Benjamin', 'Ben'], ['Samuel', 'Sam'], ['Patricia', 'Pat', 'Trish'], ['Jennifer', 'Jen', 'Jenny'], ['Susan', 'Sue'],
  ['Deborah', 'Deb'], ['Rebecca', 'Becky'], ['Victoria', 'Vicky', 'Tori'], ['Andrew', 'Andy', 'Drew'], ['David', 'Dave'], ['Steven', 'Steve'],
  ['Gregory', 'Greg'], ['Jeffrey', 'Jeff'], ['Peter', 'Pete'], ['Philip', 'Phil'], ['Timothy', 'Tim'], ['Frederick', 'Fred'], ['Lawrence', 'Larry'],
  ['Jürgen'], ['Søren'], ['José'], ['François'], ['Zoë'], ['Björn'], ['Renée'], ['Ingrid'], ['Olga'], ['Hiroshi'], ['Priya'], ['Wei'], ['Fatima'],
  ['Sophie'], ['Laura'], ['Claire'], ['Paul'], ['Mark'], ['Emma'], ['Lucas'], ['Hannah'], ['Oliver'], ['Amelia'], ['Noah'], ['Isabel'], ['Marcus'],
  ['Helena'], ['Stefan'], ['Anika'], ['Rafael'], ['Lucia'], ['Martin'], ['Nadia'], ['Omar'], ['Yuki'], ['Chen'], ['Aisha'], ['Diego'], ['Ingeborg'],
];

export const SURNAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Martin', 'Jackson',
  'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Hill', 'Green', 'Adams',
  'Baker', 'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Campbell', 'Parker', 'Evans', 'Edwards', 'Collins', 'Stewart',
  'Morris', 'Rogers', 'Reed', 'Cook', 'Morgan', 'Bell', 'Murphy', 'Bailey', 'Cooper', 'Richardson', 'Cox', 'Howard', 'Ward', 'Peterson', 'Gray',
  'Müller', 'Schröder', 'Jäger', 'Groß', 'Kühn', 'Köhler', 'Weiß', 'Bäcker', 'Søndergaard', 'Åberg', 'Nørgaard', 'García', 'Martínez', 'López',
  'González', 'Pérez', 'Sánchez', 'Muñoz', 'Dubois', 'Lefèvre', 'Girard', 'Rossi', 'Bianchi', 'Esposito', 'Kowalski', 'Nowak', 'Wiśniewski',
  'Łukasik', 'Novák', 'Dvořák', 'Yamamoto', 'Tanaka', 'Nakamura', 'Kim', 'Park', 'Chen', 'Wang', 'Zhang', 'Patel', 'Shah', 'Gupta', 'Khan',
  "O'Brien", "O'Connor", 'McDonald', 'MacLeod', 'McKenzie', 'van der Berg', 'van Dijk', 'de Vries', 'de Jong', 'van den Heuvel', 'von Weber',
  'de la Cruz', 'da Silva', 'dos Santos', 'di Marco', 'Le Roux', 'bin Rashid', 'Smith-Jones', 'Garcia-Lopez', 'Hughes-Hallett', 'Fitzgerald',
  'Lindqvist', 'Halvorsen', 'Andersson', 'Johansson', 'Virtanen', 'Korhonen', 'Ivanov', 'Petrov', 'Horvath', 'Nagy', 'Popescu', 'Papadopoulos',
  'Cohen', 'Levi', 'Friedman', 'Weinberg', 'Rosenthal', 'Abramson', 'Goldberg', 'Sutherland', 'Blackwood', 'Ashworth', 'Pemberton', 'Whitfield',
];

export const FIRM_STEMS: readonly string[] = [
  'Harbor', 'Summit', 'Granite', 'Alder', 'Beacon', 'Cedar', 'Meridian', 'Northgate', 'Sterling', 'Blue Ridge', 'Evergreen', 'Ironwood', 'Lakeshore',
  'Oakmont', 'Pinecrest', 'Redwood', 'Silverline', 'Stonebridge', 'Tidewater', 'Westbrook', 'Crescent', 'Falcon', 'Horizon', 'Keystone', 'Lighthouse',
  'Maple', 'Northstar', 'Orion', 'Pioneer', 'Quarry', 'Riverside', 'Sequoia Hill', 'Trident', 'Vanguard Hill', 'Willow', 'Aspen', 'Birch', 'Cobalt',
  'Driftwood', 'Emerald', 'Foxglove', 'Glacier', 'Hawthorne', 'Juniper', 'Kestrel', 'Larkspur', 'Marble', 'Nightingale', 'Obsidian', 'Peregrine',
];
export const STEM_ENDINGS: readonly string[] = ['', 'view', 'gate', 'point', 'stone', 'field', 'wood', 'bridge', 'crest', 'brook', 'haven', 'ford', 'mont', 'vale', 'wick', 'more', 'ton', 'stead', 'worth', 'hurst'];

/** Firm types with their abbreviations as sources write them. */
export const FIRM_TYPES: readonly { type: string; abbreviations: readonly string[] }[] = [
  { type: 'Capital', abbreviations: ['Cap.'] },
  { type: 'Capital Management', abbreviations: ['Capital Mgmt', 'Cap. Mgmt.'] },
  { type: 'Partners', abbreviations: ['Ptnrs'] },
  { type: 'Investments', abbreviations: ['Inv.'] },
  { type: 'Holdings', abbreviations: ['Hldgs'] },
  { type: 'Ventures', abbreviations: [] },
  { type: 'Asset Management', abbreviations: ['Asset Mgmt'] },
  { type: 'Associates', abbreviations: ['Assoc.'] },
  { type: 'Family Office', abbreviations: ['FO'] },
  { type: 'International', abbreviations: ['Intl'] },
];

export const LEGAL_SUFFIXES: readonly string[] = ['LLC', 'L.L.C.', 'LP', 'L.P.', 'Inc.', 'Ltd', 'Limited', 'GmbH', 'AG', 'S.A.', 'B.V.', 'LLP', 'Corp.', 'PLC', 'GmbH & Co. KG', 'Pty Ltd'];

export const CITIES: readonly { city: string; country: string; dial: 'US' | 'GB' | 'DE' | 'FR' | 'CH' }[] = [
  { city: 'New York', country: 'US', dial: 'US' }, { city: 'San Francisco', country: 'US', dial: 'US' }, { city: 'Boston', country: 'US', dial: 'US' },
  { city: 'Chicago', country: 'US', dial: 'US' }, { city: 'Miami', country: 'US', dial: 'US' }, { city: 'London', country: 'GB', dial: 'GB' },
  { city: 'Munich', country: 'DE', dial: 'DE' }, { city: 'Berlin', country: 'DE', dial: 'DE' }, { city: 'Paris', country: 'FR', dial: 'FR' },
  { city: 'Zurich', country: 'CH', dial: 'CH' },
];

export const UNIVERSITY_PLACES: readonly string[] = ['Oxford', 'Cambridge', 'Chicago', 'Michigan', 'Toronto', 'Edinburgh', 'Zurich', 'Virginia', 'Texas', 'Bristol', 'Manchester', 'Pennsylvania'];

export const FREE_MAIL: readonly string[] = ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'gmx.de', 'web.de', 'proton.me'];

export const SUBSIDIARY_WORDS: readonly string[] = ['Real Estate', 'Credit', 'Infrastructure', 'Growth Equity', 'Life Sciences', 'Private Equity'];
export const CREDENTIALS: readonly string[] = ['PhD', 'CFA', 'MBA', 'CPA', 'CAIA', 'Esq.', 'MD'];
export const TITLES: readonly string[] = ['Dr.', 'Mr.', 'Ms.', 'Prof.', 'Mrs.'];
