/**
 * The naive GitHub reader: claim by claim, sequentially, `GET contents` for every file a claim
 * cites, `GET commits/:id` and `GET compare` for every commit. Same checks as claimcheck's reader,
 * so the verdicts match and only the requests differ. Commit file lists are read in full (pages of
 * 300) so the naive verdicts stay right for commits that touch many files.
 */
import type { Plan } from '../src/plan/types.js';
import type { GitHubClient, GitHubRepository } from '../src/repo/github.js';
import type { FileChange } from '../src/repo/types.js';
import { NaiveReader, type NaiveFetcher } from './naive-reader.js';

type Client = GitHubClient & { request: (route: string, parameters: Record<string, unknown>) => Promise<{ data: unknown }> };

export function naiveGitHubReader(plans: Plan[], client: Client, repository: GitHubRepository): NaiveReader {
  return new NaiveReader(plans, gitHubFetcher(client, repository));
}

export function gitHubFetcher(client: Client, { owner, repo }: GitHubRepository): NaiveFetcher {
  const absent = (error: unknown): null => {
    if ((error as { status?: number }).status === 404 || (error as { status?: number }).status === 422) return null;
    throw error;
  };
  return {
    async resolveRef(revision) {
      if (/^[0-9a-f]{40}$/.test(revision)) return revision;
      const { data } = await client.rest.repos.getCommit({ owner, repo, ref: revision, per_page: 1 });
      return data.sha;
    },
    async readFile(commit, path) {
      try {
        const { data } = await client.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path, ref: commit });
        const file = data as { content?: string; encoding?: string };
        return file.content === undefined ? null : Buffer.from(file.content, file.encoding === 'base64' ? 'base64' : 'utf8');
      } catch (error) {
        return absent(error);
      }
    },
    async readCommit(id) {
      try {
        const changes: FileChange[] = [];
        let sha = '';
        for (let page = 1; ; page++) {
          const { data } = await client.rest.repos.getCommit({ owner, repo, ref: id, per_page: 300, page });
          sha = data.sha;
          const files = data.files ?? [];
          changes.push(...files.map((f) => ({ path: f.filename, added: f.additions, removed: f.deletions })));
          if (files.length < 300) return { sha, changes };
        }
      } catch (error) {
        return absent(error);
      }
    },
    async isAncestor(sha, ref) {
      if (sha === ref) return true;
      const { data } = await client.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${sha}...${ref}`, per_page: 1 });
      return data.status === 'ahead' || data.status === 'identical';
    },
  };
}
