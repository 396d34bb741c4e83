/**
 * Drift: a range that was true when it was written but points elsewhere now. The block is
 * followed from the commit the plan line was written at (blame) to the ref: moved intact or with
 * small edits → `range-drifted` with where it stands now; gone → `range-deleted`.
 */
import type { RangeClaim } from '../../plan/types.js';
import { blobKey } from '../../repo/types.js';
import { findBlock, mapRange } from '../drift.js';
import { originKey } from '../drift-facts.js';
import { unverified, type Outcome } from '../report.js';
import { short, type CheckContext } from './context.js';
import type { Located } from './evidence.js';

export function checkDrift(claim: RangeClaim, context: CheckContext, found: Extract<Located, { ok: true }>): Outcome | null {
  const { snapshot } = context;
  const origin = snapshot.drift?.origins.get(originKey(context.planPath, claim.line));
  if (!origin || origin === snapshot.ref || claim.pin?.sha) return null;
  const then = snapshot.drift?.files.get(`${origin}:${found.path}`);
  const oldLines = then?.oldText?.split('\n');
  if (!then || !oldLines || claim.end > oldLines.length) return null;
  const span = claim.start === claim.end ? `line ${claim.start}` : `lines ${claim.start}-${claim.end}`;
  const since = `since ${short(origin)}, when the plan cited it`;
  const mapped = mapRange(then.hunks, claim.start, claim.end);
  if (mapped.kind === 'unchanged') return null;
  if (mapped.kind === 'moved') return drifted(found.path, span, since, { start: mapped.start, end: mapped.end }, mapped.edited);
  const block = oldLines.slice(claim.start - 1, claim.end);
  const here = textAt(context, found.path);
  const sameFile = here === undefined ? null : findBlock(block, here);
  if (sameFile) return drifted(found.path, span, since, sameFile, false);
  const elsewhere = [...context.planPaths].flatMap((path) => {
    const text = path === found.path ? undefined : textAt(context, path);
    const place = text === undefined ? null : findBlock(block, text);
    return place ? [{ ...place, path }] : [];
  });
  if (elsewhere.length === 1) return drifted(found.path, span, since, elsewhere[0]!, false);
  if (elsewhere.length > 1) {
    return unverified('range-drifted', `the block ${span} of ${found.path} moved ${since}; it now stands in ${elsewhere.map((e) => `${e.path}:L${e.start}-L${e.end}`).join(', ')}: cite the right one`);
  }
  return unverified('range-deleted', `the block ${span} of ${found.path} cited ${since.replace('since ', 'at ')} is gone at ${short(snapshot.ref)}`);
}

function drifted(path: string, span: string, since: string, now: { start: number; end: number; path?: string }, edited: boolean): Outcome {
  const where = `${now.path ? `${now.path}:` : ''}L${now.start}-L${now.end}`;
  const how = now.path ? `moved to ${now.path}` : edited ? 'moved, with small edits' : 'moved';
  return { ...unverified('range-drifted', `the block ${span} of ${path} ${how} ${since}: now at ${where}`), suggestion: now };
}

function textAt(context: CheckContext, path: string): string | undefined {
  const blob = context.snapshot.blobs.get(blobKey(context.snapshot.ref, path));
  return blob && !('error' in blob) ? blob.text : undefined;
}
