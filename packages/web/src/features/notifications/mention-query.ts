import type { TeamMember } from '../../api/types';

/**
 * The `@name` being typed just before the caret, if any: the same rule as the server's mention
 * syntax (contracts findMentions), so what the input offers is what the server will resolve.
 */
const TYPING_MENTION = /(^|[^\p{L}\p{N}@._-])@([A-Za-z0-9._@-]*)$/u;

export interface MentionQuery {
  /** Offset of the `@`. */
  start: number;
  /** What follows the `@` so far. */
  query: string;
}

export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const match = TYPING_MENTION.exec(text.slice(0, caret));
  if (!match) return null;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, query };
}

/** Team members whose username or name starts with (then contains) the query, best first. */
export function matchTeamMembers(team: TeamMember[], query: string, limit = 6): TeamMember[] {
  const q = query.toLowerCase();
  const rank = (member: TeamMember) => {
    const username = member.username.toLowerCase();
    const name = member.name.toLowerCase();
    if (username.startsWith(q)) return 0;
    if (name.split(/\s+/).some((word) => word.startsWith(q))) return 1;
    if (username.includes(q) || name.includes(q)) return 2;
    return -1;
  };
  return team
    .map((member) => ({ member, score: rank(member) }))
    .filter((entry) => entry.score >= 0)
    .sort((a, b) => a.score - b.score || a.member.username.localeCompare(b.member.username))
    .slice(0, limit)
    .map((entry) => entry.member);
}

/** The text with the typed `@query` replaced by the chosen `@username `, and where the caret goes. */
export function insertMention(text: string, mention: MentionQuery, username: string): { text: string; caret: number } {
  const end = mention.start + 1 + mention.query.length;
  const inserted = `@${username} `;
  const rest = text.slice(end).replace(/^ /, '');
  return { text: text.slice(0, mention.start) + inserted + rest, caret: mention.start + inserted.length };
}
