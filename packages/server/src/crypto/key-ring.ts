/**
 * Per-project signing keys, cached: which key signs now, which keys JWKS publishes, and the public keys
 * the server itself accepts when a `session_jwt` comes back to `/v1/sessions/authenticate`.
 *
 * Rotation (`tessera keys rotate`) inserts a key whose `activates_at` lies `keyActivationDelaySeconds`
 * ahead: it is published at once but signs only later, so every verifier that refreshes its JWKS (jose
 * refetches on an unknown kid at most every 30 s) already has it when the first JWT carries its kid.
 * A key superseded by a newer active key stays published until every JWT it signed has expired
 * (5 minutes + leeway). Only published keys verify, so a leaked retired key cannot forge JWTs that the
 * server would exchange for session tokens.
 *
 * This module is crypto and a cache only: the keys come from the store the caller passes (`ring`), and a new
 * key is generated and sealed here but stored by the domain (`domain/projects/add-signing-key.ts`).
 *
 * All of it runs on the project's time (`now(projectId)`): a test project's test clock (issue #16) moves
 * activation, retirement and the cache's validity with it, so advancing past the activation delay makes the
 * new key sign at once.
 *
 * @module
 */
import crypto from 'node:crypto';
import { SESSION_JWT_TTL_SECONDS, newId, type Env, type Jwk } from '@tessera/core';
import type { KeyStore } from '../store/stores.js';
import type { SigningKeyRecord } from '../store/records.js';
import { DEFAULT_SIGNING_ALG, generateKeyPair, isSigningAlg, makeSigner, type Signer, type SigningAlg, type Verifier } from './jwt-signing.js';
import { openPrivateKey, sealPrivateKey, type MasterKey } from './master-key.js';

/** Margin past a retired key's last JWT expiry, for verifiers whose clocks run behind. */
const RETIREMENT_LEEWAY_MS = 60_000;
/** How long a ring is trusted before the store is read again (another process may have rotated). */
const CACHE_MS = 5_000;

export interface KeyRing {
  /** The key that signs now; null only for a project whose every key is still pending. */
  signer: Signer | null;
  jwks: Jwk[];
  /** Public key (and its one algorithm) of a published kid. */
  verifier(kid: string): Verifier | undefined;
}

interface Cached {
  ring: KeyRing;
  validUntil: number;
}

export function publicJwk(kid: string, publicKey: crypto.KeyObject, alg: SigningAlg = DEFAULT_SIGNING_ALG): Jwk {
  const common = { use: 'sig' as const, key_ops: ['verify'] as ['verify'], kid };
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string; x: string; y: string };
  switch (alg) {
    case 'RS256':
      // x5c / x5tS256: Tessera keys are bare RSA keys, not certificates; jose and the official SDK accept empty values.
      return { kty: 'RSA', alg, ...common, n: jwk.n, e: jwk.e, x5c: [], x5tS256: '' };
    case 'ES256':
      return { kty: 'EC', alg, crv: 'P-256', ...common, x: jwk.x, y: jwk.y };
    case 'EdDSA':
      return { kty: 'OKP', alg, crv: 'Ed25519', ...common, x: jwk.x };
  }
}

/** The algorithm a stored key signs with: its public JWK's `alg` (keys made before there was a choice are RS256). */
export function keyAlg(record: Pick<SigningKeyRecord, 'public_jwk'>): SigningAlg {
  const alg = (record.public_jwk as { alg?: unknown }).alg;
  return isSigningAlg(alg) ? alg : DEFAULT_SIGNING_ALG;
}

export class KeyRings {
  readonly #cache = new Map<string, Cached>();
  readonly #loading = new Map<string, Promise<Cached>>();

  constructor(
    private readonly master: MasterKey,
    /** A project's time in epoch ms (the server's clock plus a test project's test clock offset). */
    private readonly now: (projectId: string) => number,
  ) {}

  /** The project's ring, from the cache or else read from `store` (see `domain/projects/key-ring-of.ts`). */
  async ring(store: Pick<KeyStore, 'list'>, projectId: string): Promise<KeyRing> {
    const hit = this.#cache.get(projectId);
    if (hit && this.now(projectId) < hit.validUntil) return hit.ring;
    let pending = this.#loading.get(projectId);
    if (!pending) {
      pending = this.#load(store, projectId).finally(() => this.#loading.delete(projectId));
      this.#loading.set(projectId, pending);
    }
    return (await pending).ring;
  }

  /** Forgets the project's ring (after a rotation, or when its test clock went back: see runtime.ts). */
  invalidate(projectId: string): void {
    this.#cache.delete(projectId);
  }

  /** Forgets every ring (cache notifications may have been missed). */
  invalidateAll(): void {
    this.#cache.clear();
  }

  /** Generates an `alg` key for the project that starts signing at `activatesAt`, its private key sealed; not stored. */
  async generate(projectId: string, env: Env, activatesAt: number, alg: SigningAlg = DEFAULT_SIGNING_ALG): Promise<SigningKeyRecord> {
    const { privateKey, publicKey } = await generateKeyPair(alg);
    const kid = newId('jwk', env);
    const record: SigningKeyRecord = {
      kid,
      project_id: projectId,
      public_jwk: { ...publicJwk(kid, publicKey, alg) },
      private_key: sealPrivateKey(this.master, projectId, privateKey.export({ format: 'der', type: 'pkcs8' })),
      created_at: this.now(projectId),
      activates_at: activatesAt,
    };
    return record;
  }

  async #load(store: Pick<KeyStore, 'list'>, projectId: string): Promise<Cached> {
    const now = this.now(projectId);
    const keys = await store.list(projectId);
    let active = -1;
    for (let i = 0; i < keys.length; i++) if (keys[i]!.activates_at <= now) active = i;
    let validUntil = now + CACHE_MS;
    const published: SigningKeyRecord[] = [];
    keys.forEach((k, i) => {
      if (i < active) {
        const retiredAt = keys[i + 1]!.activates_at + SESSION_JWT_TTL_SECONDS * 1000 + RETIREMENT_LEEWAY_MS;
        if (retiredAt <= now) return;
        validUntil = Math.min(validUntil, retiredAt);
      } else if (i > active) {
        validUntil = Math.min(validUntil, k.activates_at);
      }
      published.push(k);
    });
    const publicKeys = new Map(
      published.map((k) => [k.kid, { alg: keyAlg(k), key: crypto.createPublicKey({ key: k.public_jwk as crypto.JsonWebKey, format: 'jwk' }) } satisfies Verifier]),
    );
    const signerRecord = active >= 0 ? keys[active]! : null;
    const ring: KeyRing = {
      signer: signerRecord ? makeSigner(signerRecord.kid, openPrivateKey(this.master, projectId, signerRecord.private_key), keyAlg(signerRecord)) : null,
      jwks: published.map((k) => k.public_jwk as unknown as Jwk),
      verifier: (kid) => publicKeys.get(kid),
    };
    const cached = { ring, validUntil };
    this.#cache.set(projectId, cached);
    return cached;
  }
}
