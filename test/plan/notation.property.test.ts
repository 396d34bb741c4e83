/**
 * Properties of the notation parser and of claim extraction, over random and adversarial text:
 * nothing throws, nothing takes super-linear time, and every claim points at its own text.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { findCount, findFileLength, findSignedLoc } from '../../src/plan/loc.js';
import {
  cleanToken,
  isCommitId,
  isEmptyValue,
  isUnfilled,
  looksLikeCommitId,
  looksLikePath,
  looksLikeProsePath,
  parseGitHubUrl,
  parseLocalLink,
  parseLocation,
} from '../../src/plan/notation.js';
import { parsePlan } from '../../src/plan/parse.js';
import { roleOf } from '../../src/plan/fields.js';
import { readTaskId } from '../../src/plan/markdown.js';
import { parseStatus } from '../../src/plan/status.js';
import { PlanError, type Claim, type Plan } from '../../src/plan/types.js';

/** Every pure function of one string the claim extractor runs over plan text. */
const READERS: Record<string, (text: string) => unknown> = {
  parseLocation,
  parseGitHubUrl,
  parseLocalLink,
  cleanToken,
  isUnfilled,
  isEmptyValue,
  looksLikePath,
  looksLikeProsePath,
  isCommitId,
  looksLikeCommitId,
  parseStatus,
  roleOf,
  readTaskId,
  findSignedLoc,
  findFileLength,
  findCount: (text) => findCount(text, 'added'),
};

/** The characters notations are made of: where a backtracking regex would find its ambiguity. */
const NOTATION = [...'LXYZN0123456789:#-–—/.()[]{}<>`\'"“”‘’,;!?_~+@$%&*= \t', 'https://', 'github.com/', 'blob/', 'commit/', 'path/to', '::', 'TBD', '…', '✅', 'âœ…', '\uFEFF', '\u0000'];
const notationText = fc.string({ unit: fc.constantFrom(...NOTATION), maxLength: 200 });
const anyText = fc.string({ unit: 'binary', maxLength: 200 });

