/**
 * One consumer scenario suite, run against a real Tessera server with any client that has the official
 * `stytch` Client's surface. `integration.test.ts` runs it with the official `stytch` package and with
 * `@tessera/node`, so both clients are held to one behaviour.
 *
 * Steps share state and run in order: users → passwords → sessions → local/fallback JWT verification →
 * revocation → errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../src/index.js';
import { apiError, jwtHeader } from './fixtures/outcomes.js';
import { startRecordingProxy, type RecordingProxy } from './fixtures/recording-proxy.js';

/** The slice of a test server the suite uses (`@tessera/test-utils` `TestServer`). */
export interface ScenarioServer {
  url: string;
  project: { project_id: string; secret: string };
  clock: { now(): number; set(ms: number): void; advance(ms: number): void; reset(): void };
  rotateKeys(opts?: { immediate?: boolean }): Promise<unknown>;
  close(): Promise<void>;
}

/** The methods the suite calls, typed as `@tessera/node` types them; the official client is cast to it. */
export type ClientLike = Pick<Client, 'users' | 'passwords' | 'sessions'>;

export interface ScenarioOptions {
  /** Starts a fresh server. */
  startServer: () => Promise<ScenarioServer>;
  /**
   * The client under test, for a server and credentials (the secret may be wrong on purpose). The
   * `url` it gets is a recording proxy in front of the server, so the suite sees what the client sends.
   */
  makeClient: (srv: ScenarioServer, credentials?: { project_id: string; secret: string }) => ClientLike;
  /** Skip the suite, e.g. while the server package is not there. */
  skip?: string | false;
}

const STRONG = 'Correct-Horse-Battery-Staple-42!';
const STRONG_2 = 'Purple-Monkey-Dishwasher-1984?';
const MIGRATED = 'Migrated-passw0rd-Zebra!';
// bcrypt (cost 4) of MIGRATED, made once with bcryptjs.
const MIGRATED_HASH = '$2b$04$fwysv83NCjDKFtpg/Yl3U.sNX0yAFi0oId0IJHk8Uy49Ca6ha5iRS';
const MINUTE = 60_000;

