/**
 * Evidence notations in a single token of plan text: paths with line ranges, GitHub URLs, commit
 * ids, template placeholders. Pure string functions. No regular expression here runs over more
 * than one token, and none can backtrack super-linearly (no nested quantifiers).
 */

export interface Location {
  path: string;
  start?: number;
  end?: number;
}

export type GitHubUrl =
  | { type: 'blob'; repository: string; ref: string; path: string; start?: number; end?: number }
  | { type: 'commit'; repository: string; sha: string };

const COMMIT_ID = /^[0-9a-f]{7,40}$/i;
const HEX_RUN = /^[0-9a-f]{7,}$/i;
// Any number of digits: `L99999999999999999999999` is a range the checker refuses, not prose.
const RANGE_AFTER_COLON = /^L?(\d+)(?:\s*[-–—]\s*L?(\d+))?$/;
const RANGE_IN_FRAGMENT = /^L(\d+)(?:C\d+)?(?:-L?(\d+)(?:C\d+)?)?$/;
// letters and digits of any script: `src/café.py` and `docs/日本語.md` are paths too
const PATH_CHARS = /^[\p{L}\p{N}\p{M}_@.~+\-/\\$[\]()%]+$/u;
const EXTENSION = /\.[A-Za-z][A-Za-z0-9_+-]{0,11}$/;
const NOT_FILES = new Set(['e.g', 'i.e', 'etc', 'vs', 'a.k.a']);

