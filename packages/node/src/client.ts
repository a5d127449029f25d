/**
 * `new Client({ project_id, secret, base_url })`: the consumer client, a drop-in for the official
 * `stytch` package's `Client` on everything a Tessera server serves.
 *
 * @module
 */
import { ClockSkewMonitor, SessionVerifier, type ClockSkew } from '@tessera/core';
import { resolveConfig, type ClientConfig } from './config.js';
import type { Transport } from './http/request.js';
import { Passwords } from './passwords.js';
import { PolicyCache } from './rbac-policy.js';
import { Sessions } from './sessions.js';
import { Users } from './users.js';

/** JWKS fetches give up sooner than API calls: a slow JWKS only costs a fallback to the API. */
const JWKS_TIMEOUT_MS = 5_000;

export class Client {
  readonly users: Users;
  readonly passwords: Passwords;
  readonly sessions: Sessions;
  readonly #clockSkew: ClockSkewMonitor;

  constructor(config: ClientConfig) {
    const c = resolveConfig(config);
    // One monitor for API and JWKS responses: whichever arrives last gives the current estimate.
    this.#clockSkew = new ClockSkewMonitor({
      toleranceMs: c.clockToleranceSeconds * 1000,
      ...(c.warn && { warn: c.warn }),
    });
    const transport: Transport = Object.freeze({
      baseUrl: c.baseUrl,
      headers: c.headers,
      timeoutMs: c.timeoutMs,
      fetch: c.fetch,
      clockSkew: this.#clockSkew,
      noStore: c.noStore,
    });
    const verifier = new SessionVerifier({
      projectId: c.projectId,
      baseUrl: c.baseUrl,
      ...(c.fetch && { fetch: c.fetch }),
      jwksTimeoutMs: Math.min(c.timeoutMs, JWKS_TIMEOUT_MS),
      clockToleranceSeconds: c.clockToleranceSeconds,
      clockSkew: this.#clockSkew,
    });
    this.users = new Users(transport);
    this.passwords = new Passwords(transport);
    this.sessions = new Sessions(transport, verifier, new PolicyCache(transport));
  }

  /**
   * The latest measured difference between this host's clock and the server's (server minus local, from
   * the `Date` header of API and JWKS responses), or `undefined` before the first response.
   */
  get clockSkew(): ClockSkew | undefined {
    return this.#clockSkew.current;
  }
}