export function defineConsumerScenarios(name: string, options: ScenarioOptions): void {
  describe.skipIf(Boolean(options.skip))(`consumer scenarios: ${name}${options.skip ? ` (skipped: ${options.skip})` : ''}`, () => {
    let srv: ScenarioServer;
    let proxy: RecordingProxy;
    let viaProxy: ScenarioServer;
    let client: ClientLike;
    const tag = `${name.replace(/\W+/g, '-')}-${Date.now()}`;
    const emailA = `ada-${tag}@example.com`;
    const emailB = `bob-${tag}@example.com`;
    const emailC = `cyd-${tag}@example.com`;
    let userA = '';
    let userB = '';
    let sessionToken = '';
    let sessionJwt = '';
    let sessionId = '';

    beforeAll(async () => {
      srv = await options.startServer();
      proxy = await startRecordingProxy(srv.url);
      viaProxy = Object.assign(Object.create(srv) as ScenarioServer, { url: proxy.url });
      client = options.makeClient(viaProxy);
    });
    afterAll(async () => {
      await proxy?.close();
      await srv?.close();
    });

    describe('users', () => {
      it('users.create returns the ids and the user', async () => {
        const res = await client.users.create({ email: emailA, name: { first_name: 'Ada', last_name: 'L' } });
        expect(res).toMatchObject({ status_code: 200, request_id: expect.any(String), status: 'active' });
        expect(res.user_id).toMatch(/^user-test-/);
        expect(res.email_id).toMatch(/^email-test-/);
        expect(res.user.emails).toEqual([{ email_id: res.email_id, email: emailA, verified: false }]);
        userA = res.user_id;
      });

      it('users.get returns the user flattened at the top level', async () => {
        const res = await client.users.get({ user_id: userA });
        expect(res).toMatchObject({ status_code: 200, user_id: userA, status: 'active' });
        expect(res.name).toMatchObject({ first_name: 'Ada', last_name: 'L' });
        expect((res as { user?: unknown }).user).toBeUndefined();
      });

      it('users.update changes the given fields', async () => {
        const res = await client.users.update({ user_id: userA, untrusted_metadata: { theme: 'dark' }, name: { first_name: 'Augusta' } });
        expect(res.user_id).toBe(userA);
        expect(res.user.untrusted_metadata).toEqual({ theme: 'dark' });
        expect(res.user.name.first_name).toBe('Augusta');
      });

      it('users.search and searchAll find the user', async () => {
        const query = { operator: 'AND' as const, operands: [{ filter_name: 'email_address' as const, filter_value: [emailA] }] };
        const res = await client.users.search({ limit: 10, query });
        expect(res.results.map((u) => u.user_id)).toEqual([userA]);
        expect(res.results_metadata.total).toBe(1);
        const pages: string[][] = [];
        for await (const page of client.users.searchAll({ limit: 1, query })) pages.push(page.map((u) => u.user_id));
        expect(pages.flat()).toEqual([userA]);
      });

      it('users.get of an unknown user is user_not_found (404)', async () => {
        const err = await apiError(client.users.get({ user_id: 'user-test-00000000-0000-4000-8000-000000000000' }));
        expect(err).toMatchObject({ status_code: 404, error_type: 'user_not_found' });
      });
    });

    describe('passwords', () => {
      it('passwords.strengthCheck scores passwords', async () => {
        await expect(client.passwords.strengthCheck({ password: STRONG })).resolves.toMatchObject({ valid_password: true });
        await expect(client.passwords.strengthCheck({ password: 'password' })).resolves.toMatchObject({ valid_password: false });
      });

      it('passwords.create makes a new user with a session', async () => {
        const res = await client.passwords.create({ email: emailB, password: STRONG, session_duration_minutes: 60 });
        expect(res.user_id).toMatch(/^user-test-/);
        expect(res.session_token).toHaveLength(44);
        expect(jwtHeader(res.session_jwt)).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: expect.stringMatching(/^jwk-test-/) });
        expect(res.session?.user_id).toBe(res.user_id);
        expect(res.user.password?.password_id).toMatch(/^password-test-/);
        userB = res.user_id;
      });

      it('passwords.create for an existing email is duplicate_email', async () => {
        const err = await apiError(client.passwords.create({ email: emailB, password: STRONG }));
        expect(err).toMatchObject({ status_code: 400, error_type: 'duplicate_email' });
      });

      it('passwords.authenticate mints a session with custom claims', async () => {
        const res = await client.passwords.authenticate({
          email: emailB,
          password: STRONG,
          session_duration_minutes: 30,
          session_custom_claims: { plan: 'pro' },
        });
        expect(res.user_id).toBe(userB);
        expect(res.session).toMatchObject({
          user_id: userB,
          custom_claims: { plan: 'pro' },
          authentication_factors: [expect.objectContaining({ type: 'password', delivery_method: 'knowledge' })],
        });
        const expires = Date.parse(res.session!.expires_at);
        expect(Math.abs(expires - (Date.now() + 30 * MINUTE))).toBeLessThan(MINUTE);
        sessionToken = res.session_token;
        sessionJwt = res.session_jwt;
        sessionId = res.session!.session_id;
      });

      it('passwords.authenticate without session_duration_minutes creates no session', async () => {
        const res = await client.passwords.authenticate({ email: emailB, password: STRONG });
        expect(res.session_token).toBe('');
        expect(res.session_jwt).toBe('');
        expect(res.session ?? null).toBeNull();
      });

      it('passwords.authenticate refuses a wrong password and an unknown email', async () => {
        const wrong = await apiError(client.passwords.authenticate({ email: emailB, password: `${STRONG}x` }));
        expect(wrong).toMatchObject({ status_code: 401, error_type: 'unauthorized_credentials' });
        const unknown = await apiError(client.passwords.authenticate({ email: `nobody-${tag}@example.com`, password: STRONG }));
        expect(unknown).toMatchObject({ status_code: 404, error_type: 'email_not_found' });
      });

      it('passwords.migrate imports a bcrypt hash that then authenticates', async () => {
        const res = await client.passwords.migrate({ email: emailC, hash: MIGRATED_HASH, hash_type: 'bcrypt' });
        expect(res).toMatchObject({ user_created: true, email_id: expect.stringMatching(/^email-test-/) });
        await expect(client.passwords.authenticate({ email: emailC, password: MIGRATED })).resolves.toMatchObject({
          user_id: res.user_id,
        });
      });

      it('passwords.existingPassword.reset and passwords.sessions.reset change the password', async () => {
        const reset = await client.passwords.existingPassword.reset({
          email: emailC,
          existing_password: MIGRATED,
          new_password: STRONG_2,
          session_duration_minutes: 10,
        });
        expect(reset.session_token).toHaveLength(44);
        await apiError(client.passwords.authenticate({ email: emailC, password: MIGRATED }));
        const bySession = await client.passwords.sessions.reset({ password: STRONG, session_token: reset.session_token });
        expect(bySession.user_id).toBe(reset.user_id);
        await expect(client.passwords.authenticate({ email: emailC, password: STRONG })).resolves.toBeTruthy();
      });
    });

    describe('sessions', () => {
      it('sessions.authenticate with the token returns the session, the user and a JWT', async () => {
        const res = await client.sessions.authenticate({ session_token: sessionToken });
        expect(res.session.session_id).toBe(sessionId);
        expect(res.user.user_id).toBe(userB);
        expect(res.session_token).toBe(sessionToken);
        expect(res.session_jwt).toEqual(expect.any(String));
      });

      it('sessions.authenticate extends the session and merges custom claims into the session and its JWT', async () => {
        const res = await client.sessions.authenticate({
          session_token: sessionToken,
          session_duration_minutes: 120,
          session_custom_claims: { team: 'blue' },
        });
        expect(Math.abs(Date.parse(res.session.expires_at) - (Date.now() + 120 * MINUTE))).toBeLessThan(MINUTE);
        expect(res.session.custom_claims).toEqual({ plan: 'pro', team: 'blue' });
        const local = await client.sessions.authenticateJwtLocal({ session_jwt: res.session_jwt });
        expect(local.custom_claims).toEqual({ plan: 'pro', team: 'blue' });
        sessionJwt = res.session_jwt;
      });

      it('sessions.authenticate with the JWT returns the opaque token too', async () => {
        const res = await client.sessions.authenticate({ session_jwt: sessionJwt });
        expect(res.session.session_id).toBe(sessionId);
        expect(res.session_token).toBe(sessionToken);
      });

      it('sessions.get lists the active sessions of the user', async () => {
        const res = await client.sessions.get({ user_id: userB });
        expect(res.sessions.map((s) => s.session_id)).toContain(sessionId);
        const unknown = await apiError(client.sessions.get({ user_id: 'user-test-00000000-0000-4000-8000-000000000000' }));
        expect(unknown).toMatchObject({ status_code: 404, error_type: 'user_not_found' });
      });

      it('authenticateJwt verifies a fresh JWT locally: { session, session_jwt } only', async () => {
        const res = await client.sessions.authenticateJwt({ session_jwt: sessionJwt });
        expect(Object.keys(res).sort()).toEqual(['session', 'session_jwt']);
        expect(res.session_jwt).toBe(sessionJwt);
        expect(res.session).toMatchObject({ session_id: sessionId, user_id: userB, custom_claims: { plan: 'pro', team: 'blue' } });
        expect(res.session.expires_at).toMatch(/\.\d{3}Z$/); // re-formatted from the claim, as stytch does
      });

      it('authenticateJwtLocal fetched the JWKS without credentials', async () => {
        const jwks = proxy.requests.filter((r) => r.url === `/v1/sessions/jwks/${srv.project.project_id}`);
        expect(jwks.length).toBeGreaterThanOrEqual(1);
        expect(jwks.map((r) => r.headers.authorization ?? null)).toEqual(jwks.map(() => null));
        const raw = await fetch(`${srv.url}/v1/sessions/jwks/${srv.project.project_id}`);
        expect(raw.status).toBe(200);
      });

      it('authenticateJwt falls back to the API for a JWT expired in real time whose session is live', async () => {
        srv.clock.set(Date.now() - 10 * MINUTE); // JWT: iat now-10m, exp now-5m; session: until now+50m
        let old: string;
        try {
          old = (await client.passwords.authenticate({ email: emailB, password: STRONG, session_duration_minutes: 60 })).session_jwt;
        } finally {
          srv.clock.reset();
        }
        const local = await client.sessions.authenticateJwtLocal({ session_jwt: old }).catch((e: unknown) => e);
        expect(local).toMatchObject({ code: 'jwt_invalid' });
        const res = await client.sessions.authenticateJwt({ session_jwt: old });
        expect(res).toMatchObject({ status_code: 200, user: { user_id: userB } });
        expect(res.session_jwt).not.toBe(old);
        await expect(client.sessions.authenticateJwtLocal({ session_jwt: res.session_jwt })).resolves.toMatchObject({
          session_id: res.session.session_id,
        });
      });

      it('authenticateJwt with max_token_age_seconds goes to the API for older tokens', async () => {
        const res = await client.sessions.authenticateJwt({ session_jwt: sessionJwt, max_token_age_seconds: 0 });
        expect(res).toMatchObject({ status_code: 200, session: { session_id: sessionId } });
        await expect(client.sessions.authenticateJwtLocal({ session_jwt: sessionJwt, max_token_age_seconds: 0 })).rejects.toMatchObject({
          code: 'jwt_too_old',
        });
      });

      it('sessions.getJWKS (with credentials) lists the key that signed the JWT', async () => {
        const res = await client.sessions.getJWKS({ project_id: srv.project.project_id });
        expect(res.keys.map((k) => k.kid)).toContain(jwtHeader(sessionJwt).kid);
        expect(res.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      });

      it('after an immediate key rotation, new JWTs still authenticate', async () => {
        await srv.rotateKeys({ immediate: true });
        const fresh = await client.passwords.authenticate({ email: emailB, password: STRONG, session_duration_minutes: 5 });
        expect(jwtHeader(fresh.session_jwt).kid).not.toBe(jwtHeader(sessionJwt).kid);
        const res = await client.sessions.authenticateJwt({ session_jwt: fresh.session_jwt });
        expect(res.session.session_id).toBe(fresh.session!.session_id);
      });

      it('sessions.revoke ends the session for the API; its JWT verifies locally until exp', async () => {
        await expect(client.sessions.revoke({ session_id: sessionId })).resolves.toMatchObject({ status_code: 200 });
        const err = await apiError(client.sessions.authenticate({ session_token: sessionToken }));
        expect(err).toMatchObject({ status_code: 404, error_type: 'session_not_found' });
        await expect(client.sessions.authenticateJwt({ session_jwt: sessionJwt })).resolves.toMatchObject({
          session: { session_id: sessionId },
        });
        const remote = await apiError(client.sessions.authenticateJwt({ session_jwt: sessionJwt, max_token_age_seconds: 0 }));
        expect(remote).toMatchObject({ status_code: 404, error_type: 'session_not_found' });
      });
    });

    describe('errors', () => {
      it('a wrong secret is unauthorized_credentials (401)', async () => {
        const bad = options.makeClient(viaProxy, { project_id: srv.project.project_id, secret: 'secret-test-wrong' });
        const err = await apiError(bad.users.get({ user_id: userA }));
        expect(err).toMatchObject({ status_code: 401, error_type: 'unauthorized_credentials' });
      });

      it('an unknown session token is session_not_found (404)', async () => {
        const err = await apiError(client.sessions.authenticate({ session_token: 'mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q' }));
        expect(err).toMatchObject({ status_code: 404, error_type: 'session_not_found' });
      });

      it('users.delete removes the user', async () => {
        await expect(client.users.delete({ user_id: userA })).resolves.toMatchObject({ user_id: userA });
        const err = await apiError(client.users.get({ user_id: userA }));
        expect(err).toMatchObject({ error_type: 'user_not_found' });
      });
    });
  });
}
