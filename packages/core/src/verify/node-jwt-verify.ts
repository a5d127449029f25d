/**
 * jose's `jwtVerify`, for the options `SessionVerifier` passes, with the signature checked by node:crypto on
 * the calling thread. Used only in Node (see `nodeBuiltins` in runtime.ts); elsewhere jose verifies.
 *
 * Why: jose 6 verifies through WebCrypto, and Node runs each WebCrypto verification as a threadpool job whose
 * result comes back through several promises. An RS256 verification with a 2048-bit key is ~20 µs of CPU; the
 * hand-off costs more than that, at every concurrency. Checked synchronously, a local verification costs less
 * CPU in all, and never waits behind other threadpool work (file I/O, password hashing, DNS). Verifying is
 * cheap because the public exponent is small; signing, which is ten times dearer, stays off the event loop.
 *
 * What is accepted is what `jwtVerify(jwt, getKey, options)` of jose 6 accepts for these options (`audience`,
 * `issuer`, `typ`, `clockTolerance` in seconds, `currentDate`), checked in the same order, with one
 * difference, on the strict side: the three segments must be unpadded base64url with no whitespace (jose
 * decodes with `atob`, which skips ASCII whitespace and accepts `=` padding; no signer emits either). Any
 * other option is refused with a TypeError rather than ignored. `node-jwt-verify.test.ts` runs both over a
 * corpus of valid, tampered and malformed tokens for every algorithm and asserts the same outcome.
 *
 * @module
 */
import type { JWTPayload, JWTVerifyOptions } from 'jose';
import { JWS_ALGORITHMS, type JwsAlgorithm } from './jws-algorithms.js';
import type { KeyHeader } from './key-set.js';
import type { NodeBuiltins, NodeKeyObject } from './runtime.js';

/** How `SessionVerifier` verifies a compact JWT: jose's `jwtVerify` contract, resolving to the payload. */
export type CompactJwtVerifier = (
  jwt: string,
  getKey: (header: KeyHeader) => CryptoKey | Promise<CryptoKey>,
  options: Readonly<JWTVerifyOptions>,
) => Promise<JWTPayload>;

/** A rejected token. Callers wrap every failure the same way (`jwt_invalid`), so one class is enough. */
export class JwtRejected extends Error {
  override name = 'JwtRejected';
}

