import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestRuntime, type TestRuntime } from '@tessera/test-utils';
import { rotateKeys } from '@tessera/server';
import { signJwt, decodeJwt, verifyRs256 } from '../../src/crypto/jwt-signing.js';
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
    expect(verifyRs256(decoded, after.verifier(before.signer!.kid)!)).toBe(true);
  });

  it('private keys are stored encrypted, never as PEM or PKCS#8 in the clear', async () => {
    const [key] = await t.runtime.deps.stores.keys.list(t.ctx.project.project_id);
    expect(key!.private_key).not.toMatch(/BEGIN|MII/);
    expect(() => crypto.createPrivateKey({ key: Buffer.from(key!.private_key, 'base64url'), format: 'der', type: 'pkcs8' })).toThrow();
  });
});
