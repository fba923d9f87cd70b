/**
 * Curated given-name groups: every name in a group may stand for any other (William ↔ Bill ↔ Liam).
 * A name may sit in several groups (Pat: Patrick and Patricia; Alex: Alexander and Alexandra), so lookups
 * return the union. Lower-case ASCII; the person-name normalizer folds accents before looking up.
 */
export const NICKNAME_GROUPS: readonly (readonly string[])[] = [
  ['william', 'bill', 'will', 'billy', 'willy', 'liam', 'willie'],
  ['robert', 'bob', 'rob', 'bobby', 'robbie', 'bert'],
  ['elizabeth', 'liz', 'beth', 'betsy', 'eliza', 'lisa', 'betty', 'libby', 'liza', 'lizzie', 'elisabeth'],
  ['katherine', 'catherine', 'kathryn', 'kate', 'kathy', 'katie', 'cathy', 'kat', 'kay', 'kit'],
  ['margaret', 'maggie', 'meg', 'peggy', 'marge', 'margie', 'greta'],
  ['james', 'jim', 'jimmy', 'jamie'],
  ['richard', 'rick', 'dick', 'rich', 'ricky', 'richie'],
  ['michael', 'mike', 'mick', 'mikey', 'mickey'],
  ['alexander', 'alex', 'sasha', 'sandy', 'xander', 'alec'],
  ['alexandra', 'alex', 'sasha', 'sandy', 'lexi', 'alexa'],
  ['jonathan', 'jon', 'johnny', 'jonny'],
  ['john', 'jon', 'johnny', 'jack', 'jonny'],
  ['charles', 'charlie', 'chuck', 'chas', 'chaz'],
  ['edward', 'ed', 'ted', 'eddie', 'ned', 'teddy'],
  ['edwin', 'ed', 'eddie'],
  ['thomas', 'tom', 'tommy'],
  ['christopher', 'chris', 'kit', 'topher'],
  ['christine', 'chris', 'chrissy', 'tina', 'christina'],
  ['daniel', 'dan', 'danny'],
  ['danielle', 'dani', 'elle'],
  ['matthew', 'matt', 'matty'],
  ['nicholas', 'nick', 'nicky', 'nico', 'klaus'],
  ['anthony', 'tony', 'ant'],
  ['antonia', 'toni'],
  ['joseph', 'joe', 'joey', 'jose'],
  ['josephine', 'jo', 'josie'],
  ['benjamin', 'ben', 'benny', 'benji'],
  ['samuel', 'sam', 'sammy'],
  ['samantha', 'sam', 'sammy'],
  ['patrick', 'pat', 'paddy', 'patty'],
  ['patricia', 'pat', 'patty', 'trish', 'tricia', 'patsy'],
  ['jennifer', 'jen', 'jenny', 'jenn'],
  ['susan', 'sue', 'suzy', 'susie', 'suzanne'],
  ['deborah', 'deb', 'debbie', 'debra'],
  ['rebecca', 'becky', 'becca'],
  ['victoria', 'vicky', 'tori', 'vic'],
  ['victor', 'vic'],
  ['andrew', 'andy', 'drew'],
  ['andrea', 'andy'],
  ['anne', 'ann', 'annie', 'anna', 'nancy'],
  ['david', 'dave', 'davy'],
  ['steven', 'stephen', 'steve', 'stevie'],
  ['stephanie', 'steph', 'stevie'],
  ['gregory', 'greg'],
  ['jeffrey', 'geoffrey', 'jeff', 'geoff'],
  ['kenneth', 'ken', 'kenny'],
  ['ronald', 'ron', 'ronnie'],
  ['donald', 'don', 'donnie'],
  ['douglas', 'doug'],
  ['frederick', 'fred', 'freddie', 'fritz'],
  ['francis', 'frank', 'fran', 'frankie'],
  ['frances', 'fran', 'frannie'],
  ['franklin', 'frank'],
  ['gerald', 'gerry', 'jerry'],
  ['harold', 'harry', 'hal'],
  ['henry', 'hank', 'harry', 'hal', 'heinz'],
  ['lawrence', 'laurence', 'larry', 'laurie'],
  ['leonard', 'leo', 'len', 'lenny'],
  ['louis', 'lou', 'louie'],
  ['louise', 'lou', 'lulu'],
  ['peter', 'pete'],
  ['philip', 'phillip', 'phil'],
  ['raymond', 'ray'],
  ['timothy', 'tim', 'timmy'],
  ['walter', 'walt', 'wally'],
  ['albert', 'al', 'bert', 'bertie'],
  ['alfred', 'al', 'alf', 'fred'],
  ['abigail', 'abby', 'gail'],
  ['barbara', 'barb', 'barbie', 'babs'],
  ['caroline', 'carol', 'carrie', 'carolyn'],
  ['cynthia', 'cindy'],
  ['dorothy', 'dot', 'dottie', 'dorothea'],
  ['eleanor', 'ellie', 'nell', 'nora', 'elle'],
  ['emily', 'em', 'emmy'],
  ['evelyn', 'evie', 'eve'],
  ['gabrielle', 'gabby', 'gabi'],
  ['gabriel', 'gabe'],
  ['helen', 'nell', 'ellie'],
  ['jacqueline', 'jackie', 'jacqui'],
  ['jessica', 'jess', 'jessie'],
  ['judith', 'judy', 'jude'],
  ['kimberly', 'kim'],
  ['madeline', 'madeleine', 'maddie', 'maddy'],
  ['mary', 'molly', 'polly', 'mae', 'mamie', 'maria', 'marie'],
  ['melissa', 'mel', 'missy'],
  ['nathaniel', 'nathan', 'nate', 'nat'],
  ['natalie', 'nat', 'natasha', 'tasha'],
  ['olivia', 'liv', 'livvy'],
  ['pamela', 'pam'],
  ['penelope', 'penny'],
  ['rosemary', 'rose', 'rosie'],
  ['sarah', 'sara', 'sally', 'sadie'],
  ['theodore', 'theo', 'ted', 'teddy'],
  ['vincent', 'vince', 'vinny'],
  ['zachary', 'zach', 'zack'],
  ['joshua', 'josh'],
  ['jacob', 'jake', 'jakob'],
  ['johann', 'johannes', 'hans', 'jan'],
  ['wolfgang', 'wolf'],
  ['maximilian', 'max', 'maxi'],
  ['maxwell', 'max'],
  ['isabella', 'isabel', 'bella', 'izzy', 'isabelle'],
  ['christian', 'chris', 'christo'],
  ['kristina', 'kristin', 'kris', 'kristen'],
  ['terence', 'terrence', 'terry'],
  ['theresa', 'teresa', 'terry', 'tess', 'tessa'],
  ['stanley', 'stan'],
  ['sebastian', 'seb', 'bastian'],
  ['ignatius', 'iggy', 'nacho'],
  ['francesco', 'franco', 'cesco'],
  ['giuseppe', 'beppe', 'pino'],
  ['alejandro', 'alex', 'ale'],
  ['guillermo', 'memo', 'guille'],
  ['francisco', 'paco', 'pancho', 'fran', 'cisco'],
  ['enrique', 'quique', 'kike'],
  ['dmitri', 'dmitry', 'dima'],
  ['vladimir', 'vlad', 'volodya'],
  ['yekaterina', 'ekaterina', 'katya'],
];

const GROUPS_BY_NAME: ReadonlyMap<string, readonly string[]> = (() => {
  const byName = new Map<string, Set<string>>();
  for (const group of NICKNAME_GROUPS)
    for (const name of group) {
      const set = byName.get(name) ?? new Set<string>();
      for (const other of group) set.add(other);
      byName.set(name, set);
    }
  return new Map([...byName].map(([name, set]) => [name, [...set]]));
})();

/** Every name `name` may stand for, itself included (lower-case ASCII in, lower-case ASCII out). */
export function nicknameForms(name: string): readonly string[] {
  return GROUPS_BY_NAME.get(name) ?? [name];
}

/** True when two given names are the same or nicknames of each other. */
export function areNicknames(a: string, b: string): boolean {
  if (a === b) return true;
  return (GROUPS_BY_NAME.get(a) ?? []).includes(b);
}
