/**
 * Probot's throttle spaces GraphQL calls and writes about a second apart, per installation: one
 * busy installation must not queue another's requests. This pins that down with Probot's own
 * throttling on (nothing disabled), so an upgrade that changed it would fail here.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { pino } from 'pino';
import { Probot } from 'probot';

const API = 'https://api.github.com';

describe('throttling per installation', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('spaces one installation’s GraphQL calls but lets another installation’s through meanwhile', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const probot = new Probot({ appId: 1, privateKey, log: pino({ level: 'silent' }) });
    const order: string[] = [];
    nock(API)
      .post(/^\/app\/installations\/\d+\/access_tokens$/)
      .times(2)
      .reply(201, (uri) => ({ token: `ghs_${uri.split('/')[3]}`, expires_at: new Date(Date.now() + 3600_000).toISOString() }))
      .post('/graphql')
      .times(3)
      .reply(200, function () {
        order.push(String(this.req.headers['authorization']));
        return { data: { viewer: { login: 'x' } } };
      });
    const [busy, quiet] = await Promise.all([probot.auth(1), probot.auth(2)]);
    const query = '{ viewer { login } }';
    // installation 1 asks twice (the second waits its turn), installation 2 once, a moment later
    const first = busy.graphql(query);
    const second = busy.graphql(query);
    await first;
    await quiet.graphql(query);
    await second;
    expect(order).toEqual(['token ghs_1', 'token ghs_2', 'token ghs_1']);
  }, 20_000);
});
