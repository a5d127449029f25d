import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as stytch from 'stytch';
import { startServer, type TestServer } from '@tessera/test-utils';
import { requestCookies } from '../../seeds/src/app/next-shim.js';
import { b2bClient, loggedIn } from '../helpers.js';

vi.mock('next/server', () => import('./next-server-shim.js'));
vi.mock('next/headers', () => import('../../seeds/src/app/next-shim.js'));

let srv: TestServer;
let client: stytch.B2BClient;
let route: http.Server;
let routeUrl: string;

beforeAll(async () => {
  srv = await startServer();
  client = b2bClient(srv);
  Object.assign(process.env, { STYTCH_PROJECT_ID: srv.project.project_id, STYTCH_SECRET: srv.project.secret, TESSERA_URL: `${srv.url}/` });
  const { handler } = await import('./app/api/my_protected_route.js');
  // What Next.js adds to a Node response in API routes: `res.status(...).json(...)`.
  route = http.createServer((req, res) => {
    const api = Object.assign(res, {
      status: (code: number) => ((res.statusCode = code), api),
      json: (body: unknown) => (res.setHeader('content-type', 'application/json'), res.end(JSON.stringify(body)), api),
    });
    void handler(req as never, api as never);
  });
  await new Promise<void>((r) => route.listen(0, '127.0.0.1', r));
  routeUrl = `http://127.0.0.1:${(route.address() as { port: number }).port}/api/my_protected_route`;
  vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterAll(async () => {
  await new Promise((r) => route.close(r));
  await srv.close();
});

describe('seed 002: a route handler that reads the stytch_session cookie and calls B2BClient.sessions.authenticate', () => {
  it('lets a request with a live member session through (200)', async () => {
    const { login } = await loggedIn(client);
    const r = await fetch(routeUrl, { headers: { cookie: `stytch_session=${login.session_token}` } });
    expect(r.status).toBe(200);
  });
  it('answers 400 "No session provided" without the cookie', async () => {
    const r = await fetch(routeUrl);
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ errorString: 'No session provided' });
  });
  it('answers 400 with the Stytch error for a revoked session', async () => {
    const { login } = await loggedIn(client);
    await client.sessions.revoke({ session_token: login.session_token });
    const r = await fetch(routeUrl, { headers: { cookie: `stytch_session=${login.session_token}` } });
    expect(r.status).toBe(400);
    expect(JSON.parse((await r.json()).errorString)).toMatchObject({ status_code: 404, error_type: 'session_not_found' });
  });
});

describe('seed 002: the middleware that calls B2BClient.sessions.authenticateJwt on the stytch_session_jwt cookie', () => {
  const run = async (jwt: string | null, url = 'https://app.example/dashboard') => {
    const { NextRequest } = await import('./next-server-shim.js');
    const { default: middleware } = await import('./middleware.js');
    requestCookies.clear();
    if (jwt) requestCookies.set('stytch_session_jwt', jwt);
    return middleware(new NextRequest(url) as never);
  };
  /** The session as the server sees it: an API authenticate touches `last_accessed_at`, local verification does not. */
  const lastAccessed = async (login: stytch.B2BPasswordsAuthenticateResponse) =>
    (await client.sessions.get({ organization_id: login.organization_id, member_id: login.member_id })).member_sessions[0]?.last_accessed_at;

  it('a fresh JWT passes on local verification alone (the server is not asked)', async () => {
    const { login } = await loggedIn(client);
    srv.clock.advance(5_000);
    expect(await run(login.session_jwt)).toBeUndefined(); // Next.js continues
    srv.clock.reset();
    expect(await lastAccessed(login)).toBe(login.member_session!.last_accessed_at);
  });

  it('a JWT minted 10 minutes ago fails locally and passes through the API fallback', async () => {
    srv.clock.advance(-600_000);
    const { login } = await loggedIn(client);
    srv.clock.reset();
    expect(await run(login.session_jwt)).toBeUndefined();
    expect(Date.parse((await lastAccessed(login))!) - Date.parse(login.member_session!.last_accessed_at)).toBeGreaterThanOrEqual(600_000 - 2000);
  });

  it('redirects to /login when the fallback finds the session revoked, or without a cookie; /authenticate passes', async () => {
    srv.clock.advance(-600_000);
    const { login } = await loggedIn(client);
    srv.clock.reset();
    await client.sessions.revoke({ member_session_id: login.member_session!.member_session_id });
    expect(await run(login.session_jwt)).toEqual({ kind: 'redirect', location: 'https://app.example/login' });
    expect(await run(null)).toEqual({ kind: 'redirect', location: 'https://app.example/login' });
    expect(await run('not.a.jwt')).toEqual({ kind: 'redirect', location: 'https://app.example/login' });
    expect(await run(null, 'https://app.example/authenticate')).toEqual({ kind: 'next' });
  });
});
