/** completeCheckRun's paging at its edges: no annotations, exactly one page, exactly two pages. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { completeCheckRun } from '../../src/app/check-runs.js';
import { REVERIFY_ACTION, type Annotation, type CheckRunResult } from '../../src/report/check-run.js';
import { testOctokit } from '../helpers/github.js';

const API = 'https://api.github.com';
const target = { owner: 'acme', repo: 'widgets', sha: 'a'.repeat(40) };

const annotations = (n: number): Annotation[] =>
  Array.from({ length: n }, (_, i) => ({ path: 'docs/PLAN.md', start_line: i + 1, end_line: i + 1, annotation_level: 'failure', message: `claim ${i + 1}` }));

const result = (n: number): CheckRunResult => ({ conclusion: n ? 'failure' : 'success', title: 't', summary: 's', annotations: annotations(n) });

/** The bodies of the PATCHes made while `run` runs. */
async function patches(pages: number, run: () => Promise<void>): Promise<Array<Record<string, unknown>>> {
  const bodies: Array<Record<string, unknown>> = [];
  nock(API)
    .patch('/repos/acme/widgets/check-runs/9')
    .times(pages)
    .reply(200, (_uri, body) => {
      bodies.push(body as Record<string, unknown>);
      return { id: 9 };
    });
  await run();
  return bodies;
}

describe('completeCheckRun', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });

  it('without annotations: one update, no annotations key, no text', async () => {
    const bodies = await patches(1, () => completeCheckRun(testOctokit(), target, 9, result(0)));
    expect(bodies).toEqual([{ status: 'completed', conclusion: 'success', output: { title: 't', summary: 's' }, actions: [REVERIFY_ACTION] }]);
  });

  it('50 annotations: one update carrying all of them and the conclusion', async () => {
    const bodies = await patches(1, () => completeCheckRun(testOctokit(), target, 9, result(50)));
    expect(bodies).toEqual([{ status: 'completed', conclusion: 'failure', output: { title: 't', summary: 's', annotations: annotations(50) }, actions: [REVERIFY_ACTION] }]);
  });

  it('100 annotations: two updates of 50, the conclusion only with the second', async () => {
    const bodies = await patches(2, () => completeCheckRun(testOctokit(), target, 9, { ...result(100), text: 'x' }));
    expect(bodies).toEqual([
      { output: { title: 't', summary: 's', text: 'x', annotations: annotations(100).slice(0, 50) } },
      { status: 'completed', conclusion: 'failure', output: { title: 't', summary: 's', text: 'x', annotations: annotations(100).slice(50) }, actions: [REVERIFY_ACTION] },
    ]);
  });
});
