/**
 * Wire and result parity with the official `stytch` B2BClient: both clients make the same calls against the
 * same loopback server; the requests they send (method, URL, body, credentials, member-session headers) and
 * what they return or throw must match.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import stytch from 'stytch';
import { B2BClient } from '../src/index.js';
import { MEMBER_ID, ORG_ID, ORG_POLICY, OTHER_ORG_ID, PROJECT_POLICY, b2bAuthenticateResponse, signMember } from './fixtures/b2b.js';
import { apiError, startFakeServer, type FakeServer } from './fixtures/fake-server.js';
import { PROJECT_ID, SECRET, makeSigner, type Signer } from './fixtures/keys.js';
import { both as bothClients, itMatchesForEach } from './fixtures/parity.js';

let srv: FakeServer;
let signer: Signer;
const ok = { status_code: 200, request_id: 'request-id-test-ok' };
const ORG = `/v1/b2b/organizations/${ORG_ID}`;

beforeAll(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {}); // stytch warns about a custom `env`
  srv = await startFakeServer();
  signer = await makeSigner();
  srv.keys = [signer.jwk];
  for (const route of [
    'POST /v1/b2b/organizations', `GET ${ORG}`, `PUT ${ORG}`, `DELETE ${ORG}`, 'POST /v1/b2b/organizations/search', `GET ${ORG}/metrics`,
    `POST ${ORG}/members`, `GET ${ORG}/member`, `GET /v1/b2b/organizations/members/dangerously_get/${MEMBER_ID}`,
    `PUT ${ORG}/members/${MEMBER_ID}`, `DELETE ${ORG}/members/${MEMBER_ID}`, `PUT ${ORG}/members/${MEMBER_ID}/reactivate`,
    'POST /v1/b2b/organizations/members/search', 'POST /v1/b2b/passwords/authenticate', 'POST /v1/b2b/passwords/strength_check',
    'POST /v1/b2b/passwords/migrate', 'GET /v1/b2b/sessions', 'POST /v1/b2b/sessions/revoke', 'POST /v1/b2b/sessions/exchange',
    `PUT /v1/b2b/rbac/organizations/${ORG_ID}`,
  ]) srv.routes.set(route, () => ({ body: ok }));
  srv.routes.set('POST /v1/b2b/sessions/authenticate', () => ({ body: b2bAuthenticateResponse() }));
  srv.routes.set('GET /v1/b2b/rbac/policy', () => ({ body: PROJECT_POLICY }));
  srv.routes.set(`GET /v1/b2b/rbac/organizations/${ORG_ID}`, () => ({ body: ORG_POLICY }));
  srv.routes.set('GET /v1/b2b/organizations/missing', () => ({
    status: 404,
    body: apiError(404, 'organization_not_found', 'Organization could not be found.'),
  }));
});
afterAll(async () => {
  vi.restoreAllMocks();
  await srv.close();
});

type AnyClient = InstanceType<typeof stytch.B2BClient> | B2BClient;
type Call = (c: AnyClient) => Promise<unknown>;

/** Runs `call` with a fresh client of each kind (empty caches) and returns what each sent and got. */
function both(call: Call) {
  const official = new stytch.B2BClient({ project_id: PROJECT_ID, secret: SECRET, env: `${srv.url}/` });
  const ours = new B2BClient({ project_id: PROJECT_ID, secret: SECRET, base_url: srv.url, warn: () => {} });
  return bothClients<AnyClient>(srv, [official, ours], call);
}

const asToken = { authorization: { session_token: 'member-session-token' } };
const asJwt = { authorization: { session_jwt: 'member.session.jwt' } };
const member = { organization_id: ORG_ID, member_id: MEMBER_ID };
// Fields the API does not take on that call: the official client leaves them out of the body.
const stray = { organization_id: ORG_ID, member_id: MEMBER_ID, bogus: true } as never;

