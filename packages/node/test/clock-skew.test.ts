/**
 * Clock-skew measurement from the `Date` header of JWKS and API responses, and the one-time warning.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Client } from '../src/index.js';
import { startFakeServer, type FakeServer } from './fixtures/fake-server.js';
import { PROJECT_ID, SECRET, makeSigner, type Signer } from './fixtures/keys.js';

let srv: FakeServer;
let signer: Signer;
let warnings: string[];
const make = (extra: object = {}) =>
  new Client({ project_id: PROJECT_ID, secret: SECRET, base_url: srv.url, warn: (m) => warnings.push(m), ...extra });

beforeAll(async () => {
  signer = await makeSigner();
});
beforeEach(async () => {
  srv = await startFakeServer();
  srv.keys = [signer.jwk];
  srv.routes.set('GET /v1/users/u1', () => ({ body: { status_code: 200, request_id: 'r' } }));
  warnings = [];
});
afterEach(() => srv.close());

describe('clock skew', () => {
  it('is undefined before any response', () => {
    expect(make().clockSkew).toBeUndefined();
  });

  it('is measured from the JWKS response and exposed on the client', async () => {
    srv.dateOffsetMs = 120_000; // server two minutes ahead
    const client = make();
    await client.sessions.authenticateJwtLocal({ session_jwt: await signer.sign() });
    const skew = client.clockSkew!;
    expect(skew.uncertaintyMs).toBeGreaterThanOrEqual(500);
    expect(Math.abs(skew.skewMs - 120_000)).toBeLessThanOrEqual(skew.uncertaintyMs);
    expect(skew.measuredAt).toBeLessThanOrEqual(Date.now());
  });

  it('is measured from API responses, and follows the latest one', async () => {
    const client = make();
    srv.dateOffsetMs = -30_000;
    await client.users.get({ user_id: 'u1' });
    expect(Math.abs(client.clockSkew!.skewMs + 30_000)).toBeLessThanOrEqual(client.clockSkew!.uncertaintyMs);
    srv.dateOffsetMs = 0;
    await client.users.get({ user_id: 'u1' });
    expect(Math.abs(client.clockSkew!.skewMs)).toBeLessThanOrEqual(client.clockSkew!.uncertaintyMs);
  });

  it('warns once when the skew certainly exceeds clock_tolerance_seconds', async () => {
    srv.dateOffsetMs = -90_000; // this host 90 s ahead of the server
    const client = make();
    await client.users.get({ user_id: 'u1' });
    await client.users.get({ user_id: 'u1' });
    await client.sessions.authenticateJwt({ session_jwt: await signer.sign() }).catch(() => {});
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[Tessera\] Warning: this host's clock is about (89|9\d)\.\d s .* ahead of the server's/);
    expect(warnings[0]).toContain('clock_tolerance_seconds (0.0 s)');
  });

  it('does not warn within the tolerance, nor for a skew the Date header cannot resolve', async () => {
    srv.dateOffsetMs = 20_000;
    await make({ clock_tolerance_seconds: 60 }).users.get({ user_id: 'u1' });
    srv.dateOffsetMs = 0;
    await make().users.get({ user_id: 'u1' });
    expect(warnings).toEqual([]);
  });

  it('warns through console.warn by default', async () => {
    const seen: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void seen.push(args[0]);
    try {
      srv.dateOffsetMs = 3_600_000;
      await new Client({ project_id: PROJECT_ID, secret: SECRET, base_url: srv.url }).users.get({ user_id: 'u1' });
    } finally {
      console.warn = original;
    }
    expect(seen).toHaveLength(1);
    expect(String(seen[0])).toMatch(/behind the server's/);
  });
});
