/**
 * The synthetic repository as a model: modules (a source file and its test file), commits that
 * create or extend them, and a side branch never merged. The model knows every file's lines and
 * every commit's numstat, so plans can cite them and say exactly what claimcheck should find.
 * `writeRepository` turns it into git history through one `git fast-import` stream.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { headers, makeFunction, NOUNS, QUALIFIERS, randomWords, type CodeFunction, type Language } from './corpus.js';
import type { Random } from './random.js';

export interface Module {
  language: Language;
  source: string;
  test: string;
  /** Lines of each file at the head of main (and at the commit that created it, for the first functions). */
  sourceLines: string[];
  testLines: string[];
  functions: CodeFunction[];
  /** How tests refer to the module (`invoice_total`, `invoiceTotal`). */
  handle: string;
  title: string;
  /** The commit (index in `RepositoryModel.commits`) that created the module, with its first functions. */
  createdIn: number;
  initialFunctions: number;
  /** Main commits that extended it later. */
  extendedIn: number[];
}

export interface CommitModel {
  message: string;
  branch: 'main' | 'side';
  /** Lines added and removed per path, as `git log --numstat` reports them. */
  numstat: Map<string, { added: number; removed: number }>;
  /** Files written by this commit, with their full text. */
  writes: Map<string, string>;
  /** For commits that extend modules: the functions they added, by module source path. */
  added: Map<string, CodeFunction[]>;
  created: string[];
}

export interface RepositoryModel {
  modules: Module[];
  commits: CommitModel[];
}

const SERVICES = ['billing', 'identity', 'catalog', 'shipping', 'notify', 'search', 'reports', 'payments', 'support', 'pricing', 'inventory', 'analytics'];
const APPS = ['storefront', 'admin', 'checkout', 'portal', 'console'];
const AREAS = ['components', 'hooks', 'api', 'state', 'forms', 'routes', 'utils', 'widgets'];
const GO_ROOTS = ['internal', 'pkg', 'cmd/worker/internal'];

export interface RepositoryShape {
  modules: number;
  initialModules: number;
  featureCommits: number;
  changeCommits: number;
  sideModules: number;
}

export const DEFAULT_SHAPE: RepositoryShape = { modules: 5000, initialModules: 500, featureCommits: 250, changeCommits: 60, sideModules: 25 };

export function buildModel(random: Random, shape: RepositoryShape = DEFAULT_SHAPE): RepositoryModel {
  const modules: Module[] = [];
  const commits: CommitModel[] = [];
  const paths = new Set<string>();
  const newCommit = (message: string, branch: 'main' | 'side' = 'main'): CommitModel => {
    const commit: CommitModel = { message, branch, numstat: new Map(), writes: new Map(), added: new Map(), created: [] };
    commits.push(commit);
    return commit;
  };
  const create = (commit: CommitModel): void => {
    const module = makeModule(random, paths, commits.length - 1);
    modules.push(module);
    commit.created.push(module.source);
    for (const [path, lines] of [[module.source, module.sourceLines], [module.test, module.testLines]] as const) {
      commit.writes.set(path, text(lines));
      commit.numstat.set(path, { added: lines.length, removed: 0 });
    }
  };
  const extend = (commit: CommitModel, module: Module, stub = false): void => {
    const fn = appendFunction(random, module, stub);
    if (commit.branch === 'main') module.extendedIn.push(commits.length - 1);
    commit.added.set(module.source, [fn.fn]);
    commit.writes.set(module.source, text(module.sourceLines));
    commit.writes.set(module.test, text(module.testLines));
    commit.numstat.set(module.source, { added: fn.sourceAdded, removed: 0 });
    commit.numstat.set(module.test, { added: fn.testAdded, removed: 0 });
  };

  const initial = newCommit('Initial import of the platform services');
  for (let i = 0; i < shape.initialModules; i++) create(initial);
  const perFeature = Math.round((shape.modules - shape.initialModules) / shape.featureCommits);
  const changeEvery = shape.featureCommits / shape.changeCommits;
  let changes = 0;
  for (let f = 0; f < shape.featureCommits; f++) {
    const count = f === shape.featureCommits - 1 ? shape.modules - modules.length : perFeature;
    const commit = newCommit(`Add ${count} modules (${random.pick(NOUNS)} ${random.pick(QUALIFIERS)} work)`);
    for (let i = 0; i < count; i++) create(commit);
    if (changes < shape.changeCommits && (f + 1) >= (changes + 1) * changeEvery) {
      changes++;
      const change = newCommit(`Extend ${random.pick(NOUNS)} handling`);
      const picked = new Set<Module>();
      for (let n = random.int(1, 4); picked.size < n; ) picked.add(random.pick(modules));
      for (const module of picked) extend(change, module);
    }
  }
  // A branch never merged: its commit exists but is not in the history of main.
  const side = newCommit('Experiment: alternative summaries (not merged)', 'side');
  const sideModules = new Set<Module>();
  while (sideModules.size < shape.sideModules) sideModules.add(random.pick(modules));
  // the side branch's files are written from copies: main's model must not see its functions
  for (const module of sideModules) extend(side, { ...module, sourceLines: [...module.sourceLines], testLines: [...module.testLines], functions: [...module.functions], extendedIn: [] });
  return { modules, commits };
}

