import { describe, expect, it } from 'vitest';
import * as stytch from 'stytch';
import { B2BClient, Client } from '@tessera/node';
import type { SigningAlg } from '@tessera/server';
import type { TestProject } from '@tessera/test-utils';
import { decodeJwtHeader, officialClient, STRONG_PASSWORD, stytchError, uniqueEmail, useServer } from './helpers.js';
import { b2bClient, loggedIn } from '../b2b/helpers.js';

// The fast signing profiles (ES256, EdDSA), opt-in per project: the official client and @tessera/node verify
// their JWTs locally from the JWKS alone, and the server accepts them back; RS256 stays the default.
const t = useServer({ TESSERA_KEY_ACTIVATION_DELAY_SECONDS: '0' });

const JWK_SHAPE: Record<SigningAlg, object> = {
  RS256: { kty: 'RSA', alg: 'RS256', e: 'AQAB' },
  ES256: { kty: 'EC', alg: 'ES256', crv: 'P-256' },
  EdDSA: { kty: 'OKP', alg: 'EdDSA', crv: 'Ed25519' },
};

async function jwks(projectId: string): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${t.srv.url}/v1/sessions/jwks/${projectId}`);
  expect(res.status).toBe(200);
  return (await res.json()).keys;
}

/** Counts the requests a client sends, so "verified locally" is proved by zero API calls. */
function countingFetch(): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  return { calls, fetch: (input, init) => (calls.push(String(input instanceof Request ? input.url : input)), fetch(input, init)) };
}

const login = (client: stytch.Client) =>
  client.passwords.create({ email: uniqueEmail('alg'), password: STRONG_PASSWORD, session_duration_minutes: 60 });

describe.each(['ES256', 'EdDSA'] as const)('a project created with %s signing keys', (alg) => {
  let project: TestProject;
  let client: stytch.Client;
  it('publishes its key in JWKS with kty, crv and alg, and signs session JWTs with it', async () => {
    project = await t.srv.createProject({ alg });
    client = officialClient(t.srv, project);
    const keys = await jwks(project.project_id);
    expect(keys).toEqual([expect.objectContaining({ ...JWK_SHAPE[alg], use: 'sig', key_ops: ['verify'], kid: expect.stringMatching(/^jwk-test-/) })]);
    expect(keys[0]).not.toHaveProperty('d');
    const res = await login(client);
    expect(decodeJwtHeader(res.session_jwt)).toEqual({ alg, kid: keys[0]!.kid, typ: 'JWT' });
  });

  it('the official client verifies the JWT locally (authenticateJwtLocal, and authenticateJwt without an API call)', async () => {
    const res = await login(client);
    const local = await client.sessions.authenticateJwtLocal({ session_jwt: res.session_jwt });
    expect(local).toMatchObject({ session_id: res.session!.session_id, user_id: res.user_id });
    const viaJwt = (await client.sessions.authenticateJwt({ session_jwt: res.session_jwt })) as Record<string, unknown>;
    expect(viaJwt.request_id).toBeUndefined(); // answered from the JWT alone
  });

  it('@tessera/node verifies it locally with no request after the JWKS', async () => {
    const res = await login(client);
    const counted = countingFetch();
    const node = new Client({ ...project, base_url: t.srv.url, fetch: counted.fetch });
    const first = await node.sessions.authenticateJwtLocal({ session_jwt: res.session_jwt });
    expect(first).toMatchObject({ session_id: res.session!.session_id, user_id: res.user_id });
    expect(counted.calls).toEqual([`${t.srv.url}/v1/sessions/jwks/${project.project_id}`]);
    await node.sessions.authenticateJwtLocal({ session_jwt: (await login(client)).session_jwt });
    expect(counted.calls).toHaveLength(1);
  });

  it('the server takes the JWT back on sessions/authenticate, and refuses it relabelled to another algorithm', async () => {
    const res = await login(client);
    const back = await client.sessions.authenticate({ session_jwt: res.session_jwt });
    expect(back.session.session_id).toBe(res.session!.session_id);
    expect(decodeJwtHeader(back.session_jwt).alg).toBe(alg);
    const [, payload, sig] = res.session_jwt.split('.');
    for (const other of ['RS256', 'ES256', 'EdDSA', 'HS256', 'none'].filter((a) => a !== alg)) {
      const header = Buffer.from(JSON.stringify({ ...decodeJwtHeader(res.session_jwt), alg: other })).toString('base64url');
      const e = await stytchError(client.sessions.authenticate({ session_jwt: `${header}.${payload}.${sig}` }));
      expect([e.status_code, e.error_type]).toEqual([404, 'session_not_found']);
      await expect(client.sessions.authenticateJwtLocal({ session_jwt: `${header}.${payload}.${sig}` })).rejects.toBeTruthy();
    }
  });

  it('member session JWTs too: the official B2BClient and @tessera/node B2BClient verify them locally', async () => {
    const b2b = b2bClient(t.srv, project);
    const { login: member } = await loggedIn(b2b);
    expect(decodeJwtHeader(member.session_jwt).alg).toBe(alg);
    expect((await b2b.sessions.authenticateJwtLocal({ session_jwt: member.session_jwt })).member_session_id).toBe(member.member_session!.member_session_id);
    const node = new B2BClient({ ...project, base_url: t.srv.url });
    expect((await node.sessions.authenticateJwtLocal({ session_jwt: member.session_jwt })).member_session_id).toBe(member.member_session!.member_session_id);
  });
});

describe('switching a project from RS256 to ES256 by rotation', () => {
  it('JWTs signed before keep verifying (old key still published), new ones are ES256, both locally and on the server', async () => {
    const project = await t.srv.createProject();
    const client = officialClient(t.srv, project);
    const before = await login(client);
    expect(decodeJwtHeader(before.session_jwt).alg).toBe('RS256');
    await t.srv.rotateKeys({ project_id: project.project_id, alg: 'ES256', immediate: true });
    expect((await jwks(project.project_id)).map((k) => k.alg)).toEqual(['RS256', 'ES256']);
    const after = await login(client);
    expect(decodeJwtHeader(after.session_jwt).alg).toBe('ES256');
    const fresh = officialClient(t.srv, project); // a verifier that fetches JWKS now sees both keys
    for (const jwt of [before.session_jwt, after.session_jwt]) {
      expect((await fresh.sessions.authenticateJwtLocal({ session_jwt: jwt })).session_id).toBeTruthy();
      expect((await client.sessions.authenticate({ session_jwt: jwt })).session_jwt.length).toBeGreaterThan(0);
    }
    // a verifier that cached the RS256-only JWKS before the rotation refetches on the unknown kid
    const node = new Client({ ...project, base_url: t.srv.url });
    expect((await node.sessions.authenticateJwtLocal({ session_jwt: before.session_jwt })).session_id).toBe(before.session!.session_id);
    expect((await node.sessions.authenticateJwtLocal({ session_jwt: after.session_jwt })).session_id).toBe(after.session!.session_id);
  });
});
