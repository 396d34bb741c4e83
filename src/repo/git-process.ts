/**
 * Long-lived git processes for batched reads: `git cat-file --batch` answers any number of object
 * requests in one process, and `git rev-list` streams ancestors until every wanted commit is seen.
 */
import { spawn } from 'node:child_process';

export type BatchAnswer =
  | { request: string; found: true; oid: string; type: string; size: number; content?: Buffer }
  | { request: string; found: false; reason: 'missing' | 'ambiguous' };

/** Runs `git cat-file --batch[-check]` once for all requests, answers in request order. */
export function catFile(cwd: string, requests: string[], withContent: boolean): Promise<BatchAnswer[]> {
  if (requests.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', withContent ? '--batch' : '--batch-check'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const parser = new BatchParser(requests, withContent);
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => parser.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`git cat-file failed: ${stderr.trim() || `exit ${code}`}`));
      else if (parser.answers.length !== requests.length) reject(new Error('git cat-file ended early'));
      else resolve(parser.answers);
    });
    child.stdin.on('error', () => undefined); // git exiting early is reported through 'close'
    child.stdin.end(requests.join('\n') + '\n');
  });
}

/** Incremental parser of cat-file output: headers, then exactly `size` content bytes. */
class BatchParser {
  readonly answers: BatchAnswer[] = [];
  private pending: Buffer[] = [];
  private content: { answer: Extract<BatchAnswer, { found: true }>; buffer: Buffer; filled: number } | null = null;

  constructor(
    private readonly requests: string[],
    private readonly withContent: boolean,
  ) {}

  push(chunk: Buffer): void {
    let data = chunk;
    while (data.length > 0) {
      if (this.content) {
        const { buffer } = this.content;
        // content bytes, then the newline git writes after them
        const want = buffer.length + 1 - this.content.filled;
        const take = Math.min(want, data.length);
        const copy = Math.min(take, buffer.length - this.content.filled);
        data.copy(buffer, this.content.filled, 0, copy);
        this.content.filled += take;
        data = data.subarray(take);
        if (this.content.filled === buffer.length + 1) {
          this.content.answer.content = buffer;
          this.answers.push(this.content.answer);
          this.content = null;
        }
        continue;
      }
      const newline = data.indexOf(0x0a);
      if (newline === -1) {
        this.pending.push(data);
        return;
      }
      const header = Buffer.concat([...this.pending, data.subarray(0, newline)]).toString('utf8');
      this.pending = [];
      data = data.subarray(newline + 1);
      this.header(header);
    }
  }

  private header(line: string): void {
    const request = this.requests[this.answers.length] ?? '';
    if (line.endsWith(' missing') || line.endsWith(' ambiguous')) {
      this.answers.push({ request, found: false, reason: line.endsWith(' missing') ? 'missing' : 'ambiguous' });
      return;
    }
    const [oid = '', type = '', size = '0'] = line.split(' ');
    const answer = { request, found: true as const, oid, type, size: Number(size) };
    if (this.withContent) this.content = { answer, buffer: Buffer.allocUnsafe(answer.size), filled: 0 };
    else this.answers.push(answer);
  }
}

/**
 * Which of `wanted` (full shas) are ancestors of `ref`: one `git rev-list` walk, stopped as soon as
 * every wanted commit has been seen.
 */
export function ancestorsAmong(cwd: string, ref: string, wanted: Set<string>): Promise<Set<string>> {
  const seen = new Set<string>();
  if (wanted.size === 0) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['rev-list', ref, '--'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let rest = '';
    let stderr = '';
    let done = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (done) return;
      const lines = (rest + chunk.toString('latin1')).split('\n');
      rest = lines.pop() ?? '';
      for (const sha of lines) {
        if (wanted.has(sha)) seen.add(sha);
      }
      if (seen.size === wanted.size) {
        done = true;
        child.kill();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (!done && code !== 0) reject(new Error(`git rev-list failed: ${stderr.trim() || `exit ${code}`}`));
      else resolve(seen);
    });
  });
}
