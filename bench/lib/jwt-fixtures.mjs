// jwt-fixtures.mjs: an RSA key pair, a project JWKS and N distinct session JWTs in Stytch's claim layout
// (Stytch's claim layout, see docs/architecture.md, "Session JWTs"). Made in process, nothing written to disk.
import crypto from 'node:crypto';
import * as jose from 'jose';

export const PROJECT_ID = 'project-test-00000000-0000-0000-0000-000000000000';
export const PROJECT_SECRET = 'secret-test-bench-bench-bench-bench-bench-bench-00';
export const ISSUER = `stytch.com/${PROJECT_ID}`;

/**
 * @returns {{ jwks, tokens: string[], expected: {sub: string, session_id: string}[], kid: string, tampered: string }}
 * Tokens are valid for `lifetimeS` (default 3600 s, so they outlive the run; Stytch uses 300 s).
 */
export async function makeFixtures(n = 1000, { lifetimeS = 3600 } = {}) {
  const kp = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'jwk-test-' + crypto.randomUUID();
  // Two keys, as during a rotation: the verifier must pick by kid.
  const old = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
  const jwks = { keys: [
    { ...old, kid: 'jwk-test-' + crypto.randomUUID(), alg: 'RS256', use: 'sig' },
    { ...kp.publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' },
  ] };
  const priv = await jose.importPKCS8(kp.privateKey.export({ type: 'pkcs8', format: 'pem' }), 'RS256');
  const tokens = [], expected = [];
  const iat = Math.floor(Date.now() / 1000);
  for (let i = 0; i < n; i++) {
    const sub = 'user-test-' + crypto.randomUUID(), session_id = 'session-test-' + crypto.randomUUID();
    const at = new Date(iat * 1000).toISOString();
    tokens.push(await new jose.SignJWT({
      'https://stytch.com/session': {
        id: session_id, started_at: at, last_accessed_at: at, expires_at: new Date(Date.now() + 864e5).toISOString(),
        attributes: { ip_address: '', user_agent: '' },
        authentication_factors: [{ type: 'magic_link', delivery_method: 'email', last_authenticated_at: at,
          email_factor: { email_id: 'email-test-' + crypto.randomUUID(), email_address: `u${i}@example.com` } }],
      },
    }).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).setSubject(sub).setIssuer(ISSUER)
      .setAudience([PROJECT_ID]).setIssuedAt(iat).setNotBefore(iat).setExpirationTime(iat + lifetimeS).sign(priv));
    expected.push({ sub, session_id });
  }
  // same header and payload as tokens[0], signature of another message: must be rejected
  const [h, p] = tokens[0].split('.');
  const tampered = `${h}.${p}.${tokens[1].split('.')[2]}`;
  return { jwks, tokens, expected, kid, tampered };
}
