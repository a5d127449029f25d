/**
 * Strict codecs for hash material. They return null instead of guessing: `Buffer.from(text, 'base64')`
 * silently skips characters it does not know, which would let a mistyped migrated hash be stored and
 * then never verify (the user is locked out with no error at migration time).
 *
 * @module
 */

const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const B64_STANDARD = /^[A-Za-z0-9+/]*$/;
const B64_URL = /^[A-Za-z0-9_-]*$/;

export function utf8ByteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export function decodeHex(text: string): Buffer | null {
  return HEX.test(text) ? Buffer.from(text, 'hex') : null;
}

/**
 * Decodes base64 in the standard or the URL-safe alphabet (not mixed), padded or not. Non-canonical input
 * (padding where none is due, non-zero trailing bits) is refused so each byte string has one spelling.
 */
export function decodeBase64(text: string): Buffer | null {
  const body = text.endsWith('==') ? text.slice(0, -2) : text.endsWith('=') ? text.slice(0, -1) : text;
  if (body.length !== text.length && (text.length % 4 !== 0 || body.length % 4 === 0)) return null;
  if (body.length % 4 === 1) return null;
  const encoding = B64_STANDARD.test(body) ? 'base64' : B64_URL.test(body) ? 'base64url' : null;
  if (encoding === null) return null;
  const bytes = Buffer.from(body, encoding);
  return stripPadding(bytes.toString(encoding)) === body ? bytes : null;
}

/** The PHC string format's "B64": standard alphabet, no padding. */
export function encodeB64(bytes: Uint8Array): string {
  return stripPadding(Buffer.from(bytes).toString('base64'));
}

/**
 * A fixed-length digest given either as hex or as base64. The two cannot be confused: hex of n bytes is 2n
 * characters, while 2n base64 characters would decode to 1.5n bytes.
 */
export function decodeDigest(text: string, byteLength: number): Buffer | null {
  const bytes = text.length === 2 * byteLength ? decodeHex(text) : decodeBase64(text);
  return bytes !== null && bytes.length === byteLength ? bytes : null;
}

function stripPadding(text: string): string {
  return text.replace(/=+$/, '');
}
