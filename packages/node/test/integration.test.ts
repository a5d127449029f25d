/**
 * The consumer scenario suite against a real Tessera server (`@tessera/test-utils`), run twice: with the
 * official `stytch` client and with `@tessera/node`. A failure in only one run is a compatibility bug in
 * that client; a failure in both is the server's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import stytch from 'stytch';
import { Client } from '../src/index.js';
import { quietly, skip, startServer } from './fixtures/real-server.js';
import { defineConsumerScenarios, type ClientLike, type ScenarioServer } from './scenarios.js';

defineConsumerScenarios('official stytch client', {
  skip,
  startServer,
  makeClient: (srv, credentials = srv.project) => quietly(() => new stytch.Client({ ...credentials, env: `${srv.url}/` }) as unknown as ClientLike),
});

defineConsumerScenarios('@tessera/node', {
  skip,
  startServer,
  makeClient: (srv, credentials = srv.project) => new Client({ ...credentials, base_url: srv.url }),
});

describe.skipIf(Boolean(skip))('@tessera/node against a real server: clock skew', () => {
  let srv: ScenarioServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(() => srv?.close());

  it('measures the skew from the server responses and finds none on one host', async () => {
    const warnings: string[] = [];
    const client = new Client({ ...srv.project, base_url: srv.url, warn: (w) => warnings.push(w) });
    expect(client.clockSkew).toBeUndefined();
    await client.sessions.getJWKS({ project_id: srv.project.project_id });
    const skew = client.clockSkew!;
    expect(Math.abs(skew.skewMs)).toBeLessThanOrEqual(skew.uncertaintyMs);
    expect(warnings).toEqual([]);
  });
});
