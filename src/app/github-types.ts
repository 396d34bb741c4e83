/** The slice of Probot's context the app's use cases need: easy to build in tests. */
import type { Context } from 'probot';

export type Octokit = Context['octokit'];

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** The commit being verified, and the pull request whose comment reports on it, if any. */
export interface Target {
  owner: string;
  repo: string;
  sha: string;
  pullNumber?: number;
  /** A fast-forward push's previous head: its facts may stand for this commit (reuse.ts). */
  before?: string;
}

export const CHECK_NAME = 'claimcheck';
