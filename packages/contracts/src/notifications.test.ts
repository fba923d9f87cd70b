import { describe, expect, it } from 'vitest';
import { findMentions, mentionedUsernames } from './notifications.js';

describe('@username mentions', () => {
  it('reads @names at the start, after spaces and punctuation, case-insensitively and once each', () => {
    expect(mentionedUsernames('@Ana please ask (@ben.lee), then @ana again; cc:@cai_2 and @dee-f.')).toEqual(['ana', 'ben.lee', 'cai_2', 'dee-f']);
  });

  it('ignores email addresses, a lone @ and one-letter names', () => {
    expect(mentionedUsernames('Write to julia@fund.example or ops@x.io @ @a')).toEqual([]);
    expect(mentionedUsernames(null)).toEqual([]);
  });

  it('keeps @ inside usernames that hold one, and strips sentence punctuation', () => {
    expect(findMentions('Thanks @ana@fund.example.')).toEqual([{ username: 'ana@fund.example', index: 7 }]);
    expect(findMentions('line one\n@ben: done')).toEqual([{ username: 'ben', index: 9 }]);
  });
});
