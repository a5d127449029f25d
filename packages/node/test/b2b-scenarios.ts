/**
 * One B2B scenario suite, run against a real Tessera server with any client that has the official `stytch`
 * B2BClient's surface. `b2b-integration.test.ts` runs it with the official `stytch` package and with
 * `@tessera/node`, so both clients are held to one behaviour.
 *
 * Steps share state and run in order: organizations → members → passwords → sessions → local JWT
 * verification → local authorization checks (incl. the policy cache's 5-minute refresh) → acting as a
 * member (method options) → errors and deletion.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { B2BClient, B2BSessionsAuthenticateResponse, Member, MemberSession, Organization } from '../src/index.js';
import { apiError, clientErrorCode, jwtHeader, jwtPayload } from './fixtures/outcomes.js';
import { startRecordingProxy, type RecordingProxy } from './fixtures/recording-proxy.js';
import type { ScenarioServer } from './scenarios.js';

/** The methods the suite calls, typed as `@tessera/node` types them; the official client is cast to it. */
export type B2BClientLike = Pick<B2BClient, 'organizations' | 'passwords' | 'sessions' | 'rbac'>;

export interface B2BScenarioOptions {
  startServer: () => Promise<ScenarioServer>;
  /** The client under test; its `url` is a recording proxy in front of the server. */
  makeClient: (srv: ScenarioServer, credentials?: { project_id: string; secret: string }) => B2BClientLike;
  skip?: string | false;
}

const STRONG = 'Correct-Horse-Battery-Staple-42!';
const MD5_STRONG = createHash('md5').update(STRONG).digest('hex');
const MINUTE = 60_000;
const POLICY_TTL_MS = 5 * MINUTE;

