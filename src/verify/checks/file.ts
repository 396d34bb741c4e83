/** File claims: the path is a regular file at the ref (or at the permalink's commit). */
import type { FileClaim } from '../../plan/types.js';
import { verified, type Outcome } from '../report.js';
import type { CheckContext } from './context.js';
import { locate } from './evidence.js';

export function checkFile(claim: FileClaim, context: CheckContext): Outcome {
  const found = locate(claim, context);
  if (!found.ok) return found.outcome;
  return verified('file-exists', `${found.path} exists at ${found.at}`);
}
