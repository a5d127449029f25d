/**
 * `sessions.authenticateJwtLocal` against locally generated RS256 keys served by a loopback JWKS.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SignJWT, base64url } from 'jose';
import { SESSION_CLAIM, SessionVerifier } from '@tessera/core';
import { Client, ClientError } from '../src/index.js';
import { startFakeServer, type FakeServer } from './fixtures/fake-server.js';
import { PROJECT_ID, SECRET, SESSION_ID, USER_ID, makeSigner, type Signer } from './fixtures/keys.js';

let srv: FakeServer;
let signer: Signer;
let client: Client;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  signer = await makeSigner(); // RSA key generation is slow: one key for the file, fresh ones where a test needs them
});
beforeEach(async () => {
  srv = await startFakeServer();
  srv.keys = [signer.jwk];
  client = new Client({ project_id: PROJECT_ID, secret: SECRET, base_url: srv.url, warn: () => {} });
});
afterEach(() => srv.close());

async function rejects(jwt: string, code: string, extra: object = {}): Promise<ClientError> {
  const err = await client.sessions.authenticateJwtLocal({ session_jwt: jwt, ...extra }).then(
    () => expect.fail('expected a ClientError'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ClientError);
  expect((err as ClientError).code).toBe(code);
  return err as ClientError;
}

describe('authenticateJwtLocal', () => {
  it('returns the session built from the claims, as the official SDK does', async () => {
    const iat = now();
    const jwt = await signer.sign({ iat, claims: { plan: 'pro', nested: { a: 1 }, jti: 'j1' } });
    const session = await client.sessions.authenticateJwtLocal({ session_jwt: jwt });
    expect(session).toEqual({
      session_id: SESSION_ID,
      user_id: USER_ID,
      attributes: { ip_address: '', user_agent: '' },
      authentication_factors: [
        { type: 'password', delivery_method: 'knowledge', last_authenticated_at: expect.any(String) },
      ],
      started_at: new Date((iat - 60) * 1000).toISOString().replace('.000Z', 'Z'),
      last_accessed_at: new Date(iat * 1000).toISOString().replace('.000Z', 'Z'),
      // Re-formatted with milliseconds, exactly like stytch's `new Date(...).toISOString()`.
      expires_at: new Date((iat + 3600) * 1000).toISOString(),
      custom_claims: { plan: 'pro', nested: { a: 1 } },
      roles: ['stytch_user'],
    });
    expect(session.expires_at).toMatch(/\.000Z$/);
  });

  it('falls back to exp for expires_at when the claim has none', async () => {
    const iat = now();
    const jwt = await signer.sign({
      iat,
      claims: {
        [SESSION_CLAIM]: { id: SESSION_ID, started_at: '', last_accessed_at: '', attributes: {}, authentication_factors: [], roles: [] },
      },
    });
    const session = await client.sessions.authenticateJwtLocal({ session_jwt: jwt });
    expect(session.expires_at).toBe(new Date((iat + 300) * 1000).toISOString());
  });

  it('fetches the JWKS once, without credentials, and reuses it', async () => {
    for (let i = 0; i < 3; i++) await client.sessions.authenticateJwtLocal({ session_jwt: await signer.sign() });
    const jwks = srv.jwksRequests();
    expect(jwks).toHaveLength(1);
    expect(jwks[0]!.headers.authorization).toBeUndefined();
    expect(jwks[0]!.url).toBe(`/v1/sessions/jwks/${PROJECT_ID}`);
  });

  it('rejects an expired token with jwt_invalid, and accepts it within clock_tolerance_seconds', async () => {
    const jwt = await signer.sign({ iat: now() - 310 }); // exp 10 s ago
    const err = await rejects(jwt, 'jwt_invalid');
    expect(err.message).toMatch(/^jwt_invalid: Could not verify JWT: /);
    await expect(client.sessions.authenticateJwtLocal({ session_jwt: jwt, clock_tolerance_seconds: 30 })).resolves.toMatchObject({
      session_id: SESSION_ID,
    });
  });

  it('rejects a token that is not yet valid unless the tolerance covers it', async () => {
    const jwt = await signer.sign({ iat: now() + 20 });
    await rejects(jwt, 'jwt_invalid');
    await expect(client.sessions.authenticateJwtLocal({ session_jwt: jwt, clock_tolerance_seconds: 60 })).resolves.toBeTruthy();
  });

  it('takes the client-level clock_tolerance_seconds as the default', async () => {
    const lenient = new Client({ project_id: PROJECT_ID, secret: SECRET, base_url: srv.url, clock_tolerance_seconds: 60, warn: () => {} });
    const jwt = await signer.sign({ iat: now() - 320 });
    await expect(lenient.sessions.authenticateJwtLocal({ session_jwt: jwt })).resolves.toBeTruthy();
    await expect(lenient.sessions.authenticateJwtLocal({ session_jwt: jwt, clock_tolerance_seconds: 0 })).rejects.toThrow(ClientError);
  });

  it('honours current_date', async () => {
    const iat = now() - 3600;
    const jwt = await signer.sign({ iat });
    await rejects(jwt, 'jwt_invalid');
    await expect(
      client.sessions.authenticateJwtLocal({ session_jwt: jwt, current_date: new Date((iat + 10) * 1000) }),
    ).resolves.toBeTruthy();
  });

  describe('issuer, audience, typ, alg', () => {
    it('accepts iss = stytch.com/{project_id} and iss = the base URL without trailing slash', async () => {
      await expect(client.sessions.authenticateJwtLocal({ session_jwt: await signer.sign() })).resolves.toBeTruthy();
      const viaUrl = await signer.sign({ claims: { iss: srv.url } });
      await expect(client.sessions.authenticateJwtLocal({ session_jwt: viaUrl })).resolves.toBeTruthy();
      // The configured URL is compared without trailing slashes, as the official SDK does with `env`.
      const slashed = new Client({ project_id: PROJECT_ID, secret: SECRET, env: `${srv.url}/`, warn: () => {} });
      await expect(slashed.sessions.authenticateJwtLocal({ session_jwt: viaUrl })).resolves.toBeTruthy();
    });

    it('rejects a wrong issuer, including the base URL with a trailing slash', async () => {
      await rejects(await signer.sign({ claims: { iss: 'stytch.com/project-test-other' } }), 'jwt_invalid');
      await rejects(await signer.sign({ claims: { iss: `${srv.url}/` } }), 'jwt_invalid');
      await rejects(await signer.sign({ claims: { iss: undefined } }), 'jwt_invalid');
    });

    it('accepts aud as a string or an array, and rejects another project', async () => {
      await expect(client.sessions.authenticateJwtLocal({ session_jwt: await signer.sign({ claims: { aud: PROJECT_ID } }) })).resolves.toBeTruthy();
      await rejects(await signer.sign({ claims: { aud: ['project-test-other'] } }), 'jwt_invalid');
      await rejects(await signer.sign({ claims: { aud: undefined } }), 'jwt_invalid');
    });

    it('requires typ JWT', async () => {
      await rejects(await signer.sign({ header: { typ: undefined } }), 'jwt_invalid');
      await rejects(await signer.sign({ header: { typ: 'at+jwt' } }), 'jwt_invalid');
    });

    it('rejects alg none, HS256 (alg confusion) and a bad signature', async () => {
      const good = await signer.sign();
      const [, payload] = good.split('.');
      const none = `${base64url.encode(JSON.stringify({ alg: 'none', kid: signer.kid, typ: 'JWT' }))}.${payload}.`;
      await rejects(none, 'jwt_invalid');
      // HMAC keyed with the public key's JSON: the attack an RSA/HMAC mix-up would let through.
      const hs = await new SignJWT(JSON.parse(new TextDecoder().decode(base64url.decode(payload!))))
        .setProtectedHeader({ alg: 'HS256', kid: signer.kid, typ: 'JWT' })
        .sign(new TextEncoder().encode(JSON.stringify(signer.jwk)));
      await rejects(hs, 'jwt_invalid');
      const other = await makeSigner(signer.kid); // same kid, other key
      await rejects(await other.sign(), 'jwt_invalid');
      await rejects('not.a.jwt', 'jwt_invalid');
    });

    it('rejects a key whose alg does not match the token', async () => {
      srv.keys = [{ ...signer.jwk, alg: 'RS512' }];
      await rejects(await signer.sign(), 'jwt_invalid');
    });

    it('verifies ES256 tokens from an EC key in the set', async () => {
      const ec = await makeSigner('jwk-test-ec', 'ES256');
      srv.keys = [signer.jwk, ec.jwk];
      await expect(client.sessions.authenticateJwtLocal({ session_jwt: await ec.sign() })).resolves.toBeTruthy();
    });

    it('requires the session claim', async () => {
      const err = await rejects(await signer.sign({ claims: { [SESSION_CLAIM]: undefined } }), 'jwt_invalid');
      expect(err.message).toContain(SESSION_CLAIM);
    });
  });

  describe('max_token_age_seconds', () => {
    it('accepts a token younger than the limit and rejects an older one with jwt_too_old', async () => {
      const jwt = await signer.sign({ iat: now() - 100 });
      await expect(client.sessions.authenticateJwtLocal({ session_jwt: jwt, max_token_age_seconds: 200 })).resolves.toBeTruthy();
      const err = await rejects(jwt, 'jwt_too_old', { max_token_age_seconds: 60 });
      expect(err.message).toMatch(/^jwt_too_old: JWT was issued at \d+, more than 60 seconds ago$/);
    });

    it('treats 0 as "every token is too old"', async () => {
      await rejects(await signer.sign(), 'jwt_too_old', { max_token_age_seconds: 0 });
    });

    it('requires iat when a limit is set, and not otherwise', async () => {
      const jwt = await signer.sign({ claims: { iat: undefined } });
      await expect(client.sessions.authenticateJwtLocal({ session_jwt: jwt })).resolves.toBeTruthy();
      const err = await rejects(jwt, 'jwt_invalid', { max_token_age_seconds: 300 });
      expect(err.message).toBe('jwt_invalid: JWT was missing iat claim');
    });
  });

  describe('JWKS cache', () => {
    it('shares one fetch between concurrent callers', async () => {
      srv.jwksDelayMs = 50;
      const tokens = await Promise.all(Array.from({ length: 20 }, () => signer.sign()));
      const sessions = await Promise.all(tokens.map((session_jwt) => client.sessions.authenticateJwtLocal({ session_jwt })));
      expect(sessions).toHaveLength(20);
      expect(srv.jwksRequests()).toHaveLength(1);
    });

    it('does not refetch for an unknown kid within 30 s of the last fetch (cooldown)', async () => {
      await client.sessions.authenticateJwtLocal({ session_jwt: await signer.sign() });
      expect(srv.jwksRequests()).toHaveLength(1);
      // The server rotates: the new key is served, but our first fetch is recent: the cooldown holds.
      const rotated = await makeSigner();
      srv.keys = [signer.jwk, rotated.jwk];
      await rejects(await rotated.sign(), 'jwt_invalid');
      expect(srv.jwksRequests()).toHaveLength(1);
    });

    it('refetches on an unknown kid once the cooldown has passed, and finds the new key', async () => {
      // The core verifier the client wraps, with an injected clock for the cache; tokens are checked at real time.
      let t = Date.now();
      const verifier = new SessionVerifier({ projectId: PROJECT_ID, baseUrl: srv.url, now: () => t, warn: () => {} });
      await verifier.verify(await signer.sign(), { currentDate: new Date() });
      const rotated = await makeSigner();
      srv.keys = [signer.jwk, rotated.jwk];
      const next = await rotated.sign();
      await expect(verifier.verify(next, { currentDate: new Date() })).rejects.toMatchObject({ code: 'jwt_invalid' });
      expect(srv.jwksRequests()).toHaveLength(1);
      t += 29_000;
      await expect(verifier.verify(next, { currentDate: new Date() })).rejects.toMatchObject({ code: 'jwt_invalid' });
      expect(srv.jwksRequests()).toHaveLength(1);
      t += 1_000;
      await expect(verifier.verify(next, { currentDate: new Date() })).resolves.toMatchObject({ sub: USER_ID });
      expect(srv.jwksRequests()).toHaveLength(2);
      // A second unknown kid right after: no third fetch.
      const third = await makeSigner();
      await expect(verifier.verify(await third.sign(), { currentDate: new Date() })).rejects.toMatchObject({ code: 'jwt_invalid' });
      expect(srv.jwksRequests()).toHaveLength(2);
    });

    it('does not cache a failed JWKS fetch: the next call retries', async () => {
      srv.jwksStatus = 503;
      await rejects(await signer.sign(), 'jwt_invalid');
      srv.jwksStatus = 200;
      await expect(client.sessions.authenticateJwtLocal({ session_jwt: await signer.sign() })).resolves.toBeTruthy();
      expect(srv.jwksRequests()).toHaveLength(2);
    });
  });
});
