/**
 * Test claims: the test file exists, defines the test (a name in a comment or a stray string does
 * not count), and the test's body can fail: it asserts, or calls something that can.
 */
import type { TestClaim } from '../../plan/types.js';
import { blobKey } from '../../repo/types.js';
import { unknown, unverified, verified, type Outcome } from '../report.js';
import { lookUpTest } from '../test-finders/index.js';
import type { CheckContext } from './context.js';
import { at, locate } from './evidence.js';

export function checkTest(claim: TestClaim, context: CheckContext): Outcome {
  if (!claim.file) return unknown('no-test-file', `no test file is named for '${claim.name}'; cite it as path::name or give a Test File`);
  const found = locate(claim.file, undefined, context);
  if (!found.ok) {
    const { outcome } = found;
    return outcome.code === 'file-not-found' ? unverified('test-file-missing', outcome.reason) : outcome;
  }
  const blob = context.snapshot.blobs.get(blobKey(found.commit, found.path));
  if (!blob || 'error' in blob || blob.text === undefined) {
    return unknown('source-unavailable', `${found.path} could not be read as text at ${found.at}`);
  }
  const lookup = lookUpTest(found.path, blob.text, claim.name);
  const line = lookup.status === 'found' || lookup.status === 'hollow' ? { start: lookup.definition.line, end: lookup.definition.line } : undefined;
  return at(found, judged(lookup, claim, found.path, found.at), line);
}

function judged(lookup: ReturnType<typeof lookUpTest>, claim: TestClaim, path: string, where: string): Outcome {
  switch (lookup.status) {
    case 'unsupported':
      return unknown('test-language-unsupported', `claimcheck cannot read tests in ${lookup.language ?? 'this kind of file'} (${path})`);
    case 'not-found':
      return unverified('test-not-defined', `${path} defines no test '${claim.name}' at ${where}`);
    case 'hollow':
      return unverified('test-hollow', `'${claim.name}' (${path}:${lookup.definition.line}) proves nothing: ${lookup.why}`);
    case 'found':
      return verified('test-defined', `'${claim.name}' is defined at ${path}:${lookup.definition.line}`);
  }
}
