/**
 * One fetched JSON Web Key Set, with its keys imported once and looked up by `kid`.
 *
 * The selection rules are jose's `createLocalJWKSet` (a key must suit the token's `alg` by `kty`/`crv`,
 * its own `alg` if it has one, `use: "sig"` and `key_ops` containing `"verify"`), so a token that jose's
 * local set would accept is accepted here and vice versa. What differs is the cost per call: an indexed
 * `kid` lookup that hands jose an already-imported `CryptoKey`, instead of filtering every key and
 * spreading the header on each verification.
 *
 * @module
 */
import { importJWK, type JWK } from 'jose';
import { JWS_ALGORITHMS, type JwsAlgorithm } from './jws-algorithms.js';

/** A member of a JWKS as received; only the fields key selection reads are typed. */
export interface JwkInput {
  kty?: unknown;
  kid?: unknown;
  alg?: unknown;
  use?: unknown;
  key_ops?: unknown;
  crv?: unknown;
  [member: string]: unknown;
}

/** The header fields a key is chosen by. */
export interface KeyHeader {
  alg?: string;
  kid?: string;
}

/** Raised when the token's `alg` cannot be verified with any public key (`none`, `HS256`, unknown). */
export class UnsupportedAlgorithmError extends Error {
  override name = 'UnsupportedAlgorithmError';
}

/** Raised when a token without `kid` matches several keys, which would make the choice ambiguous. */
export class AmbiguousKeyError extends Error {
  override name = 'AmbiguousKeyError';
}

class Entry {
  /** Imported keys by algorithm; a pending import is stored so concurrent callers import once. */
  readonly #keys = new Map<string, CryptoKey | Promise<CryptoKey>>();

  constructor(readonly jwk: JwkInput) {}

  suits(alg: string, spec: JwsAlgorithm): boolean {
    const { kty, alg: jwkAlg, use, key_ops: ops, crv } = this.jwk;
    return (
      kty === spec.kty &&
      (jwkAlg === undefined || jwkAlg === alg) &&
      (use === undefined || use === 'sig') &&
      (ops === undefined || (Array.isArray(ops) && ops.includes('verify'))) &&
      (spec.crv === undefined || crv === spec.crv)
    );
  }

  key(alg: string): CryptoKey | Promise<CryptoKey> {
    const cached = this.#keys.get(alg);
    if (cached !== undefined) return cached;
    const pending = importJWK(this.jwk as JWK, alg).then(
      (key) => {
        if (key instanceof Uint8Array || key.type !== 'public') {
          throw new TypeError('JSON Web Key Set members must be public keys');
        }
        this.#keys.set(alg, key); // later calls get the key itself, not a promise to await
        return key;
      },
      (error: unknown) => {
        this.#keys.delete(alg); // a failed import is retried, not cached
        throw error;
      },
    );
    this.#keys.set(alg, pending);
    return pending;
  }
}

const NO_ENTRIES: readonly Entry[] = [];

export class KeySet {
  readonly #all: readonly Entry[];
  readonly #byKid = new Map<string, Entry[]>();

  /** @throws TypeError when `jwks` is not `{ keys: [...] }` with object members. */
  constructor(jwks: unknown) {
    const keys = (jwks as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'object' && k !== null && !Array.isArray(k))) {
      throw new TypeError('JSON Web Key Set malformed');
    }
    this.#all = keys.map((jwk: JwkInput) => new Entry(structuredClone(jwk)));
    for (const entry of this.#all) {
      const { kid } = entry.jwk;
      if (typeof kid !== 'string') continue;
      const list = this.#byKid.get(kid);
      if (list) list.push(entry);
      else this.#byKid.set(kid, [entry]);
    }
  }

  get size(): number {
    return this.#all.length;
  }

  /** A copy of the keys as received. */
  jwks(): { keys: JwkInput[] } {
    return { keys: this.#all.map((e) => structuredClone(e.jwk)) };
  }

  /**
   * The key for a token header: a `CryptoKey` (or, on first use, the promise of its import), or
   * `undefined` when no key matches, which is the caller's cue to consider a JWKS refetch.
   *
   * @throws UnsupportedAlgorithmError, AmbiguousKeyError
   */
  resolve(header: KeyHeader): CryptoKey | Promise<CryptoKey> | undefined {
    const { alg, kid } = header;
    const spec = typeof alg === 'string' ? JWS_ALGORITHMS.get(alg) : undefined;
    if (spec === undefined || alg === undefined) {
      throw new UnsupportedAlgorithmError('Unsupported "alg" value for a JSON Web Key Set');
    }
    const candidates = kid === undefined ? this.#all : typeof kid === 'string' ? (this.#byKid.get(kid) ?? NO_ENTRIES) : NO_ENTRIES;
    let found: Entry | undefined;
    for (const entry of candidates) {
      if (!entry.suits(alg, spec)) continue;
      if (found !== undefined) throw new AmbiguousKeyError('Multiple keys in the JSON Web Key Set match the token');
      found = entry;
    }
    return found?.key(alg);
  }
}