const calls: Record<string, Call> = {
  'organizations.create': (c) => c.organizations.create({ organization_name: 'Acme', organization_slug: 'acme', trusted_metadata: { a: 1 } }),
  'organizations.get': (c) => c.organizations.get({ organization_id: ORG_ID }),
  'organizations.update (whitelisted fields; acting as a member session)': (c) =>
    c.organizations.update({ ...(stray as object), organization_id: ORG_ID, organization_name: 'Acme 2', mfa_policy: 'REQUIRED_FOR_ALL' }, asToken),
  'organizations.delete (body {}; as a member JWT)': (c) => c.organizations.delete({ organization_id: ORG_ID }, asJwt),
  'organizations.search': (c) =>
    c.organizations.search({ limit: 5, query: { operator: 'AND', operands: [{ filter_name: 'organization_slugs', filter_value: ['acme'] }] } }),
  'organizations.metrics': (c) => c.organizations.metrics({ organization_id: ORG_ID }),
  'organizations.members.create (whitelisted fields)': (c) =>
    c.organizations.members.create({ ...(stray as object), organization_id: ORG_ID, email_address: 'a@example.com', roles: ['stytch_admin'] }, asToken),
  'organizations.members.get by member_id': (c) => c.organizations.members.get({ organization_id: ORG_ID, member_id: MEMBER_ID }),
  'organizations.members.get by email_address': (c) => c.organizations.members.get({ organization_id: ORG_ID, email_address: 'a@example.com' }),
  'organizations.members.dangerouslyGet': (c) => c.organizations.members.dangerouslyGet({ member_id: MEMBER_ID, include_deleted: true }),
  'organizations.members.dangerouslyGet without include_deleted': (c) => c.organizations.members.dangerouslyGet({ member_id: MEMBER_ID }),
  'organizations.members.update (whitelisted fields)': (c) =>
    c.organizations.members.update({ ...(stray as object), ...member, name: 'N', preserve_existing_sessions: true }, asJwt),
  'organizations.members.delete': (c) => c.organizations.members.delete(member, asToken),
  'organizations.members.reactivate': (c) => c.organizations.members.reactivate(member, asJwt),
  'organizations.members.search': (c) => c.organizations.members.search({ organization_ids: [ORG_ID], limit: 2 }, asToken),
  'organizations.members.update without options': (c) => c.organizations.members.update({ ...member, name: 'M' }),
  'passwords.authenticate': (c) =>
    c.passwords.authenticate({ organization_id: ORG_ID, email_address: 'a@example.com', password: 'pw', session_duration_minutes: 30 }),
  'passwords.strengthCheck': (c) => c.passwords.strengthCheck({ password: 'pw', email_address: 'a@example.com' }),
  'passwords.migrate': (c) => c.passwords.migrate({ organization_id: ORG_ID, email_address: 'a@example.com', hash: 'x', hash_type: 'md_5', roles: ['r'] }),
  'sessions.get': (c) => c.sessions.get({ organization_id: ORG_ID, member_id: MEMBER_ID }),
  'sessions.authenticate': (c) =>
    c.sessions.authenticate({ session_token: 't', authorization_check: { organization_id: ORG_ID, resource_id: 'documents', action: 'read' } }),
  'sessions.revoke (as a member session)': (c) => c.sessions.revoke({ member_id: MEMBER_ID }, asToken),
  'sessions.exchange': (c) => c.sessions.exchange({ organization_id: OTHER_ORG_ID, session_jwt: 'a.b.c', session_duration_minutes: 10 }),
  'sessions.getJWKS': (c) => c.sessions.getJWKS({ project_id: PROJECT_ID }),
  'sessions.authenticateJwt with max_token_age_seconds 0': (c) =>
    c.sessions.authenticateJwt({ session_jwt: 'a.b.c', max_token_age_seconds: 0, session_duration_minutes: 5 }),
  'rbac.policy': (c) => c.rbac.policy(),
  'rbac.organizations.getOrgPolicy': (c) => c.rbac.organizations.getOrgPolicy({ organization_id: ORG_ID }),
  'rbac.organizations.setOrgPolicy': (c) => c.rbac.organizations.setOrgPolicy({ organization_id: ORG_ID, org_policy: ORG_POLICY.org_policy }),
  'an API error': (c) => c.organizations.get({ organization_id: 'missing' }),
};

