import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/domain/errors.js';
import { normalizeOrigin, originAllowed } from '../../src/domain/sdk/origins.js';

describe('frontend API origins', () => {
  it('normalizes scheme://host[:port] as browsers send it', () => {
    expect(normalizeOrigin('https://App.Example.com')).toBe('https://app.example.com');
    expect(normalizeOrigin('https://app.example.com:443/')).toBe('https://app.example.com');
    expect(normalizeOrigin('http://localhost:3000')).toBe('http://localhost:3000');
    expect(normalizeOrigin(' http://[::1]:8080 ')).toBe('http://[::1]:8080');
  });
  it('refuses paths, queries, fragments, user info, other schemes and non-URLs', () => {
    for (const bad of ['https://a.com/app', 'https://a.com?x=1', 'https://a.com#f', 'https://u:p@a.com', 'ftp://a.com', 'a.com', '*', 'null', '']) {
      expect(() => normalizeOrigin(bad), bad).toThrow(ApiError);
    }
  });
  it('test projects allow loopback http on any port; live projects only what they list; null never', () => {
    expect(originAllowed('http://localhost:5173', 'test', [])).toBe(true);
    expect(originAllowed('http://127.0.0.1:4000', 'test', [])).toBe(true);
    expect(originAllowed('http://localhost:5173', 'live', [])).toBe(false);
    expect(originAllowed('https://localhost:5173', 'test', [])).toBe(false);
    expect(originAllowed('http://localhost.evil.com', 'test', [])).toBe(false);
    expect(originAllowed('https://app.example.com', 'live', ['https://app.example.com'])).toBe(true);
    expect(originAllowed('null', 'test', ['null'])).toBe(false);
  });
});
