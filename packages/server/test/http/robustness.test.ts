import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '@tessera/test-utils';
import { STRONG_PASSWORD, uniqueEmail } from '../compat/helpers.js';
import { rawSender, type Send, type Sent } from './send.js';

let srv: TestServer;
let send: Send;
beforeAll(async () => {
  srv = await startServer();
  send = rawSender(srv);
});
afterAll(() => srv.close());

const expectError = (res: Sent, status: number, type: string) => expect([res.status, res.body.error_type]).toEqual([status, type]);

describe('credentials', () => {
  it('every /v1 route but JWKS needs Basic project_id:secret', async () => {
    for (const [method, path] of [
      ['POST', '/v1/users'],
      ['GET', '/v1/users/user-test-1'],
      ['POST', '/v1/sessions/authenticate'],
      ['GET', '/v1/sessions?user_id=x'],
      ['POST', '/v1/passwords/strength_check'],
    ] as const) {
      expectError(await send(method, path, method === 'GET' ? undefined : {}, { authorization: '' }), 401, 'unauthorized_credentials');
    }
  });
  it('wrong secret, unknown project, malformed header -> 401 unauthorized_credentials', async () => {
    const b = (s: string) => 'Basic ' + Buffer.from(s).toString('base64');
    for (const authorization of [
      b(`${srv.project.project_id}:secret-test-wrong`),
      b(`project-test-00000000-0000-4000-8000-000000000000:${srv.project.secret}`),
      b(srv.project.project_id),
      'Bearer xyz',
      'Basic !!!',
      b(`:${srv.project.secret}`),
    ]) {
      expectError(await send('POST', '/v1/passwords/strength_check', { password: 'x' }, { authorization }), 401, 'unauthorized_credentials');
    }
  });
  it("the request id says live for a live project's callers", async () => {
    const live = await srv.createProject({ live: true });
    const res = await send('POST', '/v1/passwords/strength_check', { password: 'x' }, { authorization: 'Basic ' + Buffer.from(`${live.project_id}:${live.secret}`).toString('base64') });
    expect(res.body.request_id).toMatch(/^request-id-live-/);
  });
});

