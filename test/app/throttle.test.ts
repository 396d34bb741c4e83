/**
 * Probot's throttle spaces GraphQL calls and writes about a second apart per lane. Each
 * installation must have its own lane, in webhook deliveries too (Probot builds a delivery's
 * octokit without one: src/app/octokit.ts gives it), so one busy installation does not queue the
 * others. Probot's throttling is on here, as in production.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { withFaultPolicy } from '../../src/app/octokit.js';

const API = 'https://api.github.com';
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

describe('throttling per installation', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  /** Delivers an event from each installation at once, each asking GraphQL twice; when each installation's first call arrived. */
  async function twoCallsEach(Octokit: typeof ProbotOctokit, installations: number[]): Promise<Map<number, number>> {
    const probot = new Probot({ appId: 1, privateKey, Octokit, log: pino({ level: 'silent' }) });
    const firstCalls = new Map<number, number>();
    await probot.load((app) => {
      app.on('issues.opened', async (context) => {
        await context.octokit.graphql('{ viewer { login } }');
        await context.octokit.graphql('{ viewer { login } }');
      });
    });
    nock(API)
      .post(/^\/app\/installations\/\d+\/access_tokens$/)
      .times(installations.length)
      .reply(201, (uri) => ({ token: `ghs_${uri.split('/')[3]}`, expires_at: new Date(Date.now() + 3600_000).toISOString() }))
      .post('/graphql')
      .times(installations.length * 2)
      .reply(200, function () {
        const installation = Number(String(this.req.headers['authorization']).replace('token ghs_', ''));
        if (!firstCalls.has(installation)) firstCalls.set(installation, Date.now());
        return { data: { viewer: { login: 'x' } } };
      });
    const event = (id: number) => ({ id: `d-${id}`, name: 'issues', payload: { action: 'opened', installation: { id }, repository: { full_name: 'acme/widgets', name: 'widgets', owner: { login: 'acme' } } } });
    await Promise.all(installations.map((id) => probot.receive(event(id) as never)));
    return firstCalls;
  }

  it('gives each installation its own lane in webhook deliveries: their first calls go out together', async () => {
    const first = [...(await twoCallsEach(withFaultPolicy(ProbotOctokit), [1, 2, 3])).values()];
    expect(first).toHaveLength(3);
    expect(Math.max(...first) - Math.min(...first)).toBeLessThan(500);
  }, 20_000);

  it('control: Probot alone queues every installation in one lane, a second apart', async () => {
    const first = [...(await twoCallsEach(ProbotOctokit, [1, 2, 3])).values()];
    // one lane: each installation's first call waits a second behind the one before
    expect(Math.max(...first) - Math.min(...first)).toBeGreaterThanOrEqual(1800);
  }, 20_000);
});
