/**
 * File claims: the path is a regular file at the ref (or at the permalink's commit), and, when it
 * is code claimcheck can read, not hollow (a file of stubs is not an implementation).
 */
import type { FileClaim } from '../../plan/types.js';
import { blobKey } from '../../repo/types.js';
import { examineRange } from '../hollow.js';
import { languageOf } from '../languages.js';
import { unverified, verified, type Outcome } from '../report.js';
import type { CheckContext } from './context.js';
import { at, locate } from './evidence.js';

export function checkFile(claim: FileClaim, context: CheckContext): Outcome {
  const found = locate(claim.target, claim.pin, context);
  if (!found.ok) return found.outcome;
  const blob = context.snapshot.blobs.get(blobKey(found.commit, found.path));
  const language = languageOf(found.path);
  if (blob && !('error' in blob) && blob.text !== undefined && language) {
    const hollow = examineRange(blob.text, language, 1, Math.max(blob.lineCount, 1), context.policy.hollow);
    if (hollow.hollow) return at(found, unverified('hollow-file', `${found.path} exists at ${found.at} but ${hollow.why}`));
  }
  // existence is the claim; a file too large to keep its text could not be searched for stubs
  const unread = blob && !('error' in blob) && blob.text === undefined && !blob.binary && language ? ` (too large, at ${blob.size} bytes, to check for stubs)` : '';
  return at(found, verified('file-exists', `${found.path} exists at ${found.at}${unread}`));
}
