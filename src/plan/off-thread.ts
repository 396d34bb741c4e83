/**
 * Plans parsed off the main thread, for the App: a plan of a megabyte takes seconds to parse, and a
 * server that parsed it in line would hold every other delivery (and /health) that long. One
 * worker thread, started on first use and kept; plans go to it one at a time. Its own deadline
 * (limits.ts) stops a slow parse; past that and a margin the worker is ended and a new one started.
 * When the built worker is missing (sources run without a build), plans are parsed in line.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PLAN_LIMITS } from './limits.js';
import { parsePlan } from './parse.js';
import { PlanError, type Plan } from './types.js';

export interface ParseJob {
  id: number;
  path: string;
  text: string;
}

export type ParseAnswer = { id: number; plan: Plan } | { id: number; planError: string } | { id: number; failure: string };

/** dist/parse-worker.mjs, from src/plan/ and from dist/plan/ alike (both two levels down). */
export const WORKER_FILE = fileURLToPath(new URL('../../dist/parse-worker.mjs', import.meta.url));

/** Time the worker is given beyond the parser's own deadline before it is ended. */
const MARGIN_MS = 5_000;

export class OffThreadParser {
  private worker: Worker | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;

  constructor(
    private readonly workerFile = WORKER_FILE,
    private readonly deadlineMs = PLAN_LIMITS.timeLimitMs + MARGIN_MS,
  ) {}

  /** Whether plans are parsed on the worker (false: in line, the worker file being absent). */
  get offThread(): boolean {
    return existsSync(this.workerFile);
  }

  /** The plan in `text`, as parsePlan gives it; a PlanError (one line) when it cannot be read. */
  parse(path: string, text: string, deadlineMs = this.deadlineMs): Promise<Plan> {
    if (!this.offThread) return Promise.resolve().then(() => parsePlan(path, text));
    const job = this.queue.then(() => this.run({ id: this.nextId++, path, text }, deadlineMs));
    this.queue = job.catch(() => undefined);
    return job;
  }

  /** Ends the worker (a later parse starts another). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private run(job: ParseJob, deadlineMs: number): Promise<Plan> {
    const worker = this.started();
    worker.ref();
    return new Promise<Plan>((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.unref();
      };
      const onMessage = (answer: ParseAnswer): void => {
        if (answer.id !== job.id) return;
        finish();
        if ('plan' in answer) resolve(answer.plan);
        else if ('planError' in answer) reject(new PlanError(job.path, answer.planError));
        else reject(new Error(answer.failure));
      };
      const onError = (error: Error): void => {
        finish();
        this.discard(worker);
        reject(error);
      };
      const timer = setTimeout(() => {
        finish();
        this.discard(worker);
        reject(new PlanError(job.path, `reading the plan took longer than ${deadlineMs / 1000} s, the most a plan may take`));
      }, deadlineMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(job);
    });
  }

  private started(): Worker {
    if (!this.worker) {
      const worker = new Worker(this.workerFile);
      worker.unref();
      // a worker that fails or ends on its own (out of memory) is replaced on the next parse; an
      // error while no plan is being read must not become the server's uncaught exception
      const forget = (): void => {
        if (this.worker === worker) this.worker = null;
      };
      worker.on('error', forget);
      worker.once('exit', forget);
      this.worker = worker;
    }
    return this.worker;
  }

  private discard(worker: Worker): void {
    if (this.worker === worker) this.worker = null;
    void worker.terminate();
  }
}

/** The process's parser, shared by every delivery. */
export const sharedPlanParser = new OffThreadParser();
