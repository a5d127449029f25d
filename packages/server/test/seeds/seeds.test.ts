import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, type TestServer } from '@tessera/test-utils';
import { officialClient, STRONG_PASSWORD, uniqueEmail } from '../compat/helpers.js';

let srv: TestServer;
let route: http.Server;
let routeUrl: string;

/** What Next.js adds to a Node response in API routes (`res.status(...).json(...)`). */
function nextApiResponse(res: http.ServerResponse) {
  return Object.assign(res, {
    status(code: number) {
      res.statusCode = code;
      return this;
    },
    json(body: unknown) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
      return this;
    },
  });
}

beforeAll(async () => {
  srv = await startServer();
  Object.assign(process.env, { STYTCH_PROJECT_ID: srv.project.project_id, STYTCH_SECRET: srv.project.secret, TESSERA_URL: `${srv.url}/` });
  const { handler } = await import('./app/api/my_protected_route.js');
  route = http.createServer((req, res) => void handler(req as never, nextApiResponse(res) as never));
  await new Promise<void>((r) => route.listen(0, '127.0.0.1', r));
  routeUrl = `http://127.0.0.1:${(route.address() as { port: number }).port}/api/my_protected_route`;
  vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterAll(async () => {
  await new Promise((r) => route.close(r));
  await srv.close();
});

const login = () => officialClient(srv).passwords.create({ email: uniqueEmail('seed'), password: STRONG_PASSWORD, session_duration_minutes: 60 });

describe('seed 001: a route handler that reads the stytch_session cookie and calls sessions.authenticate', () => {
  it('lets a request with a live session through (200)', async () => {
    const { session_token } = await login();
    const r = await fetch(routeUrl, { headers: { cookie: `stytch_session=${session_token}` } });
    expect(r.status).toBe(200);
  });
  it('answers 400 "No session provided" without the cookie', async () => {
    const r = await fetch(routeUrl);
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ errorString: 'No session provided' });
  });
  it('answers 400 with the Stytch error for a revoked session', async () => {
    const { session_token } = await login();
    await officialClient(srv).sessions.revoke({ session_token });
    const r = await fetch(routeUrl, { headers: { cookie: `stytch_session=${session_token}` } });
    expect(r.status).toBe(400);
    const error = JSON.parse((await r.json()).errorString);
    expect(error).toMatchObject({ status_code: 404, error_type: 'session_not_found' });
  });
});

describe('seed 002: getStytchUser() server action returns session.user', () => {
  it('returns the user of the session in the stytch_session cookie', async () => {
    const { requestCookies } = await import('./src/app/next-shim.js');
    const { getStytchUser } = await import('./src/app/shared-actions.js');
    const res = await login();
    requestCookies.set('stytch_session', res.session_token);
    const user = await getStytchUser();
    expect(user.user_id).toBe(res.user_id);
    expect(user.emails[0]?.email).toBe(res.user.emails[0]?.email);
  });
  it('redirects to / without a session cookie', async () => {
    const { requestCookies, RedirectError } = await import('./src/app/next-shim.js');
    const { getStytchUser } = await import('./src/app/shared-actions.js');
    requestCookies.clear();
    await expect(getStytchUser()).rejects.toBeInstanceOf(RedirectError);
  });
});
