/**
 * The frontend API protocol (docs/architecture.md, "Frontend API"): `Authorization: Basic public_token:session_token` (the
 * public token twice when logged out, as the SDK sends it), credentials included, `{ data }` envelope on
 * success, the Stytch error body at the top level otherwise.
 *
 * @module
 */
import { TesseraAPIError, TesseraAPIUnreachableError } from '../errors.js';
import type { ResolvedOptions } from '../options.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

function basic(user: string, password: string): string {
  // Tokens are ASCII (public-token-*, base64url), so btoa is enough.
  return `Basic ${btoa(`${user}:${password}`)}`;
}

export class Transport {
  constructor(
    private readonly options: ResolvedOptions,
    private readonly sessionToken: () => string | null,
  ) {}

  async request<T>(method: Method, path: string, body?: object): Promise<T> {
    const { publicToken, baseUrl } = this.options;
    const headers: Record<string, string> = { Authorization: basic(publicToken, this.sessionToken() ?? publicToken) };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await this.options.fetch(`${baseUrl}/sdk/v1${path}`, {
        method,
        headers,
        credentials: 'include',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (cause) {
      throw new TesseraAPIUnreachableError(`Could not reach ${baseUrl}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch (cause) {
      throw new TesseraAPIUnreachableError(`${method} ${path} answered ${res.status} without a JSON body`, { cause });
    }
    if (res.ok) {
      const data = (json as { data?: unknown } | null)?.data;
      if (data === null || typeof data !== 'object') throw new TesseraAPIUnreachableError(`${method} ${path} answered without a data envelope`);
      return data as T;
    }
    const e = json as { status_code?: unknown; error_type?: unknown; error_message?: unknown; error_url?: unknown; request_id?: unknown };
    if (typeof e?.error_type !== 'string') throw new TesseraAPIUnreachableError(`${method} ${path} answered ${res.status} without a Stytch error body`);
    throw new TesseraAPIError({
      status_code: typeof e.status_code === 'number' ? e.status_code : res.status,
      error_type: e.error_type,
      ...(typeof e.error_message === 'string' ? { error_message: e.error_message } : {}),
      ...(typeof e.error_url === 'string' ? { error_url: e.error_url } : {}),
      ...(typeof e.request_id === 'string' ? { request_id: e.request_id } : {}),
    });
  }
}
