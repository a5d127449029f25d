/**
 * The one place the verify module sniffs its runtime (style P1). Everything else is Web-standard.
 *
 * @module
 */

const g = globalThis as { WebSocketPair?: unknown; EdgeRuntime?: unknown; navigator?: { userAgent?: string } };

/**
 * True in Cloudflare Workers (workerd, Miniflare) and Vercel's edge. There an I/O promise begun while
 * serving one request must not be awaited by another (it can hang or throw "Cannot perform I/O on
 * behalf of a different request"), so an in-flight JWKS fetch is never shared between callers. jose's
 * `createRemoteJWKSet` draws the same line (jose issues #355, #509); this is its test, kept identical.
 */
export function isolatesRequestIo(): boolean {
  return (
    typeof g.WebSocketPair !== 'undefined' ||
    g.navigator?.userAgent === 'Cloudflare-Workers' ||
    g.EdgeRuntime === 'vercel'
  );
}

/**
 * True in workerd only. Its `fetch` rejects the `cache` init member unless the Worker's compatibility
 * date is 2024-11-11 or later, so the SDK leaves `cache: 'no-store'` out there (Workers never put
 * subrequests to a non-Cloudflare origin in Next.js's data cache, which is what the option is for).
 */
export function isWorkerd(): boolean {
  return typeof g.WebSocketPair !== 'undefined' || g.navigator?.userAgent === 'Cloudflare-Workers';
}
