import { describe, expect, it } from 'vitest';
import { parseSparseQuery } from './query-terms.js';

describe('reading a search query', () => {
  it('searches BM25 without stopwords, unless the query has nothing else', () => {
    expect(parseSparseQuery('who raised concerns about the GP commitment?')).toEqual({
      terms: ['raised', 'concerns', 'gp', 'commitment'],
      words: ['raised', 'concerns', 'gp', 'commitment'],
      pairs: ['raised concerns', 'gp commitment'],
    });
    expect(parseSparseQuery('the who').terms).toEqual(['the', 'who']);
  });

  it('keeps quoted words together as a phrase, and searches joined words as a phrase and as words', () => {
    expect(parseSparseQuery('"capital call" notice').terms).toEqual(['capital call', 'notice']);
    expect(parseSparseQuery('who will re-up in the next fund?')).toEqual({
      terms: ['re up', 're', 'up', 'next', 'fund'],
      words: ['re', 'up', 'next', 'fund'],
      pairs: ['re up', 'next fund'],
    });
    expect(parseSparseQuery("O'Brien jane.doe@acme.example").terms).toEqual(
      expect.arrayContaining(['o brien', 'o', 'brien', 'jane doe acme example', 'jane', 'doe', 'acme', 'example']),
    );
    expect(parseSparseQuery('"re-up"').terms).toEqual(['re up']);
    // A phrase keeps its small words; the snippet and coverage words leave them out.
    expect(parseSparseQuery('"the end of the fund"')).toEqual({ terms: ['the end of the fund'], words: ['end', 'fund'], pairs: [] });
    // An unclosed quote runs to the end; an empty one is ignored; accents fold as in the index.
    expect(parseSparseQuery('DDQ "Société Générale').terms).toEqual(['societe generale', 'ddq']);
    expect(parseSparseQuery('"" ddq').terms).toEqual(['ddq']);
  });

  it('keeps the pairs of words typed next to each other for the proximity re-rank, never across a stopword or a quote', () => {
    expect(parseSparseQuery('Julia Chen').pairs).toEqual(['julia chen']);
    expect(parseSparseQuery('size of the fund').pairs).toEqual([]);
    expect(parseSparseQuery('capital call schedule')).toEqual({
      terms: ['capital', 'call', 'schedule'],
      words: ['capital', 'call', 'schedule'],
      pairs: ['capital call', 'call schedule'],
    });
    expect(parseSparseQuery('"capital call" schedule').pairs).toEqual([]);
    expect(parseSparseQuery('fund fund').pairs).toEqual([]);
  });

  it('drops repeats and caps the number of terms', () => {
    expect(parseSparseQuery('fund FUND Fund').terms).toEqual(['fund']);
    expect(parseSparseQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')).terms).toHaveLength(32);
  });
});
