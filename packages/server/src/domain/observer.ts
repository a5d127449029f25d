/**
 * What the domain reports to the operator's metrics: events only the domain can see (an account locked
 * by this very failure, how long a JWT took to sign). It is a plain sink passed in `Deps`, so the domain
 * stays free of the metrics library; the CLI and store tests get {@link NO_OBSERVER}.
 *
 * @module
 */
import type { SigningAlg } from '../crypto/jwt-signing.js';

export interface DomainObserver {
  /** A failed guess locked a user or member (counted once per lock, by the request that set it). */
  lockout(): void;
  /** A session JWT was signed with `alg`, taking `seconds` (threadpool wait included). */
  jwtSigned(alg: SigningAlg, seconds: number): void;
}

export const NO_OBSERVER: DomainObserver = Object.freeze({
  lockout() {},
  jwtSigned() {},
});
