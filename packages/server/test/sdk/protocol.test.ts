/**
 * The frontend API protocol (docs/architecture.md, "Frontend API"): bootstrap, events, the public-token credential, the
 * envelope, credentialed CORS for allowed origins only, preflights, and project isolation.
 */
import { describe, expect, it } from 'vitest';
import { addProjectOrigin } from '../../src/domain/sdk/project-sdk-settings.js';
import { expireCaches, sdkCall, signUp, STRONG_PASSWORD, uniqueEmail, useSdkServer } from './helpers.js';

const t = useSdkServer();

const BOOTSTRAP_FIELDS = [
  'project_name', 'disable_sdk_watermark', 'captcha_settings', 'cname_domain', 'email_domains',
  'pkce_required_for_email_magic_links', 'pkce_required_for_password_resets', 'pkce_required_for_oauth',
  'pkce_required_for_sso', 'slug_pattern', 'create_organization_enabled', 'password_config',
  'dfp_protected_auth_enabled', 'dfp_protected_auth_mode', 'rbac_policy', 'siwe_required_for_crypto_wallets', 'vertical',
];

describe('bootstrap', () => {
  it('answers every field in the envelope, with the RBAC policy and the vertical', async () => {
    const r = await sdkCall(t.srv, `/sdk/v1/projects/bootstrap/${t.srv.project.public_token}`, { method: 'GET', publicToken: null, origin: 'http://localhost:3000' });
    expect(r.status).toBe(200);
    for (const f of BOOTSTRAP_FIELDS) expect(r.data, f).toHaveProperty(f);
    expect(r.data.captcha_settings).toEqual({ enabled: false });
    expect(r.data.vertical).toBe('CONSUMER');
    expect(r.data.rbac_policy.roles.map((x: { role_id: string }) => x.role_id)).toEqual(expect.arrayContaining(['stytch_admin', 'stytch_member']));
    expect(r.data.rbac_policy.resources.map((x: { resource_id: string }) => x.resource_id)).toContain('stytch.member');
    expect(r.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(r.headers['cache-control']).toBe('no-store');
  });
  it('an unknown public token is 401 unauthorized_credentials', async () => {
    const r = await sdkCall(t.srv, '/sdk/v1/projects/bootstrap/public-token-test-00000000-0000-4000-8000-000000000000', { method: 'GET', publicToken: null });
    expect([r.status, r.body.error_type]).toEqual([401, 'unauthorized_credentials']);
  });
});

describe('events', () => {
  it('accepts the SDK JSON array and answers 200, with or without credentials', async () => {
    const batch = [{ telemetry: { event_id: 'x' }, event: { event_name: 'sdk_instance_instantiated' } }];
    const a = await sdkCall(t.srv, '/sdk/v1/events', { body: batch, origin: 'http://127.0.0.1:5173' });
    expect(a.status).toBe(200);
    expect(a.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5173');
    const b = await sdkCall(t.srv, '/sdk/v1/events', { body: batch, publicToken: null });
    expect(b.status).toBe(200);
    const c = await sdkCall(t.srv, '/sdk/v1/events', { body: batch, publicToken: 'public-token-test-nope' });
    expect(c.status).toBe(200);
  });
  it('only telemetry takes any JSON: a route without body fields refuses a non-object with 400 bad_request and stays undone', async () => {
    const { token } = await signUp(t.srv);
    for (const body of [true, [], 'x', 42, null]) {
      const r = await sdkCall(t.srv, '/sdk/v1/sessions/revoke', { body, sessionToken: token });
      expect([r.status, r.body.error_type], JSON.stringify(body)).toEqual([400, 'bad_request']);
    }
    expect((await sdkCall(t.srv, '/sdk/v1/sessions/authenticate', { body: {}, sessionToken: token })).status).toBe(200);
  });
});

describe('credentials', () => {
  it('no Authorization header or an unknown public token: 401 unauthorized_credentials', async () => {
    const body = { email: uniqueEmail(), password: STRONG_PASSWORD };
    for (const publicToken of [null, 'public-token-test-00000000-0000-4000-8000-000000000000', t.srv.project.project_id]) {
      const r = await sdkCall(t.srv, '/sdk/v1/passwords/strength_check', { body, publicToken });
      expect([r.status, r.body.error_type]).toEqual([401, 'unauthorized_credentials']);
    }
  });
  it('a session route without a session is 401 user_unauthenticated', async () => {
    const r = await sdkCall(t.srv, '/sdk/v1/sessions/authenticate', { body: {} });
    expect([r.status, r.body.error_type]).toEqual([401, 'user_unauthenticated']);
  });
  it("another project's public token with this project's session token: session_not_found, never the other project's data", async () => {
    const a = await signUp(t.srv);
    const other = await t.srv.createProject();
    for (const [method, path] of [['POST', '/sdk/v1/sessions/authenticate'], ['GET', '/sdk/v1/users/me'], ['POST', '/sdk/v1/b2b/sessions/authenticate'], ['GET', '/sdk/v1/b2b/organizations/me']] as const) {
      const r = await sdkCall(t.srv, path, { method, publicToken: other.public_token, sessionToken: a.token, ...(method === 'POST' ? { body: {} } : {}) });
      expect([r.status, r.body.error_type], path).toEqual([404, 'session_not_found']);
      expect(JSON.stringify(r.body)).not.toContain(a.user_id);
    }
    // The user is unknown in the other project, as a login there shows.
    const login = await sdkCall(t.srv, '/sdk/v1/passwords/authenticate', { publicToken: other.public_token, body: { email: a.email, password: STRONG_PASSWORD } });
    expect([login.status, login.body.error_type]).toEqual([404, 'email_not_found']);
  });
});

describe('CORS', () => {
  it('a test project grants any http://localhost and http://127.0.0.1 port, credentialed, varying on Origin', async () => {
    for (const origin of ['http://localhost:3000', 'http://localhost:61234', 'http://127.0.0.1:8080', 'http://localhost']) {
      const r = await sdkCall(t.srv, '/sdk/v1/passwords/strength_check', { body: { password: 'x' }, origin });
      expect(r.status).toBe(200);
      expect(r.headers['access-control-allow-origin']).toBe(origin);
      expect(r.headers['access-control-allow-credentials']).toBe('true');
      expect(r.headers.vary).toMatch(/Origin/);
    }
  });
  it('errors carry the grant too, so the SDK can read them', async () => {
    const r = await sdkCall(t.srv, '/sdk/v1/sessions/authenticate', { body: {}, origin: 'http://localhost:3000' });
    expect(r.status).toBe(401);
    expect(r.headers['access-control-allow-origin']).toBe('http://localhost:3000');
  });
  it('requests without Origin (server-side) are served, without CORS headers', async () => {
    const r = await sdkCall(t.srv, '/sdk/v1/passwords/strength_check', { body: { password: 'x' } });
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });
  it('an unlisted origin gets no grant, and a write is refused before it happens', async () => {
    const email = uniqueEmail('evil');
    for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'null', 'https://localhost:3000']) {
      const r = await sdkCall(t.srv, '/sdk/v1/passwords', { body: { email, password: STRONG_PASSWORD, session_duration_minutes: 60 }, origin });
      expect([r.status, r.body.error_type], origin).toEqual([401, 'unauthorized_credentials']);
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
      expect(r.headers['access-control-allow-credentials']).toBeUndefined();
    }
    const login = await sdkCall(t.srv, '/sdk/v1/passwords/authenticate', { body: { email, password: STRONG_PASSWORD } });
    expect(login.body.error_type).toBe('email_not_found'); // the user was never created
  });
  it('a live project allows only its listed origins (not loopback), listed with the CLI domain function', async () => {
    const live = await t.srv.createProject({ live: true });
    const deps = t.srv.server.runtime.deps;
    const call = (origin: string) => sdkCall(t.srv, '/sdk/v1/passwords/strength_check', { body: { password: 'x' }, publicToken: live.public_token, origin });
    expect((await call('http://localhost:3000')).status).toBe(401);
    expect((await call('https://app.example.com')).status).toBe(401);
    expect((await addProjectOrigin(deps, live.project_id, 'https://APP.example.com:443/')).origin).toBe('https://app.example.com');
    expireCaches(t.srv);
    const ok = await call('https://app.example.com');
    expect(ok.status).toBe(200);
    expect(ok.data.request_id).toMatch(/^request-id-live-/);
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example.com');
    // Listed for the live project only: the test project still refuses it.
    const other = await sdkCall(t.srv, '/sdk/v1/passwords/strength_check', { body: { password: 'x' }, origin: 'https://app.example.com' });
    expect(other.status).toBe(401);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
  it('preflights: 204 with the grant for loopback and listed origins, without it otherwise', async () => {
    const ok = await sdkCall(t.srv, '/sdk/v1/passwords/authenticate', { method: 'OPTIONS', publicToken: null, origin: 'http://localhost:3000' });
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(ok.headers['access-control-allow-credentials']).toBe('true');
    expect(ok.headers['access-control-allow-methods']).toBe('GET, POST, PUT, DELETE');
    expect(ok.headers['access-control-allow-headers']).toBe('Authorization, Content-Type, X-SDK-Client, X-SDK-Parent-Host');
    const bad = await sdkCall(t.srv, '/sdk/v1/passwords/authenticate', { method: 'OPTIONS', publicToken: null, origin: 'https://evil.example' });
    expect(bad.status).toBe(204);
    expect(bad.headers['access-control-allow-origin']).toBeUndefined();
    const live = await t.srv.createProject({ live: true });
    await addProjectOrigin(t.srv.server.runtime.deps, live.project_id, 'https://shop.example.org');
    expireCaches(t.srv);
    const listed = await sdkCall(t.srv, '/sdk/v1/users/me', { method: 'OPTIONS', publicToken: null, origin: 'https://shop.example.org' });
    expect(listed.headers['access-control-allow-origin']).toBe('https://shop.example.org');
  });
});

describe('routing', () => {
  it('unknown /sdk/v1 paths are route_not_found, wrong methods method_not_allowed', async () => {
    expect((await sdkCall(t.srv, '/sdk/v1/nope', { body: {} })).body.error_type).toBe('route_not_found');
    expect((await sdkCall(t.srv, '/sdk/v1/users/me', { method: 'DELETE' })).body.error_type).toBe('method_not_allowed');
  });
  it('the routes are in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${t.srv.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { security: unknown[] }>> };
    expect(doc.paths['/sdk/v1/users/me']).toHaveProperty('put');
    expect(doc.paths['/sdk/v1/b2b/sessions/revoke/{member_id}']).toHaveProperty('post');
    expect(doc.paths['/sdk/v1/projects/bootstrap/{public_token}']!.get!.security).toEqual([]);
    expect(doc.paths['/sdk/v1/sessions/authenticate']!.post!.security).toEqual([{ publicToken: [] }]);
  });
});
