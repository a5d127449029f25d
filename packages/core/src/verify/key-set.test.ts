import { beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { AmbiguousKeyError, KeySet, UnsupportedAlgorithmError } from './key-set.js';

let rsa: JWK;
let rsa2: JWK;
let rsaPrivate: JWK;

beforeAll(async () => {
  const a = await generateKeyPair('RS256', { extractable: true });
  const b = await generateKeyPair('RS256', { extractable: true });
  rsa = { ...(await exportJWK(a.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig', key_ops: ['verify'] };
  rsa2 = { ...(await exportJWK(b.publicKey)), kid: 'k2' };
  rsaPrivate = { ...(await exportJWK(a.privateKey)), kid: 'kp' };
});

describe('KeySet', () => {
  it('resolves a key by kid, imports it once, then returns it synchronously', async () => {
    const set = new KeySet({ keys: [rsa, rsa2] });
    const first = set.resolve({ alg: 'RS256', kid: 'k1' });
    expect(first).toBeInstanceOf(Promise);
    const key = (await first)!;
    expect(key.type).toBe('public');
    expect(set.resolve({ alg: 'RS256', kid: 'k1' })).toBe(key); // the CryptoKey itself, no promise
    expect(set.size).toBe(2);
  });

  it('returns undefined for an unknown kid or a key that does not suit the token', () => {
    const set = new KeySet({
      keys: [rsa, { ...rsa2, kid: 'enc', use: 'enc' }, { ...rsa2, kid: 'sign-only', key_ops: ['sign'] }],
    });
    expect(set.resolve({ alg: 'RS256', kid: 'nope' })).toBeUndefined();
    expect(set.resolve({ alg: 'RS512', kid: 'k1' })).toBeUndefined(); // the key says RS256
    expect(set.resolve({ alg: 'ES256', kid: 'k1' })).toBeUndefined(); // wrong kty
    expect(set.resolve({ alg: 'RS256', kid: 'enc' })).toBeUndefined();
    expect(set.resolve({ alg: 'RS256', kid: 'sign-only' })).toBeUndefined();
  });

  it('refuses algorithms no public key may verify', () => {
    const set = new KeySet({ keys: [rsa] });
    for (const alg of ['HS256', 'none', 'XYZ', '__proto__', 'constructor', 'toString', undefined]) {
      expect(() => set.resolve({ alg, kid: 'k1' })).toThrow(UnsupportedAlgorithmError);
    }
  });

  it('without kid, uses the only suitable key and refuses to guess between several', async () => {
    await expect(new KeySet({ keys: [rsa] }).resolve({ alg: 'RS256' })).resolves.toBeTruthy();
    expect(() => new KeySet({ keys: [rsa, rsa2] }).resolve({ alg: 'RS256' })).toThrow(AmbiguousKeyError);
    expect(() => new KeySet({ keys: [rsa, { ...rsa2, kid: 'k1' }] }).resolve({ alg: 'RS256', kid: 'k1' })).toThrow(AmbiguousKeyError);
  });

  it('rejects a private key and does not cache the failure', async () => {
    const set = new KeySet({ keys: [rsaPrivate] });
    await expect(set.resolve({ alg: 'RS256', kid: 'kp' })).rejects.toThrow(/public/);
    await expect(set.resolve({ alg: 'RS256', kid: 'kp' })).rejects.toThrow(/public/);
  });

  it('rejects a malformed set and keeps a private copy of the keys', () => {
    for (const bad of [null, {}, { keys: 'x' }, { keys: [1] }, { keys: [[]] }]) expect(() => new KeySet(bad)).toThrow(TypeError);
    const input = { keys: [{ ...rsa }] };
    const set = new KeySet(input);
    input.keys[0]!.kid = 'mutated';
    expect(set.jwks().keys[0]!.kid).toBe('k1');
  });
});
