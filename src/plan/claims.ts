/**
 * Turns the fields of one plan item into claims. Each field arrives as segments with a role (from
 * its label or table column); what counts as evidence depends on the role: inside a File or
 * Evidence field any path is a claim, in free prose only unmistakable references are.
 */
import { findCount, findFileLength, findSignedLoc } from './loc.js';
import { isTestRole, namesFiles, parsePriority, type Role } from './fields.js';
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
  type Location,
} from './notation.js';
import { isTestOutcome, parseStatus } from './status.js';
import { codeSpan, Descriptions } from './descriptions.js';
import { lineText, type Line, type Segment } from './segments.js';
import type { Claim, Item, ItemStatus, LocMeasure, PathRef, Pin, Position } from './types.js';

export type Locate = (offset: number) => Position;

const LOC_ROLES: Partial<Record<Role, LocMeasure>> = {
  'loc-added': 'added',
  'loc-removed': 'removed',
  'loc-modified': 'modified',
};

const COMMIT_WORD = /^(?:commit|commits|sha|hash)$/i;

export class ItemBuilder {
  readonly claims: Claim[] = [];
  private status: ItemStatus | null = null;
  private statusFrom: 'field' | 'test' | 'heading' | null = null;
  private statusField: Item['statusField'];
  private priority: string | null = null;
  private readonly testFiles: PathRef[] = [];

  constructor(
    readonly id: string,
    readonly title: string,
    readonly position: Position,
    private readonly locate: Locate,
  ) {}

  /** A field of the item: its role (null for prose) and its value's segments. */
  addField(role: Role | null, value: Line, parent: Role | null = null): void {
    const effective = role ?? parent ?? 'prose';
    const text = lineText(value).trim();
    if (effective === 'id' || effective === 'title') return;
    if (effective === 'priority') {
      this.priority ??= parsePriority(text);
      return;
    }
    if (effective === 'status') {
      this.addStatus(text, value, isTestRole(parent) ? 'test' : 'field');
      return;
    }
    const measure = LOC_ROLES[effective];
    if (measure) {
      this.addCount(value, measure);
      return;
    }
    if (effective === 'test-name') {
      this.addTestNames(value);
      return;
    }
    this.scan(value, effective, role === null && parent !== null);
  }

  /** A status read from the heading (`✅`, `[x]`): used only when no field states one. */
  setHeadingStatus(status: ItemStatus | null, text: string, at: Position): void {
    if (status && !this.status) {
      this.status = status;
      this.statusFrom = 'heading';
      this.statusField = { text, ...at };
    }
  }

  build(): Item {
    for (const claim of this.claims) {
      if (claim.kind === 'test' && !claim.file && this.testFiles[0]) claim.file = this.testFiles[0];
    }
    return {
      id: this.id,
      title: this.title,
      ...this.position,
      priority: this.priority,
      status: this.status,
      ...(this.statusField ? { statusField: this.statusField } : {}),
      claims: this.claims,
    };
  }

  private at(segment: Segment, index = 0): Position {
    return this.locate(segment.exact ? segment.offset + index : segment.offset);
  }

  private addStatus(text: string, value: Line, from: 'field' | 'test'): void {
    if (value.length === 0 || text.length === 0) return;
    const at = this.at(value[0]!, leadingSpace(value[0]!.value));
    const status = parseStatus(text);
    if (status === null && /\//.test(text)) {
      this.claims.push({ kind: 'unfilled', intended: 'status', text, ...at });
      return;
    }
    if (isTestOutcome(text) && status) this.claims.push({ kind: 'test-result', status, text, ...at });
    const overrides = from === 'field' ? this.statusFrom !== 'field' : this.statusFrom === null || this.statusFrom === 'heading';
    if (status && overrides) {
      this.status = status;
      this.statusFrom = from;
      this.statusField = { text, ...at };
    }
  }

  private addCount(value: Line, measure: LocMeasure): void {
    const text = lineText(value);
    const first = value[0];
    if (!first || isEmptyValue(text)) return;
    if (isUnfilled(text.trim())) {
      this.claims.push({ kind: 'unfilled', intended: 'loc', text: text.trim(), ...this.at(first, leadingSpace(first.value)) });
      return;
    }
    const figure = findCount(text, measure);
    if (figure) this.claims.push({ kind: 'loc', measure, value: figure.value, estimate: false, approximate: figure.approximate, text: text.trim(), ...this.at(first, leadingSpace(first.value)) });
  }

  private addTestNames(value: Line): void {
    const codes = value.filter((s) => s.type === 'code');
    const names: Array<[string, Segment, number]> = codes.length
      ? codes.map((s) => [s.value.trim(), s, 0])
      : value.length
        ? [[cleanToken(lineText(value)), value[0]!, leadingSpace(value[0]!.value)]]
        : [];
    for (const [name, segment, index] of names) {
      if (name.length === 0 || isEmptyValue(name)) continue;
      if (isUnfilled(name)) {
        this.claims.push({ kind: 'unfilled', intended: 'test', text: name, ...this.at(segment, index) });
        continue;
      }
      this.pushTest(name, this.at(segment, index));
    }
  }

