/**
 * Range claims: a text file whose lines start..end exist (1 ≤ start ≤ end ≤ line count) and hold
 * real code, not only comments or a stub.
 */
import type { RangeClaim } from '../../plan/types.js';
import { blobKey } from '../../repo/types.js';
import { unknown, unverified, verified, type Outcome } from '../report.js';
import type { CheckContext } from './context.js';
import { checkDrift } from './drift.js';
import { at, locate } from './evidence.js';
import { examineRange } from '../hollow.js';
import { languageOf } from '../languages.js';
import { examineRelevance } from '../relevance.js';

/** Git counts lines in C `int`s (blame, diff): a larger number names no line of any file. */
const MAX_LINE = 2 ** 31 - 1;

export function checkRange(claim: RangeClaim, context: CheckContext): Outcome {
  const { start, end } = claim;
  const span = start === end ? `line ${start}` : `lines ${start}-${end}`;
  if (start < 1) return unverified('invalid-range', `${span}: line numbers start at 1`);
  if (![start, end].every((n) => Number.isInteger(n) && n <= MAX_LINE)) {
    return unverified('invalid-range', `${span}: line numbers are whole numbers up to ${MAX_LINE}`);
  }
  if (end < start) return unverified('invalid-range', `${span}: the range ends before it starts`);
  const found = locate(claim.target, claim.pin, context);
  if (!found.ok) return found.outcome;
  const blob = context.snapshot.blobs.get(blobKey(found.commit, found.path));
  if (!blob || 'error' in blob) return unknown('source-unavailable', `${found.path} could not be read at ${found.at}${blob ? `: ${blob.error}` : ''}`);
  // a block that moved since the plan cited it: what stands at the cited lines now is not it
  const drift = checkDrift(claim, context, found);
  if (drift) return at(found, drift, { start, end });
  if (blob.binary) return at(found, unverified('binary-file', `${found.path} is a binary file at ${found.at}; it has no lines to cite`), { start, end });
  if (end > blob.lineCount) {
    return at(found, unverified('range-out-of-bounds', `cites ${span} but ${found.path} has ${blob.lineCount} lines at ${found.at}`), { start, end });
  }
  const language = languageOf(found.path);
  // too large for its text to be kept: the line count proves the lines exist, not what they hold
  if (blob.text === undefined && (language || claim.description !== undefined)) {
    const what = language ? 'whether they hold real code' : `whether they hold "${claim.description}"`;
    return at(found, unknown('source-unavailable', `${span} of ${found.path} exist at ${found.at}, but the file is too large (${blob.size} bytes) to read ${what}`), { start, end });
  }
  if (language && blob.text !== undefined) {
    const hollow = examineRange(blob.text, language, start, end, context.policy.hollow);
    if (hollow.hollow) return at(found, unverified('hollow-range', `${span} of ${found.path} hold no real code: ${hollow.why}`), { start, end });
  }
  // a description (`gemini.py:71-79: Circuit breaker`) the cited lines must mention, comments included
  if (claim.description !== undefined && blob.text !== undefined) {
    const relevance = examineRelevance(blob.text.split('\n').slice(start - 1, end), claim.description);
    if (relevance && !relevance.relevant) return at(found, unverified('range-irrelevant', `${span} of ${found.path} ${relevance.why}`), { start, end });
  }
  return at(found, verified('range-exists', `${span} of ${found.path} exist at ${found.at} (${blob.lineCount} lines)`), { start, end });
}
