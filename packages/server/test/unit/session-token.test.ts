import { describe, expect, it } from 'vitest';
import { deriveSessionToken, digestsEqual, newTokenSalt, sessionTokenKey, sha256 } from '../../src/crypto/session-token.js';

describe('session tokens', () => {
  const key = sessionTokenKey(new Uint8Array(32).fill(7), 'project-test-00000000-0000-0000-0000-000000000000');
  it('are 44-character base64url strings, deterministic per (session, salt)', () => {
    const salt = newTokenSalt();
    const t = deriveSessionToken(key, 'session-test-1', salt);
    expect(t).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(deriveSessionToken(key, 'session-test-1', salt)).toBe(t);
    expect(deriveSessionToken(key, 'session-test-1', newTokenSalt())).not.toBe(t);
    expect(deriveSessionToken(key, 'session-test-2', salt)).not.toBe(t);
  });
  it('depend on the project and the master key', () => {
    const other = sessionTokenKey(new Uint8Array(32).fill(7), 'project-test-11111111-1111-1111-1111-111111111111');
    const otherMaster = sessionTokenKey(new Uint8Array(32).fill(8), 'project-test-00000000-0000-0000-0000-000000000000');
    expect(deriveSessionToken(other, 's', 'x')).not.toBe(deriveSessionToken(key, 's', 'x'));
    expect(deriveSessionToken(otherMaster, 's', 'x')).not.toBe(deriveSessionToken(key, 's', 'x'));
  });
  it('are looked up by SHA-256, compared in constant time', () => {
    expect(sha256('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    expect(digestsEqual(sha256('a'), sha256('a'))).toBe(true);
    expect(digestsEqual(sha256('a'), sha256('b'))).toBe(false);
    expect(digestsEqual('short', sha256('b'))).toBe(false);
  });
});
