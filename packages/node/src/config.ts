/**
 * Client configuration: the official SDK's options (`project_id`, `secret`, `env`, `custom_base_url`,
 * `timeout`) plus Tessera's (`base_url`, `fetch`, `clock_tolerance_seconds`, `warn`), checked once and frozen.
 *
 * @module
 */
import { isWorkerd } from '@tessera/core';
import { basicAuth } from './http/basic-auth.js';
import { VERSION } from './version.js';
import type { RevocationOptions } from './revocations.js';

export interface ClientConfig {
  project_id: string;
  secret: string;
  /** The Tessera server, e.g. `http://127.0.0.1:4000`. Plain HTTP is accepted (loopback, private networks). */
  base_url?: string;
  /** Alias of `base_url`: the official SDK's name, so `env: "http://127.0.0.1:4000/"` works unchanged. */
  env?: string;
  /** Alias of `base_url` (official name). Unlike the official SDK, `http://` is accepted. */
  custom_base_url?: string;
  /** Abort an API request after this many ms. Default 600000 (10 min, the official default). JWKS fetches use at most 5000. */
  timeout?: number;
  /** The fetch implementation. Default: `globalThis.fetch`, read at call time. */
  fetch?: typeof fetch;
  /**
   * Default leeway in seconds for `exp`/`nbf` in local JWT verification (a call's own
   * `clock_tolerance_seconds` wins), and the threshold of the one-time clock-skew warning. Default 0.
   */
  clock_tolerance_seconds?: number;
  /** Where the SDK's warnings go. Default `console.warn`. */
  warn?: (message: string) => void;
  /**
   * Tessera only, off by default (Stytch parity): follow the server's revocation feed so local JWT
   * verification refuses a revoked session within `max_staleness_ms` (default 5000) instead of the JWT's
   * remaining lifetime (up to 5 minutes). See src/revocations.ts; call `client.close()` when done.
   */
  revocations?: RevocationOptions;
}

export interface ResolvedConfig {
  readonly projectId: string;
  /** The base URL as given (the official SDK also derives the accepted issuer from this string). */
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch | undefined;
  readonly clockToleranceSeconds: number;
  readonly warn: ((message: string) => void) | undefined;
  readonly noStore: boolean;
}

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

export function resolveConfig(config: ClientConfig): ResolvedConfig {
  if (typeof config !== 'object' || config === null) throw new TypeError('Unexpected config type: expected an object');
  if (!config.project_id) throw new TypeError('Missing "project_id" in config');
  if (!config.secret) throw new TypeError('Missing "secret" in config');
  // No silent default to Stytch's cloud: a Tessera client that forgot its URL must not send the secret elsewhere.
  const baseUrl = config.base_url || config.custom_base_url || config.env;
  if (!baseUrl) throw new TypeError('Missing "base_url" in config (the Tessera server URL, e.g. http://127.0.0.1:4000)');
  let protocol: string;
  try {
    protocol = new URL(baseUrl).protocol;
  } catch {
    throw new TypeError(`Invalid "base_url" in config: ${baseUrl}`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new TypeError(`"base_url" must be an http(s) URL: ${baseUrl}`);

  const timeoutMs = config.timeout ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new TypeError('"timeout" must be a positive number of ms');
  const tolerance = config.clock_tolerance_seconds ?? 0;
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new TypeError('"clock_tolerance_seconds" must be >= 0');
  if (config.fetch !== undefined && typeof config.fetch !== 'function') throw new TypeError('"fetch" must be a function');

  return Object.freeze({
    projectId: config.project_id,
    baseUrl,
    headers: Object.freeze({
      'Content-Type': 'application/json',
      'User-Agent': `Tessera Node v${VERSION}`,
      Authorization: basicAuth(config.project_id, config.secret),
    }),
    timeoutMs,
    fetch: config.fetch,
    clockToleranceSeconds: tolerance,
    warn: config.warn,
    noStore: !isWorkerd(),
  });
}
