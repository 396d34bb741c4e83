/** Descriptions of ranges, laid out as the claim extractor lays out one line. */
import { describe, expect, it } from '@jest/globals';
import { codeSpan, Descriptions } from '../../src/plan/descriptions.js';
import type { Claim, RangeClaim } from '../../src/plan/types.js';

const range = (path: string): RangeClaim => ({ kind: 'range', target: { raw: path, base: 'root' }, start: 1, end: 9, text: path, line: 1, column: 1 });

/** Lays the parts of a line down; a part that is a claim is marked as the claim's text. */
function describeLine(parts: Array<string | Claim>): Claim[] {
  const claims: Claim[] = [];
  const described = new Descriptions();
  for (const part of parts) {
    if (typeof part === 'string') {
      described.add(part);
      continue;
    }
    const before = claims.length;
    const from = described.add(codeSpan(part.text));
    claims.push(part);
    described.mark(claims, before, from);
  }
  described.finish();
  return claims;
}

describe('Descriptions', () => {
  it('gives each range on a line the words after it, up to the next claim', () => {
    const [a, b] = describeLine([range('src/a.py:L5-L9'), ' — retry with backoff, ', range('src/b.py:L1-L3'), ' (jitter)']);
    expect(a).toMatchObject({ description: 'retry with backoff' });
    expect(b).toMatchObject({ description: 'jitter' });
  });

  it('gives no description to a range whose words lead into the next claim, or to one followed by a status', () => {
    const [a, b] = describeLine([range('src/a.py:L5-L9'), ', the backoff in ', range('src/b.py:L1-L3'), ' PASSING']);
    expect(a).not.toHaveProperty('description');
    expect(b).not.toHaveProperty('description');
  });

  it('reads at most 500 characters of a description', () => {
    const [a] = describeLine([range('src/a.py:L5-L9'), ` ${'word '.repeat(200)}`]);
    expect((a as RangeClaim).description!.length).toBeLessThanOrEqual(500);
  });
});

describe('codeSpan', () => {
  it('fences a code span with one backtick more than the longest run inside it', () => {
    expect(codeSpan('plain')).toBe('`plain`');
    expect(codeSpan('a `b` c')).toBe('`` a `b` c ``');
    expect(codeSpan('``x``')).toBe('``` ``x`` ```');
  });
});