export function defineB2BScenarios(name: string, options: B2BScenarioOptions): void {
  describe.skipIf(Boolean(options.skip))(`B2B scenarios: ${name}${options.skip ? ` (skipped: ${options.skip})` : ''}`, () => {
    let srv: ScenarioServer;
    let proxy: RecordingProxy;
    let viaProxy: ScenarioServer;
    let client: B2BClientLike;
    const tag = `${name.replace(/\W+/g, '-')}-${Date.now().toString(36)}`.toLowerCase();
    const email = (who: string) => `${who}-${tag}@example.com`;
    let org: Organization;
    let other: Organization;
    let admin: Member;
    let plain: Member;
    let adminLogin: { session_token: string; session_jwt: string; member_session: MemberSession };
    let plainLogin: { session_token: string; session_jwt: string; member_session: MemberSession };
    const requestsTo = (path: string) => proxy.requests.filter((r) => r.url.split('?')[0] === path);

    const login = async (who: Member, extra: Record<string, unknown> = {}) => {
      const res = await client.passwords.authenticate({
        organization_id: who.organization_id,
        email_address: who.email_address,
        password: STRONG,
        ...extra,
      });
      expect(res.member_authenticated).toBe(true);
      return { session_token: res.session_token, session_jwt: res.session_jwt, member_session: res.member_session! };
    };

    beforeAll(async () => {
      srv = await options.startServer();
      proxy = await startRecordingProxy(srv.url);
      viaProxy = Object.assign(Object.create(srv) as ScenarioServer, { url: proxy.url });
      client = options.makeClient(viaProxy);
    });
    afterAll(async () => {
      vi.useRealTimers();
      await proxy?.close();
      await srv?.close();
    });

    describe('organizations', () => {
      it('organizations.create applies the defaults and returns the organization', async () => {
        const res = await client.organizations.create({ organization_name: 'Acme', organization_slug: `acme-${tag}`, trusted_metadata: { plan: 'pro' } });
        expect(res).toMatchObject({ status_code: 200, request_id: expect.stringMatching(/^request-id-test-/) });
        expect(res.organization).toMatchObject({
          organization_name: 'Acme',
          organization_slug: `acme-${tag}`,
          trusted_metadata: { plan: 'pro' },
          mfa_policy: 'OPTIONAL',
          email_invites: 'ALL_ALLOWED',
          custom_roles: [],
        });
        expect(res.organization.organization_id).toMatch(/^organization-test-/);
        org = res.organization;
        other = (await client.organizations.create({ organization_name: 'Other', organization_slug: `other-${tag}` })).organization;
      });

      it('organizations.create with a taken slug is organization_slug_already_used (400)', async () => {
        const err = await apiError(client.organizations.create({ organization_name: 'Copy', organization_slug: org.organization_slug }));
        expect(err).toMatchObject({ status_code: 400, error_type: 'organization_slug_already_used' });
      });

      it('organizations.get by id or slug; an unknown one is organization_not_found (404)', async () => {
        for (const ref of [org.organization_id, org.organization_slug]) {
          expect((await client.organizations.get({ organization_id: ref })).organization.organization_id).toBe(org.organization_id);
        }
        const err = await apiError(client.organizations.get({ organization_id: 'organization-test-00000000-0000-4000-8000-000000000000' }));
        expect(err).toMatchObject({ status_code: 404, error_type: 'organization_not_found' });
      });

      it('organizations.update changes the given fields and merges trusted_metadata', async () => {
        const res = await client.organizations.update({ organization_id: org.organization_id, organization_name: 'Acme Inc', trusted_metadata: { tier: 2 } });
        expect(res.organization).toMatchObject({ organization_name: 'Acme Inc', organization_slug: org.organization_slug, trusted_metadata: { plan: 'pro', tier: 2 } });
        org = res.organization;
      });

      it('organizations.search finds the organization by slug', async () => {
        const res = await client.organizations.search({
          limit: 10,
          query: { operator: 'OR', operands: [{ filter_name: 'organization_slugs', filter_value: [org.organization_slug, other.organization_slug] }] },
        });
        expect(res.organizations.map((o) => o.organization_id)).toEqual([org.organization_id, other.organization_id]);
        expect(res.results_metadata).toMatchObject({ total: 2 });
      });
    });

    describe('members', () => {
      it('organizations.members.create makes an admin and a plain member', async () => {
        const a = await client.organizations.members.create({ organization_id: org.organization_id, email_address: email('admin'), name: 'Ada', roles: ['stytch_admin'] });
        expect(a).toMatchObject({ status_code: 200, member_id: a.member.member_id, organization: { organization_id: org.organization_id } });
        expect(a.member).toMatchObject({ email_address: email('admin'), name: 'Ada', is_admin: true, status: 'active' });
        expect(a.member.roles.map((r) => r.role_id)).toEqual(['stytch_member', 'stytch_admin']);
        admin = a.member;
        plain = (await client.organizations.members.create({ organization_id: org.organization_id, email_address: email('bob') })).member;
        expect(plain.is_admin).toBe(false);
      });

      it('organizations.members.create with a taken email is duplicate_member_email (400)', async () => {
        const err = await apiError(client.organizations.members.create({ organization_id: org.organization_id, email_address: email('admin') }));
        expect(err).toMatchObject({ status_code: 400, error_type: 'duplicate_member_email' });
      });

      it('organizations.members.get by member_id or email_address; unknown is member_not_found (404)', async () => {
        for (const q of [{ member_id: admin.member_id }, { email_address: email('admin') }]) {
          const res = await client.organizations.members.get({ organization_id: org.organization_id, ...q });
          expect([res.member_id, res.organization.organization_id]).toEqual([admin.member_id, org.organization_id]);
        }
        const err = await apiError(client.organizations.members.get({ organization_id: org.organization_id, member_id: 'member-test-00000000-0000-4000-8000-000000000000' }));
        expect(err).toMatchObject({ status_code: 404, error_type: 'member_not_found' });
      });

      it('organizations.members.update sends only the accepted fields', async () => {
        const res = await client.organizations.members.update({ organization_id: org.organization_id, member_id: plain.member_id, name: 'Bob', untrusted_metadata: { theme: 'dark' } });
        expect(res.member).toMatchObject({ member_id: plain.member_id, name: 'Bob', untrusted_metadata: { theme: 'dark' } });
      });

      it('organizations.members.search lists the members with their organizations', async () => {
        const res = await client.organizations.members.search({ organization_ids: [org.organization_id] });
        expect(res.members.map((m) => m.member_id)).toEqual([admin.member_id, plain.member_id]);
        expect(Object.keys(res.organizations)).toEqual([org.organization_id]);
        const none = await apiError(client.organizations.members.search({ organization_ids: [] }));
        expect(none).toMatchObject({ status_code: 400, error_type: 'member_search_organization_ids_empty' });
      });

      it('organizations.members.delete, dangerouslyGet (include_deleted) and reactivate', async () => {
        const gone = await client.organizations.members.create({ organization_id: org.organization_id, email_address: email('gone') });
        const del = await client.organizations.members.delete({ organization_id: org.organization_id, member_id: gone.member_id });
        expect(del).toMatchObject({ status_code: 200, member_id: gone.member_id });
        const hidden = await apiError(client.organizations.members.dangerouslyGet({ member_id: gone.member_id }));
        expect(hidden).toMatchObject({ status_code: 404, error_type: 'member_not_found' });
        const found = await client.organizations.members.dangerouslyGet({ member_id: gone.member_id, include_deleted: true });
        expect(found.member.status).toBe('deleted');
        expect(requestsTo(`/v1/b2b/organizations/members/dangerously_get/${gone.member_id}`).at(-1)!.url).toMatch(/\?include_deleted=true$/);
        const back = await client.organizations.members.reactivate({ organization_id: org.organization_id, member_id: gone.member_id });
        expect(back.member.status).toBe('active');
        await client.organizations.members.delete({ organization_id: org.organization_id, member_id: gone.member_id });
      });

      it('organizations.metrics counts the members that are not deleted', async () => {
        await expect(client.organizations.metrics({ organization_id: org.organization_id })).resolves.toMatchObject({ member_count: 2 });
      });
    });

    describe('passwords', () => {
      it('passwords.strengthCheck scores passwords with zxcvbn feedback', async () => {
        const weak = await client.passwords.strengthCheck({ password: 'password' });
        expect(weak).toMatchObject({ valid_password: false, strength_policy: 'zxcvbn', zxcvbn_feedback: { suggestions: expect.any(Array) } });
        await expect(client.passwords.strengthCheck({ password: STRONG, email_address: email('admin') })).resolves.toMatchObject({ valid_password: true });
      });

      it('passwords.migrate sets the password of existing members and creates new ones', async () => {
        for (const m of [admin, plain]) {
          const res = await client.passwords.migrate({ organization_id: org.organization_id, email_address: m.email_address, hash: MD5_STRONG, hash_type: 'md_5' });
          expect(res).toMatchObject({ member_created: false, member_id: m.member_id });
        }
        const created = await client.passwords.migrate({ organization_id: other.organization_id, email_address: email('admin'), hash: MD5_STRONG, hash_type: 'md_5', roles: ['stytch_admin'] });
        expect(created.member_created).toBe(true);
        expect(created.member.member_password_id).toMatch(/^member-password-test-/);
      });

      it('passwords.authenticate mints a member session (60 minutes by default) with custom claims', async () => {
        const res = await client.passwords.authenticate({ organization_id: org.organization_id, email_address: admin.email_address, password: STRONG, session_custom_claims: { team: 'blue' } });
        expect(res).toMatchObject({ status_code: 200, member_id: admin.member_id, organization_id: org.organization_id, member_authenticated: true, intermediate_session_token: '' });
        const s = res.member_session!;
        expect(s).toMatchObject({ member_id: admin.member_id, organization_id: org.organization_id, organization_slug: org.organization_slug, custom_claims: { team: 'blue' } });
        expect(Date.parse(s.expires_at) - Date.parse(s.started_at)).toBe(60 * MINUTE);
        expect(jwtHeader(res.session_jwt)).toMatchObject({ alg: 'RS256', typ: 'JWT' });
        expect(jwtPayload(res.session_jwt)).toMatchObject({
          sub: admin.member_id,
          'https://stytch.com/organization': { organization_id: org.organization_id, slug: org.organization_slug },
        });
        adminLogin = { session_token: res.session_token, session_jwt: res.session_jwt, member_session: s };
        plainLogin = await login(plain);
      });

      it('passwords.authenticate refuses a wrong password (401) and an unknown email (404)', async () => {
        const wrong = await apiError(client.passwords.authenticate({ organization_id: org.organization_id, email_address: plain.email_address, password: `${STRONG}x` }));
        expect(wrong).toMatchObject({ status_code: 401, error_type: 'unauthorized_credentials' });
        const unknown = await apiError(client.passwords.authenticate({ organization_id: org.organization_id, email_address: email('nobody'), password: STRONG }));
        expect(unknown).toMatchObject({ status_code: 404, error_type: 'member_not_found' });
      });
    });

    describe('sessions', () => {
      it('sessions.authenticate by token returns the session, member, organization and a fresh JWT', async () => {
        const res = await client.sessions.authenticate({ session_token: adminLogin.session_token });
        expect(res.member_session.member_session_id).toBe(adminLogin.member_session.member_session_id);
        expect(res).toMatchObject({ session_token: adminLogin.session_token, member: { member_id: admin.member_id }, organization: { organization_id: org.organization_id } });
        expect(res.session_jwt).toEqual(expect.any(String));
        expect(res.verdict).toBeUndefined();
      });

      it('sessions.authenticate with an authorization_check answers a verdict', async () => {
        const res = await client.sessions.authenticate({
          session_jwt: adminLogin.session_jwt,
          authorization_check: { organization_id: org.organization_id, resource_id: 'stytch.member', action: 'create' },
        });
        expect(res.verdict).toEqual({ authorized: true, granting_roles: ['stytch_admin'] });
      });

      it('sessions.get lists the member sessions', async () => {
        const res = await client.sessions.get({ organization_id: org.organization_id, member_id: admin.member_id });
        expect(res.member_sessions.map((s) => s.member_session_id)).toEqual([adminLogin.member_session.member_session_id]);
        const err = await apiError(client.sessions.get({ organization_id: org.organization_id, member_id: 'member-test-00000000-0000-4000-8000-000000000000' }));
        expect(err).toMatchObject({ status_code: 404, error_type: 'member_not_found' });
      });

      it('sessions.getJWKS (with credentials) lists the key that signed the JWT', async () => {
        const res = await client.sessions.getJWKS({ project_id: srv.project.project_id });
        expect(res.keys.map((k) => k.kid)).toContain(jwtHeader(adminLogin.session_jwt).kid);
        expect(requestsTo(`/v1/b2b/sessions/jwks/${srv.project.project_id}`).at(-1)!.headers.authorization).toMatch(/^Basic /);
      });

      it('sessions.exchange moves the member into another organization of theirs', async () => {
        const res = await client.sessions.exchange({ organization_id: other.organization_slug, session_token: adminLogin.session_token, session_duration_minutes: 30 });
        expect(res).toMatchObject({ member_authenticated: true, intermediate_session_token: '', organization: { organization_id: other.organization_id } });
        expect(res.member_session).toMatchObject({ organization_id: other.organization_id, roles: ['stytch_member', 'stytch_admin'] });
        expect(Date.parse(res.member_session!.expires_at) - Date.parse(res.member_session!.started_at)).toBe(30 * MINUTE);
        const err = await apiError(client.sessions.exchange({ organization_id: org.organization_id, session_token: 'not-a-session-token' }));
        expect(err).toMatchObject({ status_code: 404, error_type: 'session_not_found' });
      });
    });

    describe('local JWT verification', () => {
      it('authenticateJwtLocal builds the MemberSession from the claims, fetching the B2B JWKS without credentials', async () => {
        const s = adminLogin.member_session;
        const local = await client.sessions.authenticateJwtLocal({ session_jwt: adminLogin.session_jwt });
        expect(local).toEqual({
          member_session_id: s.member_session_id,
          member_id: admin.member_id,
          organization_id: org.organization_id,
          authentication_factors: [{ type: 'password', delivery_method: 'knowledge', last_authenticated_at: s.authentication_factors[0]!.last_authenticated_at }],
          started_at: s.started_at,
          last_accessed_at: s.last_accessed_at,
          expires_at: new Date(s.expires_at).toISOString(),
          custom_claims: { team: 'blue' },
          roles: ['stytch_member', 'stytch_admin'],
          organization_slug: org.organization_slug,
        });
        const jwks = requestsTo(`/v1/b2b/sessions/jwks/${srv.project.project_id}`).filter((r) => r.headers.authorization === undefined);
        expect(jwks.length).toBeGreaterThanOrEqual(1);
        expect(requestsTo(`/v1/sessions/jwks/${srv.project.project_id}`)).toEqual([]);
      });

      it('authenticateJwt verifies a fresh JWT locally: { member_session, session_jwt } only, no API call', async () => {
        const before = requestsTo('/v1/b2b/sessions/authenticate').length;
        const res = await client.sessions.authenticateJwt({ session_jwt: plainLogin.session_jwt, session_duration_minutes: 120 });
        expect(Object.keys(res).sort()).toEqual(['member_session', 'session_jwt']);
        expect(res.session_jwt).toBe(plainLogin.session_jwt);
        expect(res.member_session).toMatchObject({ member_session_id: plainLogin.member_session.member_session_id, member_id: plain.member_id, roles: ['stytch_member'] });
        expect(res.member_session.expires_at).toMatch(/\.\d{3}Z$/);
        expect(requestsTo('/v1/b2b/sessions/authenticate')).toHaveLength(before);
      });

      it('authenticateJwt falls back to the API for a JWT minted 10 minutes ago, and gets a fresh one', async () => {
        srv.clock.advance(-600_000);
        let old: Awaited<ReturnType<typeof login>>;
        try {
          old = await login(plain);
        } finally {
          srv.clock.reset();
        }
        expect(await clientErrorCode(client.sessions.authenticateJwtLocal({ session_jwt: old.session_jwt }))).toBe('jwt_invalid');
        const res = (await client.sessions.authenticateJwt({ session_jwt: old.session_jwt })) as B2BSessionsAuthenticateResponse;
        expect(res).toMatchObject({ status_code: 200, request_id: expect.stringMatching(/^request-id-test-/), session_token: old.session_token });
        expect(res.member_session.member_session_id).toBe(old.member_session.member_session_id);
        expect(res.session_jwt).not.toBe(old.session_jwt);
        await expect(client.sessions.authenticateJwtLocal({ session_jwt: res.session_jwt })).resolves.toMatchObject({
          member_session_id: old.member_session.member_session_id,
        });
      });

      it('max_token_age_seconds: 0 always asks the API (jwt_too_old locally)', async () => {
        const res = await client.sessions.authenticateJwt({ session_jwt: plainLogin.session_jwt, max_token_age_seconds: 0 });
        expect(res).toMatchObject({ status_code: 200, member_session: { member_session_id: plainLogin.member_session.member_session_id } });
        expect(await clientErrorCode(client.sessions.authenticateJwtLocal({ session_jwt: plainLogin.session_jwt, max_token_age_seconds: 0 }))).toBe('jwt_too_old');
      });
    });

    describe('local authorization_check', () => {
      const check = (action: string, organization_id = org.organization_id, resource_id = 'stytch.member') => ({ organization_id, resource_id, action });
      /** The policies were cached no earlier than this (local epoch ms). */
      let policiesCachedAfter = 0;

      it('grants from the cached project policy and the organization policy, without an API call per check', async () => {
        const before = requestsTo('/v1/b2b/sessions/authenticate').length;
        policiesCachedAfter = Date.now();
        await expect(client.sessions.authenticateJwtLocal({ session_jwt: adminLogin.session_jwt, authorization_check: check('create') })).resolves.toMatchObject({
          member_id: admin.member_id,
        });
        const res = await client.sessions.authenticateJwt({ session_jwt: adminLogin.session_jwt, authorization_check: check('delete') });
        expect(Object.keys(res).sort()).toEqual(['member_session', 'session_jwt']);
        expect(requestsTo('/v1/b2b/sessions/authenticate')).toHaveLength(before);
        expect(requestsTo('/v1/b2b/rbac/policy')).toHaveLength(1);
        expect(requestsTo(`/v1/b2b/rbac/organizations/${org.organization_id}`)).toHaveLength(1);
      });

      it('denies locally with invalid_permissions; authenticateJwt then gets the API\'s 403 session_authorization_error', async () => {
        expect(await clientErrorCode(client.sessions.authenticateJwtLocal({ session_jwt: plainLogin.session_jwt, authorization_check: check('create') }))).toBe(
          'invalid_permissions',
        );
        const err = await apiError(client.sessions.authenticateJwt({ session_jwt: plainLogin.session_jwt, authorization_check: check('create') }));
        expect(err).toMatchObject({ status_code: 403, error_type: 'session_authorization_error' });
      });

      it('another organization is tenancy_mismatch locally, 403 session_authorization_tenancy_error from the API', async () => {
        const elsewhere = check('create', other.organization_id);
        expect(await clientErrorCode(client.sessions.authenticateJwtLocal({ session_jwt: adminLogin.session_jwt, authorization_check: elsewhere }))).toBe('tenancy_mismatch');
        const err = await apiError(client.sessions.authenticateJwt({ session_jwt: adminLogin.session_jwt, authorization_check: elsewhere }));
        expect(err).toMatchObject({ status_code: 403, error_type: 'session_authorization_tenancy_error' });
      });

      it('the cached organization policy is used for 5 minutes, then refreshed on the next check', async () => {
        // A role the organization defines after its policy was cached by the checks above.
        await client.rbac.organizations.setOrgPolicy({
          organization_id: org.organization_id,
          org_policy: { roles: [{ role_id: 'auditor', description: 'Searches members', permissions: [{ resource_id: 'stytch.member', actions: ['search'] }] }] },
        });
        await expect(client.rbac.organizations.getOrgPolicy({ organization_id: org.organization_id })).resolves.toMatchObject({
          org_policy: { roles: [{ role_id: 'auditor' }] },
        });
        await client.organizations.members.update({ organization_id: org.organization_id, member_id: plain.member_id, roles: ['auditor'] });
        const auditor = await login(plain);
        expect(auditor.member_session.roles).toEqual(['stytch_member', 'auditor']);
        const search = { session_jwt: auditor.session_jwt, authorization_check: check('search') };
        const orgPolicyFetches = requestsTo(`/v1/b2b/rbac/organizations/${org.organization_id}`).length;

        expect(await clientErrorCode(client.sessions.authenticateJwtLocal(search))).toBe('invalid_permissions'); // stale: no 'auditor' yet
        const viaApi = (await client.sessions.authenticateJwt(search)) as B2BSessionsAuthenticateResponse;
        expect(viaApi.verdict).toEqual({ authorized: true, granting_roles: ['auditor'] });

        // Both clients' policy caches read Date.now(); only Date is faked. The JWT is checked at the real
        // time (`current_date`), where it is fresh.
        const realNow = new Date();
        vi.useFakeTimers({ toFake: ['Date'], now: policiesCachedAfter + POLICY_TTL_MS - 1_000 });
        try {
          expect(await clientErrorCode(client.sessions.authenticateJwtLocal({ ...search, current_date: realNow }))).toBe('invalid_permissions');
          expect(requestsTo(`/v1/b2b/rbac/organizations/${org.organization_id}`)).toHaveLength(orgPolicyFetches);
          vi.setSystemTime(realNow.getTime() + POLICY_TTL_MS + 1_000);
          await expect(client.sessions.authenticateJwtLocal({ ...search, current_date: realNow })).resolves.toMatchObject({ roles: ['stytch_member', 'auditor'] });
        } finally {
          vi.useRealTimers();
        }
        expect(requestsTo(`/v1/b2b/rbac/organizations/${org.organization_id}`)).toHaveLength(orgPolicyFetches + 1);
        expect(requestsTo('/v1/b2b/rbac/policy')).toHaveLength(2);
        plainLogin = auditor;
      });

      it('rbac.policy returns the project policy with Stytch\'s resources', async () => {
        const res = await client.rbac.policy();
        expect(res.policy!.roles.map((r) => r.role_id)).toEqual(['stytch_admin', 'stytch_member']);
        expect(res.policy!.resources.map((r) => r.resource_id)).toContain('stytch.member');
      });
    });

    describe('acting as a member (method options)', () => {
      const headersOf = (path: string) => requestsTo(path).at(-1)!.headers;

      it('a member may update itself and use its roles, not manage the organization nor other members', async () => {
        const as = { authorization: { session_token: plainLogin.session_token } };
        const path = `/v1/b2b/organizations/${org.organization_id}/members/${plain.member_id}`;
        const self = await client.organizations.members.update({ organization_id: org.organization_id, member_id: plain.member_id, name: 'Bobby' }, as);
        expect(self.member.name).toBe('Bobby');
        expect(headersOf(path)['x-stytch-member-session']).toBe(plainLogin.session_token);
        const refused: (() => Promise<unknown>)[] = [
          () => client.organizations.update({ organization_id: org.organization_id, organization_name: 'Mine' }, as),
          () => client.organizations.members.update({ organization_id: org.organization_id, member_id: admin.member_id, name: 'Them' }, as),
          () => client.organizations.members.create({ organization_id: org.organization_id, email_address: email('intruder') }, as),
          () => client.organizations.members.delete({ organization_id: org.organization_id, member_id: admin.member_id }, as),
          () => client.organizations.delete({ organization_id: org.organization_id }, as),
          () => client.sessions.revoke({ member_id: admin.member_id }, as),
        ];
        for (const call of refused) expect(await apiError(call())).toMatchObject({ status_code: 403, error_type: 'session_authorization_error' });
        // The organization's 'auditor' role lets it search members.
        await expect(client.organizations.members.search({ organization_ids: [org.organization_id] }, as)).resolves.toMatchObject({ status_code: 200 });
        expect((await client.organizations.get({ organization_id: org.organization_id })).organization.organization_name).toBe('Acme Inc');
      });

      it('an admin acting through its JWT manages members and the organization, not another organization', async () => {
        const as = { authorization: { session_jwt: adminLogin.session_jwt } };
        const created = await client.organizations.members.create({ organization_id: org.organization_id, email_address: email('hired') }, as);
        expect(headersOf(`/v1/b2b/organizations/${org.organization_id}/members`)['x-stytch-member-sessionjwt']).toBe(adminLogin.session_jwt);
        await expect(client.organizations.members.delete({ organization_id: org.organization_id, member_id: created.member_id }, as)).resolves.toMatchObject({
          member_id: created.member_id,
        });
        await expect(client.organizations.members.reactivate({ organization_id: org.organization_id, member_id: created.member_id }, as)).resolves.toMatchObject({
          member: { status: 'active' },
        });
        await expect(client.organizations.members.search({ organization_ids: [org.organization_id] }, as)).resolves.toMatchObject({
          results_metadata: { total: 3 },
        });
        await expect(client.organizations.update({ organization_id: org.organization_id, organization_name: 'Acme Corp' }, as)).resolves.toMatchObject({
          organization: { organization_name: 'Acme Corp' },
        });
        const err = await apiError(client.organizations.update({ organization_id: other.organization_id, organization_name: 'Theirs' }, as));
        expect(err).toMatchObject({ status_code: 403, error_type: 'session_authorization_tenancy_error' });
      });

      it('sessions.revoke as a member ends its own sessions', async () => {
        await expect(client.sessions.revoke({ member_id: plain.member_id }, { authorization: { session_jwt: plainLogin.session_jwt } })).resolves.toMatchObject({
          status_code: 200,
        });
        const err = await apiError(client.sessions.authenticate({ session_token: plainLogin.session_token }));
        expect(err).toMatchObject({ status_code: 404, error_type: 'session_not_found' });
        // The JWT still verifies locally until it expires; the API knows better.
        await expect(client.sessions.authenticateJwtLocal({ session_jwt: plainLogin.session_jwt })).resolves.toBeTruthy();
        const remote = await apiError(client.sessions.authenticateJwt({ session_jwt: plainLogin.session_jwt, max_token_age_seconds: 0 }));
        expect(remote).toMatchObject({ status_code: 404, error_type: 'session_not_found' });
      });

      it('an unknown session in the header is refused before anything happens', async () => {
        const err = await apiError(
          client.organizations.members.update({ organization_id: org.organization_id, member_id: admin.member_id, name: 'Never' }, { authorization: { session_token: 'not-a-session' } }),
        );
        expect(err).toMatchObject({ status_code: 404, error_type: 'session_not_found' });
      });
    });

    describe('errors and deletion', () => {
      it('a wrong secret is unauthorized_credentials (401)', async () => {
        const bad = options.makeClient(viaProxy, { project_id: srv.project.project_id, secret: 'secret-test-wrong' });
        const err = await apiError(bad.organizations.get({ organization_id: org.organization_id }));
        expect(err).toMatchObject({ status_code: 401, error_type: 'unauthorized_credentials' });
      });

      it('sessions.revoke by id; revoking again is session_not_found (404)', async () => {
        const id = adminLogin.member_session.member_session_id;
        await expect(client.sessions.revoke({ member_session_id: id })).resolves.toMatchObject({ status_code: 200 });
        expect(await apiError(client.sessions.revoke({ member_session_id: id }))).toMatchObject({ status_code: 404, error_type: 'session_not_found' });
      });

      it('organizations.delete removes the organization and its members', async () => {
        await expect(client.organizations.delete({ organization_id: org.organization_id })).resolves.toMatchObject({ organization_id: org.organization_id });
        expect(await apiError(client.organizations.get({ organization_id: org.organization_id }))).toMatchObject({ status_code: 404, error_type: 'organization_not_found' });
        expect(await apiError(client.organizations.members.dangerouslyGet({ member_id: admin.member_id, include_deleted: true }))).toMatchObject({
          error_type: 'member_not_found',
        });
      });
    });
  });
}
