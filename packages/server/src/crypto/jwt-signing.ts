/**
 * JWT signing and verification with node:crypto, for the three signing profiles a project may choose:
 *
 * - `RS256` (RSA-2048), the default and what Stytch uses: a signature costs ~265 µs (0.8 ms on some CPUs).
 * - `ES256` (ECDSA P-256) and `EdDSA` (Ed25519), opt-in per project (`tessera keys rotate --alg`): ~28 µs.
 *   ES256 signatures are in JOSE's fixed-width r‖s form (`ieee-p1363`), not DER.
 *
 * Every signature is made on the libuv threadpool (the callback form of `crypto.sign`), the fast ones too:
 * the event loop is what limits a server's throughput, and measured on the 2-vCPU box an ES256 authenticate
 * signed inline ran at 0.68× the baseline with the event loop at 100 %, against 1.25× signed on the
 * threadpool. For RS256 the performance baseline study measured 0.62× inline; the callback form also beat
 * jose's WebCrypto path by 1.12× there.
 *
 * How many signatures run at once is the size of libuv's threadpool, which the `tessera` binary sets to the
 * number of cores, and at least 2, unless the operator set `UV_THREADPOOL_SIZE` (libuv reads it once, when
 * the pool starts, and loading an ES module starts it: so the binary's entry, `dist/bundle/tessera.cjs` from
 * scripts/bundle.mjs, is CommonJS; a process embedding the server sets it in its environment). With a single
 * signing thread the event loop and that thread hand each signature to each other: the loop sleeps until
 * the signature is back and is woken for it (0.18 voluntary context switches a request against 0.03 with
 * two threads) and is preempted more (0.82 against 0.5), which cost ~30 µs of event-loop CPU a request on the
 * 2-vCPU box (docs/performance.md). Limiting the signatures in flight in JavaScript was worse still (0.6× the
 * baseline): the signing thread idled between a signature and the event loop handing it the next one, where
 * libuv's own queue hands it over at once.
 *
 * The official `stytch` client verifies all three locally (its `authenticateJwtLocal` gives jose no algorithm
 * list, so jose accepts what the key in JWKS suits), and so do `@tessera/node` and `@tessera/edge`.
 *
 * @module
 */
import crypto from 'node:crypto';

export const SIGNING_ALGS = ['RS256', 'ES256', 'EdDSA'] as const;
export type SigningAlg = (typeof SIGNING_ALGS)[number];
export const DEFAULT_SIGNING_ALG: SigningAlg = 'RS256';

export function isSigningAlg(value: unknown): value is SigningAlg {
  return (SIGNING_ALGS as readonly unknown[]).includes(value);
}

interface AlgSpec {
  /** The digest `crypto.sign`/`verify` take (null: Ed25519 hashes internally). */
  digest: string | null;
  /** Signature encoding for ECDSA; JOSE wants r‖s. */
  dsaEncoding?: 'ieee-p1363';
  generate(): Promise<{ privateKey: crypto.KeyObject; publicKey: crypto.KeyObject }>;
}

const promisedPair =
  (type: 'rsa' | 'ec' | 'ed25519', options: object) =>
  (): Promise<{ privateKey: crypto.KeyObject; publicKey: crypto.KeyObject }> =>
    new Promise((resolve, reject) =>
      crypto.generateKeyPair(type as 'rsa', options as crypto.RSAKeyPairKeyObjectOptions, (err, publicKey, privateKey) =>
        err ? reject(err) : resolve({ publicKey, privateKey }),
      ),
    );

const SPECS: Readonly<Record<SigningAlg, AlgSpec>> = {
  RS256: { digest: 'sha256', generate: promisedPair('rsa', { modulusLength: 2048, publicExponent: 0x10001 }) },
  ES256: { digest: 'sha256', dsaEncoding: 'ieee-p1363', generate: promisedPair('ec', { namedCurve: 'P-256' }) },
  EdDSA: { digest: null, generate: promisedPair('ed25519', {}) },
};

export interface Signer {
  kid: string;
  alg: SigningAlg;
  key: crypto.KeyObject;
  /** base64url of `{"alg":...,"kid":...,"typ":"JWT"}`, computed once per key. */
  header: string;
}

/** A published public key and the one algorithm it verifies. */
export interface Verifier {
  alg: SigningAlg;
  key: crypto.KeyObject;
}

/** The key as `crypto.sign`/`verify` take it: ECDSA also names the signature encoding. */
const cryptoKey = (alg: SigningAlg, key: crypto.KeyObject): crypto.KeyObject | { key: crypto.KeyObject; dsaEncoding: 'ieee-p1363' } => {
  const encoding = SPECS[alg].dsaEncoding;
  return encoding ? { key, dsaEncoding: encoding } : key;
};

export function makeSigner(kid: string, key: crypto.KeyObject, alg: SigningAlg = DEFAULT_SIGNING_ALG): Signer {
  const header = Buffer.from(JSON.stringify({ alg, kid, typ: 'JWT' })).toString('base64url');
  return { kid, alg, key, header };
}

export function signJwt(signer: Signer, payload: object): Promise<string> {
  const input = `${signer.header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const key = cryptoKey(signer.alg, signer.key);
  return new Promise((resolve, reject) => {
    crypto.sign(SPECS[signer.alg].digest, Buffer.from(input), key, (err, sig) => (err ? reject(err) : resolve(`${input}.${sig.toString('base64url')}`)));
  });
}

export type DecodedJwt = { header: { alg?: unknown; kid?: unknown; typ?: unknown }; payload: Record<string, unknown>; input: string; signature: Buffer };

/** Splits and parses a compact JWS; null when it is not one. Verifies nothing. */
export function decodeJwt(jwt: string): DecodedJwt | null {
  if (jwt.length > 16384) return null;
  const parts = jwt.split('.');
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p))) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
    return { header, payload, input: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, 'base64url') };
  } catch {
    return null;
  }
}

/**
 * Signature check with the key's own algorithm (~20–60 µs, so it stays on the event loop). A header naming
 * another algorithm than the key's is refused before any crypto: the key decides, never the token.
 */
export function verifyJwt(decoded: DecodedJwt, verifier: Verifier): boolean {
  if (decoded.header.alg !== verifier.alg) return false;
  return crypto.verify(SPECS[verifier.alg].digest, Buffer.from(decoded.input), cryptoKey(verifier.alg, verifier.key), decoded.signature);
}

export function generateKeyPair(alg: SigningAlg = DEFAULT_SIGNING_ALG): Promise<{ privateKey: crypto.KeyObject; publicKey: crypto.KeyObject }> {
  return SPECS[alg].generate();
}