/** True when `text` is template text waiting to be filled in (`[commit-hash]`, `LXX-LYY`...). */
export function isUnfilled(text: string): boolean {
  const t = text.trim();
  if (t.length === 0) return false;
  if (/^\[[^\]]*\]$/.test(t) || /^<[^>]*>$/.test(t) || /^\{[^}]*\}$/.test(t)) return true;
  if (/(?:^|[^A-Za-z])(?:L?X{2,}|L?Y{2,}|Z{2,}|N{2,})(?:[^A-Za-z]|$)/.test(t)) return true;
  if (/(?:^|\/)path\/to(?:\/|$)/i.test(t) || /^\/?path(?:[:#]|$)/i.test(t)) return true;
  return /^(?:TBD|TBA|\?+)$/i.test(t);
}

/** Words that mean "nothing here" rather than a claim. */
export function isEmptyValue(text: string): boolean {
  return /^(?:|n\/a|na|none|-+|—|–|\.\.\.|…)$/i.test(text.trim());
}

/**
 * Strip the wrapping a writer puts around a token: quotes, backticks, trailing punctuation, and a
 * closing parenthesis the token never opened. In linear time: an end-anchored regex is not, and
 * neither is stripping `)))...` one at a time while looking for a `(` each time.
 */
export function cleanToken(token: string): string {
  const t = token.trim();
  let start = 0;
  let end = t.length;
  // only leading characters are ever removed from the front, so the count of `(` left is exact
  let opens = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === '(') opens++;
  for (;;) {
    const before = end - start;
    while (start < end && LEADING.has(t[start]!)) if (t[start++] === '(') opens--;
    while (end > start && (TRAILING.has(t[end - 1]!) || (opens === 0 && t[end - 1] === ')'))) end--;
    if (end - start === before) return t.slice(start, end);
  }
}

const LEADING = new Set(['`', "'", '"', '“', '‘', '(']);
const TRAILING = new Set(['`', "'", '"', '”', '’', '.', ',', ';', ':', '!', '?']);

function lineNumber(digits: string | undefined): number | undefined {
  return digits === undefined ? undefined : Number(digits);
}

/**
 * `path:L23-L67`, `path:L10-13`, `path:23-67`, `path#L23-L67`, `path:23–67`, `path:L16`, `path:81`,
 * or a bare path. Returns null when the path part does not look like a path.
 */
export function parseLocation(token: string): Location | null {
  const t = token.trim();
  const hash = t.lastIndexOf('#');
  if (hash > 0) {
    const m = RANGE_IN_FRAGMENT.exec(t.slice(hash + 1));
    if (m) return located(t.slice(0, hash), m[1], m[2]);
  }
  const colon = t.lastIndexOf(':');
  if (colon > 0) {
    const m = RANGE_AFTER_COLON.exec(t.slice(colon + 1));
    if (m) return located(t.slice(0, colon), m[1], m[2]);
  }
  return looksLikePath(t) ? { path: t } : null;
}

function located(path: string, start: string | undefined, end: string | undefined): Location | null {
  if (!looksLikePath(path)) return null;
  const first = lineNumber(start);
  return { path, start: first, end: lineNumber(end) ?? first };
}

/** A file path: no spaces or scheme, and either a folder separator (`/` or `\`) or a file extension. */
export function looksLikePath(text: string): boolean {
  if (text.length === 0 || text.length > 4096 || text.includes('://')) return false;
  if (!PATH_CHARS.test(text) || /^[\d.]+$/.test(text)) return false;
  // Windows writers separate folders with `\`: resolution reads it as `/`
  const last = text.split(/[/\\]/).pop() ?? '';
  if (NOT_FILES.has(last.toLowerCase())) return false;
  return /[/\\]/.test(text) || EXTENSION.test(last);
}

/**
 * A stricter test for paths met in free prose, where `Node.js` or `and/or` must not become claims:
 * a folder separator and an extension on the last segment, and no package scope.
 */
export function looksLikeProsePath(text: string): boolean {
  if (!looksLikePath(text) || text.startsWith('@') || !text.includes('/')) return false;
  return EXTENSION.test(text.split('/').pop() ?? '');
}

/** A commit id as written: 7 to 40 hex digits. */
export function isCommitId(text: string): boolean {
  return COMMIT_ID.test(text);
}

/** A run of hex digits long enough to be meant as a commit id, valid or not (41 digits...). */
export function looksLikeCommitId(text: string): boolean {
  return HEX_RUN.test(text);
}

/**
 * GitHub (or GitHub Enterprise) URLs: blob permalinks `/o/r/blob/<ref>/path#L10-L20` and commit
 * URLs `/o/r/commit/<sha>` or `/o/r/pull/N/commits/<sha>`.
 */
export function parseGitHubUrl(text: string): GitHubUrl | null {
  // Every token of prose comes here: a failed `new URL` throws, and throwing 200,000 times is slow.
  if (!/^https?:\/\//i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const parts = url.pathname.split('/').filter((p) => p.length > 0).map(safeDecode);
  const [owner, repo, verb, ...rest] = parts;
  if (!owner || !repo || !verb) return null;
  const repository = `${owner}/${repo}`;
  // a hex run of the wrong length (41 digits) is still meant as a commit: the checker refuses it
  if (verb === 'commit' && rest[0] && looksLikeCommitId(rest[0])) {
    return { type: 'commit', repository, sha: rest[0].toLowerCase() };
  }
  if (verb === 'pull' && rest[1] === 'commits' && rest[2] && looksLikeCommitId(rest[2])) {
    return { type: 'commit', repository, sha: rest[2].toLowerCase() };
  }
  if (verb === 'blob' && rest.length >= 2) {
    const [ref, ...pathParts] = rest as [string, ...string[]];
    const range = RANGE_IN_FRAGMENT.exec(url.hash.replace(/^#/, ''));
    const start = lineNumber(range?.[1]);
    return {
      type: 'blob',
      repository,
      ref,
      path: pathParts.join('/'),
      ...(start !== undefined ? { start, end: lineNumber(range?.[2]) ?? start } : {}),
    };
  }
  return null;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** A relative link target in the plan (`../src/x.py#L5`), decoded; null for anchors and URLs. */
export function parseLocalLink(url: string): Location | null {
  if (url.length === 0 || url.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(url)) return null;
  // The fragment follows the query (`x.py?plain=1#L5`, as GitHub writes line links in Markdown).
  const hash = url.indexOf('#');
  const fragment = hash === -1 ? '' : url.slice(hash + 1);
  const decoded = safeDecode((hash === -1 ? url : url.slice(0, hash)).split('?')[0] ?? '');
  const range = RANGE_IN_FRAGMENT.exec(fragment);
  if (decoded.length === 0) return null;
  const start = lineNumber(range?.[1]);
  return start === undefined ? { path: decoded } : { path: decoded, start, end: lineNumber(range?.[2]) ?? start };
}
