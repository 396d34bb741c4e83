/** Throwaway git repositories with real commits, branches, symlinks, submodules and binaries. */
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';

export class TestRepo {
  readonly git: SimpleGit;
  /** Gitlinks to stage at the next commit: `add -A` would drop them, having no folder to see. */
  private readonly gitlinks: string[] = [];

  private constructor(readonly dir: string) {
    this.git = simpleGit({ baseDir: dir });
  }

  static async create(): Promise<TestRepo> {
    const repo = new TestRepo(await mkdtemp(join(tmpdir(), 'claimcheck-test-')));
    await repo.git.init(['--initial-branch=main']);
    await repo.git.addConfig('user.name', 'Test');
    await repo.git.addConfig('user.email', 'test@example.com');
    await repo.git.addConfig('commit.gpgsign', 'false');
    return repo;
  }

  async write(files: Record<string, string | Buffer>): Promise<void> {
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(this.dir, path)), { recursive: true });
      await writeFile(join(this.dir, path), content);
    }
  }

  async symlink(path: string, target: string): Promise<void> {
    await mkdir(dirname(join(this.dir, path)), { recursive: true });
    await symlink(target, join(this.dir, path));
  }

  /** Records a submodule (gitlink) entry without cloning anything. */
  async submodule(path: string, sha: string): Promise<void> {
    this.gitlinks.push(`160000,${sha},${path}`);
  }

  /** Writes the files (if any), stages everything and commits; returns the full sha. */
  async commit(message: string, files: Record<string, string | Buffer> = {}): Promise<string> {
    await this.write(files);
    await this.git.add(['-A']);
    for (const link of this.gitlinks.splice(0)) await this.git.raw(['update-index', '--add', '--cacheinfo', link]);
    await this.git.commit(message, { '--allow-empty': null });
    return (await this.git.revparse(['HEAD'])).trim();
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** `n` numbered lines of text, each ending with a newline. */
export function lines(n: number, prefix = 'line'): string {
  return Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}\n`).join('');
}
