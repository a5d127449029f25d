/**
 * `B2BClient.sessions.authenticateJwt(Local)` against a loopback fake API: the B2B JWKS, the member session
 * built from the claims, the fallback, and local authorization checks.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ORGANIZATION_CLAIM } from '@tessera/core';
import { B2BClient, ClientError, TesseraError } from '../src/index.js';
import { MEMBER_ID, MEMBER_SESSION_ID, ORG_ID, ORG_POLICY, ORG_SLUG, OTHER_ORG_ID, PROJECT_POLICY, b2bAuthenticateResponse, signMember } from './fixtures/b2b.js';
import { apiError, startFakeServer, type FakeServer } from './fixtures/fake-server.js';
import { PROJECT_ID, SECRET, makeSigner, type Signer } from './fixtures/keys.js';

let srv: FakeServer;
let signer: Signer;
let client: B2BClient;
const AUTH = '/v1/b2b/sessions/authenticate';
const to = (path: string) => srv.requests.filter((r) => r.url === path);
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  signer = await makeSigner();
});
beforeEach(async () => {
  srv = await startFakeServer();
  srv.keys = [signer.jwk];
  srv.routes.set(`POST ${AUTH}`, () => ({ body: b2bAuthenticateResponse() }));
  srv.routes.set('GET /v1/b2b/rbac/policy', () => ({ body: PROJECT_POLICY }));
  srv.routes.set(`GET /v1/b2b/rbac/organizations/${ORG_ID}`, () => ({ body: ORG_POLICY }));
  client = new B2BClient({ project_id: PROJECT_ID, secret: SECRET, base_url: srv.url, warn: () => {} });
});
afterEach(() => srv.close());

describe('B2BClient local JWT verification', () => {
  it('reads the B2B JWKS, without credentials, and builds the MemberSession from the claims', async () => {
    const iat = now();
    const session = await client.sessions.authenticateJwtLocal({ session_jwt: await signMember(signer, { iat, claims: { team: 'blue' } }) });
    expect(session).toMatchObject({
      member_session_id: MEMBER_SESSION_ID,
      member_id: MEMBER_ID,
      organization_id: ORG_ID,
      organization_slug: ORG_SLUG,
      custom_claims: { team: 'blue' },
      roles: ['stytch_member'],
      expires_at: new Date((iat + 3600) * 1000).toISOString(),
    });
    expect(srv.jwksRequests().map((r) => [r.url, r.headers.authorization])).toEqual([[`/v1/b2b/sessions/jwks/${PROJECT_ID}`, undefined]]);
  });

  it('authenticateJwt: { member_session, session_jwt } locally; the API response for an expired JWT', async () => {
    const fresh = await signMember(signer);
    const local = await client.sessions.authenticateJwt({ session_jwt: fresh });
    expect(Object.keys(local).sort()).toEqual(['member_session', 'session_jwt']);
    expect(to(AUTH)).toHaveLength(0);
    const expired = await signMember(signer, { iat: now() - 600 });
    await expect(client.sessions.authenticateJwt({ session_jwt: expired, session_custom_claims: { a: 1 } })).resolves.toEqual(b2bAuthenticateResponse());
    expect(JSON.parse(to(AUTH)[0]!.body)).toEqual({ session_jwt: expired, session_custom_claims: { a: 1 } });
  });

  it('a consumer JWT (no organization claim) is jwt_invalid locally and goes to the API', async () => {
    const consumer = await signer.sign();
    await expect(client.sessions.authenticateJwtLocal({ session_jwt: consumer })).rejects.toMatchObject({ code: 'jwt_invalid' });
    await client.sessions.authenticateJwt({ session_jwt: consumer });
    expect(to(AUTH)).toHaveLength(1);
    const noSlug = await signMember(signer, { claims: { [ORGANIZATION_CLAIM]: { organization_id: ORG_ID } } });
    await expect(client.sessions.authenticateJwtLocal({ session_jwt: noSlug })).resolves.toMatchObject({ organization_slug: undefined });
  });

  it('the API error of a fallback carries the local failure as cause', async () => {
    srv.routes.set(`POST ${AUTH}`, () => ({ status: 403, body: apiError(403, 'session_authorization_tenancy_error', 'Wrong organization.') }));
    const check = { organization_id: OTHER_ORG_ID, resource_id: 'documents', action: 'read' };
    const err = await client.sessions.authenticateJwt({ session_jwt: await signMember(signer), authorization_check: check }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TesseraError);
    expect(err).toMatchObject({ status_code: 403, error_type: 'session_authorization_tenancy_error' });
    expect((err as TesseraError).cause).toBeInstanceOf(ClientError);
    expect(((err as TesseraError).cause as ClientError).code).toBe('tenancy_mismatch');
    expect(JSON.parse(to(AUTH)[0]!.body)).toEqual({ session_jwt: expect.any(String), authorization_check: check });
  });

  it('a tenancy mismatch is decided without fetching any policy', async () => {
    const check = { organization_id: OTHER_ORG_ID, resource_id: 'documents', action: 'read' };
    await expect(client.sessions.authenticateJwtLocal({ session_jwt: await signMember(signer), authorization_check: check })).rejects.toMatchObject({
      code: 'tenancy_mismatch',
    });
    expect(to('/v1/b2b/rbac/policy')).toHaveLength(0);
    expect(to(`/v1/b2b/rbac/organizations/${ORG_ID}`)).toHaveLength(0);
  });

  it('checks against the project and organization policies, fetched once for many checks', async () => {
    const jwt = await signMember(signer, { roles: ['stytch_member', 'editor'] });
    const check = (action: string) => ({ organization_id: ORG_ID, resource_id: 'documents', action });
    await Promise.all([client.sessions.authenticateJwtLocal({ session_jwt: jwt, authorization_check: check('read') }), client.sessions.authenticateJwt({ session_jwt: jwt, authorization_check: check('write') })]);
    await expect(client.sessions.authenticateJwtLocal({ session_jwt: jwt, authorization_check: check('delete') })).rejects.toMatchObject({ code: 'invalid_permissions' });
    expect(to('/v1/b2b/rbac/policy')).toHaveLength(1);
    expect(to(`/v1/b2b/rbac/organizations/${ORG_ID}`)).toHaveLength(1);
    expect(to(AUTH)).toHaveLength(0);
  });

  it('when a policy cannot be read: authenticateJwtLocal throws the API error, authenticateJwt asks the API', async () => {
    srv.routes.set(`GET /v1/b2b/rbac/organizations/${ORG_ID}`, () => ({ status: 500, body: apiError(500, 'internal_server_error', 'Oops.') }));
    const params = { session_jwt: await signMember(signer), authorization_check: { organization_id: ORG_ID, resource_id: 'documents', action: 'read' } };
    await expect(client.sessions.authenticateJwtLocal(params)).rejects.toMatchObject({ error_type: 'internal_server_error' });
    await expect(client.sessions.authenticateJwt(params)).resolves.toEqual(b2bAuthenticateResponse());
  });
});
