import http from 'node:http';
import { afterAll, beforeAll, expect } from 'vitest';
import * as stytch from 'stytch';
import { startServer, type TestServer } from '@tessera/test-utils';
import { STRONG_PASSWORD, uniqueEmail } from '../compat/helpers.js';

export { STRONG_PASSWORD, uniqueEmail };

export interface SdkAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The parsed body ({} for an empty one). */
  body: Record<string, any>;
  /** `body.data` of a success. */
  data: Record<string, any>;
}

export interface SdkCall {
  method?: string;
  body?: unknown;
  /** Public token for the Basic user; `null` sends no Authorization header. */
  publicToken?: string | null;
  /** Basic password part; defaults to the public token (what the SDK sends without a session). */
  sessionToken?: string;
  origin?: string;
  cookie?: string;
  /** Overrides the Host header (node:http allows it; fetch does not). */
  host?: string;
}

/**
 * One raw frontend-API request as the browser SDK makes it, checked against the protocol: JSON bodies,
 * `{ data: { ..., status_code, request_id } }` on success, top-level Stytch errors otherwise.
 */
export function sdkCall(srv: TestServer, path: string, call: SdkCall = {}): Promise<SdkAnswer> {
  const url = new URL(srv.url + path);
  const token = call.publicToken === undefined ? srv.project.public_token : call.publicToken;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = 'Basic ' + Buffer.from(`${token}:${call.sessionToken ?? token}`).toString('base64');
  if (call.origin) headers.origin = call.origin;
  if (call.cookie) headers.cookie = call.cookie;
  if (call.host) headers.host = call.host;
  const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: call.method ?? 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        try {
          const body = text === '' ? {} : JSON.parse(text);
          const status = res.statusCode!;
          if (text !== '') expect(res.headers['content-type']).toMatch(/^application\/json/);
          if (status === 200) {
            expect(Object.keys(body)).toEqual(['data']);
            expect(body.data.status_code).toBe(200);
            expect(body.data.request_id).toMatch(/^request-id-(test|live)-[0-9a-f-]{36}$/);
          } else if (status >= 400) {
            expect(body.data).toBeUndefined();
            expect(body.status_code).toBe(status);
            expect(body.error_url).toBe(`https://stytch.com/docs/api/errors/${status}#${body.error_type}`);
            expect(typeof body.error_message).toBe('string');
            expect(body.request_id).toMatch(/^request-id-(test|live)-[0-9a-f-]{36}$/);
          }
          resolve({ status, headers: res.headers, body, data: body.data ?? {} });
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** A test server for the file with official backend clients for it. */
export function useSdkServer(): { srv: TestServer; client: stytch.Client; b2b: stytch.B2BClient } {
  const t = {} as { srv: TestServer; client: stytch.Client; b2b: stytch.B2BClient };
  beforeAll(async () => {
    t.srv = await startServer();
    t.client = new stytch.Client({ project_id: t.srv.project.project_id, secret: t.srv.project.secret, env: `${t.srv.url}/` });
    t.b2b = new stytch.B2BClient({ project_id: t.srv.project.project_id, secret: t.srv.project.secret, env: `${t.srv.url}/` });
  });
  afterAll(() => t.srv.close());
  return t;
}

/** Signs a new user up through the frontend API; returns the email and the session token. */
export async function signUp(srv: TestServer, opts: { publicToken?: string; origin?: string } = {}) {
  const email = uniqueEmail('sdk');
  const r = await sdkCall(srv, '/sdk/v1/passwords', { body: { email, password: STRONG_PASSWORD, session_duration_minutes: 60 }, ...opts });
  expect(r.status).toBe(200);
  return { email, token: r.data.session_token as string, jwt: r.data.session_jwt as string, user_id: r.data.user_id as string };
}

/** Lets the server's 5-second project cache forget what it knew (the server's clock is the test clock). */
export const expireCaches = (srv: TestServer) => srv.clock.advance(6_000);
