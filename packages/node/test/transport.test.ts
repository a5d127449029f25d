/**
 * Request building, configuration, fetch injection, timeouts, and the error types.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createServer } from 'node:net';
import {
  Client,
  ClientError,
  RequestError,
  StytchError,
  TesseraError,
  TesseraRequestError,
} from '../src/index.js';
import { apiError, startFakeServer, type FakeServer } from './fixtures/fake-server.js';
import { PROJECT_ID, SECRET, makeSigner } from './fixtures/keys.js';

let srv: FakeServer;
let client: Client;

beforeEach(async () => {
  srv = await startFakeServer();
  client = new Client({ project_id: PROJECT_ID, secret: SECRET, base_url: srv.url, warn: () => {} });
});
afterEach(() => srv.close());

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

describe('configuration', () => {
  it('requires project_id, secret and a base URL (no silent default to a hosted API)', () => {
    expect(() => new Client({ project_id: '', secret: SECRET, base_url: srv.url })).toThrow(/project_id/);
    expect(() => new Client({ project_id: PROJECT_ID, secret: '', base_url: srv.url })).toThrow(/secret/);
    expect(() => new Client({ project_id: PROJECT_ID, secret: SECRET })).toThrow(/base_url/);
    expect(() => new Client({ project_id: PROJECT_ID, secret: SECRET, base_url: 'ftp://x' })).toThrow(/http/);
    expect(() => new Client({ project_id: PROJECT_ID, secret: SECRET, base_url: 'not a url' })).toThrow(/Invalid/);
  });

  it('accepts env and custom_base_url as aliases, over plain HTTP, and drops a path prefix like the official SDK', async () => {
    srv.routes.set('GET /v1/users/u1', () => ({ body: { status_code: 200, request_id: 'r', user_id: 'u1' } }));
    for (const config of [{ env: `${srv.url}/` }, { custom_base_url: srv.url }, { base_url: `${srv.url}/prefix/` }]) {
      const c = new Client({ project_id: PROJECT_ID, secret: SECRET, ...config });
      await expect(c.users.get({ user_id: 'u1' })).resolves.toMatchObject({ user_id: 'u1' });
    }
    expect(srv.requests.map((r) => r.url)).toEqual(['/v1/users/u1', '/v1/users/u1', '/v1/users/u1']);
  });
});

describe('requests', () => {
  it('sends Basic auth, JSON and the SDK user agent', async () => {
    srv.routes.set('POST /v1/users', () => ({ body: { status_code: 200, request_id: 'r' } }));
    await client.users.create({ email: 'ada@example.com', name: { first_name: 'Ada' } });
    const [req] = srv.requests;
    expect(req!.headers.authorization).toBe(`Basic ${btoa(`${PROJECT_ID}:${SECRET}`)}`);
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers['user-agent']).toMatch(/^Tessera Node v\d/);
    expect(JSON.parse(req!.body)).toEqual({ email: 'ada@example.com', name: { first_name: 'Ada' } });
  });

  it('returns the response JSON verbatim', async () => {
    const body = { status_code: 200, request_id: 'r', sessions: [], extra_field: { kept: true } };
    srv.routes.set('GET /v1/sessions', () => ({ body }));
    await expect(client.sessions.get({ user_id: 'user-test-1' })).resolves.toEqual(body);
    expect(srv.requests[0]!.url).toBe('/v1/sessions?user_id=user-test-1');
  });

  it('uses an injected fetch for API calls and the JWKS', async () => {
    const calls: string[] = [];
    const spy: typeof fetch = (input, init) => {
      calls.push(String(input));
      return fetch(input, init);
    };
    const signer = await makeSigner();
    srv.keys = [signer.jwk];
    srv.routes.set('GET /v1/users/u1', () => ({ body: { status_code: 200, request_id: 'r' } }));
    const c = new Client({ project_id: PROJECT_ID, secret: SECRET, base_url: srv.url, fetch: spy });
    await c.users.get({ user_id: 'u1' });
    await c.sessions.authenticateJwtLocal({ session_jwt: await signer.sign() });
    expect(calls).toEqual([`${srv.url}/v1/users/u1`, `${srv.url}/v1/sessions/jwks/${PROJECT_ID}`]);
  });

  it('reads globalThis.fetch at call time, so patching it after construction works', async () => {
    srv.routes.set('GET /v1/users/u1', () => ({ body: { status_code: 200, request_id: 'r' } }));
    const spy = vi.spyOn(globalThis, 'fetch');
    try {
      await client.users.get({ user_id: 'u1' });
      expect(spy).toHaveBeenCalledOnce();
    } finally {
      spy.mockRestore();
    }
  });
});

describe('errors', () => {
  it('throws TesseraError with the fields of StytchError for an API error', async () => {
    const body = { ...apiError(404, 'user_not_found', 'User could not be found.'), error_details: { hint: 'x' } };
    srv.routes.set('GET /v1/users/nope', () => ({ status: 404, body }));
    const err = (await client.users.get({ user_id: 'nope' }).catch((e: unknown) => e)) as TesseraError;
    expect(err).toBeInstanceOf(TesseraError);
    expect(err).toBeInstanceOf(StytchError); // the official name is an alias
    expect(err).not.toBeInstanceOf(TesseraRequestError);
    expect({ ...err }).toMatchObject({
      status_code: 404,
      request_id: body.request_id,
      error_type: 'user_not_found',
      error_message: 'User could not be found.',
      error_url: 'https://stytch.com/docs/api/errors/404#user_not_found',
      error_details: { hint: 'x' },
    });
    expect(err.message).toBe(JSON.stringify(body));
    expect(err.cause).toBeUndefined();
  });

  it('maps an OAuth2-style error body as the official SDK does', async () => {
    srv.routes.set('POST /v1/users', () => ({
      status: 401,
      body: { status_code: 401, request_id: 'r', error: 'invalid_client', error_description: 'Bad client.', error_uri: 'https://x' },
    }));
    await expect(client.users.create({ email: 'a@b.c' })).rejects.toMatchObject({
      status_code: 401,
      error_type: 'invalid_client',
      error_message: 'Bad client.',
      error_url: 'https://x',
    });
  });

  it('throws TesseraRequestError (invalid_response) for a body that is not JSON', async () => {
    srv.routes.set('GET /v1/users/u1', () => ({ status: 502, body: '<html>Bad gateway</html>' }));
    const err = (await client.users.get({ user_id: 'u1' }).catch((e: unknown) => e)) as TesseraRequestError;
    expect(err).toBeInstanceOf(TesseraRequestError);
    expect(err).toBeInstanceOf(RequestError);
    expect(err).not.toBeInstanceOf(TesseraError);
    expect(err.reason).toBe('invalid_response');
    expect(err.status_code).toBe(502);
    expect(err.message).toMatch(/^Unable to parse JSON response from server: /);
    expect(err.request).toEqual({ method: 'GET', url: `${srv.url}/v1/users/u1` });
  });

  it('throws TesseraRequestError (network), not TesseraError, when the server is unreachable', async () => {
    const c = new Client({ project_id: PROJECT_ID, secret: SECRET, base_url: `http://127.0.0.1:${await closedPort()}` });
    const err = (await c.users.get({ user_id: 'u1' }).catch((e: unknown) => e)) as TesseraRequestError;
    expect(err).toBeInstanceOf(TesseraRequestError);
    expect(err.reason).toBe('network');
    expect(err.cause).toBeDefined();
  });

  it('aborts a request after `timeout` ms with TesseraRequestError (timeout)', async () => {
    srv.routes.set('GET /v1/users/slow', () => ({ body: { status_code: 200 }, delayMs: 2_000 }));
    const c = new Client({ project_id: PROJECT_ID, secret: SECRET, base_url: srv.url, timeout: 100 });
    const started = Date.now();
    const err = (await c.users.get({ user_id: 'slow' }).catch((e: unknown) => e)) as TesseraRequestError;
    expect(err).toBeInstanceOf(TesseraRequestError);
    expect(err.reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('bounds the JWKS fetch by the timeout too, and reports it as a local failure', async () => {
    const signer = await makeSigner();
    srv.keys = [signer.jwk];
    srv.jwksDelayMs = 2_000;
    const c = new Client({ project_id: PROJECT_ID, secret: SECRET, base_url: srv.url, timeout: 100 });
    const err = (await c.sessions.authenticateJwtLocal({ session_jwt: await signer.sign() }).catch((e: unknown) => e)) as ClientError;
    expect(err).toBeInstanceOf(ClientError);
    expect(err.code).toBe('jwt_invalid');
    expect(String((err.cause as Error).message)).toMatch(/timed out/);
  });
});
