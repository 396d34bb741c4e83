/**
 * `.github/claimcheck.yml`: schema, defaults and validation. A bad config is a user error named by
 * its key, never a stack trace. Every key is documented in docs/configuration.md.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Policy } from './verify/checks/context.js';

export const DEFAULT_CONFIG_PATH = '.github/claimcheck.yml';

const Tolerance = z
  .object({
    percent: z.number().min(0).max(100).default(10),
    lines: z.number().int().min(0).default(3),
  })
  .strict();

/** Repository permission levels, from least to most (GitHub's repository roles). */
export const PERMISSION_LEVELS = ['read', 'triage', 'write', 'maintain', 'admin'] as const;
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];
const Level = z.enum(PERMISSION_LEVELS);

/** Who may run each slash command; unset `verify`/`explain`: read on a private repository, triage on a public one. */
const Commands = z
  .object({
    verify: Level.optional(),
    explain: Level.optional(),
    fix: Level.default('write'),
  })
  .strict();

/** Which CI artifacts the App reads JUnit reports from (artifact-name globs; default: any artifact). */
const TestReports = z
  .object({
    artifacts: z.array(z.string().min(1)).min(1, 'must name at least one artifact glob (`"*"` for any artifact)').default(['*']),
  })
  .strict();

export const ConfigSchema = z
  .object({
    plans: z.array(z.string().min(1)).default([]),
    root: z
      .string()
      .default('')
      .refine((r) => !r.split(/[\\/]/).includes('..'), 'must stay inside the repository (no `..`)'),
    loc_tolerance: Tolerance.default({ percent: 10, lines: 3 }),
    hollow: z.array(z.string().min(1).refine(compiles, 'must be a valid regular expression')).default([]),
    fail_on: z.enum(['unverified', 'unknown']).default('unverified'),
    commands: Commands.default({ fix: 'write' }),
    test_reports: TestReports.default({ artifacts: ['*'] }),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_CONFIG: Config = ConfigSchema.parse({});

/** Parses and validates config text; `source` names the file in error messages. */
export function parseConfig(text: string, source: string): Config {
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 50 }) ?? {};
  } catch (error) {
    throw new ConfigError(`${source}: invalid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  return validateConfig(data, source);
}

/** Validates config data already parsed (the App gets it from Probot's `context.config`). */
export function validateConfig(data: unknown, source: string): Config {
  // `_extends` is Probot's: it names the org config this one builds on, and is resolved by then
  const own = data && typeof data === 'object' && !Array.isArray(data) ? Object.fromEntries(Object.entries(data).filter(([k]) => k !== '_extends')) : data;
  const result = ConfigSchema.safeParse(own ?? {});
  if (result.success) return { ...result.data, root: normaliseRoot(result.data.root) };
  const issue = result.error.issues[0]!;
  const key = issue.path.length ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? '' : '(top level)';
  const unknownKeys = issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}` : '';
  throw new ConfigError(`${source}: ${key ? `${key}: ` : ''}${unknownKeys || issue.message}`);
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** The check policy a config sets: line-count tolerance and extra stub patterns. */
export function policyOf(config: Config): Policy {
  return { locTolerance: config.loc_tolerance, hollow: config.hollow.map((p) => new RegExp(p)) };
}

function normaliseRoot(root: string): string {
  return root.replace(/\\/g, '/').split('/').filter((p) => p.length > 0 && p !== '.').join('/');
}
