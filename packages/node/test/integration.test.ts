/**
 * The consumer scenario suite against a real Tessera server (`@tessera/test-utils`), run twice: with the
 * official `stytch` client and with `@tessera/node`. A failure in only one run is a compatibility bug in
 * that client; a failure in both is the server's.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import stytch from 'stytch';
import { Client } from '../src/index.js';
import { defineConsumerScenarios, type ClientLike, type ScenarioServer } from './scenarios.js';

// Resolved at load time so the suite can be skipped, with its reason, while the package is missing.
const testUtils = await import('@tessera/test-utils').catch((e: unknown) => e as Error);
const skip = testUtils instanceof Error ? `@tessera/test-utils is not available (${testUtils.message})` : false;
const startServer = async (): Promise<ScenarioServer> => {
  if (testUtils instanceof Error) throw testUtils;
  return testUtils.startServer();
};

defineConsumerScenarios('official stytch client', {
  skip,
  startServer,
  makeClient(srv, credentials = srv.project) {
    // stytch warns once per client that `env` is not one of its hosted URLs; that is the point here.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const client = new stytch.Client({ ...credentials, env: `${srv.url}/` });
      return client as unknown as ClientLike;
    } finally {
      warn.mockRestore();
    }
  },
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
