import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeDigest, decodeHex, encodeB64 } from './encoding.js';

const hex = (bytes: Uint8Array | null): string | null => (bytes === null ? null : Buffer.from(bytes).toString('hex'));

describe('decodeBase64', () => {
  it('accepts the standard and URL-safe alphabets, padded or not', () => {
    expect(hex(decodeBase64('+/8='))).toBe('fbff');
    expect(hex(decodeBase64('+/8'))).toBe('fbff');
    expect(hex(decodeBase64('-_8'))).toBe('fbff');
    expect(hex(decodeBase64('-_8='))).toBe('fbff');
    expect(hex(decodeBase64(''))).toBe('');
  });

  it.each([
    ['mixed alphabets', '+_8='],
    ['padding where none is due', 'YWJj='],
    ['too much padding', 'YQ==='],
    ['padding that does not complete a quantum', 'YWI=='],
    ['an impossible length', 'YWJjZ'],
    ['non-zero spare bits', 'YR=='],
    ['whitespace', 'YW Jj'],
    ['foreign characters', 'YW$j'],
    ['non-ASCII', 'YWJé'],
  ])('rejects %s', (_name, text) => {
    expect(decodeBase64(text)).toBeNull();
  });
});

describe('decodeHex', () => {
  it('accepts either case and rejects odd lengths and non-hex', () => {
    expect(hex(decodeHex('00fFaB'))).toBe('00ffab');
    expect(decodeHex('abc')).toBeNull();
    expect(decodeHex('zz')).toBeNull();
  });
});

describe('decodeDigest', () => {
  it('tells hex from base64 by length', () => {
    // md5("password"), as hex and as base64.
    expect(hex(decodeDigest('5f4dcc3b5aa765d61d8327deb882cf99', 16))).toBe('5f4dcc3b5aa765d61d8327deb882cf99');
    expect(hex(decodeDigest('X03MO1qnZdYdgyfeuILPmQ==', 16))).toBe('5f4dcc3b5aa765d61d8327deb882cf99');
    expect(hex(decodeDigest('X03MO1qnZdYdgyfeuILPmQ', 16))).toBe('5f4dcc3b5aa765d61d8327deb882cf99');
    expect(decodeDigest('5f4dcc3b5aa765d61d8327deb882cf99', 20)).toBeNull();
    expect(decodeDigest('X03MO1qnZdYdgyfeuILPmQ==', 20)).toBeNull();
  });
});

describe('encodeB64', () => {
  it('writes the PHC B64 form: standard alphabet, no padding', () => {
    expect(encodeB64(Buffer.from('fbff', 'hex'))).toBe('+/8');
    expect(encodeB64(Buffer.from('somesalt'))).toBe('c29tZXNhbHQ');
  });
});
