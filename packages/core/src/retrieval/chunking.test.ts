import { describe, expect, it } from 'vitest';
import { bestSnippet, retrievalTokens } from './snippet.js';
import { contentHash, splitIntoSpans } from './chunking.js';
import { visibleRegion } from './email-text.js';
import { reciprocalRankFusion, RRF_K, weightedScoreFusion } from './fusion.js';

describe('chunking', () => {
  it('keeps a short body whole and trims surrounding space, with offsets into the body', () => {
    const body = '  Call went well.\n\nThey will commit.  ';
    expect(splitIntoSpans(body)).toEqual([{ start: 2, end: body.length - 2, text: 'Call went well.\n\nThey will commit.' }]);
    expect(splitIntoSpans('   ')).toEqual([]);
  });

  it('splits long text into overlapping word-bounded spans that cover it', () => {
    const body = Array.from({ length: 25 }, (_, i) => `w${i}`).join(' ');
    const spans = splitIntoSpans(body, 0, body.length, 10, 3);
    expect(spans.map((s) => s.text.split(' ')[0])).toEqual(['w0', 'w7', 'w14', 'w21']);
    for (const span of spans) expect(body.slice(span.start, span.end)).toBe(span.text);
    expect(spans.at(-1)?.end).toBe(body.length);
    expect(spans[1]?.text.startsWith('w7 w8 w9')).toBe(true);
  });

  it('hashes content stably and tells parts apart', () => {
    expect(contentHash('a', 'b')).toBe(contentHash('a', 'b'));
    expect(contentHash('ab', '')).not.toBe(contentHash('a', 'b'));
  });
});

describe('email bodies', () => {
  it('keeps the reply, drops the quoted message and the signature, and points into the original body', () => {
    const body = [
      'Thanks Anna, we will wire the capital call on Friday.',
      '',
      '--',
      'Julai Ortiz | Partner | +1 555 0100',
      '',
      'On Mon, Mar 3, 2031 at 10:00 AM Anna <anna@fund.example.com> wrote:',
      '> Please confirm the drawdown.',
      '> Thanks',
    ].join('\r\n');
    const region = visibleRegion(body);
    expect(body.slice(region.start, region.end)).toBe('Thanks Anna, we will wire the capital call on Friday.');
    expect(visibleRegion('')).toEqual({ start: 0, end: 0 });
  });
});

describe('snippets', () => {
  it('marks matched words, accents folded, in the densest passage', () => {
    expect(retrievalTokens('Café DDQ, résumé!')).toEqual(['cafe', 'ddq', 'resume']);
    const text = `${'filler '.repeat(60)}the DDQ for the café is due ${'tail '.repeat(60)}`;
    const snippet = bestSnippet(text, ['ddq', 'cafe']);
    expect(snippet).toContain('«DDQ»');
    expect(snippet).toContain('«café»');
    expect(snippet.startsWith('… ')).toBe(true);
    expect(snippet.endsWith(' …')).toBe(true);
  });
});

describe('fusion', () => {
  it('adds reciprocal ranks per leg', () => {
    const fused = reciprocalRankFusion(
      [
        { id: 1, score: 9 },
        { id: 2, score: 5 },
      ],
      [
        { id: 2, score: 0.9 },
        { id: 3, score: 0.8 },
      ],
    );
    expect(fused.map((h) => h.id)).toEqual([2, 1, 3]);
    expect(fused[0]?.score).toBeCloseTo(1 / (RRF_K + 2) + 1 / (RRF_K + 1));
  });

  it('adds min-max normalized scores per leg', () => {
    const fused = weightedScoreFusion(
      [
        { id: 1, score: 10 },
        { id: 2, score: 0 },
      ],
      [
        { id: 2, score: 0.9 },
        { id: 1, score: 0.1 },
      ],
      { sparse: 0.7, dense: 0.3 },
    );
    expect(fused).toEqual([
      { id: 1, score: 0.7 },
      { id: 2, score: 0.3 },
    ]);
  });
});
