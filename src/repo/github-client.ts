/** The slice of Probot's Octokit the GitHub reader uses, and the repository it reads. */
import type { ProbotOctokit } from 'probot';

export type GitHubClient = Pick<InstanceType<typeof ProbotOctokit>, 'graphql' | 'rest'>;

export interface GitHubRepository {
  owner: string;
  repo: string;
}
