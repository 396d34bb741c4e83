import { describe, expect, it } from '@jest/globals';
import { ConfigError, DEFAULT_CONFIG, parseConfig, policyOf } from '../src/config.js';
import { DEFAULT_SETTINGS } from '../src/verify/checks/context.js';
import { examineRange } from '../src/verify/hollow.js';
import { languageOf } from '../src/verify/languages.js';

const SOURCE = '.github/claimcheck.yml';

function refusal(text: string): string {
  try {
    parseConfig(text, SOURCE);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the config was accepted');
}

describe('parseConfig', () => {
  it('gives every default for an empty file', () => {
    const config = parseConfig('', SOURCE);
    expect(config).toEqual({ plans: [], root: '', loc_tolerance: { percent: 10, lines: 3 }, hollow: [], fail_on: 'unverified', commands: { fix: 'write' }, test_reports: { artifacts: ['*'] } });
    expect(config).toEqual(DEFAULT_CONFIG);
  });

  it('reads every key', () => {
    const text =
      'plans: [docs/PLAN.md]\nroot: services/api\nfail_on: unknown\ntest_reports:\n  artifacts: [junit-*]\nloc_tolerance:\n  percent: 20\n  lines: 5\nhollow:\n  - "raise NotImplemented"\n  - "^log_todo\\\\(\\\\)$"\ncommands:\n  verify: write\n  explain: read\n  fix: admin\n';
    expect(parseConfig(text, SOURCE)).toEqual({
      plans: ['docs/PLAN.md'],
      root: 'services/api',
      fail_on: 'unknown',
      loc_tolerance: { percent: 20, lines: 5 },
      hollow: ['raise NotImplemented', '^log_todo\\(\\)$'],
      commands: { verify: 'write', explain: 'read', fix: 'admin' },
      test_reports: { artifacts: ['junit-*'] },
    });
  });

  it('leaves the levels of verify and explain unset (they depend on the visibility), fix at write', () => {
    expect(parseConfig('commands:\n  verify: maintain\n', SOURCE).commands).toEqual({ verify: 'maintain', fix: 'write' });
    expect(parseConfig('commands: {}\n', SOURCE).commands).toEqual({ fix: 'write' });
  });

  it('fills a partly given tolerance with the defaults', () => {
    expect(parseConfig('loc_tolerance:\n  percent: 25\n', SOURCE).loc_tolerance).toEqual({ percent: 25, lines: 3 });
  });

  it('normalises the root', () => {
    expect(parseConfig('root: ./services//api/\n', SOURCE).root).toBe('services/api');
    expect(parseConfig('root: "services\\\\api"\n', SOURCE).root).toBe('services/api');
  });

  it('refuses a hollow pattern that is no regular expression, naming it', () => {
    expect(refusal('hollow:\n  - "ok"\n  - "raise (NotImplemented"\n')).toBe(`${SOURCE}: hollow.1: must be a valid regular expression`);
    expect(refusal('hollow:\n  - ""\n')).toMatch(/^\.github\/claimcheck\.yml: hollow\.0: /);
  });

  it.each([
    ['a tolerance above 100 %', 'loc_tolerance:\n  percent: 150\n', 'loc_tolerance.percent'],
    ['a negative tolerance', 'loc_tolerance:\n  lines: -1\n', 'loc_tolerance.lines'],
    ['a fractional number of lines', 'loc_tolerance:\n  lines: 2.5\n', 'loc_tolerance.lines'],
    ['an unknown tolerance key', 'loc_tolerance:\n  percentage: 5\n', "unknown key 'percentage'"],
    ['a fail_on that is no verdict', 'fail_on: verified\n', 'fail_on'],
    ['a root that leaves the repository', 'root: services/../..\n', 'root: must stay inside the repository'],
    ['a plans value that is no list', 'plans: docs/PLAN.md\n', 'plans'],
    ['a command level that is no repository role', 'commands:\n  fix: owner\n', 'commands.fix: Invalid option: expected one of "read"|"triage"|"write"|"maintain"|"admin"'],
    ['a command that does not exist', 'commands:\n  merge: write\n', "unknown key 'merge'"],
    ['commands that are no mapping', 'commands: write\n', 'commands'],
  ])('refuses %s, naming the key', (_, text, words) => {
    expect(refusal(text)).toContain(words);
  });

  it('refuses unknown top-level keys', () => {
    expect(refusal('hollow_patterns: []\n')).toBe(`${SOURCE}: unknown key 'hollow_patterns'`);
    expect(refusal('a: 1\nb: 2\n')).toBe(`${SOURCE}: unknown keys 'a', 'b'`);
  });

  it('refuses invalid YAML in one line, and a document that is no mapping', () => {
    const message = refusal('plans: [docs/PLAN.md\n');
    expect(message).toMatch(/^\.github\/claimcheck\.yml: invalid YAML: /);
    expect(message).not.toContain('\n');
    expect(refusal('- a\n- b\n')).toMatch(/^\.github\/claimcheck\.yml: \(top level\): /);
  });

  it('refuses YAML alias bombs', () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    expect(refusal(bomb)).toBe(`${SOURCE}: invalid YAML: Excessive alias count indicates a resource exhaustion attack`);
  });
});

describe('policyOf', () => {
  it('gives the default policy for the default config', () => {
    expect(policyOf(DEFAULT_CONFIG)).toEqual(DEFAULT_SETTINGS.policy);
  });

  it('compiles the hollow patterns, which then mark stubs', () => {
    const policy = policyOf(parseConfig('hollow:\n  - "^log_todo\\\\(\\\\)$"\nloc_tolerance:\n  percent: 5\n  lines: 1\n', SOURCE));
    expect(policy.locTolerance).toEqual({ percent: 5, lines: 1 });
    expect(policy.hollow).toEqual([/^log_todo\(\)$/]);
    const text = 'def save():\n    log_todo()\n';
    expect(examineRange(text, languageOf('a.py')!, 1, 2, policy.hollow)).toMatchObject({ hollow: true });
    expect(examineRange(text, languageOf('a.py')!, 1, 2)).toEqual({ hollow: false });
  });
});