describe('malformed requests get a Stytch-shaped 4xx', () => {
  it('malformed JSON, non-object bodies and prototype keys -> 400 bad_request', async () => {
    expectError(await send('POST', '/v1/users', '{"email": '), 400, 'bad_request');
    expectError(await send('POST', '/v1/users', '[1,2]'), 400, 'bad_request');
    expectError(await send('POST', '/v1/users', '"str"'), 400, 'bad_request');
    expectError(await send('POST', '/v1/users', 'null'), 400, 'bad_request');
    // a route that reads no field takes no non-object either (it took `true` as an empty body once)
    for (const body of ['true', '[]', '"x"', '42', 'null']) expectError(await send('POST', '/v1/test/clock/reset', body), 400, 'bad_request');
    expectError(await send('POST', '/v1/users', '{"email":"a@example.com","__proto__":{"x":1}}'), 400, 'bad_request');
    expectError(await send('POST', '/v1/users', '{"email":"a@example.com","trusted_metadata":{"constructor":{"prototype":{"x":1}}}}'), 400, 'bad_request');
  });
  it('prototype keys spelled with JSON escapes are refused too, and nothing is written', async () => {
    const email = uniqueEmail('escaped');
    const bodies = [
      `{"email":"${email}","trusted_metadata":{"\\u0063\\u006fnstructor":{"prototype":{"isAdmin":true}}}}`,
      `{"email":"${email}","untrusted_metadata":{"\\u0063onstructor":{"\\u0070rototype":{"x":1}}}}`,
      `{"email":"${email}","trusted_metadata":{"\\u005f_proto__":{"isAdmin":true}}}`,
      `{"email":"${email}","\\u005F\\u005Fproto\\u005F\\u005F":{"x":1}}`,
      `{"email":"${email}","trusted_metadata":{"a":[{"b":{"construct\\u006fr":{"prototype":{}}}}]}}`,
    ];
    for (const body of bodies) {
      const res = await send('POST', '/v1/users', body);
      expectError(res, 400, 'bad_request');
      expect(res.body.error_message).toMatch(/forbidden key/);
    }
    const found = await send('POST', '/v1/users/search', { query: { operator: 'AND', operands: [{ filter_name: 'email_address', filter_value: [email] }] } });
    expect(found.body.results).toEqual([]);
    // The same guard on a session's custom claims, which end up in JWTs.
    const claims = `{"session_token":"x","session_custom_claims":{"\\u0063\\u006fnstructor":{"prototype":{"role":"admin"}}}}`;
    expectError(await send('POST', '/v1/sessions/authenticate', claims), 400, 'bad_request');
    // A plain key named "constructor" is only data, as in Fastify's own parser.
    const plain = await send('POST', '/v1/users', { email, trusted_metadata: { constructor: 'x' } });
    expect(plain.status).toBe(200);
  });
  it('wrong types name the field and use its Stytch error type', async () => {
    const r1 = await send('POST', '/v1/users', { email: 5 });
    expectError(r1, 400, 'invalid_email');
    expect(r1.body.error_message).toMatch(/`email` must be a string/);
    expectError(await send('POST', '/v1/sessions/authenticate', { session_token: 'x', session_duration_minutes: '60' }), 400, 'invalid_session_duration_minutes');
    expectError(await send('POST', '/v1/sessions/authenticate', { session_token: 12 }), 400, 'invalid_session_token');
    expectError(await send('POST', '/v1/sessions/authenticate', { session_token: 'x', session_custom_claims: [1] }), 400, 'unable_to_represent_custom_claims_json');
    expectError(await send('POST', '/v1/users', { email: 'a@example.com', name: { first_name: 7 } }), 400, 'invalid_argument');
    expectError(await send('POST', '/v1/users', { email: 'a@example.com', trusted_metadata: 'x' }), 400, 'invalid_metadata');
    const missing = await send('POST', '/v1/passwords/authenticate', { password: 'x' });
    expectError(missing, 400, 'invalid_email');
    expect(missing.body.error_message).toMatch(/`email` is required/);
    expectError(await send('GET', '/v1/sessions'), 400, 'invalid_user_id');
  });
  it('a body over 1 MiB -> 413 request_too_large', async () => {
    expectError(await send('POST', '/v1/users', { email: 'a@example.com', untrusted_metadata: { x: 'y'.repeat(1024 * 1024) } }), 413, 'request_too_large');
  });
  it('huge strings, deep nesting and odd unicode never reach a 500', async () => {
    expectError(await send('POST', '/v1/users', { email: 'a'.repeat(100_000) + '@example.com' }), 400, 'invalid_email');
    const deep = '{"d":'.repeat(100_000) + '"leaf"' + '}'.repeat(100_000);
    expectError(await send('POST', '/v1/users', `{"email":"${uniqueEmail()}","trusted_metadata":{"deep":${deep}}}`), 400, 'invalid_metadata');
    expectError(await send('POST', '/v1/sessions/authenticate', `{"session_token":"x","session_custom_claims":{"deep":${deep}}}`), 400, 'unable_to_represent_custom_claims_json');
    expectError(await send('POST', '/v1/users', { email: '\ud800@example.com' }), 400, 'bad_request');
    expectError(await send('POST', '/v1/users', { email: uniqueEmail(), trusted_metadata: { '\udfff': 1 } }), 400, 'bad_request');
    const odd = await send('POST', '/v1/users', { email: uniqueEmail(), name: { first_name: '\u0000\u202e\ud83d\ude00' } });
    expect(odd.status).toBe(200);
    expect((odd.body.user as { name: { first_name: string } }).name.first_name).toBe('\u0000\u202e\ud83d\ude00');
  });
  it('unknown body fields are ignored', async () => {
    const res = await send('POST', '/v1/users', { email: uniqueEmail(), some_future_field: { a: 1 }, telemetry_id: 'x' });
    expect(res.status).toBe(200);
  });
  it('any content type is read as JSON; an empty body is an empty object', async () => {
    expect((await send('POST', '/v1/users', JSON.stringify({ email: uniqueEmail() }), { 'content-type': 'text/plain' })).status).toBe(200);
    expectError(await send('POST', '/v1/sessions/authenticate', ''), 400, 'no_session_arguments');
  });
});

