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

/** The parts of node:crypto the Node JWT verifier uses (core has no Node types). */
export interface NodeKeyObject {
  readonly type: string;
}
export interface NodeBuiltins {
  crypto: {
    verify(
      algorithm: string | null,
      data: Uint8Array,
      key: NodeKeyObject | { key: NodeKeyObject; padding?: number; saltLength?: number; dsaEncoding?: 'der' | 'ieee-p1363' },
      signature: Uint8Array,
    ): boolean;
    KeyObject: { from(key: CryptoKey): NodeKeyObject };
    constants: { RSA_PKCS1_PSS_PADDING: number };
  };
  Buffer: { from(value: string, encoding: 'base64url' | 'latin1'): Uint8Array };
}

const p = (g as { process?: { getBuiltinModule?: (id: string) => unknown; release?: { name?: unknown } } }).process;

/**
 * node:crypto and node:buffer when this is Node itself, else `undefined`. Found through
 * `process.getBuiltinModule` (Node 20.16+, 22.3+), never imported, so bundles for workerd, Next.js's edge
 * runtime and browsers carry nothing of Node; workerd's and Bun's or Deno's Node compatibility layers are
 * not taken for Node.
 */
export function nodeBuiltins(): NodeBuiltins | undefined {
  if (isolatesRequestIo() || typeof p?.getBuiltinModule !== 'function' || p.release?.name !== 'node') return undefined;
  if ('Bun' in g || 'Deno' in g) return undefined;
  const crypto = p.getBuiltinModule('node:crypto') as NodeBuiltins['crypto'] | undefined;
  const buffer = p.getBuiltinModule('node:buffer') as { Buffer: NodeBuiltins['Buffer'] } | undefined;
  if (typeof crypto?.verify !== 'function' || typeof crypto.KeyObject?.from !== 'function' || !buffer?.Buffer) return undefined;
  return { crypto, Buffer: buffer.Buffer };
}
