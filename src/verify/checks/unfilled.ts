/** Template placeholders (`[commit-hash]`, `LXX-LYY`): never evidence. */
import type { UnfilledClaim } from '../../plan/types.js';
import { unknown, type Outcome } from '../report.js';

export function checkUnfilled(claim: UnfilledClaim): Outcome {
  return unknown('placeholder', `'${claim.text}' is template text that was never filled in`);
}
