import { describe, expect, it } from 'vitest';
import { linkWithToken } from '../../src/domain/email/redirect-url.js';

describe('linkWithToken', () => {
  it("keeps the token's = pad raw, so a token copied out of the link works as it is", () => {
    const token = '0O-viWKev0HkdOd7ibyHT_a-QOetRcArIF-IQm8TySM=';
    const link = linkWithToken('http://localhost:3000/authenticate', 'magic_links', token);
    expect(link).toBe(`http://localhost:3000/authenticate?stytch_token_type=magic_links&token=${token}`);
    expect(new URL(link).searchParams.get('token')).toBe(token);
  });

  it("keeps the redirect URL's own query and fragment, replaces a token already there, and encodes anything not base64url", () => {
    const link = linkWithToken('https://app.example.com/auth?next=%2Fhome&token=old#top', 'discovery', 'a b&c');
    const url = new URL(link);
    expect(url.searchParams.get('next')).toBe('/home');
    expect(url.searchParams.getAll('token')).toEqual(['a b&c']);
    expect(url.searchParams.get('stytch_token_type')).toBe('discovery');
    expect(url.hash).toBe('#top');
  });
});
