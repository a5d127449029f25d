import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestRuntime, type TestRuntime } from '@tessera/test-utils';
import { rotateKeys } from '@tessera/server';
import { signJwt, decodeJwt, verifyJwt, SIGNING_ALGS, type SigningAlg } from '../../src/crypto/jwt-signing.js';
import { keyRingOf } from '../../src/domain/projects/key-ring-of.js';

describe('KeyRings: rotation with overlap', () => {
  let t: TestRuntime;
  beforeEach(async () => (t = await openTestRuntime({ env: { TESSERA_KEY_ACTIVATION_DELAY_SECONDS: '60' } })));
  afterEach(() => t.close());

  const ring = () => keyRingOf(t.runtime.deps, t.ctx.project.project_id);

  it('a new project has one active key, published in JWKS', async () => {
    const r = await ring();
    expect(r.signer?.kid).toMatch(/^jwk-test-[0-9a-f-]{36}$/);
    expect(r.jwks.map((k) => k.kid)).toEqual([r.signer!.kid]);
    expect(r.jwks[0]).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256', key_ops: ['verify'], e: 'AQAB' });
  });

  it('rotate publishes the new key at once, signs with it after the delay, and retires the old one after 5 min + leeway', async () => {
    const old = (await ring()).signer!.kid;
    const { kid } = await rotateKeys(t.runtime.deps, t.ctx.project.project_id);
    let r = await ring();
    expect(r.signer!.kid).toBe(old); // pending: not signing yet
    expect(r.jwks.map((k) => k.kid)).toEqual([old, kid]);

    t.clock.advance(60_000);
    r = await ring();
    expect(r.signer!.kid).toBe(kid);
    expect(r.jwks.map((k) => k.kid)).toEqual([old, kid]); // old still verifies JWTs it signed

    t.clock.advance(5 * 60_000 + 59_000);
    expect((await ring()).jwks.map((k) => k.kid)).toEqual([old, kid]);
    t.clock.advance(2_000);
    r = await ring();
    expect(r.jwks.map((k) => k.kid)).toEqual([kid]);
    expect(r.verifier(old)).toBeUndefined();
  });

  it('a JWT signed before rotation still verifies with the published old key', async () => {
    const before = await ring();
    const jwt = await signJwt(before.signer!, { sub: 'x' });
    await rotateKeys(t.runtime.deps, t.ctx.project.project_id, { immediate: true });
    const after = await ring();
    expect(after.signer!.kid).not.toBe(before.signer!.kid);
    const decoded = decodeJwt(jwt)!;
    expect(verifyJwt(decoded, after.verifier(before.signer!.kid)!)).toBe(true);
  });

  it('private keys are stored encrypted, never as PEM or PKCS#8 in the clear', async () => {
    const [key] = await t.runtime.deps.stores.keys.list(t.ctx.project.project_id);
    // Not PEM, and not PKCS#8 DER in base64 (which starts "MII"). Anchored: the ciphertext is random base64url,
    // which contains "MII" somewhere in about 1 run in 150 (it failed CI once that way).
    expect(key!.private_key).not.toMatch(/BEGIN|^MII/);
    expect(() => crypto.createPrivateKey({ key: Buffer.from(key!.private_key, 'base64url'), format: 'der', type: 'pkcs8' })).toThrow();
  });
});

