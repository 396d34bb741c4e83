/**
 * The plan parser on a worker thread (see off-thread.ts): one message per plan, answered with the
 * plan or the one-line error it gave. Built into dist/parse-worker.mjs by scripts/bundle-cli.mjs.
 */
import { parentPort } from 'node:worker_threads';
import { parsePlan } from './parse.js';
import { PlanError } from './types.js';
import type { ParseAnswer, ParseJob } from './off-thread.js';

parentPort?.on('message', ({ id, path, text }: ParseJob) => {
  let answer: ParseAnswer;
  try {
    answer = { id, plan: parsePlan(path, text) };
  } catch (error) {
    answer = error instanceof PlanError ? { id, planError: error.message.slice(error.planPath.length + 2) } : { id, failure: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(answer);
});