describe('parity with the official stytch B2BClient', () => {
  itMatchesForEach(calls, both);

  it('sends X-Stytch-Member-Session / X-Stytch-Member-SessionJWT for method options, nothing without', async () => {
    const token = await both(calls['organizations.members.delete']!);
    expect(token.ours.sent[0]).toMatchObject({ memberSession: 'member-session-token', memberSessionJwt: undefined });
    const jwt = await both(calls['organizations.members.reactivate']!);
    expect(jwt.ours.sent[0]).toMatchObject({ memberSession: undefined, memberSessionJwt: 'member.session.jwt' });
    const none = await both(calls['organizations.members.update without options']!);
    expect(none.ours.sent[0]).toMatchObject({ memberSession: undefined, memberSessionJwt: undefined });
  });

  it('authenticateJwt: same local result for a fresh token, same API fallback for an expired one', async () => {
    const fresh = await signMember(signer, { claims: { plan: 'pro' } });
    const local = await both((c) => c.sessions.authenticateJwt({ session_jwt: fresh, session_duration_minutes: 5 }));
    expect(local.ours.result).toEqual(local.official.result);
    expect(local.ours.sent).toEqual([]);

    const expired = await signMember(signer, { iat: Math.floor(Date.now() / 1000) - 600 });
    const remote = await both((c) =>
      c.sessions.authenticateJwt({ session_jwt: expired, session_duration_minutes: 5, session_custom_claims: { a: null } }),
    );
    expect(remote.ours.sent).toEqual(remote.official.sent);
    expect(remote.ours.sent.map((r) => r.url)).toEqual(['/v1/b2b/sessions/authenticate']);
    expect(remote.ours.result).toEqual(remote.official.result);
  });

  it('authenticateJwt falls back alike for a token without the organization claim (a consumer JWT)', async () => {
    const consumer = await signer.sign();
    const r = await both((c) => c.sessions.authenticateJwt({ session_jwt: consumer }));
    expect(r.ours.sent).toEqual(r.official.sent);
    expect(r.ours.result).toEqual(r.official.result);
  });

  it('authenticateJwtLocal: same MemberSession and same ClientError codes', async () => {
    const iat = Math.floor(Date.now() / 1000) - 100;
    const jwt = await signMember(signer, { iat, roles: ['stytch_member', 'editor'], claims: { plan: 'pro', jti: 'x' } });
    const same = await both((c) => c.sessions.authenticateJwtLocal({ session_jwt: jwt }));
    expect(same.ours.result).toEqual(same.official.result);
    expect(same.ours.result).toMatchObject({ value: { member_id: MEMBER_ID, organization_id: ORG_ID, custom_claims: { plan: 'pro' } } });

    const code = async (params: Parameters<B2BClient['sessions']['authenticateJwtLocal']>[0]) => {
      const r = await both((c) => c.sessions.authenticateJwtLocal(params));
      return [r.official.result, r.ours.result].map((x) => (x as { error?: { code?: string } }).error?.code ?? 'ok');
    };
    const check = (action: string, resource_id = 'documents', organization_id = ORG_ID) => ({ organization_id, resource_id, action });
    expect(await code({ session_jwt: jwt, max_token_age_seconds: 50 })).toEqual(['jwt_too_old', 'jwt_too_old']);
    expect(await code({ session_jwt: jwt, max_token_age_seconds: 0 })).toEqual(['jwt_too_old', 'jwt_too_old']);
    expect(await code({ session_jwt: await signMember(signer, { iat: iat - 600 }) })).toEqual(['jwt_invalid', 'jwt_invalid']);
    // Granted by the project policy (stytch_member reads) and by the organization's own role (editor writes).
    expect(await code({ session_jwt: jwt, authorization_check: check('read') })).toEqual(['ok', 'ok']);
    expect(await code({ session_jwt: jwt, authorization_check: check('write') })).toEqual(['ok', 'ok']);
    expect(await code({ session_jwt: jwt, authorization_check: check('delete') })).toEqual(['invalid_permissions', 'invalid_permissions']);
    expect(await code({ session_jwt: jwt, authorization_check: check('create', 'stytch.member') })).toEqual(['invalid_permissions', 'invalid_permissions']);
    expect(await code({ session_jwt: jwt, authorization_check: check('read', 'documents', OTHER_ORG_ID) })).toEqual(['tenancy_mismatch', 'tenancy_mismatch']);
  });

  it('a local authorization_check reads the project policy and the session organization\'s policy, as the official', async () => {
    const jwt = await signMember(signer, { roles: ['stytch_member', 'stytch_admin'] });
    const r = await both((c) =>
      c.sessions.authenticateJwtLocal({ session_jwt: jwt, authorization_check: { organization_id: ORG_ID, resource_id: 'stytch.member', action: 'create' } }),
    );
    expect(r.ours.result).toEqual(r.official.result);
    const urls = (sent: { url: string }[]) => sent.map((s) => s.url).sort();
    expect(urls(r.ours.sent)).toEqual(urls(r.official.sent));
    expect(urls(r.ours.sent)).toEqual([`/v1/b2b/rbac/organizations/${ORG_ID}`, '/v1/b2b/rbac/policy']);
  });
});
