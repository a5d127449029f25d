/**
 * The JWS algorithms a session JWT may be verified with: the asymmetric ones jose 6 verifies. HMAC never: a
 * public JWKS has no secret keys, and accepting `HS256` against one is the classic algorithm-confusion
 * attack. One table for both sides of a verification: which JWK may verify a token of that `alg`
 * (`key-set.ts`, jose's `createLocalJWKSet` rules) and how node:crypto checks the signature with the key
 * (`node-jwt-verify.ts`).
 *
 * @module
 */

export interface JwsAlgorithm {
  /** The JWK key type that may verify it. */
  kty: 'RSA' | 'EC' | 'OKP';
  /** The JWK curve, for EC and OKP keys. */
  crv?: string;
  /** node:crypto's digest name; null for Ed25519, which hashes internally. */
  digest: string | null;
  /** What the imported CryptoKey's `algorithm` must say, as jose's `checkCryptoKey` requires. */
  name: string;
  hash?: string;
  namedCurve?: string;
  pssSaltLength?: number;
  ecdsa?: boolean;
  minRsaBits?: number;
}

const rsa = (bits: number): JwsAlgorithm => ({ kty: 'RSA', digest: `sha${bits}`, name: 'RSASSA-PKCS1-v1_5', hash: `SHA-${bits}`, minRsaBits: 2048 });
const pss = (bits: number): JwsAlgorithm => ({ kty: 'RSA', digest: `sha${bits}`, name: 'RSA-PSS', hash: `SHA-${bits}`, minRsaBits: 2048, pssSaltLength: bits / 8 });
const ec = (bits: number, curve: string): JwsAlgorithm => ({ kty: 'EC', crv: curve, digest: `sha${bits}`, name: 'ECDSA', namedCurve: curve, ecdsa: true });
const ed: JwsAlgorithm = { kty: 'OKP', crv: 'Ed25519', digest: null, name: 'Ed25519' };

/** By `alg` header value; a Map, so that `__proto__` or `constructor` is just an unknown algorithm. */
export const JWS_ALGORITHMS: ReadonlyMap<string, JwsAlgorithm> = new Map([
  ['RS256', rsa(256)],
  ['RS384', rsa(384)],
  ['RS512', rsa(512)],
  ['PS256', pss(256)],
  ['PS384', pss(384)],
  ['PS512', pss(512)],
  ['ES256', ec(256, 'P-256')],
  ['ES384', ec(384, 'P-384')],
  ['ES512', ec(512, 'P-521')],
  ['EdDSA', ed],
  ['Ed25519', ed],
]);