  private pushTest(reference: string, at: Position): void {
    const sep = reference.indexOf('::');
    if (sep > 0 && looksLikePath(reference.slice(0, sep))) {
      const file: PathRef = { raw: reference.slice(0, sep), base: 'root' };
      this.claims.push({ kind: 'test', file, name: reference.slice(sep + 2), text: reference, ...at });
    } else {
      this.claims.push({ kind: 'test', name: reference, text: reference, ...at });
    }
  }

  /** Paths, ranges, links, commits, LOC figures and test references in a field or in prose. */
  private scan(value: Line, role: Role, inherited = false): void {
    const first = this.claims.length;
    const described = new Descriptions();
    let afterCommitWord = false;
    let commitWordAt: number | null = null;
    let testRefs = 0;
    let fileJustCited = false;
    for (const segment of value) {
      const before = this.claims.length;
      if (segment.type === 'link') {
        const from = described.add(segment.value);
        this.addLink(segment, role);
        described.mark(this.claims, before, from);
        afterCommitWord = false;
        commitWordAt = null;
        fileJustCited = this.claims.length > before && this.claims.at(-1)!.kind === 'file';
        continue;
      }
      if (segment.type === 'code') {
        const token = segment.value.trim();
        const from = described.add(codeSpan(segment.value));
        if (afterCommitWord && isCommitId(token)) this.pushCommit(token, segment, 0);
        else this.addToken(token, segment, 0, role, true);
        described.mark(this.claims, before, afterCommitWord ? (commitWordAt ?? from) : from);
        if (this.claims.length > before && this.claims.at(-1)!.kind === 'test') testRefs++;
        afterCommitWord = false;
        commitWordAt = null;
        fileJustCited = this.claims.length > before && this.claims.at(-1)!.kind === 'file';
        continue;
      }
      const base = described.add(segment.value);
      if (fileJustCited) this.addFileLength(segment, 0, role);
      fileJustCited = false;
      if (role === 'prose' || role === 'evidence' || role === 'file' || role === 'loc-estimate' || role === 'loc') {
        this.addSignedLoc(segment, role === 'loc-estimate');
      }
      if (role === 'loc-estimate' || role === 'loc') {
        this.addUnfilledLoc(segment);
        continue;
      }
      for (const m of segment.value.matchAll(/\S+/g)) {
        const raw = m[0];
        const token = cleanToken(raw);
        const index = m.index + raw.indexOf(token.charAt(0));
        const count = this.claims.length;
        if (COMMIT_WORD.test(token)) {
          afterCommitWord = true;
          commitWordAt ??= base + m.index;
          continue;
        }
        // in prose, a word like "defaced" after "commit" is not an id: require a digit
        if (afterCommitWord && looksLikeCommitId(token) && /\d/.test(token)) {
          this.pushCommit(token, segment, index);
          described.mark(this.claims, count, commitWordAt ?? base + m.index);
          continue;
        }
        if (!/^(?:and|&|,)$/i.test(token)) {
          afterCommitWord = false;
          commitWordAt = null;
        }
        this.addToken(token, segment, index, role, false);
        described.mark(this.claims, count, base + m.index, base + index + token.length);
        if (this.claims.length > count && this.claims.at(-1)!.kind === 'test') testRefs++;
      }
    }
    described.finish();
    // words under "Test Evidence:" name a test only when they are one word (`test_x`): a sentence
    // there ("12 new unit tests, all passing") is prose
    if (isTestRole(role)) this.addTestFieldRest(value, testRefs, this.claims.slice(first), inherited || role === 'test-evidence');
  }

  /**
   * A `Test:` field with no code span or node id: its words are the test's name, unless the field
   * cited a file. Only the claims of this field count: a file cited elsewhere in the item says
   * nothing about this one. An unlabelled line under "Test Evidence:" is a name only when it is
   * one word (`test_x`): a sentence there ("all tests pass locally") is prose, not a test.
   */
  private addTestFieldRest(value: Line, testRefs: number, added: Claim[], inherited: boolean): void {
    if (testRefs > 0 || value.some((s) => s.type !== 'text')) return;
    const words = lineText(value)
      .split(/\s+/)
      .filter((w) => w.length > 0 && !isTestOutcome(w) && !looksLikePath(cleanToken(w)));
    const name = cleanToken(words.join(' '));
    if (name.length === 0 || isEmptyValue(name) || added.some((c) => c.kind === 'file' || c.kind === 'range')) return;
    if (isUnfilled(name) || (inherited && /\s/.test(name))) return;
    this.pushTest(name, this.at(value[0]!, leadingSpace(value[0]!.value)));
  }