function makeModule(random: Random, paths: Set<string>, createdIn: number): Module {
  const roll = random.next();
  const language: Language = roll < 0.4 ? 'python' : roll < 0.75 ? 'typescript' : 'go';
  const noun = random.pick(NOUNS);
  const qualifier = random.pick(QUALIFIERS);
  let source = '';
  let test = '';
  let handle = '';
  let pkg = '';
  let importPath = '';
  for (let n = 1; source === '' || paths.has(source); n++) {
    const suffix = n === 1 ? '' : `${n}`;
    if (language === 'python') {
      const service = random.pick(SERVICES);
      const folder = random.pick(NOUNS);
      handle = `${noun}_${qualifier}${suffix}`;
      source = `services/${service}/${folder}/${handle}.py`;
      test = `services/${service}/tests/${folder}/test_${handle}.py`;
      importPath = `services.${service}.${folder}.${handle}`;
    } else if (language === 'typescript') {
      const app = random.pick(APPS);
      const area = random.pick(AREAS);
      const base = `${noun}-${qualifier}${suffix}`;
      handle = `${noun}${qualifier[0]!.toUpperCase()}${qualifier.slice(1)}${suffix}`;
      source = `web/${app}/src/${area}/${base}.ts`;
      test = `web/${app}/test/${area}/${base}.test.ts`;
      importPath = `../../src/${area}/${base}.js`;
    } else {
      pkg = random.pick(NOUNS);
      const folder = `${random.pick(GO_ROOTS)}/${random.pick(SERVICES)}/${pkg}`;
      handle = `${noun}_${qualifier}${suffix}`;
      source = `${folder}/${handle}.go`;
      test = `${folder}/${handle}_test.go`;
    }
  }
  paths.add(source);
  const title = `${cap(noun)} ${qualifier} for the ${source.split('/')[1]} code`;
  const head = headers(language, { name: handle, importPath, pkg, title });
  const module: Module = { language, source, test, sourceLines: head.code, testLines: head.test, functions: [], handle, title, createdIn, initialFunctions: 0, extendedIn: [] };
  const count = random.int(3, 7);
  const stubAt = random.chance(0.12) ? random.int(0, count - 1) : -1;
  for (let i = 0; i < count; i++) appendFunction(random, module, i === stubAt);
  module.initialFunctions = count;
  return module;
}

/** Appends a function and its test; returns how many lines each file gained. */
function appendFunction(random: Random, module: Module, stub: boolean): { fn: CodeFunction; sourceAdded: number; testAdded: number } {
  const taken = new Set(module.functions.map((f) => f.name));
  let made = makeFunction(module.language, randomWords(random), module.handle, stub, random);
  for (let tries = 0; taken.has(made.fn.name) && tries < 50; tries++) made = makeFunction(module.language, randomWords(random), module.handle, stub, random);
  if (taken.has(made.fn.name)) made = makeFunction(module.language, [...randomWords(random).slice(0, 2), `v${taken.size}`] as [string, string, string], module.handle, stub, random);
  const gap = module.language === 'python' ? ['', ''] : [''];
  const start = module.sourceLines.length + gap.length + 1;
  module.sourceLines.push(...gap, ...made.code);
  module.testLines.push(...gap, ...made.test);
  // the doc comment above a TS or Go function belongs to it; the range starts at the signature
  const signature = module.language === 'python' ? start : start + 1;
  const fn: CodeFunction = { ...made.fn, start: signature, end: module.sourceLines.length };
  module.functions.push(fn);
  return { fn, sourceAdded: gap.length + made.code.length, testAdded: gap.length + made.test.length };
}

export function text(lines: string[]): string {
  return lines.join('\n') + '\n';
}

const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1);

/**
 * Writes the model as git history in `dir` (a new repository) with one `git fast-import`: main
 * gets every main commit, the side branch `experiment` forks from main's last commit. Fixed dates
 * make fixed shas. Returns the full sha of every commit, by index in `model.commits`.
 */
export function writeRepository(dir: string, model: RepositoryModel): string[] {
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const chunks: Buffer[] = [];
  const push = (s: string): void => void chunks.push(Buffer.from(s, 'utf8'));
  const data = (s: string): void => push(`data ${Buffer.byteLength(s, 'utf8')}\n${s}\n`);
  let lastMain = 0;
  model.commits.forEach((commit, i) => {
    const mark = i + 1;
    const when = `${COMMIT_EPOCH + mark * 3600} +0000`;
    push(`commit refs/heads/${commit.branch === 'main' ? 'main' : 'experiment'}\nmark :${mark}\n`);
    push(`author ${AUTHOR} ${when}\ncommitter ${AUTHOR} ${when}\n`);
    data(commit.message);
    if (lastMain > 0) push(`from :${lastMain}\n`);
    for (const [path, content] of commit.writes) {
      push(`M 100644 inline ${path}\n`);
      data(content);
    }
    push('\n');
    if (commit.branch === 'main') lastMain = mark;
  });
  const marks = join(dir, '.git', 'bench-marks');
  execFileSync('git', ['fast-import', '--quiet', `--export-marks=${marks}`], { cwd: dir, input: Buffer.concat(chunks), maxBuffer: 64 * 1024 * 1024 });
  const byMark = new Map(
    readFileSync(marks, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith(':'))
      .map((l) => [Number(l.slice(1, l.indexOf(' '))), l.slice(l.indexOf(' ') + 1)] as const),
  );
  execFileSync('git', ['reset', '-q', '--hard', 'main'], { cwd: dir });
  return model.commits.map((_, i) => byMark.get(i + 1)!);
}

/** 2025-01-01T00:00:00Z: commit dates count hours from here. */
export const COMMIT_EPOCH = 1_735_689_600;
export const AUTHOR = 'Bench Developer <dev@example.com>';
