/**
 * One API call, built as the official SDK builds it (`stytch/dist/shared/index.js`): URL
 * `new URL(path, baseUrl)` (so a path prefix in the base URL is dropped), JSON body, Basic auth, the
 * parsed JSON returned verbatim on success, `TesseraError` for a status >= 400, `TesseraRequestError`
 * when there is no usable answer. Two differences: the timeout is enforced (the official passes it to
 * `fetch`, which ignores it), and the `Date` header of every response feeds clock-skew measurement.
 *
 * @module
 */
import type { ClockSkewMonitor } from '@tessera/core';
import { TesseraError, TesseraRequestError, type TesseraErrorJSON } from '../errors.js';

/** What every request of one client shares; built once by the client. */
export interface Transport {
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Read at call time when undefined, so a patched `globalThis.fetch` is honoured. */
  readonly fetch: typeof fetch | undefined;
  readonly clockSkew: ClockSkewMonitor;
  /** Send `cache: 'no-store'` (opts out of Next.js's fetch cache); off in workerd, see core `isWorkerd`. */
  readonly noStore: boolean;
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  params?: Readonly<Record<string, string | number | boolean | undefined>>;
  data?: unknown;
  /** Sent in addition to the client's headers (B2B method options: `X-Stytch-Member-Session`, ...). */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Attached to a resulting `TesseraError` as its `cause`. */
  cause?: unknown;
}

export async function request<T>(transport: Transport, spec: RequestSpec): Promise<T> {
  const url = new URL(spec.path, transport.baseUrl);
  if (spec.params) {
    for (const [key, value] of Object.entries(spec.params)) {
      if (value !== undefined) url.searchParams.append(key, String(value));
    }
  }
  const info = { method: spec.method, url: url.href };
  const signal = AbortSignal.timeout(transport.timeoutMs);
  const init: RequestInit = {
    method: spec.method,
    headers: spec.headers ? { ...transport.headers, ...spec.headers } : transport.headers,
    body: spec.data ? JSON.stringify(spec.data) : null,
    signal,
  };
  if (transport.noStore) init.cache = 'no-store';

  const fetchImpl = transport.fetch ?? globalThis.fetch;
  const sentAt = Date.now();
  let response: Response;
  try {
    response = await fetchImpl(url.href, init);
  } catch (cause) {
    throw failure(cause, signal, info);
  }
  transport.clockSkew.observeResponse(response, sentAt, Date.now());

  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw failure(cause, signal, info);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new TesseraRequestError(
      'invalid_response',
      `Unable to parse JSON response from server: ${(cause as Error).message}`,
      info,
      { cause, status_code: response.status },
    );
  }
  if (response.status >= 400) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new TesseraRequestError('invalid_response', `Unexpected error body from server (HTTP ${response.status})`, info, {
        status_code: response.status,
      });
    }
    const data = body as TesseraErrorJSON;
    // A proxy's JSON error may lack the field; the HTTP status is the same number by contract.
    if (typeof data.status_code !== 'number') data.status_code = response.status;
    throw new TesseraError(data, { cause: spec.cause });
  }
  return body as T;
}

function failure(cause: unknown, signal: AbortSignal, request: { method: string; url: string }): TesseraRequestError {
  if (signal.aborted || (cause instanceof Error && cause.name === 'TimeoutError')) {
    return new TesseraRequestError('timeout', `Request timed out: ${request.method} ${request.url}`, request, { cause });
  }
  const message = cause instanceof Error ? cause.message : String(cause);
  return new TesseraRequestError('network', `Request failed: ${message}`, request, { cause });
}
