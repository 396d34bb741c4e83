/** Field labels and table headers as plans write them, mapped to what they hold. Pure. */
import { repairMojibake } from './mojibake.js';

export type Role =
  | 'id'
  | 'title'
  | 'file'
  | 'evidence'
  | 'commit'
  | 'loc'
  | 'loc-added'
  | 'loc-removed'
  | 'loc-modified'
  | 'loc-estimate'
  | 'test-file'
  | 'test-name'
  | 'test'
  | 'test-evidence'
  | 'status'
  | 'priority'
  | 'prose';

const SYNONYMS: Record<string, Role> = {
  'task id': 'id',
  id: 'id',
  'item id': 'id',
  item: 'id',
  'task name': 'title',
  task: 'title',
  title: 'title',
  name: 'title',
  description: 'title',
  'target file': 'file',
  'target files': 'file',
  file: 'file',
  files: 'file',
  'file path': 'file',
  'file paths': 'file',
  path: 'file',
  location: 'file',
  'files modified': 'file',
  'files changed': 'file',
  'files created': 'file',
  'implementation evidence': 'evidence',
  'completion evidence': 'evidence',
  'code evidence': 'evidence',
  evidence: 'evidence',
  implementation: 'evidence',
  commit: 'commit',
  commits: 'commit',
  'commit hash': 'commit',
  'commit sha': 'commit',
  'commit id': 'commit',
  sha: 'commit',
  'lines added': 'loc-added',
  'loc added': 'loc-added',
  'lines of code added': 'loc-added',
  'lines modified': 'loc-modified',
  'lines changed': 'loc-modified',
  'loc modified': 'loc-modified',
  'lines of code modified': 'loc-modified',
  'lines removed': 'loc-removed',
  'lines deleted': 'loc-removed',
  'loc removed': 'loc-removed',
  'expected changes': 'loc-estimate',
  'expected loc': 'loc-estimate',
  'estimated loc': 'loc-estimate',
  loc: 'loc',
  'test file': 'test-file',
  'test files': 'test-file',
  'test path': 'test-file',
  'test name': 'test-name',
  'test names': 'test-name',
  'test case': 'test-name',
  'test cases': 'test-name',
  test: 'test',
  tests: 'test',
  'test evidence': 'test-evidence',
  'test validation': 'test-evidence',
  status: 'status',
  state: 'status',
  priority: 'priority',
};

/** Longer than any label with its markup and a remark in parentheses: not a label (and not read). */
const MAX_LABEL = 200;

/** The role of a label or header (`**Target File:**`, `Completion Evidence`), or null. */
export function roleOf(label: string): Role | null {
  if (label.length > MAX_LABEL) return null;
  const key = repairMojibake(label)
    .normalize('NFKC')
    .replace(/[*_`#|]/g, ' ')
    .replace(/^[\s\-–—>[\]x✓✔✅]*/iu, '')
    .replace(/[\p{Extended_Pictographic}\uFE0F]/gu, ' ')
    .replace(/\(.*?\)/g, ' ')
    .replace(/[:.]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  return SYNONYMS[key] ?? null;
}

/** Roles whose text names files (paths, ranges, links). */
export function namesFiles(role: Role): boolean {
  return role === 'file' || role === 'evidence' || role === 'test-file' || isTestRole(role);
}

/** `Test:` names tests; `Test Evidence:` holds test references too, but its words are prose. */
export function isTestRole(role: Role | null): boolean {
  return role === 'test' || role === 'test-evidence';
}

/** A priority as written (`P0`, `Critical`); null when none or still the template's choices. */
export function parsePriority(text: string): string | null {
  const t = text.replace(/[*_`]/g, '').trim();
  if (/\//.test(t)) return null;
  const p = /\bP([0-4])\b/i.exec(t);
  if (p) return `P${p[1]}`;
  const word = /\b(critical|high|medium|low)\b/i.exec(t);
  return word ? word[1]!.toLowerCase() : null;
}