  private addToken(token: string, segment: Segment, index: number, role: Role, code: boolean): void {
    if (token.length === 0 || isEmptyValue(token)) return;
    const at = this.at(segment, index);
    const url = parseGitHubUrl(token);
    if (url) {
      this.addGitHubUrl(url, token, at);
      return;
    }
    if (role === 'commit') {
      if (isUnfilled(token)) this.claims.push({ kind: 'unfilled', intended: 'commit', text: token, ...at });
      else if (looksLikeCommitId(token)) this.pushCommit(token, segment, index);
      return;
    }
    if (isTestRole(role)) {
      // outcomes are written as words of their own (PASSING, FAIL): "we fail closed" is prose
      if (isTestOutcome(token) && !code && token === token.toUpperCase()) {
        const status = parseStatus(token);
        if (status) this.claims.push({ kind: 'test-result', status, text: token, ...at });
        return;
      }
      if (token.includes('::') && !isUnfilled(token)) {
        this.pushTest(token, at);
        return;
      }
    }
    if (namesFiles(role)) {
      if (isUnfilled(token)) {
        if (code || looksLikePath(token) || /[:#]L?X/.test(token)) {
          const intended = /[:#]L?[XY\d]/.test(token) ? 'range' : 'file';
          this.claims.push({ kind: 'unfilled', intended, text: token, ...at });
        }
        return;
      }
      const location = parseLocation(token);
      if (location && isTestRole(role) && location.start === location.end && /_spec\.rb$/.test(location.path)) {
        // RSpec's `spec/x_spec.rb:42`: the example at that line
        this.claims.push({ kind: 'test', file: { raw: location.path, base: 'root' }, name: `:${location.start}`, text: token, ...at });
      } else if (location) {
        this.pushLocation(location, { raw: location.path, base: 'root' }, token, at, role);
        this.addFileLength(segment, index + token.length, role);
      } else if (isTestRole(role) && code) {
        this.pushTest(token, at);
      }
      return;
    }
    if (role === 'prose') {
      const location = parseLocation(token);
      if (location && (location.start !== undefined || looksLikeProsePath(location.path))) {
        this.pushLocation(location, { raw: location.path, base: 'root' }, token, at, role);
      }
    }
  }

  private addLink(segment: Segment, role: Role): void {
    const url = segment.url ?? '';
    const at = this.at(segment);
    const github = parseGitHubUrl(url);
    if (github) {
      this.addGitHubUrl(github, url, at);
      return;
    }
    const local = parseLocalLink(url);
    if (!local || local.path.endsWith('/')) return;
    if (role === 'prose' && local.start === undefined && !looksLikePath(local.path)) return;
    this.pushLocation(local, { raw: local.path, base: 'plan' }, url, at, role);
  }

  private addGitHubUrl(url: NonNullable<ReturnType<typeof parseGitHubUrl>>, text: string, at: Position): void {
    if (url.type === 'commit') {
      this.claims.push({ kind: 'commit', sha: url.sha, repository: url.repository, text, ...at });
      return;
    }
    // a 41-digit hex ref is a mistyped sha, not a branch: pinned to it, the checker refuses it
    const pin: Pin = looksLikeCommitId(url.ref) ? { sha: url.ref.toLowerCase(), repository: url.repository } : { repository: url.repository };
    const target: PathRef = { raw: url.path, base: 'root' };
    if (url.start === undefined) this.claims.push({ kind: 'file', target, pin, text, ...at });
    else this.claims.push({ kind: 'range', target, start: url.start, end: url.end ?? url.start, pin, text, ...at });
  }

  private pushLocation(location: Location, target: PathRef, text: string, at: Position, role: Role): void {
    if (role === 'test-file' || isTestRole(role)) this.testFiles.push(target);
    if (location.start === undefined) this.claims.push({ kind: 'file', target, text, ...at });
    else this.claims.push({ kind: 'range', target, start: location.start, end: location.end ?? location.start, text, ...at });
  }

  private pushCommit(token: string, segment: Segment, index: number): void {
    this.claims.push({ kind: 'commit', sha: token.toLowerCase(), text: token, ...this.at(segment, index) });
  }

  /** "(432 lines)" right after a cited file: a claim about that file's length. */
  private addFileLength(segment: Segment, end: number, role: Role): void {
    const last = this.claims.at(-1);
    if (!last || last.kind !== 'file' || isTestRole(role)) return;
    const figure = findFileLength(segment.value.slice(end));
    if (figure) {
      const text = segment.value.slice(end + figure.index, end + figure.index + figure.length).trim();
      this.claims.push({ kind: 'loc', measure: 'file-lines', value: figure.value, estimate: false, approximate: figure.approximate, target: last.target, text, ...this.at(segment, end + figure.index) });
    }
  }

  /** `+XX/-YY` in an Expected LOC slot: template text, not a figure. */
  private addUnfilledLoc(segment: Segment): void {
    for (const m of segment.value.matchAll(/\S+/g)) {
      if (isUnfilled(m[0]) && /[XYZN]{2}/.test(m[0])) {
        this.claims.push({ kind: 'unfilled', intended: 'loc', text: m[0], ...this.at(segment, m.index) });
      }
    }
  }

  private addSignedLoc(segment: Segment, estimate: boolean): void {
    for (const figure of findSignedLoc(segment.value)) {
      const text = segment.value.slice(figure.index, figure.index + figure.length);
      this.claims.push({ kind: 'loc', measure: figure.measure, value: figure.value, estimate, approximate: figure.approximate, text, ...this.at(segment, figure.index) });
    }
  }
}

function leadingSpace(text: string): number {
  return text.length - text.trimStart().length;
}
