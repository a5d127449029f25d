/**
 * RS256 JWT signing and verification with node:crypto.
 *
 * Signing uses the callback form of `crypto.sign`, which runs on the libuv threadpool: RSA signing is
 * ~265 µs, and doing it on the event loop serialises the whole server (0.62x in perf-baseline.md §5);
 * the callback form also beat jose's WebCrypto path by 1.12x there.
 *
 * @module
 */
import crypto from 'node:crypto';

export interface Signer {
  kid: string;
  key: crypto.KeyObject;
  /** base64url of `{"alg":"RS256","kid":...,"typ":"JWT"}`, computed once per key. */
  header: string;
}

export function makeSigner(kid: string, key: crypto.KeyObject): Signer {
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid, typ: 'JWT' })).toString('base64url');
  return { kid, key, header };
}

export function signJwt(signer: Signer, payload: object): Promise<string> {
  const input = `${signer.header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return new Promise((resolve, reject) => {
    crypto.sign('sha256', Buffer.from(input), signer.key, (err, sig) => (err ? reject(err) : resolve(`${input}.${sig.toString('base64url')}`)));
  });
}

export type DecodedJwt = { header: { alg?: unknown; kid?: unknown; typ?: unknown }; payload: Record<string, unknown>; input: string; signature: Buffer };

/** Splits and parses a compact JWS; null when it is not one. Verifies nothing. */
export function decodeJwt(jwt: string): DecodedJwt | null {
  if (jwt.length > 16384) return null;
  const parts = jwt.split('.');
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p))) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
    return { header, payload, input: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, 'base64url') };
  } catch {
    return null;
  }
}

/** RS256 signature check (~20 µs, so it stays on the event loop). */
export function verifyRs256(decoded: DecodedJwt, key: crypto.KeyObject): boolean {
  if (decoded.header.alg !== 'RS256') return false;
  return crypto.verify('sha256', Buffer.from(decoded.input), key, decoded.signature);
}

export async function generateRsaKeyPair(): Promise<{ privateKey: crypto.KeyObject; publicKey: crypto.KeyObject }> {
  return new Promise((resolve, reject) =>
    crypto.generateKeyPair('rsa', { modulusLength: 2048, publicExponent: 0x10001 }, (err, publicKey, privateKey) =>
      err ? reject(err) : resolve({ publicKey, privateKey }),
    ),
  );
}
