/**
 * Wire and result parity with the official `stytch` client: both clients make the same calls against the
 * same loopback server; the requests they send and what they return or throw must match.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import stytch from 'stytch';
import { Client } from '../src/index.js';
import { apiError, startFakeServer, type FakeServer } from './fixtures/fake-server.js';
import { both as bothClients, itMatchesForEach } from './fixtures/parity.js';
import { PROJECT_ID, SECRET, makeSigner, type Signer } from './fixtures/keys.js';
import { authenticateResponse } from './fixtures/responses.js';

let srv: FakeServer;
let signer: Signer;
const ok = { status_code: 200, request_id: 'request-id-test-ok' };

beforeAll(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {}); // stytch warns about a custom `env`
  srv = await startFakeServer();
  signer = await makeSigner();
  srv.keys = [signer.jwk];
  for (const route of [
    'POST /v1/users', 'POST /v1/users/search', 'POST /v1/passwords', 'POST /v1/passwords/authenticate',
    'POST /v1/passwords/strength_check', 'POST /v1/passwords/migrate', 'POST /v1/passwords/existing_password/reset',
    'POST /v1/passwords/session/reset', 'GET /v1/sessions', 'POST /v1/sessions/revoke',
    'GET /v1/users/user-test-1', 'PUT /v1/users/user-test-1', 'DELETE /v1/users/user-test-1',
  ]) srv.routes.set(route, () => ({ body: ok }));
  srv.routes.set('POST /v1/sessions/authenticate', () => ({ body: authenticateResponse() }));
  srv.routes.set('GET /v1/users/missing', () => ({ status: 404, body: apiError(404, 'user_not_found', 'User could not be found.') }));
});
afterAll(async () => {
  vi.restoreAllMocks();
  await srv.close();
});

type AnyClient = InstanceType<typeof stytch.Client> | Client;

/** Runs `call` with a client of each kind and returns what each sent and got. */
function both(call: (c: AnyClient) => Promise<unknown>) {
  const official = new stytch.Client({ project_id: PROJECT_ID, secret: SECRET, env: `${srv.url}/` });
  const ours = new Client({ project_id: PROJECT_ID, secret: SECRET, base_url: srv.url, warn: () => {} });
  return bothClients<AnyClient>(srv, [official, ours], call);
}

const calls: Record<string, (c: AnyClient) => Promise<unknown>> = {
  'users.create': (c) => c.users.create({ email: 'a@example.com', name: { first_name: 'A' }, trusted_metadata: { k: 1 } }),
  'users.get': (c) => c.users.get({ user_id: 'user-test-1' }),
  'users.update (only whitelisted fields sent)': (c) =>
    c.users.update({ user_id: 'user-test-1', name: { last_name: 'B' }, untrusted_metadata: { x: true } }),
  'users.delete (body {})': (c) => c.users.delete({ user_id: 'user-test-1' }),
  'users.search': (c) => c.users.search({ limit: 10, query: { operator: 'AND', operands: [{ filter_name: 'status', filter_value: 'active' }] } }),
  'passwords.create': (c) => c.passwords.create({ email: 'a@example.com', password: 'pw', session_duration_minutes: 60 }),
  'passwords.authenticate': (c) =>
    c.passwords.authenticate({ email: 'a@example.com', password: 'pw', session_duration_minutes: 60, session_custom_claims: { a: 1 } }),
  'passwords.strengthCheck': (c) => c.passwords.strengthCheck({ password: 'pw', email: 'a@example.com' }),
  'passwords.migrate': (c) => c.passwords.migrate({ email: 'a@example.com', hash: '$2a$10$x', hash_type: 'bcrypt' }),
  'passwords.existingPassword.reset': (c) =>
    c.passwords.existingPassword.reset({ email: 'a@example.com', existing_password: 'a', new_password: 'b' }),
  'passwords.sessions.reset': (c) => c.passwords.sessions.reset({ password: 'b', session_token: 'tok' }),
  'sessions.get': (c) => c.sessions.get({ user_id: 'user-test-1' }),
  'sessions.authenticate': (c) => c.sessions.authenticate({ session_token: 'tok', session_duration_minutes: 10 }),
  'sessions.revoke': (c) => c.sessions.revoke({ session_id: 'session-test-1' }),
  'sessions.getJWKS': (c) => c.sessions.getJWKS({ project_id: PROJECT_ID }),
  'sessions.authenticateJwt with max_token_age_seconds 0': (c) =>
    c.sessions.authenticateJwt({ session_jwt: 'a.b.c', max_token_age_seconds: 0, session_duration_minutes: 5 }),
  'an API error': (c) => c.users.get({ user_id: 'missing' }),
};

describe('parity with the official stytch client', () => {
  itMatchesForEach(calls, both);

  it('authenticateJwt: same local result for a fresh token, same API fallback for an expired one', async () => {
    const fresh = await signer.sign({ claims: { plan: 'pro' } });
    const local = await both((c) => c.sessions.authenticateJwt({ session_jwt: fresh, session_duration_minutes: 5 }));
    expect(local.ours.result).toEqual(local.official.result);
    expect(local.ours.sent).toEqual([]);

    const expired = await signer.sign({ iat: Math.floor(Date.now() / 1000) - 600 });
    const remote = await both((c) =>
      c.sessions.authenticateJwt({ session_jwt: expired, session_duration_minutes: 5, session_custom_claims: { a: null } }),
    );
    expect(remote.ours.sent).toEqual(remote.official.sent);
    expect(remote.ours.result).toEqual(remote.official.result);
  });

  it('authenticateJwtLocal: same session and same ClientError codes', async () => {
    const iat = Math.floor(Date.now() / 1000) - 100;
    const jwt = await signer.sign({ iat, claims: { plan: 'pro', jti: 'x' } });
    const same = await both((c) => c.sessions.authenticateJwtLocal({ session_jwt: jwt }));
    expect(same.ours.result).toEqual(same.official.result);

    const codes = async (params: { session_jwt: string; max_token_age_seconds?: number }) => {
      const r = await both((c) => c.sessions.authenticateJwtLocal(params));
      return [r.official.result, r.ours.result].map((x) => (x as { error?: { code?: string } }).error?.code);
    };
    expect(await codes({ session_jwt: jwt, max_token_age_seconds: 50 })).toEqual(['jwt_too_old', 'jwt_too_old']);
    expect(await codes({ session_jwt: jwt, max_token_age_seconds: 0 })).toEqual(['jwt_too_old', 'jwt_too_old']);
    const expired = await signer.sign({ iat: iat - 600 });
    expect(await codes({ session_jwt: expired })).toEqual(['jwt_invalid', 'jwt_invalid']);
    expect(await codes({ session_jwt: await signer.sign({ header: { typ: undefined } }) })).toEqual(['jwt_invalid', 'jwt_invalid']);
  });
});
