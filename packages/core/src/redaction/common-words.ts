/**
 * Given names and surnames that are also everyday English words. Mentioned alone in free text ("we will
 * mark the date", "Rose by 5%") they are far more often the word than the person, so a first-name-only
 * or last-name-only mention of these is not redacted (a full name still is, and so is the structured field).
 */
export const COMMON_WORD_NAMES: ReadonlySet<string> = new Set(
  `will may june april august rose grace hope joy faith mark bill art page king young long white black brown
  green gray grey hill wood woods stone bell price rich cash love hunt cook hall lane ward little bush
  park case chase dean frank gay guy jack joe ray sky summer autumn dawn eve faith honey ivy lily daisy
  violet hazel iris ruby pearl crystal amber jade sunny sandy rusty buck buddy chip chuck colt don drew
  duke earl gene glen grant hunter jay lance major miles nick pat penny rob sterling tom van warren wayne
  west north south east english french german irish welsh scott bishop carter cooper fisher fletcher
  gardener mason porter potter shepherd smith taylor turner walker weaver wolf fox lamb crane swift
  bond banks ford march day night star moon rain snow frost storm may-be call rich fair dear best power
  sharp strong short small large hardy noble good well bright moody savage wise christian sun sol
  link post key case read write mill mills field fields brook brooks rivers lake marsh ash oak pine
  capital partners fund group`
    .split(/\s+/)
    .filter(Boolean),
);