describe('routing', () => {
  it('unknown routes -> 404 route_not_found; wrong methods -> 405 method_not_allowed with Allow', async () => {
    expectError(await send('GET', '/v1/nope'), 404, 'route_not_found');
    expectError(await send('GET', '/'), 404, 'route_not_found');
    const m = await send('PATCH', '/v1/users/user-test-1', {});
    expectError(m, 405, 'method_not_allowed');
    expect(m.headers.get('allow')).toBe('GET, PUT, DELETE');
    expectError(await send('POST', `/v1/sessions/jwks/${srv.project.project_id}`, {}), 405, 'method_not_allowed');
  });
});

describe('a failed request writes nothing', () => {
  it('passwords.create with a bad session duration creates no user', async () => {
    const email = uniqueEmail('atomic');
    expectError(await send('POST', '/v1/passwords', { email, password: STRONG_PASSWORD, session_duration_minutes: 1 }), 400, 'invalid_session_duration_minutes');
    expectError(await send('POST', '/v1/passwords/authenticate', { email, password: STRONG_PASSWORD }), 404, 'email_not_found');
  });
  it('passwords.create with oversize custom claims creates no user', async () => {
    const email = uniqueEmail('atomic2');
    expectError(await send('POST', '/v1/passwords', { email, password: STRONG_PASSWORD, session_duration_minutes: 60, session_custom_claims: { x: 'y'.repeat(5000) } }), 400, 'custom_claims_too_large');
    expectError(await send('POST', '/v1/passwords/authenticate', { email, password: STRONG_PASSWORD }), 404, 'email_not_found');
  });
});

describe('GET /openapi.json', () => {
  it('describes every route from the request schemas, without credentials', async () => {
    const r = await fetch(`${srv.url}/openapi.json`);
    expect(r.status).toBe(200);
    const doc = await r.json();
    expect(doc.openapi).toBe('3.1.0');
    const { routes } = await import('../../src/http/app.js');
    for (const route of routes) {
      const op = doc.paths[route.url.replace(/:([a-z_]+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.url}`).toBeDefined();
      if (route.body) expect(op.requestBody.content['application/json'].schema.type).toBe('object');
    }
    const create = doc.paths['/v1/users'].post;
    expect(create.requestBody.content['application/json'].schema.properties.email).toMatchObject({ type: 'string', maxLength: 512 });
    expect(JSON.stringify(doc)).not.toContain('errorType');
    expect(doc.paths['/v1/sessions/jwks/{project_id}'].get.security).toEqual([]);
  });
});

describe('requests Node cannot parse', () => {
  it('an oversized request line and a garbage request still get Stytch-shaped JSON', async () => {
    const r = await fetch(`${srv.url}/v1/users/${'a'.repeat(20_000)}`);
    expect(r.status).toBe(431);
    expect([r.headers.get('x-content-type-options'), r.headers.get('cache-control')]).toEqual(['nosniff', 'no-store']);
    expect(await r.json()).toMatchObject({ status_code: 431, error_type: 'request_headers_too_large', request_id: expect.stringMatching(/^request-id-test-/) });
    const net = await import('node:net');
    const { port } = new URL(srv.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('GARBAGE\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => (data += d));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ status_code: 400, error_type: 'bad_request' });
  });
});

describe('response headers', () => {
  const security = (res: Sent) => [res.headers.get('x-content-type-options'), res.headers.get('cache-control')];

  it('answers that carry tokens, and every other API answer, are no-store and nosniff', async () => {
    const created = await send('POST', '/v1/passwords', { email: uniqueEmail('hdr'), password: STRONG_PASSWORD, session_duration_minutes: 5 });
    expect(created.body.session_token).toBeTruthy();
    expect(security(created)).toEqual(['nosniff', 'no-store']);
    const auth = await send('POST', '/v1/sessions/authenticate', { session_token: created.body.session_token });
    expect(auth.body.session_jwt).toBeTruthy();
    expect(security(auth)).toEqual(['nosniff', 'no-store']);
    expect(security(await send('POST', '/v1/sessions/authenticate', { session_token: 'nope' }))).toEqual(['nosniff', 'no-store']);
    expect(security(await send('GET', '/v1/no/such/route'))).toEqual(['nosniff', 'no-store']);
    expect(security(await send('POST', '/v1/users', '{'))).toEqual(['nosniff', 'no-store']);
  });

  it('public keys may be cached but are revalidated, so a rotated-in key is seen at once', async () => {
    const jwks = await send('GET', `/v1/sessions/jwks/${srv.project.project_id}`);
    expect(security(jwks)).toEqual(['nosniff', 'no-cache']);
  });
});
