import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from './base64url.js';

describe('base64url', () => {
  it('round-trips every length against node Buffer', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n));
      const text = encodeBase64url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(decodeBase64url(text)).toEqual(bytes);
    }
  });
  it('accepts padding and rejects foreign characters and impossible lengths', () => {
    expect(decodeBase64url('YQ==')).toEqual(new Uint8Array([97]));
    expect(decodeBase64url('a+b/')).toBeNull();
    expect(decodeBase64url('abcde')).toBeNull();
    expect(decodeBase64url('ab\u00e9c')).toBeNull();
  });
});