describe('the notation readers on any text', () => {
  it.each(Object.keys(READERS))('%s never throws', (name) => {
    const read = READERS[name]!;
    fc.assert(fc.property(fc.oneof(anyText, notationText), (text) => void read(text)), { numRuns: 400 });
  });

  it('cleanToken only takes characters off the ends, and agrees with the plain definition', () => {
    // the definition as first written: clear, and quadratic on `))))...`
    const LEADING = new Set(['`', "'", '"', '“', '‘', '(']);
    const TRAILING = new Set(['`', "'", '"', '”', '’', '.', ',', ';', ':', '!', '?']);
    const plain = (token: string): string => {
      let t = token.trim();
      for (;;) {
        const before = t;
        let start = 0;
        let end = t.length;
        while (start < end && LEADING.has(t[start]!)) start++;
        while (end > start && TRAILING.has(t[end - 1]!)) end--;
        t = t.slice(start, end);
        if (t.endsWith(')') && !t.includes('(')) t = t.slice(0, -1);
        if (t === before) return t;
      }
    };
    fc.assert(
      fc.property(notationText, (token) => {
        const clean = cleanToken(token);
        expect(clean).toBe(plain(token));
        expect(token.trim().includes(clean)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back every range it is given, in every notation', () => {
    const segment = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789_-'), minLength: 1, maxLength: 12 });
    const path = fc.tuple(fc.array(segment, { maxLength: 4 }), segment, fc.constantFrom('py', 'ts', 'go', 'rs', 'md', 'java')).map(([dirs, name, ext]) => [...dirs, `${name}.${ext}`].join('/'));
    const line = fc.integer({ min: 1, max: 2 ** 31 - 1 });
    fc.assert(
      fc.property(path, line, line, fc.boolean(), (p, a, b, leadingSlash) => {
        const file = leadingSlash ? `/${p}` : p;
        const [start, end] = a <= b ? [a, b] : [b, a];
        for (const token of [`${file}:L${start}-L${end}`, `${file}:${start}-${end}`, `${file}#L${start}-L${end}`, `${file}:L${start}-${end}`, `${file}:${start}–${end}`, `${file}:L${start} - L${end}`]) {
          expect(parseLocation(token)).toEqual({ path: file, start, end });
        }
        expect(parseLocation(`${file}:L${start}`)).toEqual({ path: file, start, end: start });
        expect(parseLocalLink(`${file}#L${start}-L${end}`)).toEqual({ path: file, start, end });
        expect(parseGitHubUrl(`https://github.com/o/r/blob/main/${p}#L${start}-L${end}`)).toEqual({ type: 'blob', repository: 'o/r', ref: 'main', path: p, start, end });
      }),
      { numRuns: 300 },
    );
  });
});

describe('the notation readers take linear time', () => {
  /** Long runs of the patterns a regex could backtrack on, each ended by a character that fails it. */
  const ADVERSARIAL = ['X', ' X', 'XX ', 'LX', 'L1', '1', '1-', 'L1-', ':1', '#L1', '(', ')', '`', "'", '.', 'a.', 'a/', '/', ':', '::', '-', '[', ']', '<', '{', '%', '%2', 'path/to/', 'a ', '\t', '+1/-1 ', '+1 lines ', '~ ', 'https://a/', '✅', 'âœ', '·'];
  const ENDINGS = ['', '!', 'a', '\u0000', ' '];

  function slowest(read: (text: string) => unknown, length: number): { ms: number; input: string } {
    let worst = { ms: 0, input: '' };
    for (const unit of ADVERSARIAL) {
      for (const ending of ENDINGS) {
        const input = unit.repeat(Math.ceil(length / unit.length)) + ending;
        const started = performance.now();
        read(input);
        const ms = performance.now() - started;
        if (ms > worst.ms) worst = { ms, input: `${JSON.stringify(unit)} × ${input.length}, then ${JSON.stringify(ending)}` };
      }
    }
    return worst;
  }

  it.each(Object.keys(READERS))('%s reads 100,000 characters of any adversarial run in well under a quadratic time', (name) => {
    const read = READERS[name]!;
    slowest(read, 1000); // warm up
    const worst = slowest(read, 100_000);
    // linear: a few milliseconds; quadratic: 10^10 steps, minutes
    expect({ input: worst.input, slow: worst.ms >= 500 }).toEqual({ input: worst.input, slow: false });
  });

  it('extracts the claims of a 200,000-character line of adversarial text in linear time', () => {
    // Markdown the parser itself reads in linear time: what is left is claimcheck's own work
    for (const unit of ['a.py:1 ', '`a.py` (1 lines) ', '+1/-1 +1 lines ', 'commit abcdef1 and ', ')', '((((a ', 'src/a.py:L1 — x, ']) {
      const measure = (length: number) => {
        const source = `#### T-001 - x\n- **File:** ${unit.repeat(Math.ceil(length / unit.length))}\n`;
        const started = performance.now();
        try {
          parsePlan('p.md', source, { maxClaims: Number.MAX_SAFE_INTEGER, timeLimitMs: 60_000 });
        } catch (error) {
          expect(error).toBeInstanceOf(PlanError);
        }
        return performance.now() - started;
      };
      const small = measure(25_000);
      const large = measure(100_000);
      // four times the text: about four times the time when linear, sixteen when quadratic
      expect({ unit, ratio: large / Math.max(small, 20) < 10 }).toEqual({ unit, ratio: true });
    }
  });
});

describe('claim extraction on generated plans', () => {
  const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzé日✅ '), minLength: 1, maxLength: 8 });
  // no `_`: Markdown reads `src/_a_/x.py` written bare as emphasis, as GitHub renders it
  const name = fc.string({ unit: fc.constantFrom(...'abcdefghij-'), minLength: 1, maxLength: 6 });
  const path = fc.tuple(name, name, fc.constantFrom('py', 'ts', 'go')).map(([dir, file, ext]) => `src/${dir}/${file}.${ext}`);
  const line = fc.integer({ min: 1, max: 500 });
  /** A piece of evidence as a writer might wrap it, and the text its claim must carry. */
  const evidence = fc.oneof(
    fc.tuple(path, line, line).map(([p, a, b]) => `${p}:L${a}-L${b}`),
    fc.tuple(path, line).map(([p, a]) => `${p}#L${a}`),
    path,
  );
  const wrapped = fc.tuple(evidence, fc.constantFrom('`%`', '%', '(%)', '"%"', '**`%`**', '%,', '%.')).map(([text, wrap]) => ({ text, written: wrap.replace('%', text) }));
  const field = fc.tuple(fc.constantFrom('- **File:**', '- **Target File:**', '**Completion Evidence:**', '- Files:'), fc.array(fc.tuple(wrapped, word), { minLength: 1, maxLength: 4 }));
  const item = fc.tuple(fc.integer({ min: 1, max: 999 }), word, fc.array(field, { minLength: 1, maxLength: 3 }));
  const plan = fc.tuple(fc.array(item, { minLength: 1, maxLength: 5 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean());

  /** The plan's text, and the texts of the evidence it cites, in order. */
  function write([items, eol, bom]: [Array<[number, string, Array<[string, Array<[{ text: string; written: string }, string]>]>]>, string, boolean]) {
    const out: string[] = ['# Plan', ''];
    const cited: string[] = [];
    items.forEach(([n, title, fields], i) => {
      out.push(`#### T-${i + 1}${n} - ${title.trim() || 'x'}`);
      for (const [label, values] of fields) {
        out.push(`${label} ${values.map(([v, w]) => `${v.written} ${w.trim() || 'y'}`).join(' and ')}`);
        cited.push(...values.map(([v]) => v.text));
      }
      out.push('');
    });
    return { source: (bom ? '\uFEFF' : '') + out.join(eol) + eol, cited };
  }

  /** The text at a claim's line and column, in the source as parsed (without its byte order mark). */
  function textAt(source: string, claim: Claim): string {
    const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
    return (lines[claim.line - 1] ?? '').slice(claim.column - 1);
  }

  it('finds every piece of evidence written, each at its own line and column', () => {
    fc.assert(
      fc.property(plan, (spec) => {
        const { source, cited } = write(spec);
        const claims = parsePlan('docs/p.md', source).items.flatMap((it) => it.claims).filter((c) => c.kind === 'file' || c.kind === 'range');
        expect(claims.map((c) => c.text)).toEqual(cited);
        for (const claim of claims) expect(textAt(source, claim).startsWith(claim.text)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('gives a plan or one PlanError for any text, and every claim it finds points at its own text', () => {
    const markdownish = fc.array(fc.oneof(anyText, notationText, fc.constantFrom('#### T-1 - x', '- **File:** ', '| ID | Evidence |', '|---|---|', '> ', '  - ', '```')), { maxLength: 30 });
    fc.assert(
      fc.property(markdownish, fc.constantFrom('\n', '\r\n'), (parts, eol) => {
        const source = parts.join(eol);
        let parsed: Plan;
        try {
          parsed = parsePlan('p.md', source);
        } catch (error) {
          expect(error).toBeInstanceOf(PlanError);
          return;
        }
        for (const claim of parsed.items.flatMap((it) => it.claims)) {
          const at = textAt(source, claim);
          // a link's claim carries its target and points at the link; anything else at its own text
          if (claim.kind === 'file' || claim.kind === 'range' || claim.kind === 'commit') {
            expect({ claim, at: at.startsWith(claim.text) || /^[[<`]/.test(at) || /[\\&]/.test(source) }).toEqual({ claim, at: true });
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads YAML plans of any scalars, every claim at its value', () => {
    const scalar = fc.oneof(path, fc.string({ unit: fc.constantFrom(...'abc01:#-'), minLength: 1, maxLength: 10 }));
    const quote = fc.constantFrom('', '"', "'");
    fc.assert(
      fc.property(fc.array(fc.tuple(scalar, quote, fc.option(fc.tuple(line, line))), { minLength: 1, maxLength: 6 }), (entries) => {
        const body = entries.map(([file, q, lines]) => `      - file: ${q}${file}${q}\n${lines ? `        lines: ${lines[0]}-${lines[1]}\n` : ''}`).join('');
        const source = `items:\n  - id: A-1\n    evidence:\n${body}`;
        let parsed: Plan;
        try {
          parsed = parsePlan('p.yaml', source);
        } catch (error) {
          expect(error).toBeInstanceOf(PlanError);
          return;
        }
        for (const claim of parsed.items.flatMap((it) => it.claims)) {
          if (claim.kind !== 'file' && claim.kind !== 'range') continue;
          expect(textAt(source, claim).startsWith(claim.target.raw)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