describe('KeyRings: signing profiles (RS256, ES256, EdDSA)', () => {
  let t: TestRuntime;
  beforeEach(async () => (t = await openTestRuntime({ env: { TESSERA_KEY_ACTIVATION_DELAY_SECONDS: '60' } })));
  afterEach(() => t.close());

  const ring = () => keyRingOf(t.runtime.deps, t.ctx.project.project_id);
  const shapes: Record<SigningAlg, object> = {
    RS256: { kty: 'RSA', alg: 'RS256', e: 'AQAB', x5c: [], x5tS256: '' },
    ES256: { kty: 'EC', alg: 'ES256', crv: 'P-256' },
    EdDSA: { kty: 'OKP', alg: 'EdDSA', crv: 'Ed25519' },
  };
  const header = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString());

  it.each(SIGNING_ALGS)('%s: the key is published with its alg, signs JWTs whose header names it, and verifies them', async (alg) => {
    const { kid } = await rotateKeys(t.runtime.deps, t.ctx.project.project_id, { immediate: true, alg });
    const r = await ring();
    expect(r.signer).toMatchObject({ kid, alg });
    const jwk = r.jwks.find((k) => k.kid === kid)!;
    expect(jwk).toMatchObject({ ...shapes[alg], kid, use: 'sig', key_ops: ['verify'] });
    expect(jwk).not.toHaveProperty('d'); // public half only
    const jwt = await signJwt(r.signer!, { sub: 'user-1' });
    expect(header(jwt)).toEqual({ alg, kid, typ: 'JWT' });
    expect(verifyJwt(decodeJwt(jwt)!, r.verifier(kid)!)).toBe(true);
    // the same key checked through jose's own verifier, from the published JWK alone
    const { jwtVerify, importJWK } = await import('jose');
    await expect(jwtVerify(jwt, await importJWK(jwk as never, alg))).resolves.toBeTruthy();
  });

  it('ES256 signatures are JOSE r‖s (64 bytes), not DER', async () => {
    await rotateKeys(t.runtime.deps, t.ctx.project.project_id, { immediate: true, alg: 'ES256' });
    const jwt = await signJwt((await ring()).signer!, { sub: 'x' });
    expect(Buffer.from(jwt.split('.')[2]!, 'base64url')).toHaveLength(64);
  });

  it('the key decides the algorithm: a header naming another alg is refused, a tampered payload too', async () => {
    const rsa = (await ring()).signer!;
    await rotateKeys(t.runtime.deps, t.ctx.project.project_id, { immediate: true, alg: 'EdDSA' });
    const r = await ring();
    const jwt = await signJwt(r.signer!, { sub: 'x' });
    const [h, p, sig] = jwt.split('.') as [string, string, string];
    const relabel = (alg: string) => `${Buffer.from(JSON.stringify({ ...header(jwt), alg })).toString('base64url')}.${p}.${sig}`;
    for (const alg of ['ES256', 'RS256', 'HS256', 'none']) expect(verifyJwt(decodeJwt(relabel(alg))!, r.verifier(r.signer!.kid)!)).toBe(false);
    const tampered = `${h}.${Buffer.from(JSON.stringify({ sub: 'y' })).toString('base64url')}.${sig}`;
    expect(verifyJwt(decodeJwt(tampered)!, r.verifier(r.signer!.kid)!)).toBe(false);
    // an RS256 JWT presented under the EdDSA kid fails, and under its own (still published) kid passes
    const old = await signJwt(rsa, { sub: 'x' });
    expect(verifyJwt(decodeJwt(old)!, r.verifier(r.signer!.kid)!)).toBe(false);
    expect(verifyJwt(decodeJwt(old)!, r.verifier(rsa.kid)!)).toBe(true);
  });

  it('a rotation without alg keeps the newest key\'s algorithm; with alg it switches, the old key staying published', async () => {
    const project = t.ctx.project.project_id;
    await rotateKeys(t.runtime.deps, project, { immediate: true, alg: 'ES256' });
    const kept = await rotateKeys(t.runtime.deps, project, { immediate: true });
    expect(kept.public_jwk).toMatchObject({ alg: 'ES256' });
    const back = await rotateKeys(t.runtime.deps, project, { alg: 'RS256' });
    expect(back.public_jwk).toMatchObject({ alg: 'RS256' });
    expect((await ring()).jwks.map((k) => k.alg)).toEqual(['RS256', 'ES256', 'ES256', 'RS256']);
    expect((await ring()).signer!.alg).toBe('ES256'); // the RS256 key waits for its activation delay
  });
});
