/**
 * What `Client` and `B2BClient` share: the configuration resolved once, one transport for API calls, one
 * local JWT verifier (reading the JWKS of the client's kind), and one clock-skew monitor fed by both.
 *
 * @module
 */
import { ClockSkewMonitor, SessionVerifier, type ClockSkew } from '@tessera/core';
import { resolveConfig, type ClientConfig } from './config.js';
import type { Transport } from './http/request.js';
import { RevocationGuard } from './revocations.js';

/** JWKS fetches give up sooner than API calls: a slow JWKS only costs a fallback to the API. */
const JWKS_TIMEOUT_MS = 5_000;

export interface Connection {
  readonly transport: Transport;
  readonly verifier: SessionVerifier;
  /** Present when `config.revocations` is set. */
  readonly revocations: RevocationGuard | undefined;
}

/**
 * Resolves `config` and builds the transport and verifier. `jwksPath` is the JWKS route without the project
 * id: `/v1/sessions/jwks/` (consumer) or `/v1/b2b/sessions/jwks/` (B2B).
 */
export function connect(config: ClientConfig, jwksPath: string, revocationsPath: string): Connection {
  const c = resolveConfig(config);
  // One monitor for API and JWKS responses: whichever arrives last gives the current estimate.
  const clockSkew = new ClockSkewMonitor({ toleranceMs: c.clockToleranceSeconds * 1000, ...(c.warn && { warn: c.warn }) });
  const transport: Transport = Object.freeze({
    baseUrl: c.baseUrl,
    headers: c.headers,
    timeoutMs: c.timeoutMs,
    fetch: c.fetch,
    clockSkew,
    noStore: c.noStore,
  });
  const verifier = new SessionVerifier({
    projectId: c.projectId,
    baseUrl: c.baseUrl,
    jwksPath: `${jwksPath}${encodeURIComponent(c.projectId)}`,
    ...(c.fetch && { fetch: c.fetch }),
    jwksTimeoutMs: Math.min(c.timeoutMs, JWKS_TIMEOUT_MS),
    clockToleranceSeconds: c.clockToleranceSeconds,
    clockSkew,
  });
  const revocations = config.revocations ? new RevocationGuard(transport, revocationsPath, config.revocations) : undefined;
  return { transport, verifier, revocations };
}

/** The base of both clients: what a connection offers beyond its sub-clients. */
export abstract class BaseClient {
  readonly #clockSkew: ClockSkewMonitor;
  readonly #revocations: RevocationGuard | undefined;

  protected constructor(connection: Connection) {
    this.#clockSkew = connection.transport.clockSkew;
    this.#revocations = connection.revocations;
  }

  /** Stops background work (the revocation feed's refresh timer). Safe to call more than once. */
  close(): void {
    this.#revocations?.close();
  }

  /**
   * The latest measured difference between this host's clock and the server's (server minus local, from
   * the `Date` header of API and JWKS responses), or `undefined` before the first response.
   */
  get clockSkew(): ClockSkew | undefined {
    return this.#clockSkew.current;
  }
}
