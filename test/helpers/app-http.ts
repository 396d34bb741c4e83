/** The App served over real HTTP on 127.0.0.1 (Probot's Server), talking to a loopback fake GitHub, and signed deliveries to it. */
import { createHmac, generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { Probot, Server } from 'probot';
import claimcheckApp from '../../src/app/index.js';
import { unthrottled } from './github.js';

export interface AppOverHttp {
  /** The webhook URL. */
  url: string;
  /** Posts a delivery of `event`, signed with the secret unless `signature` is given; the HTTP status. */
  deliver(event: string, body: string, signature?: string): Promise<number>;
  stop(): Promise<void>;
}

export async function startAppOverHttp(githubUrl: string, secret: string): Promise<AppOverHttp> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const server = new Server({
    log: pino({ level: 'silent' }),
    host: '127.0.0.1',
    port: 0,
    Probot: Probot.defaults({ appId: 1, privateKey, secret, baseUrl: githubUrl, logLevel: 'fatal', Octokit: unthrottled() }),
  });
  await server.load(claimcheckApp);
  const http = await server.start();
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/github/webhooks`;
  return {
    url,
    async deliver(event, body, signature) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': event,
          'x-github-delivery': `delivery-${Math.random()}`,
          'x-hub-signature-256': signature ?? `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
        },
        body,
      });
      await response.text();
      return response.status;
    },
    stop: () => server.stop(),
  };
}