const OPTIONS_UNDERSTOOD = new Set(['audience', 'issuer', 'typ', 'clockTolerance', 'currentDate']);
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Builds the verifier over Node's own crypto and Buffer. */
export function nodeJwtVerifier(node: NodeBuiltins): CompactJwtVerifier {
  const { crypto, Buffer } = node;
  const keyObjects = new WeakMap<CryptoKey, NodeKeyObject>();

  const decode = (segment: string, what: string): Uint8Array => {
    checkBase64url(segment, what);
    return Buffer.from(segment, 'base64url');
  };
  const decodeObject = (segment: string, what: string): Record<string, unknown> => {
    let value: unknown;
    try {
      value = JSON.parse(utf8.decode(decode(segment, what)));
    } catch (cause) {
      throw new JwtRejected(`The ${what} is not a JSON object`, { cause });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new JwtRejected(`The ${what} is not a JSON object`);
    return value as Record<string, unknown>;
  };
  const keyObjectFor = (key: unknown, alg: string, spec: JwsAlgorithm): NodeKeyObject => {
    if (!isCryptoKey(key)) throw new TypeError('The key resolver must return a CryptoKey');
    if (key.type !== 'public') throw new TypeError(`CryptoKey instances must be of type "public" for the ${alg} algorithm`);
    const algorithm = key.algorithm as KeyAlgorithm & { hash?: { name?: string }; namedCurve?: string; modulusLength?: number };
    if (
      algorithm.name !== spec.name ||
      (spec.hash !== undefined && algorithm.hash?.name !== spec.hash) ||
      (spec.namedCurve !== undefined && algorithm.namedCurve !== spec.namedCurve) ||
      !key.usages.includes('verify')
    ) {
      throw new TypeError(`CryptoKey does not support ${alg} verification`);
    }
    if (spec.minRsaBits !== undefined && !(typeof algorithm.modulusLength === 'number' && algorithm.modulusLength >= spec.minRsaBits)) {
      throw new TypeError(`${alg} requires key modulusLength to be 2048 bits or larger`);
    }
    let keyObject = keyObjects.get(key);
    if (keyObject === undefined) {
      keyObject = crypto.KeyObject.from(key);
      keyObjects.set(key, keyObject);
    }
    return keyObject;
  };

  // SessionVerifier passes the same frozen options object on every call without `current_date`: a frozen
  // object is checked once (one that can still change is checked every time).
  const understood = new WeakSet<object>();
  return async (jwt, getKey, options) => {
    if (!understood.has(options)) {
      for (const name of Object.keys(options)) {
        if (!OPTIONS_UNDERSTOOD.has(name)) throw new TypeError(`The node:crypto JWT verifier does not support the "${name}" option`);
      }
      if (Object.isFrozen(options)) understood.add(options);
    }
    if (typeof jwt !== 'string') throw new JwtRejected('Compact JWS must be a string');
    const firstDot = jwt.indexOf('.');
    const secondDot = firstDot < 0 ? -1 : jwt.indexOf('.', firstDot + 1);
    if (secondDot < 0 || jwt.indexOf('.', secondDot + 1) >= 0) throw new JwtRejected('Invalid Compact JWS');
    const encodedHeader = jwt.slice(0, firstDot);
    const encodedPayload = jwt.slice(firstDot + 1, secondDot);

    // The protected header, as jose reads it: `crit` may only name `b64`, and then `b64` must be true
    // (a JWT never has an unencoded payload); a `b64` without `crit` is ignored, as jose ignores it.
    const header = decodeObject(encodedHeader, 'JWS Protected Header');
    const { crit, alg } = header;
    if (crit !== undefined) {
      if (!Array.isArray(crit) || crit.length === 0 || crit.some((p) => typeof p !== 'string' || p.length === 0)) {
        throw new JwtRejected('"crit" (Critical) Header Parameter MUST be an array of non-empty strings when present');
      }
      if (crit.some((p) => p !== 'b64')) throw new JwtRejected('Extension Header Parameter is not recognized');
      if (typeof header.b64 !== 'boolean') throw new JwtRejected('The "b64" Header Parameter must be a boolean');
      if (!header.b64) throw new JwtRejected('JWTs MUST NOT use unencoded payload');
    }
    if (typeof alg !== 'string' || alg.length === 0) throw new JwtRejected('JWS "alg" (Algorithm) Header Parameter missing or invalid');

    const resolved = getKey(header as KeyHeader);
    const key = isPromiseLike(resolved) ? await resolved : resolved;
    const spec = JWS_ALGORITHMS.get(alg);
    if (spec === undefined) throw new JwtRejected(`alg ${alg} is not supported`);
    const keyObject = keyObjectFor(key, alg, spec);
    checkBase64url(encodedPayload, 'JWS Payload'); // decoded after the signature, as jose does
    const signature = decode(jwt.slice(secondDot + 1), 'JWS Signature');
    const signingInput = Buffer.from(jwt.slice(0, secondDot), 'latin1');
    let verified: boolean;
    try {
      verified = crypto.verify(
        spec.digest,
        signingInput,
        spec.pssSaltLength !== undefined
          ? { key: keyObject, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: spec.pssSaltLength }
          : spec.ecdsa
            ? { key: keyObject, dsaEncoding: 'ieee-p1363' }
            : keyObject,
        signature,
      );
    } catch (cause) {
      throw new JwtRejected('signature verification failed', { cause });
    }
    if (!verified) throw new JwtRejected('signature verification failed');

    return validateClaims(header, decodeObject(encodedPayload, 'JWT Claims Set'), options);
  };
}

function checkBase64url(segment: string, what: string): void {
  if (segment.length % 4 === 1 || !BASE64URL.test(segment)) throw new JwtRejected(`The ${what} is not unpadded base64url`);
}

/** jose's `validateClaimsSet` for the options above, same checks in the same order. */
function validateClaims(header: Record<string, unknown>, claims: Record<string, unknown>, options: Readonly<JWTVerifyOptions>): JWTPayload {
  const { typ, issuer, audience, clockTolerance, currentDate } = options;
  if (typ !== undefined && (typeof header.typ !== 'string' || normalizeTyp(header.typ) !== normalizeTyp(typ))) {
    throw new JwtRejected('unexpected "typ" JWT header value');
  }
  if (issuer !== undefined && !Object.hasOwn(claims, 'iss')) throw new JwtRejected('missing required "iss" claim');
  if (audience !== undefined && !Object.hasOwn(claims, 'aud')) throw new JwtRejected('missing required "aud" claim');
  if (issuer !== undefined && !(Array.isArray(issuer) ? issuer : [issuer]).includes(claims.iss as string)) {
    throw new JwtRejected('unexpected "iss" claim value');
  }
  if (audience !== undefined && !audienceMatches(claims.aud, typeof audience === 'string' ? [audience] : audience)) {
    throw new JwtRejected('unexpected "aud" claim value');
  }
  if (clockTolerance !== undefined && typeof clockTolerance !== 'number') throw new TypeError('clockTolerance must be a number of seconds');
  const tolerance = clockTolerance ?? 0;
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new TypeError('Invalid clockTolerance option input');
  const now = Math.floor((currentDate ?? new Date()).getTime() / 1000);
  if (!Number.isFinite(now)) throw new TypeError('Invalid currentDate option input');
  numericDate(claims, 'iat');
  const nbf = numericDate(claims, 'nbf');
  if (nbf !== undefined && nbf > now + tolerance) throw new JwtRejected('"nbf" claim timestamp check failed');
  const exp = numericDate(claims, 'exp');
  if (exp !== undefined && exp <= now - tolerance) throw new JwtRejected('"exp" claim timestamp check failed');
  return claims as JWTPayload;
}

function numericDate(claims: Record<string, unknown>, claim: 'iat' | 'nbf' | 'exp'): number | undefined {
  const value = claims[claim];
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw new JwtRejected(`"${claim}" claim must be a number`);
  return value;
}

/** jose's `normalizeTyp`: `JWT` and `application/jwt` are the same media type, compared case-insensitively. */
function normalizeTyp(value: string): string {
  const lower = value.toLowerCase();
  return value.includes('/') ? lower : `application/${lower}`;
}

function audienceMatches(aud: unknown, accepted: readonly string[]): boolean {
  if (typeof aud === 'string') return accepted.includes(aud);
  return Array.isArray(aud) && accepted.some((a) => aud.includes(a));
}

function isCryptoKey(key: unknown): key is CryptoKey {
  return (key as { [Symbol.toStringTag]?: unknown } | null)?.[Symbol.toStringTag] === 'CryptoKey';
}

function isPromiseLike<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
