/**
 * `sessions.authenticateJwt`: local first, the API on any local failure, as the official SDK.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Client, ClientError, TesseraError } from '../src/index.js';
import { apiError, startFakeServer, type FakeServer } from './fixtures/fake-server.js';
import { PROJECT_ID, SECRET, SESSION_ID, makeSigner, type Signer } from './fixtures/keys.js';
import { authenticateResponse } from './fixtures/responses.js';

let srv: FakeServer;
let signer: Signer;
let client: Client;
const AUTH = 'POST /v1/sessions/authenticate';
const apiCalls = () => srv.requests.filter((r) => r.url === '/v1/sessions/authenticate');
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  signer = await makeSigner();
});
beforeEach(async () => {
  srv = await startFakeServer();
  srv.keys = [signer.jwk];
  srv.routes.set(AUTH, () => ({ body: authenticateResponse() }));
  client = new Client({ project_id: PROJECT_ID, secret: SECRET, base_url: srv.url, warn: () => {} });
});
afterEach(() => srv.close());

describe('authenticateJwt', () => {
  it('returns exactly { session, session_jwt } when the token verifies locally, without calling the API', async () => {
    const jwt = await signer.sign();
    const res = await client.sessions.authenticateJwt({ session_jwt: jwt, session_duration_minutes: 60 });
    expect(Object.keys(res).sort()).toEqual(['session', 'session_jwt']);
    expect(res.session_jwt).toBe(jwt);
    expect(res.session.session_id).toBe(SESSION_ID);
    expect(apiCalls()).toHaveLength(0);
  });

  it('asks the API for an expired token and returns its whole response', async () => {
    const jwt = await signer.sign({ iat: now() - 600 });
    const res = await client.sessions.authenticateJwt({
      session_jwt: jwt,
      session_duration_minutes: 30,
      session_custom_claims: { plan: 'pro' },
    });
    expect(res).toEqual(authenticateResponse());
    const [call] = apiCalls();
    expect(JSON.parse(call!.body)).toEqual({ session_jwt: jwt, session_duration_minutes: 30, session_custom_claims: { plan: 'pro' } });
    expect(call!.headers.authorization).toMatch(/^Basic /);
  });

  it('goes straight to the API when max_token_age_seconds is 0, without fetching the JWKS', async () => {
    const jwt = await signer.sign();
    const res = await client.sessions.authenticateJwt({ session_jwt: jwt, max_token_age_seconds: 0 });
    expect(res).toEqual(authenticateResponse());
    expect(srv.jwksRequests()).toHaveLength(0);
  });

  it('asks the API when the token is older than max_token_age_seconds, not when younger', async () => {
    const jwt = await signer.sign({ iat: now() - 120 });
    await client.sessions.authenticateJwt({ session_jwt: jwt, max_token_age_seconds: 300 });
    expect(apiCalls()).toHaveLength(0);
    await client.sessions.authenticateJwt({ session_jwt: jwt, max_token_age_seconds: 60 });
    expect(apiCalls()).toHaveLength(1);
  });

  it('honours clock_tolerance_seconds in the local step', async () => {
    const jwt = await signer.sign({ iat: now() - 305 });
    await client.sessions.authenticateJwt({ session_jwt: jwt, clock_tolerance_seconds: 60 });
    expect(apiCalls()).toHaveLength(0);
    await client.sessions.authenticateJwt({ session_jwt: jwt });
    expect(apiCalls()).toHaveLength(1);
  });

  it('falls back when the kid is unknown, the JWKS is down, or the signature is wrong', async () => {
    await client.sessions.authenticateJwt({ session_jwt: await (await makeSigner()).sign() });
    expect(apiCalls()).toHaveLength(1);
    const down = new Client({ project_id: PROJECT_ID, secret: SECRET, base_url: srv.url, warn: () => {} });
    srv.jwksStatus = 500;
    await down.sessions.authenticateJwt({ session_jwt: await signer.sign() });
    expect(apiCalls()).toHaveLength(2);
    const garbled = (await signer.sign()).slice(0, -4) + 'AAAA';
    await client.sessions.authenticateJwt({ session_jwt: garbled });
    expect(apiCalls()).toHaveLength(3);
  });

  it('throws the API error with the local failure as cause when both reject the token', async () => {
    srv.routes.set(AUTH, () => ({ status: 404, body: apiError(404, 'session_not_found', 'Session could not be found.') }));
    const err = await client.sessions.authenticateJwt({ session_jwt: await signer.sign({ iat: now() - 600 }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TesseraError);
    expect(err).toMatchObject({ status_code: 404, error_type: 'session_not_found' });
    expect((err as TesseraError).cause).toBeInstanceOf(ClientError);
    expect(((err as TesseraError).cause as ClientError).code).toBe('jwt_invalid');
  });

  describe('authorization_check', () => {
    const policy = {
      status_code: 200,
      request_id: 'request-id-test-policy',
      policy: {
        roles: [
          { role_id: 'stytch_user', description: '', permissions: [{ resource_id: 'documents', actions: ['read'] }] },
          { role_id: 'admin', description: '', permissions: [{ resource_id: 'documents', actions: ['*'] }] },
        ],
        resources: [{ resource_id: 'documents', description: '', actions: ['read', 'write'] }],
      },
    };

    it('checks locally against the cached policy', async () => {
      srv.routes.set('GET /v1/rbac/policy', () => ({ body: policy }));
      const jwt = await signer.sign();
      const check = { resource_id: 'documents', action: 'read' };
      await expect(client.sessions.authenticateJwtLocal({ session_jwt: jwt, authorization_check: check })).resolves.toBeTruthy();
      await client.sessions.authenticateJwt({ session_jwt: jwt, authorization_check: check });
      expect(apiCalls()).toHaveLength(0);
      expect(srv.requests.filter((r) => r.url === '/v1/rbac/policy')).toHaveLength(1);

      const denied = { resource_id: 'documents', action: 'write' };
      await expect(client.sessions.authenticateJwtLocal({ session_jwt: jwt, authorization_check: denied })).rejects.toMatchObject({
        code: 'invalid_permissions',
      });
      await client.sessions.authenticateJwt({ session_jwt: jwt, authorization_check: denied });
      expect(JSON.parse(apiCalls()[0]!.body)).toEqual({ session_jwt: jwt, authorization_check: denied });
    });

    it('falls back to the API when the policy cannot be read', async () => {
      const jwt = await signer.sign();
      await client.sessions.authenticateJwt({ session_jwt: jwt, authorization_check: { resource_id: 'documents', action: 'read' } });
      expect(apiCalls()).toHaveLength(1);
    });
  });
});
