/**
 * Local verification cost against bare jose (`jwtVerify` + `createLocalJWKSet`, same checks), on 200
 * distinct tokens. Run: `npx vitest bench packages/node/test/verify-overhead.bench.ts`. Target: the SDK
 * within 10% of bare jose.
 */
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { SessionVerifier, issuerFor } from '@tessera/core';
import { Client } from '../src/index.js';
import { startFakeServer, type FakeServer } from './fixtures/fake-server.js';
import { PROJECT_ID, SECRET, makeSigner } from './fixtures/keys.js';

let srv: FakeServer;
let tokens: string[] = [];
let i = 0;
let client: Client;
let verifier: SessionVerifier;
let local: ReturnType<typeof createLocalJWKSet>;
const next = () => tokens[i++ % tokens.length]!;

beforeAll(async () => {
  srv = await startFakeServer();
  const signer = await makeSigner();
  srv.keys = [signer.jwk];
  tokens = await Promise.all(Array.from({ length: 200 }, (_, n) => signer.sign({ claims: { n } })));
  client = new Client({ project_id: PROJECT_ID, secret: SECRET, base_url: srv.url, warn: () => {} });
  verifier = new SessionVerifier({ projectId: PROJECT_ID, baseUrl: srv.url, warn: () => {} });
  local = createLocalJWKSet({ keys: srv.keys });
  await client.sessions.authenticateJwtLocal({ session_jwt: next() }); // warm the JWKS caches
  await verifier.verify(next());
});
afterAll(() => srv.close());

const options = { audience: PROJECT_ID, issuer: [issuerFor(PROJECT_ID), 'http://127.0.0.1'], typ: 'JWT' };

describe('RS256 local verification, 1 in flight', () => {
  bench('bare jose: jwtVerify + createLocalJWKSet', async () => {
    await jwtVerify(next(), local, options);
  }, { time: 3000, warmupTime: 500 });
  bench('@tessera/core SessionVerifier.verify', async () => {
    await verifier.verify(next());
  }, { time: 3000, warmupTime: 500 });
  bench('@tessera/node sessions.authenticateJwtLocal', async () => {
    await client.sessions.authenticateJwtLocal({ session_jwt: next() });
  }, { time: 3000, warmupTime: 500 });
  bench('@tessera/node sessions.authenticateJwt (local path)', async () => {
    await client.sessions.authenticateJwt({ session_jwt: next() });
  }, { time: 3000, warmupTime: 500 });
});
